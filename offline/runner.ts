import * as path from "path";
import type { Mocks } from "@pulumi/pulumi/runtime/mocks";
import { ConfigError, ProgramConfig, SdkConfigParts, patchSecretGetters } from "./config";
import { ensureTypeScript, loadEntrypoint, resolveEntrypoint } from "./entrypoint";
import { engineUrn, offlineMocks } from "./mocks";
import { RegistrationRecorder, mockMonitor, redact } from "./recorder";

/**
 * Runs a Pulumi program under the SDK's mock monitor, as `@pulumi/pulumi/cmd/run/run.js` runs it
 * under the engine (that module cannot be required: its package index starts a run on load).
 *
 * Mirrors run.js: config through PULUMI_CONFIG, chdir to the program, entry point from
 * Pulumi.yaml `main` / package.json / the directory, the program run inside `runInPulumiStack`
 * (so its exports become stack outputs and its resources children of the Stack), an exported
 * function called and awaited, RunError/ResourceError/uncaught errors reported once, message only.
 *
 * Differs on purpose: always a preview (`dryRun`), against mocks whose URNs are made
 * engine-style; `secure:` values are unknown secrets instead of decrypted; stack transforms are
 * accepted but not applied (the mock monitor does not run them); ts-node is reused from this
 * process when present; every error is reported without a stack trace; program output to stdout
 * goes to stderr, so stdout stays machine-readable.
 */

export interface Diagnostics {
    /** `pulumi.log.warn` messages and the runner's own warnings. */
    warnings: string[];
    /** What made the run fail: program errors and `pulumi.log.error` messages. Never stack traces. */
    errors: string[];
}

export interface RunResult extends Diagnostics {
    recorder: RegistrationRecorder;
    /** The Stack's outputs in wire form, secrets redacted: safe to print. */
    stackOutputs: Record<string, unknown>;
}

type LogFunction = (message: string, ...rest: unknown[]) => Promise<void>;

/**
 * The parts of the SDK's `runtime` the runner calls, as `@pulumi/pulumi/runtime` declares them
 * (`waitForRPCs` is exported by runtime/settings.js but not declared in its typings).
 */
interface SdkRuntime {
    setAllConfig(config: Record<string, string>, secretKeys?: string[]): void;
    setMocks(mocks: Mocks, project?: string, stack?: string, preview?: boolean, organization?: string): Promise<void>;
    getMonitor(): unknown;
    runInPulumiStack(init: () => Promise<unknown>): Promise<unknown>;
    waitForRPCs(): Promise<void>;
}

/** The program's own copy of the SDK: `setMocks` must act on the instance the program uses. */
interface Sdk {
    runtime: SdkRuntime;
    log: { warn: LogFunction; error: LogFunction; info: LogFunction; debug: LogFunction };
    Config: SdkConfigParts["Config"];
    Output: SdkConfigParts["Output"];
}

/** The module as `@pulumi/pulumi`'s index exports it. */
interface SdkIndex {
    runtime: SdkRuntime;
    log: Sdk["log"];
    Config: Sdk["Config"];
}

function loadSdk(programDir: string): Sdk {
    let main: string;
    try {
        main = require.resolve("@pulumi/pulumi", { paths: [programDir] });
    } catch {
        throw new ConfigError(`${programDir}: @pulumi/pulumi is not installed for this program; run npm install in the project directory`);
    }
    const root = path.dirname(main);
    // Loaded by path, from wherever the program's dependencies are: a static import would load ours.
    const pulumi = module.require(main) as SdkIndex;
    const output = module.require(path.join(root, "output")) as { Output: Sdk["Output"] };
    return {
        runtime: pulumi.runtime,
        log: pulumi.log,
        Config: pulumi.Config,
        Output: output.Output,
    };
}

/** The message a user can act on. Syntax errors keep their code frame, which names file and line. */
export function errorMessage(error: unknown): string {
    if (!(error instanceof Error)) return String(error);
    if ((error.name === "SyntaxError" || error.name === "TSError") && error.stack) {
        const [frame] = error.stack.split(error.message);
        return frame.includes("\n") ? `${frame}${error.message}`.trim() : error.message;
    }
    return error.message;
}

/** Timers (setTimeout/setInterval) alive in this process. */
function pendingTimers(): number {
    return process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
}

