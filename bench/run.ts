/**
 * `npm run bench [-- --sizes 10,100,1000 --reps 3 --variants naive,module-none,module-group --gc predictable|default --no-live-heap --out bench/results.md]`
 *
 * Investigation aids: `--profile` writes a CPU profile per run (summarize with bench/profile.ts);
 * `--no-live-heap` skips the untimed run per variant and size that measures the live heap (see Measurement.peakLiveHeapKb);
 * `--variants naive,naive-components,module-none` separates the cost of one component per secret;
 * `--gc default` measures peaks under V8's own, timing-dependent heap growth (see GC_FLAGS).
 *
 * Runs every measurement in a fresh worker process (see worker.ts), interleaving the variants so
 * that drift on a shared machine hits them alike, and prints a markdown table of medians.
 */
import { fork } from "child_process";
import { mkdirSync, writeFileSync } from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { describeMachine, loadAverage } from "./machine";
import { DEFAULT_VARIANTS, Job, Measurement, VARIANTS, Variant, WorkerMessage } from "./protocol";
import { renderReport } from "./report";
import { Summary, sameCustomResources, summarize } from "./stats";

const WORKER = path.join(__dirname, "worker.ts");

/**
 * V8 sizes the old generation by a growing factor computed from measured GC and mutator speed, so
 * on a shared 2-core host identical runs peak at either of two levels ~1.3x apart (seen here:
 * naive 941/951/1159 MB, module 1277/1281/907 MB at 1000 secrets). `--predictable-gc-schedule`
 * fixes that factor for every variant alike, so a peak depends far less on how busy the CPU was
 * when V8 decided to grow the heap (spread of identical runs then within ~1.1x, not ~1.3x).
 */
const GC_FLAGS: Record<GcMode, string[]> = { predictable: ["--predictable-gc-schedule"], default: [] };
type GcMode = "predictable" | "default";
const PROFILE_DIR = path.join(__dirname, ".profiles");
/** A 1000-secret run takes ~35 s here; anything near this is a hang, not a slow run. */
const WORKER_TIMEOUT_MS = 10 * 60 * 1000;

interface Options {
    sizes: number[];
    /** Repetitions per size. */
    reps: (size: number) => number;
    variants: Variant[];
    out: string;
    profile: boolean;
    liveHeap: boolean;
    gc: GcMode;
}

/**
 * Default repetitions: 5 below 1000 secrets; 2 from 1000, where one run takes 20-40 s on the
 * 2-core host: the default bench then takes about 4.5 minutes, and a third repetition would add 1.5.
 */
function defaultReps(size: number): number {
    return size >= 1000 ? 2 : 5;
}

/** An option parseArgs gives a default: its typings still say it may be absent. */
function defaulted<T>(value: T | undefined, option: string): T {
    if (value === undefined) throw new Error(`--${option}: no value, though the option has a default`);
    return value;
}

