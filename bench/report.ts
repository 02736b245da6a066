import { VARIANT_LABELS, Variant } from "./protocol";
import { Summary } from "./stats";

/** The issue's bar at the largest size: the abstractions must cost almost nothing. */
export const RATIO_TARGET = 1.1;
/**
 * Linear growth: the cost of one more secret between the two largest sizes is at most this
 * multiple of its cost between the two smallest. Chosen before measuring; GC work grows with
 * the heap, so even the baseline is not perfectly flat.
 */
export const GROWTH_TARGET = 1.25;

export interface ReportInput {
    machine: string;
    loadBefore: string;
    loadAfter: string;
    repsBySize: Map<number, number>;
    summaries: Summary[];
    /** Whether the module's bundle:none run registered exactly the baseline's custom resources. */
    sameCustom: Map<number, boolean>;
    totalSeconds: number;
    /** How V8 grew the heap in the workers: `predictable` fixes the growing factor. */
    gc: "predictable" | "default";
}

const ms = (v: number) => Math.round(v).toLocaleString("en-US");
const mb = (kb: number) => (kb / 1024).toFixed(0);
const x = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)}×` : "–");
/** Verdict lines: enough digits that the printed ratio shows which side of the target it fell. */
const x3 = (v: number) => `${v.toFixed(3)}×`;
const per = (v: number, n: number, digits = 2) => (v / n).toFixed(digits);

export function renderReport(input: ReportInput): string {
    const { summaries } = input;
    const sizes = [...new Set(summaries.map((s) => s.size))].sort((a, b) => a - b);
    const find = (size: number, variant: Variant) => summaries.find((s) => s.size === size && s.variant === variant);
    const lines: string[] = [];
    lines.push("## Benchmark: the module against the same secrets declared by hand", "");
    lines.push(`Machine: ${input.machine}. Load average before ${input.loadBefore}, after ${input.loadAfter} (shared host: compare ratios, not absolute times).`, "");
    lines.push(
        "Each run is a fresh `node -r ts-node/register/transpile-only` process (how Pulumi runs a TypeScript program, source maps included) "
        + "under the SDK's mock monitor in preview mode. Catalog: N secrets of kinds password, token, jwt, fernet, django, hex, basic-auth and 5% external, "
        + "over N/10 groups; Vault KV v2 and AWS Secrets Manager (us-east-1, one replica region, module-created KMS key); environment `prod`, so stored secrets are protected. "
        + `Variants interleaved, medians of ${[...input.repsBySize].map(([n, r]) => `${r} at ${n}`).join(", ")}. `
        + "Program wall: from constructing the first resource until every registration completed; process total adds Node start-up and module loading.",
        "",
    );
    lines.push("| secrets | variant | program wall (ms) | × naive | CPU (ms) | × naive | ms / secret | time spread | process total (ms) | peak RSS (MB) | × naive | peak spread | program RSS (KB / secret) | custom / secret | components / secret | cloud objects / secret | billable AWS secrets / secret |");
    lines.push("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const size of sizes) {
        const naive = find(size, "naive");
        for (const s of summaries.filter((m) => m.size === size)) {
            const m = s.first;
            lines.push(`| ${size} | ${VARIANT_LABELS[s.variant]} | ${ms(s.programMs)} | ${x(naive ? s.programMs / naive.programMs : NaN)} `
                + `| ${ms(s.programCpuMs)} | ${x(naive ? s.programCpuMs / naive.programCpuMs : NaN)} | ${per(s.programMs, size)} | ${x(s.spread)} `
                + `| ${ms(s.processMs)} | ${mb(s.peakRssKb)} | ${x(naive ? s.peakRssKb / naive.peakRssKb : NaN)} | ${x(s.peakSpread)} | ${per(s.programRssKb, size, 0)} `
                + `| ${per(m.customResources, size)} | ${per(m.componentResources, size)} | ${per(m.cloudObjects, size)} | ${per(m.billableAwsSecrets, size)} |`);
        }
    }
    lines.push("",
        "Spreads: slowest over fastest run, largest over smallest peak, within the cell. Program RSS: peak RSS above the RSS just before the program part. "
        + "Cloud objects: custom resources outside Pulumi state (`random:*` excluded). Billable AWS secrets: Secrets Manager secrets, each replica counted as one, as AWS bills them.",
        "",
        input.gc === "predictable"
            ? "Workers run with `--predictable-gc-schedule`: V8 otherwise picks the old generation's growing factor from measured GC and mutator speed, "
              + "so on a shared host identical runs peak at either of two levels about 1.3× apart, whatever the variant; with the factor fixed, peaks "
              + "of identical runs stay within about 1.1× (concurrent GC threads still move them). `npm run bench -- --gc default` shows the default behaviour."
            : "Workers run with V8's default heap growth, whose growing factor depends on measured GC and mutator speed: identical runs can peak at "
              + "two levels about 1.3× apart, so compare peaks only over many repetitions (`--gc predictable` fixes the factor).",
        "");
    lines.push(...liveHeapSection(sizes, summaries, find));
    lines.push(...growthSection(sizes, find));
    lines.push(...targetSection(sizes, find, input.sameCustom));
    lines.push("", `Total bench wall time: ${input.totalSeconds.toFixed(0)} s.`);
    return lines.join("\n") + "\n";
}

type Finder = (size: number, variant: Variant) => Summary | undefined;

/** No GC headroom and no timing in it, so it separates what a program holds from how V8 sizes its heap. */
function liveHeapSection(sizes: number[], summaries: Summary[], find: Finder): string[] {
    const measured = summaries.filter((s): s is Summary & { liveHeapKb: number; peakLiveHeapKb: number } =>
        s.liveHeapKb !== undefined && s.peakLiveHeapKb !== undefined);
    if (measured.length === 0) return [];
    const out = ["### Live heap (separate run per variant and size, full GCs forced)", "",
        "What the program holds, free of V8's heap-sizing decisions: once everything is declared (no registration completed yet), "
        + "and at most, sampled then and after every ⌈N/4⌉ completed registrations (N secrets, 5 to 6 registrations each). "
        + "One run per cell: forced full GCs leave no timing in it, and repeated runs agree to the megabyte.", "",
        "| secrets | variant | live heap once declared (MB) | × naive | peak live heap (MB) | × naive | peak KB / secret |", "|---:|---|---:|---:|---:|---:|---:|"];
    for (const size of sizes) {
        const naive = find(size, "naive");
        for (const s of measured.filter((m) => m.size === size)) {
            out.push(`| ${size} | ${VARIANT_LABELS[s.variant]} | ${mb(s.liveHeapKb)} | ${x(naive?.liveHeapKb ? s.liveHeapKb / naive.liveHeapKb : NaN)} `
                + `| ${mb(s.peakLiveHeapKb)} | ${x(naive?.peakLiveHeapKb ? s.peakLiveHeapKb / naive.peakLiveHeapKb : NaN)} | ${per(s.peakLiveHeapKb, size, 0)} |`);
        }
    }
    return [...out, ""];
}

/** Cost of one more secret between consecutive sizes, from the medians (live heap: NaN unless both measured it). */
function marginal(a: Summary, b: Summary): { ms: number; kb: number; liveKb: number } {
    const n = b.size - a.size;
    const liveKb = a.peakLiveHeapKb !== undefined && b.peakLiveHeapKb !== undefined ? (b.peakLiveHeapKb - a.peakLiveHeapKb) / n : NaN;
    return { ms: (b.programMs - a.programMs) / n, kb: (b.peakRssKb - a.peakRssKb) / n, liveKb };
}

interface Growth {
    time: number;
    memory: number;
    /** NaN without live-heap runs. */
    liveMemory: number;
    pairs: string[];
}

function growthFactors(sizes: number[], find: Finder, variant: Variant): Growth | undefined {
    const runs = sizes.map((n) => find(n, variant)).filter((s): s is Summary => s !== undefined);
    if (runs.length < 3) return undefined;
    const first = marginal(runs[0], runs[1]);
    const last = marginal(runs[runs.length - 2], runs[runs.length - 1]);
    const pairs = runs.slice(1).map((b, i) => {
        const m = marginal(runs[i], b);
        return `${runs[i].size}→${b.size}: ${m.ms.toFixed(2)} ms, ${m.kb.toFixed(0)} KB RSS${Number.isNaN(m.liveKb) ? "" : `, ${m.liveKb.toFixed(0)} KB live`}`;
    });
    return { time: last.ms / first.ms, memory: last.kb / first.kb, liveMemory: last.liveKb / first.liveKb, pairs };
}

function growthSection(sizes: number[], find: Finder): string[] {
    const variants = [...new Set(sizes.flatMap((n) => (Object.keys(VARIANT_LABELS) as Variant[]).filter((v) => find(n, v))))];
    const rows = variants.flatMap((v) => {
        const g = growthFactors(sizes, find, v);
        return g === undefined ? [] : [[v, g] as const];
    });
    if (rows.length === 0) return [];
    const out = ["### Growth: cost of one more secret (program wall, peak RSS, peak live heap)", "",
        "| variant | marginal cost per secret | time factor (last / first) | peak RSS factor | peak live heap factor |", "|---|---|---:|---:|---:|"];
    for (const [v, g] of rows) {
        out.push(`| ${VARIANT_LABELS[v]} | ${g.pairs.join("; ")} | ${x(g.time)} | ${x(g.memory)} | ${x(g.liveMemory)} |`);
    }
    return [...out, ""];
}

function verdict(ok: boolean): string {
    return ok ? "PASS" : "FAIL";
}

/**
 * Two readings of the memory target, each with its verdict. The peak live heap is what the program
 * holds at its worst moment; peak RSS adds the headroom V8 leaves above it, which is set at the last
 * full GCs before the peak, so at one size it is a step function of program size (README, "Peak RSS").
 */
function peakMemoryTargets(module: Summary, naive: Summary): string[] {
    const rss = module.peakRssKb / naive.peakRssKb;
    const lines = [`- Peak memory ≤ ${RATIO_TARGET}× naive, peak RSS: ${verdict(rss <= RATIO_TARGET)} (${x3(rss)}; program part alone `
        + `${x3(module.programRssKb / naive.programRssKb)}; median of ${module.reps} against ${naive.reps})`];
    if (module.peakLiveHeapKb !== undefined && naive.peakLiveHeapKb !== undefined) {
        const live = module.peakLiveHeapKb / naive.peakLiveHeapKb;
        lines.push(`- Peak memory ≤ ${RATIO_TARGET}× naive, peak live heap: ${verdict(live <= RATIO_TARGET)} (${x3(live)}; one run each: forced full GCs leave no timing in it)`);
    } else {
        lines.push("- Peak memory, peak live heap: not measured (`--no-live-heap`)");
    }
    return lines;
}

function targetSection(sizes: number[], find: Finder, sameCustom: Map<number, boolean>): string[] {
    const largest = sizes[sizes.length - 1];
    const naive = find(largest, "naive");
    const module = find(largest, "module-none");
    if (!naive || !module) return ["Targets not evaluated: they need the naive and the bundle: none runs."];
    const out = [`### Targets at ${largest} secrets (module with bundle: none against naive, same run)`, ""];
    const time = module.programMs / naive.programMs;
    const cpu = module.programCpuMs / naive.programCpuMs;
    out.push(`- Time ≤ ${RATIO_TARGET}× naive: ${verdict(time <= RATIO_TARGET)} (${x3(time)} wall, spread ${x(module.spread)} and ${x(naive.spread)}; CPU ${x3(cpu)})`);
    out.push(...peakMemoryTargets(module, naive));
    const growth = growthFactors(sizes, find, "module-none");
    const naiveGrowth = growthFactors(sizes, find, "naive");
    if (growth && naiveGrowth) {
        const rule = `marginal cost per secret, largest pair ≤ ${GROWTH_TARGET}× smallest pair`;
        const line = (what: string, module: number, naive: number) => `- Growth linear, ${what} (${rule}): ${verdict(module <= GROWTH_TARGET)} `
            + `(module ${x(module)}, naive ${x(naive)}${module > GROWTH_TARGET && naive > GROWTH_TARGET ? "; the baseline misses it too, so the cause is below the module" : ""})`;
        out.push(line("time", growth.time, naiveGrowth.time));
        out.push(line("peak RSS", growth.memory, naiveGrowth.memory));
        if (!Number.isNaN(growth.liveMemory) && !Number.isNaN(naiveGrowth.liveMemory)) {
            out.push(line("peak live heap", growth.liveMemory, naiveGrowth.liveMemory));
        }
    } else {
        out.push("- Growth linear: not evaluated (needs three sizes)");
    }
    const cloud = (s: Summary) => s.first.cloudObjects / s.size;
    const group = find(largest, "module-group");
    const cloudOk = cloud(module) <= cloud(naive) && (!group || cloud(group) <= cloud(naive));
    out.push(`- No more cloud objects per secret than naive: ${verdict(cloudOk)} (naive ${cloud(naive).toFixed(3)}, bundle: none ${cloud(module).toFixed(3)}`
        + `${group ? `, bundle: group ${cloud(group).toFixed(3)}` : ""}; billable AWS secrets per secret: naive ${(naive.first.billableAwsSecrets / largest).toFixed(2)}, `
        + `bundle: none ${(module.first.billableAwsSecrets / largest).toFixed(2)}${group ? `, bundle: group ${(group.first.billableAwsSecrets / largest).toFixed(2)}` : ""})`);
    const same = [...sameCustom.entries()];
    out.push(`- Same custom resources as naive (bundle: none), type by type: ${same.every(([, ok]) => ok) ? "yes" : `NO at ${same.filter(([, ok]) => !ok).map(([n]) => n).join(", ")}`}`);
    return out;
}
