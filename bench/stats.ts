import { Measurement, Variant } from "./protocol";

export function median(values: number[]): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Medians over the repetitions of one variant at one size. Counts are identical across repetitions. */
export interface Summary {
    variant: Variant;
    size: number;
    reps: number;
    programMs: number;
    programCpuMs: number;
    processMs: number;
    peakRssKb: number;
    /** Peak RSS above what the process held before the program part: the program's own memory. */
    programRssKb: number;
    /** Slowest over fastest repetition, and largest over smallest peak: how noisy this cell was. */
    spread: number;
    peakSpread: number;
    first: Measurement;
    /** From the separate live-heap run (see `Measurement`), unless `--no-live-heap`. */
    liveHeapKb?: number;
    peakLiveHeapKb?: number;
}

/** `heapRun`: the cell's untimed live-heap run, whose figures the summary carries. */
export function summarize(runs: Measurement[], heapRun?: Measurement): Summary {
    const pick = (f: (m: Measurement) => number) => median(runs.map(f));
    const times = runs.map((m) => m.programMs);
    const peaks = runs.map((m) => m.peakRssKb);
    return {
        variant: runs[0].variant,
        size: runs[0].size,
        reps: runs.length,
        programMs: pick((m) => m.programMs),
        programCpuMs: pick((m) => m.programCpuMs),
        processMs: pick((m) => m.processMs),
        peakRssKb: pick((m) => m.peakRssKb),
        programRssKb: pick((m) => m.peakRssKb - m.rssBeforeKb),
        spread: Math.max(...times) / Math.min(...times),
        peakSpread: Math.max(...peaks) / Math.min(...peaks),
        first: runs[0],
        liveHeapKb: heapRun?.liveHeapKb,
        peakLiveHeapKb: heapRun?.peakLiveHeapKb,
    };
}

/** Whether two runs registered the same custom resources, type by type. */
export function sameCustomResources(a: Measurement, b: Measurement): boolean {
    const sorted = (m: Measurement) => Object.entries(m.customByType).sort(([x], [y]) => x.localeCompare(y));
    return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}