/** Waits until no more timers are alive than `baseline`, at most `limitMs`; returns how many are left. */
async function drainTimers(baseline: number, limitMs: number): Promise<number> {
    const deadline = Date.now() + limitMs;
    while (pendingTimers() > baseline && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return Math.max(0, pendingTimers() - baseline);
}

/**
 * Each failure once: the SDK restates an error inside its own ("failed to register new resource
 * pet [...]: <message>"), so a message that contains another of the list is dropped.
 */
export function withoutRestatements(messages: readonly string[]): string[] {
    const unique = [...new Set(messages)];
    return unique.filter((m) => !unique.some((other) => other !== m && m.includes(other)));
}

/** Collects each error once, like run.js: one failure surfaces through many rejected promises. */
export class ErrorCollector {
    readonly messages: string[] = [];
    private readonly seen = new Set<unknown>();

    add = (error: unknown): void => {
        if (this.seen.has(error)) return;
        this.seen.add(error);
        const message = errorMessage(error);
        if (!this.messages.includes(message)) this.messages.push(message);
    };
}

/** Routes `pulumi.log` away from the (absent) engine into the result; returns the restore function. */
function captureLog(log: Sdk["log"], diagnostics: Diagnostics): () => void {
    const originals = { ...log };
    const collect = (list: string[]) => (message: unknown) => {
        list.push(String(message));
        return Promise.resolve();
    };
    log.warn = collect(diagnostics.warnings);
    log.error = collect(diagnostics.errors);
    log.info = (message: unknown) => {
        process.stderr.write(`info: ${String(message)}\n`);
        return Promise.resolve();
    };
    log.debug = () => Promise.resolve();
    return () => Object.assign(log, originals);
}

/** Whatever the program prints goes to stderr: stdout carries only the report. */
function stdoutToStderr(): () => void {
    const write = process.stdout.write;
    process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
    return () => {
        process.stdout.write = write;
    };
}

/** Read by the program's rotation schedule (`components/rotation/clock.ts`); kept here free of imports. */
export const NOW_ENV = "PLATFORM_SECRETS_NOW";

export interface RunOptions {
    /**
     * The date the program computes rotation from (`check --now`), passed as `PLATFORM_SECRETS_NOW`.
     * @default the variable as the caller set it, else the program uses the current time
     */
    now?: Date;
    /** Generated values from Node's crypto (the sandbox), not repeatable ones. @default false */
    freshValues?: boolean;
    /** How long to wait for timers the program left running (they can still fail it). @default 30000 */
    timerWaitMs?: number;
}

function setConfigEnvironment(config: ProgramConfig, options: RunOptions): void {
    if (options.now !== undefined) {
        process.env[NOW_ENV] = options.now.toISOString();
    }
    // Read by the SDK when it loads; `setAllConfig` below covers an SDK that is already loaded.
    process.env.PULUMI_CONFIG = JSON.stringify(config.config);
    process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify(config.secretKeys);
    process.env.PULUMI_NODEJS_PROJECT = config.project;
    process.env.PULUMI_NODEJS_STACK = config.stack;
    process.env.PULUMI_NODEJS_ROOT_DIRECTORY = config.programDir;
    process.env.PLATFORM_SECRETS_CONFIG_FILE = config.stackFileLabel;
}

/** The organization a local backend reports; the mock monitor requires one for `getOrganization()`. */
const ORGANIZATION = "organization";

export async function runProgram(config: ProgramConfig, options: RunOptions = {}): Promise<RunResult> {
    const diagnostics: Diagnostics = { warnings: [...config.warnings], errors: [] };
    const collector = new ErrorCollector();
    setConfigEnvironment(config, options);
    const sdk = loadSdk(config.programDir);
    sdk.runtime.setAllConfig(config.config, config.secretKeys);
    patchSecretGetters({ Config: sdk.Config, Output: sdk.Output }, config.secretKeys);
    const restoreLog = captureLog(sdk.log, diagnostics);
    const defaultRegion = config.config["aws:region"] || "us-east-1";
    sdk.runtime.setMocks(offlineMocks({ defaultRegion, freshValues: options.freshValues }), config.project, config.stack, true, ORGANIZATION);
    const monitor = mockMonitor(sdk.runtime.getMonitor());
    monitor.newUrn = engineUrn(config.stack, config.project);
    const recorder = RegistrationRecorder.attach(monitor);

    const entry = resolveEntrypoint(config.programDir, config.main);
    diagnostics.warnings.push(...entry.warnings);
    // Left installed after the run: a late rejection must not crash the process with a stack trace.
    process.on("unhandledRejection", collector.add);
    process.on("uncaughtException", collector.add);
    const restoreStdout = stdoutToStderr();
    const cwd = process.cwd();
    const timersBefore = pendingTimers();
    try {
        process.chdir(config.programDir);
        ensureTypeScript(entry.program, config.programDir);
        await sdk.runtime.runInPulumiStack(async () => {
            const exported = await loadEntrypoint(entry);
            return await (exported instanceof Function ? exported() : exported);
        });
    } catch (error) {
        collector.add(error);
    }
    try {
        await sdk.runtime.waitForRPCs();
        // The language host's process lives until its event loop is empty, so a timer the program
        // left running can still fail the preview; check waits for them as well.
        const left = await drainTimers(timersBefore, options.timerWaitMs ?? 30_000);
        if (left > 0) diagnostics.warnings.push(`the program still has ${left} timer(s) pending after ${Math.round((options.timerWaitMs ?? 30_000) / 1000)} s; check stopped waiting for them`);
        await sdk.runtime.waitForRPCs();
        // Rejections nobody handled are reported on a later turn of the event loop.
        await new Promise((resolve) => setImmediate(resolve));
    } catch (error) {
        collector.add(error);
    } finally {
        process.chdir(cwd);
        restoreStdout();
        restoreLog();
    }
    for (const message of recorder.refused) collector.add(message);
    const root = recorder.resources.find((r) => r.type === "pulumi:pulumi:Stack" && r.parent === null);
    return {
        recorder,
        stackOutputs: (redact(root?.wireOutputs ?? {}) as Record<string, unknown>),
        warnings: diagnostics.warnings,
        errors: withoutRestatements([...collector.messages, ...diagnostics.errors]),
    };
}
