import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO, cleanEnv, platformSecrets } from "./run";

jest.setTimeout(120_000);

test("the bin dispatches check as `npm run check` runs it", () => {
    const run = platformSecrets(["check", "--stack", "dev", "--json"]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ project: "platform-secrets", stack: "dev", environment: "dev" });
});

test("an unknown command exits 2 and lists the commands", () => {
    const run = platformSecrets(["deploy"]);
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe('error: unknown command "deploy"; use one of: check, docs, export, env-schema');
});

test("platform-secrets/runtime resolves by package name to the build, which requires nothing", () => {
    const built = path.join(REPO, "dist/runtime/index.js");
    expect(fs.readFileSync(built, "utf8")).not.toMatch(/require\(/);
    const run = spawnSync(process.execPath, ["-e", "const r = require('platform-secrets/runtime'); console.log(require.resolve('platform-secrets/runtime'), typeof r.assertEnvironment, typeof r.validateEnvironment)"], { cwd: REPO, env: cleanEnv(), encoding: "utf8" });
    expect(run.stdout.trim()).toBe(`${built} function function`);
});
