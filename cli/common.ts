import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError, OptionValues } from "commander";
import { ConfigError } from "../offline/config";
import { LoadedCatalog, loadCatalog } from "../offline/catalog";
import { NOW_ENV } from "../offline/runner";
import { parseNow } from "./check";

/**
 * What `docs`, `export` and `env-schema` share with `check`: the options that select the stack
 * configuration, its loading and validation, exit status 2 for bad input (every problem, no
 * stack trace), and output to stdout or to a file.
 */

export const EXIT_INVALID = 2;

/** A usage or input problem: reported as is, exit 2. */
export class UsageError extends Error {}

export interface StackOptions {
    stack: string;
    configFile?: string;
    cwd: string;
    output?: string;
    force?: boolean;
}

/** A command with the stack options every command accepts. */
export function stackCommand(name: string, description: string): Command {
    return new Command(name)
        .description(description)
        .option("--stack <name>", "stack whose Pulumi.<stack>.yaml is used", "dev")
        .option("--config-file <path>", "stack configuration file to use instead of Pulumi.<stack>.yaml")
        // The current directory: the project a composing team runs `npx platform-secrets` in, and the
        // package root under `npm run` (npm runs scripts there).
        .option("--cwd <dir>", "directory of the Pulumi project", process.cwd())
        .option("--output <file>", "write to this file (mode 0600) instead of stdout")
        .option("--force", "overwrite the --output file if it exists")
        .allowExcessArguments(false)
        .exitOverride()
        .configureOutput({ writeErr: (s) => process.stderr.write(s) });
}

/** Parses `argv`; help exits 0, any usage mistake exits 2 (commander has printed it). */
export function parseWith<T extends OptionValues>(program: Command, argv: string[]): T {
    try {
        program.parse(argv, { from: "user" });
    } catch (e) {
        if (e instanceof CommanderError && (e.code === "commander.helpDisplayed" || e.code === "commander.version")) process.exit(0);
        process.exit(EXIT_INVALID);
    }
    return program.opts<T>();
}

/**
 * Where the user typed the command: npm runs scripts from the package root and keeps the
 * caller's directory in INIT_CWD, and relative paths must mean what the user meant.
 */
export function callerDir(command: string, env: NodeJS.ProcessEnv = process.env): string {
    return env.npm_lifecycle_event === command && env.INIT_CWD ? env.INIT_CWD : process.cwd();
}

/** `--now`, else `PLATFORM_SECRETS_NOW`, else the current time: as `check` decides. */
export function commandNow(now: string | undefined, env: NodeJS.ProcessEnv = process.env): Date {
    try {
        return now !== undefined || !env[NOW_ENV] ? parseNow(now) : parseNow(env[NOW_ENV], NOW_ENV);
    } catch (e) {
        throw new UsageError((e as Error).message);
    }
}

export function loadStack(command: string, options: StackOptions, now: Date): LoadedCatalog {
    const from = callerDir(command);
    return loadCatalog({ programDir: path.resolve(from, options.cwd), stack: options.stack, configFile: options.configFile, invocationDir: from, now });
}

/** `--consumer NAME`: a consumer the stack declares, or a usage error listing the ones it does. */
export function requireConsumer(loaded: LoadedCatalog, consumer: string): void {
    if (loaded.catalog.consumers[consumer]) return;
    const known = Object.keys(loaded.catalog.consumers).join(", ") || "(none declared)";
    throw new UsageError(`--consumer ${consumer}: not a consumer of ${loaded.program.stackFileLabel}; use one of: ${known}`);
}

/**
 * Writes `text` to `--output` (created with mode 0600, never replacing a file without `--force`)
 * or to stdout, then exits 0 once it is flushed.
 */
export function emit(command: string, text: string, options: StackOptions): void {
    if (options.output === undefined) {
        process.stdout.write(text, () => process.exit(0));
        return;
    }
    const file = path.resolve(callerDir(command), options.output);
    try {
        // `wx` fails on an existing file; with --force the file is replaced and its mode reset.
        if (options.force && fs.existsSync(file)) fs.rmSync(file);
        fs.writeFileSync(file, text, { mode: 0o600, flag: "wx" });
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        const reason = code === "EEXIST" ? "already exists; add --force to replace it"
            : code === "ENOENT" ? "its directory does not exist" : `cannot be written (${code ?? (e as Error).message})`;
        throw new UsageError(`--output ${options.output}: ${reason}`);
    }
    process.stderr.write(`wrote ${options.output}\n`);
    process.exit(0);
}

export function fail(messages: string[]): never {
    for (const m of messages) process.stderr.write(`error: ${m}\n`);
    process.exit(EXIT_INVALID);
}

/** Runs a command's main: expected problems are one message each, exit 2, never a stack trace. */
export function runCommand(name: string, main: (argv: string[]) => void, argv: string[]): void {
    try {
        main(argv);
    } catch (e) {
        const expected = e instanceof ConfigError || e instanceof UsageError;
        fail([expected ? (e as Error).message : `${name} failed: ${e instanceof Error ? e.message : String(e)}`]);
    }
}