function parseOptions(argv: string[]): Options {
    const { values } = parseArgs({
        args: argv,
        options: {
            sizes: { type: "string", default: "10,100,1000" },
            reps: { type: "string" },
            variants: { type: "string", default: DEFAULT_VARIANTS.join(",") },
            out: { type: "string", default: path.join(__dirname, "results.md") },
            profile: { type: "boolean", default: false },
            "no-live-heap": { type: "boolean", default: false },
            // Accepted for the command lines written when the live-heap run was opt-in.
            "live-heap": { type: "boolean", default: false },
            gc: { type: "string", default: "predictable" },
        },
    });
    const sizes = defaulted(values.sizes, "sizes").split(",").map(Number);
    if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes: positive integers, got ${values.sizes}`);
    const reps = values.reps === undefined ? undefined : Number(values.reps);
    if (reps !== undefined && (!Number.isInteger(reps) || reps < 1)) throw new Error(`--reps: a positive integer, got ${values.reps}`);
    const variants = defaulted(values.variants, "variants").split(",") as Variant[];
    const unknown = variants.filter((v) => !VARIANTS.includes(v));
    if (unknown.length > 0) throw new Error(`--variants: unknown ${unknown.join(", ")}; use ${VARIANTS.join(", ")}`);
    if (values.gc !== "predictable" && values.gc !== "default") throw new Error(`--gc: predictable or default, got ${values.gc}`);
    return {
        gc: values.gc,
        sizes: [...new Set(sizes)].sort((a, b) => a - b),
        reps: (size) => reps ?? defaultReps(size),
        variants,
        out: defaulted(values.out, "out"),
        profile: defaulted(values.profile, "profile"),
        liveHeap: !defaulted(values["no-live-heap"], "no-live-heap"),
    };
}

function runWorker(job: Job, profile: boolean, gc: GcMode): Promise<Measurement> {
    const execArgv = ["-r", "ts-node/register/transpile-only", ...(job.liveHeap ? ["--expose-gc"] : []), ...GC_FLAGS[gc]];
    if (profile && !job.liveHeap) {
        mkdirSync(PROFILE_DIR, { recursive: true });
        execArgv.push("--cpu-prof", "--cpu-prof-dir", PROFILE_DIR, "--cpu-prof-name", `${job.variant}-${job.size}-${Date.now()}.cpuprofile`);
    }
    return new Promise((resolve, reject) => {
        // A clean environment for the SDK: no PULUMI_* settings from the caller's shell leak in.
        const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("PULUMI_")));
        const child = fork(WORKER, [JSON.stringify(job)], { execArgv, env, stdio: ["ignore", "ignore", "pipe", "ipc"] });
        let stderr = "";
        let message: WorkerMessage | undefined;
        // Piped above, so present.
        if (child.stderr === null) throw new Error(`${job.variant} at ${job.size}: the worker has no stderr pipe`);
        child.stderr.on("data", (d) => (stderr += d));
        child.on("message", (m) => (message = m as WorkerMessage));
        const timer = setTimeout(() => child.kill("SIGKILL"), WORKER_TIMEOUT_MS);
        child.on("exit", (code, signal) => {
            clearTimeout(timer);
            if (message?.ok) resolve(message.result);
            else reject(new Error(`${job.variant} at ${job.size}: ${message ? message.error : `exited ${code ?? signal}`}\n${stderr}`));
        });
    });
}

async function main(): Promise<void> {
    const options = parseOptions(process.argv.slice(2));
    const started = Date.now();
    const loadBefore = loadAverage();
    const total = options.sizes.reduce((n, size) => n + (options.reps(size) + (options.liveHeap ? 1 : 0)) * options.variants.length, 0);
    const runs: Measurement[] = [];
    const heapRuns: Measurement[] = [];
    let done = 0;
    for (const size of options.sizes) {
        for (let rep = 0; rep < options.reps(size); rep++) {
            // Rotate the order each repetition, so no variant always runs first (cold caches) or last.
            const order = options.variants.map((_, i) => options.variants[(i + rep) % options.variants.length]);
            for (const variant of order) {
                const m = await runWorker({ variant, size }, options.profile, options.gc);
                runs.push(m);
                process.stderr.write(`[${++done}/${total}] ${size} ${variant} rep ${rep + 1}: program ${(m.programMs / 1000).toFixed(2)} s, `
                    + `peak ${(m.peakRssKb / 1024).toFixed(0)} MB (${((Date.now() - started) / 1000).toFixed(0)} s elapsed)\n`);
            }
        }
        for (const variant of options.liveHeap ? options.variants : []) {
            const m = await runWorker({ variant, size, liveHeap: true }, false, options.gc);
            heapRuns.push(m);
            process.stderr.write(`[${++done}/${total}] ${size} ${variant} live heap: ${((m.liveHeapKb ?? NaN) / 1024).toFixed(0)} MB declared, `
                + `${((m.peakLiveHeapKb ?? NaN) / 1024).toFixed(0)} MB at most\n`);
        }
    }
    const summaries: Summary[] = [];
    const sameCustom = new Map<number, boolean>();
    for (const size of options.sizes) {
        for (const variant of options.variants) {
            const ofCell = (m: Measurement) => m.size === size && m.variant === variant;
            summaries.push(summarize(runs.filter(ofCell), heapRuns.find(ofCell)));
        }
        const naive = runs.find((m) => m.size === size && m.variant === "naive");
        const module = runs.find((m) => m.size === size && m.variant === "module-none");
        if (naive && module) sameCustom.set(size, sameCustomResources(naive, module));
    }
    const report = renderReport({
        machine: describeMachine(),
        gc: options.gc,
        loadBefore,
        loadAfter: loadAverage(),
        repsBySize: new Map(options.sizes.map((n) => [n, options.reps(n)])),
        summaries,
        sameCustom,
        totalSeconds: (Date.now() - started) / 1000,
    });
    process.stdout.write(report);
    if (options.out) writeFileSync(options.out, report);
    if (options.profile) process.stderr.write(`CPU profiles in ${PROFILE_DIR}; summarize with: npx ts-node --transpile-only bench/profile.ts ${PROFILE_DIR}\n`);
}

main().catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
});
