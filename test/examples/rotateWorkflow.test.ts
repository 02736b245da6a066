import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** The example daily rotation workflow (examples/ci/rotate.yml) as a user copies it. */

const REPO = path.resolve(__dirname, "../..");
interface Step { name?: string; uses?: string; run?: string; if?: string; with?: Record<string, unknown> }
const workflow = parse(fs.readFileSync(path.join(REPO, "examples/ci/rotate.yml"), "utf8")) as {
    jobs: Record<string, { strategy?: { matrix?: { stack?: string[] } }; steps: Step[] }>;
};
const [job] = Object.values(workflow.jobs);

test("it names only stacks this repository has", () => {
    const stacks = job.strategy?.matrix?.stack ?? [];
    expect(stacks.length).toBeGreaterThan(0);
    for (const stack of stacks) expect(fs.existsSync(path.join(REPO, `Pulumi.${stack}.yaml`))).toBe(true);
});

test("the attention gate runs after pulumi up and cannot stop it", () => {
    const up = job.steps.findIndex((s) => s.uses?.startsWith("pulumi/actions") && s.with?.command === "up");
    const gate = job.steps.findIndex((s) => (s.run ?? "").includes("--fail-on"));
    expect(up).toBeGreaterThan(-1);
    expect(gate).toBeGreaterThan(up);
    // Nothing before `up` uses --fail-on, and the gate runs whatever happened before it.
    expect(job.steps.slice(0, up).filter((s) => (s.run ?? "").includes("--fail-on"))).toEqual([]);
    expect(job.steps[gate].if).toMatch(/^always\(\)/);
});

test("it runs on a Node version the suite is tested on (.ci/with-node and the CI machine's Node 20)", () => {
    const setup = job.steps.find((s) => s.uses?.startsWith("actions/setup-node"));
    const tested = ["20", fs.readFileSync(path.join(REPO, "package.json"), "utf8").match(/with-node (\d+)\./)?.[1]];
    expect(tested).toContain(String(setup?.with?.["node-version"]));
});
