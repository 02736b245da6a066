import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError, Option } from "commander";
import { EXIT_ATTENTION, FAIL_ON, FailOn, formatAttention, rotationAttention } from "../offline/attention";
import { ConfigError, loadProgramConfig } from "../offline/config";
import { formatHuman, skippedSecrets } from "../offline/human";
import { PolicyError, packConfigFileFor, policySection, productionEnvironments } from "../offline/policies";
import { reportExitCode, reportOfRun } from "../offline/report";
import { accessSection } from "../offline/access";
import { NOW_ENV, runProgram } from "../offline/runner";
import { parseIsoInstant } from "../components/rotation/clock";

/**
 * `npm run check -- [--stack NAME] [--config-file PATH] [--cwd DIR] [--policy-config FILE] [--now ISO-8601] [--fail-on overdue|due-soon] [--json]`
 * Exit status: 0 fine, 1 a mandatory policy violated, 2 invalid configuration, program or arguments,
 * 3 rotation needs attention (only with `--fail-on`; 1 and 2 win over it).
 */

const EXIT_INVALID = 2;

export interface CheckOptions {
    stack: string;
    configFile?: string;
    cwd: string;
    policyConfig?: string;
    now?: string;
    failOn?: FailOn;
    json?: boolean;
}

/** A usage or input problem: reported as is, exit 2. */
class UsageError extends Error {}

/**
 * Where the user typed the command: npm runs scripts from the package root and keeps the
 * caller's directory in INIT_CWD, and relative paths must mean what the user meant.
 */
export function invocationDir(env: NodeJS.ProcessEnv = process.env): string {
    return env.npm_lifecycle_event === "check" && env.INIT_CWD ? env.INIT_CWD : process.cwd();
}

/** @param label what the user set, for the message: `--now` or `PLATFORM_SECRETS_NOW`. */
export function parseNow(value: string | undefined, label = "--now"): Date {
    if (value === undefined) return new Date();
    const time = parseIsoInstant(value);
    if (time === undefined) {
        throw new UsageError(`${label}: ${JSON.stringify(value)} is not an ISO-8601 date or time; use e.g. 2026-11-23 or 2026-11-23T12:00:00Z`);
    }
    return time;
}

/** `--policy-config`: a JSON object, as `pulumi preview --policy-pack-config` takes. */
export function readPolicyConfig(file: string | undefined, from: string): Record<string, unknown> | undefined {
    if (file === undefined) return undefined;
    let parsed: unknown;
    try {
        parsed = JSON.parse(fs.readFileSync(path.resolve(from, file), "utf8"));
    } catch (e) {
        const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : `not valid JSON: ${(e as Error).message}`;
        throw new UsageError(`--policy-config ${file}: ${reason}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new UsageError(`--policy-config ${file}: must be a JSON object mapping policy names to their configuration`);
    }
    return parsed as Record<string, unknown>;
}

export function parseArguments(argv: string[]): CheckOptions {
    const program = new Command("check")
        .description("Run a Pulumi program offline under mocks and report the secrets and resources it declares.")
        .option("--stack <name>", "stack whose Pulumi.<stack>.yaml is used", "dev")
        .option("--config-file <path>", "stack configuration file to use instead of Pulumi.<stack>.yaml")
        // The current directory: the project a composing team runs `npx platform-secrets` in, and the
        // package root under `npm run` (npm runs scripts there).
        .option("--cwd <dir>", "directory of the Pulumi program", process.cwd())
        .option("--policy-config <file>", "policy configuration (JSON), as for --policy-pack-config")
        .option("--now <iso-8601>", "the date rotation is computed from (sets PLATFORM_SECRETS_NOW for the program)")
        .addOption(new Option("--fail-on <when>", "exit 3 when a secret is overdue (or, in production, an external one has no lastRotated); due-soon adds those due within rotationWarningDays").choices(FAIL_ON))
        .option("--json", "print one JSON document on stdout")
        .allowExcessArguments(false)
        .exitOverride()
        .configureOutput({ writeErr: (s) => process.stderr.write(s) });
    try {
        program.parse(argv, { from: "user" });
    } catch (e) {
        if (e instanceof CommanderError && (e.code === "commander.helpDisplayed" || e.code === "commander.version")) {
            process.exit(0);
        }
        // Commander has already printed the problem.
        process.exit(EXIT_INVALID);
    }
    return program.opts<CheckOptions>();
}

function fail(messages: string[]): never {
    for (const m of messages) process.stderr.write(`error: ${m}\n`);
    process.exit(EXIT_INVALID);
}

function warn(messages: string[]): void {
    for (const m of messages) process.stderr.write(`warning: ${m}\n`);
}

export async function main(argv: string[]): Promise<void> {
    const options = parseArguments(argv);
    const from = invocationDir();
    // --now wins; without it a PLATFORM_SECRETS_NOW the user exported applies, as it would to pulumi preview.
    const now = options.now !== undefined || !process.env[NOW_ENV] ? parseNow(options.now) : parseNow(process.env[NOW_ENV], NOW_ENV);
    const policyConfig = readPolicyConfig(options.policyConfig, from);
    const config = loadProgramConfig({
        programDir: path.resolve(from, options.cwd),
        stack: options.stack,
        configFile: options.configFile,
        invocationDir: from,
    });
    // Node exits quietly once nothing is pending, even while a program awaits a promise that can
    // never settle: that must not pass as a clean check.
    const unfinished = () => fail([`${config.programDir}: the program never finished: it awaits a promise that never settles`]);
    process.once("beforeExit", unfinished);
    // The program and the report see the same instant, even across midnight.
    const run = await runProgram(config, { now });
    process.off("beforeExit", unfinished);
    warn(run.warnings);
    if (run.errors.length > 0) fail(run.errors);
    const report = reportOfRun(config, run, now, [accessSection, policySection()], policyConfig);
    const out = options.json ? `${JSON.stringify(report, null, 2)}\n` : formatHuman(report, config.programDir, now, {
        skipped: skippedSecrets(run.recorder.resources),
        policyConfig: options.policyConfig !== undefined ? `${options.policyConfig} (--policy-config)`
            : `${path.relative(from, packConfigFileFor({ project: config.project, config: config.config, recorder: run.recorder }, report.environment)) || "."} (for environment ${report.environment ?? "none"})`,
    });
    let code: number = reportExitCode(report);
    if (options.failOn !== undefined) {
        const attention = rotationAttention(report, options.failOn, productionEnvironments({ project: config.project, config: config.config }));
        // Told whatever the exit status (an alert names every secret); exit 3 only when nothing worse happened.
        if (attention.length > 0) {
            process.stderr.write(formatAttention(attention, options.failOn));
            if (code === 0) code = EXIT_ATTENTION;
        }
    }
    // Exit once stdout is flushed: a pipe reader must get the whole document.
    process.stdout.write(out, () => process.exit(code));
}

/** The command as a process runs it: expected problems are one message each, exit 2, no stack trace. */
export function cli(argv: string[]): void {
    main(argv).catch((e: unknown) => {
        const expected = e instanceof ConfigError || e instanceof UsageError || e instanceof PolicyError;
        fail([expected ? (e as Error).message : `check failed: ${e instanceof Error ? e.message : String(e)}`]);
    });
}

if (require.main === module) cli(process.argv.slice(2));
