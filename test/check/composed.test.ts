import * as path from "path";
import { FIXTURES, runCheck } from "./run";

/**
 * A team's stack that composes PlatformSecrets with `environment: "prod"` as an argument, exporting
 * nothing (test/fixtures/composed): check recognises the environment from the component.
 */
const cwd = path.join(FIXTURES, "composed");

test("the environment comes from the component, and the production pack config is used and named", async () => {
    const [json, human] = await Promise.all([
        runCheck(["--cwd", cwd, "--stack", "prod", "--json"]),
        runCheck(["--cwd", cwd, "--stack", "prod"]),
    ]);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout).environment).toBe("prod");
    expect(human.stdout).toMatch(/^policies: {4}policies\/config\/prod\.json \(for environment prod\)$/m);
});

test("components of two environments in one stack are a violation, judged with the stricter config", async () => {
    const run = await runCheck(["--cwd", cwd, "--stack", "mixed", "--json"]);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { environment: string | null; violations: { policy: string; message: string; enforcementLevel: string }[] };
    expect(report.environment).toBeNull();
    expect(report.violations).toContainEqual(expect.objectContaining({
        policy: "secret-environment-separation",
        enforcementLevel: "mandatory",
        message: "resources carry the marks of several environments (dev, prod); one stack serves one environment",
    }));
    const human = await runCheck(["--cwd", cwd, "--stack", "mixed"]);
    expect(human.stdout).toMatch(/^policies: {4}policies\/config\/prod\.json \(for environment none\)$/m);
});
