import { spawnSync } from "child_process";
import * as path from "path";
import { CheckRun, REPO } from "../check/run";

/** Runs `platform-secrets <command>` through the package's bin, as a user does, in a child process. */

export { REPO };
export const BIN = path.join(REPO, "bin/platform-secrets.js");

/** The environment without anything a parent Pulumi or npm process could leak into the run. */
export function cleanEnv(): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const key of Object.keys(env)) {
        if (key.startsWith("PULUMI_") || key.startsWith("PLATFORM_SECRETS_") || key === "INIT_CWD" || key.startsWith("npm_")) delete env[key];
    }
    return env;
}

export function platformSecrets(args: string[], cwd = REPO): CheckRun {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(), encoding: "utf8" });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
