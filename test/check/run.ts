import { spawn } from "child_process";
import * as path from "path";

/** Runs `check` as a user would, in a child process, and collects its output. */

export const REPO = path.resolve(__dirname, "../..");
export const FIXTURES = path.join(REPO, "test/fixtures");

export interface CheckRun {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** The environment without anything a parent Pulumi or npm process could leak into the run. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    const env = { ...process.env, ...extra };
    for (const key of Object.keys(env)) {
        if (key.startsWith("PULUMI_") || key === "PLATFORM_SECRETS_CONFIG_FILE" || key === "PLATFORM_SECRETS_NOW" || key === "INIT_CWD" || key.startsWith("npm_")) {
            delete env[key];
        }
    }
    return env;
}

function collect(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CheckRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("close", (status) => resolve({ status, stdout, stderr }));
    });
}

/** `ts-node --transpile-only cli/check.ts ...args`, from the repository root. */
export function runCheck(args: string[]): Promise<CheckRun> {
    const tsNode = path.join(REPO, "node_modules/ts-node/dist/bin.js");
    return collect(process.execPath, [tsNode, "--transpile-only", path.join(REPO, "cli/check.ts"), ...args], REPO, cleanEnv({}));
}

/**
 * `npm run check -- ...args`, typed in `cwd` exactly as the README and the contract write it:
 * with `--json`, `npm run -s` (npm's own banner would precede the document on stdout).
 */
export function npmRunCheck(args: string[], cwd: string): Promise<CheckRun> {
    const npmArgs = args.includes("--json") ? ["run", "-s", "check", "--"] : ["run", "check", "--"];
    return collect("npm", [...npmArgs, ...args], cwd, cleanEnv({}));
}

/** Lines of a Node stack trace. */
export function stackTraceLines(text: string): string[] {
    return text.split("\n").filter((l) => /^\s+at /.test(l));
}
