/** What the parent asks a worker to run, and what the worker sends back. */

/** `naive-components` is opt-in (`--variants`): an attribution aid, not a baseline. */
export const VARIANTS = ["naive", "module-none", "module-group", "naive-components"] as const;
export type Variant = (typeof VARIANTS)[number];
export const DEFAULT_VARIANTS: Variant[] = ["naive", "module-none", "module-group"];

export const VARIANT_LABELS: Record<Variant, string> = {
    naive: "naive (by hand)",
    "module-none": "module, bundle: none",
    "module-group": "module, bundle: group",
    "naive-components": "naive + a component per secret",
};

export interface Job {
    variant: Variant;
    size: number;
    /**
     * Force full GCs once the program has declared everything and during its registrations, and record
     * the live heap. The forced GCs disturb timing and peak RSS, so such a run is used for nothing else.
     */
    liveHeap?: boolean;
}

export interface Measurement {
    variant: Variant;
    size: number;
    /** From just before the first resource is constructed until every registration has completed. */
    programMs: number;
    /** CPU time (user + system, all threads) over the same span: GC threads show here, not in wall time. */
    programCpuMs: number;
    /** Since the process started: Node and module loading included. */
    processMs: number;
    /** `process.resourceUsage().maxRSS`, in KB. */
    peakRssKb: number;
    /** RSS just before the program part, in KB: code and the loaded SDKs. */
    rssBeforeKb: number;
    /** Heap in use after a full GC, once every resource is declared and none registered yet: only with `liveHeap`. */
    liveHeapKb?: number;
    /**
     * The largest heap in use after a full GC, sampled once declared and after every ⌈size/4⌉ completed
     * registrations (5 to 6 per secret, so some 20 to 25 samples; none after the last few): what the
     * program needs at its worst moment, whatever V8's heap sizing. Only with `liveHeap`.
     */
    peakLiveHeapKb?: number;
    customResources: number;
    componentResources: number;
    /** Custom resources that exist in a cloud or Vault; `random:*` live only in Pulumi state. */
    cloudObjects: number;
    /** Secrets Manager secrets, each replica counted as one: what AWS bills per month. */
    billableAwsSecrets: number;
    /** Registrations by type, custom resources and components apart. */
    customByType: Record<string, number>;
    componentByType: Record<string, number>;
}

export type WorkerMessage = { ok: true; result: Measurement } | { ok: false; error: string };
