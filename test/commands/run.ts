import { spawnSync } from "child_process";
import * as path from "path";

/** Runs `platform-secrets <command>` through the package's bin, as a user does, in a child process. */

export const REPO = path.resolve(__dirname, "../..");
export const BIN = path.join(REPO, "bin/platform-secrets.js");

export interface CommandRun {
    status: number | null;
    stdout: string;
    stderr: string;
}

export function cleanEnv(): NodeJS.ProcessEnv {
    const env = { ...process.env };
    for (const key of Object.keys(env)) {
        if (key.startsWith("PULUMI_") || key.startsWith("PLATFORM_SECRETS_") || key === "INIT_CWD" || key.startsWith("npm_")) delete env[key];
    }
    return env;
}

export function platformSecrets(args: string[], cwd = REPO): CommandRun {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(), encoding: "utf8" });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
