import { Measurement, Variant } from "../../bench/protocol";
import { renderReport } from "../../bench/report";
import { Summary, summarize } from "../../bench/stats";

/** The bench's verdicts are what the README quotes: they must judge the figures they print. */

function summary(variant: Variant, size: number, peakRssMb: number, live?: { declaredMb: number; peakMb: number }): Summary {
    const first: Measurement = {
        variant, size, programMs: 1000, programCpuMs: 1000, processMs: 2000, peakRssKb: peakRssMb * 1024, rssBeforeKb: 100 * 1024,
        customResources: 5 * size, componentResources: variant === "naive" ? 0 : size, cloudObjects: 4 * size, billableAwsSecrets: 2 * size,
        customByType: {}, componentByType: {},
    };
    return {
        variant, size, reps: 1, programMs: 1000, programCpuMs: 1000, processMs: 2000, peakRssKb: peakRssMb * 1024,
        programRssKb: (peakRssMb - 100) * 1024, spread: 1, peakSpread: 1, first,
        ...(live ? { liveHeapKb: live.declaredMb * 1024, peakLiveHeapKb: live.peakMb * 1024 } : {}),
    };
}

function report(summaries: Summary[]): string {
    return renderReport({
        machine: "test machine", loadBefore: "0", loadAfter: "0", repsBySize: new Map([[1000, 1]]),
        summaries, sameCustom: new Map([[1000, true]]), totalSeconds: 1, gc: "predictable",
    });
}

const memoryLines = (text: string) => text.split("\n").filter((l) => l.startsWith("- Peak memory"));

test("peak memory gets two verdicts, one per reading, each on its own figure", () => {
    const text = report([
        summary("naive", 1000, 1000, { declaredMb: 650, peakMb: 700 }),
        summary("module-none", 1000, 1150, { declaredMb: 690, peakMb: 735 }),
    ]);
    expect(memoryLines(text)).toEqual([
        "- Peak memory ≤ 1.1× naive, peak RSS: FAIL (1.150×; program part alone 1.167×; median of 1 against 1)",
        "- Peak memory ≤ 1.1× naive, peak live heap: PASS (1.050×; one run each: forced full GCs leave no timing in it)",
    ]);
    expect(text).toContain("| 1000 | module, bundle: none | 690 | 1.06× | 735 | 1.05× | 753 |");
});

test("a peak live heap above the target fails however low peak RSS is", () => {
    const text = report([
        summary("naive", 1000, 1000, { declaredMb: 650, peakMb: 700 }),
        summary("module-none", 1000, 1000, { declaredMb: 760, peakMb: 780 }),
    ]);
    expect(memoryLines(text)).toEqual([
        "- Peak memory ≤ 1.1× naive, peak RSS: PASS (1.000×; program part alone 1.000×; median of 1 against 1)",
        "- Peak memory ≤ 1.1× naive, peak live heap: FAIL (1.114×; one run each: forced full GCs leave no timing in it)",
    ]);
});

test("exactly 1.1x passes, and the printed ratio shows which side of the target it fell", () => {
    const text = report([
        summary("naive", 1000, 1000, { declaredMb: 600, peakMb: 640 }),
        summary("module-none", 1000, 1104, { declaredMb: 660, peakMb: 704 }),
    ]);
    expect(memoryLines(text)).toEqual([
        "- Peak memory ≤ 1.1× naive, peak RSS: FAIL (1.104×; program part alone 1.116×; median of 1 against 1)",
        "- Peak memory ≤ 1.1× naive, peak live heap: PASS (1.100×; one run each: forced full GCs leave no timing in it)",
    ]);
});

test("without a live-heap figure for both variants, only peak RSS is judged", () => {
    for (const summaries of [
        [summary("naive", 1000, 1000), summary("module-none", 1000, 1120)],
        [summary("naive", 1000, 1000), summary("module-none", 1000, 1120, { declaredMb: 600, peakMb: 610 })],
    ]) {
        expect(memoryLines(report(summaries))).toEqual([
            "- Peak memory ≤ 1.1× naive, peak RSS: FAIL (1.120×; program part alone 1.133×; median of 1 against 1)",
            "- Peak memory, peak live heap: not measured (`--no-live-heap`)",
        ]);
    }
    expect(report([summary("naive", 1000, 1000), summary("module-none", 1000, 1120)])).not.toContain("### Live heap");
});

test("growth is judged on peak RSS and, when measured, on the peak live heap", () => {
    const live = (peakMb: number) => ({ declaredMb: peakMb - 10, peakMb });
    const text = renderReport({
        machine: "test machine", loadBefore: "0", loadAfter: "0", repsBySize: new Map([[10, 1], [100, 1], [1000, 1]]),
        summaries: [
            summary("naive", 10, 150, live(55)), summary("naive", 100, 220, live(110)), summary("naive", 1000, 920, live(660)),
            summary("module-none", 10, 160, live(60)), summary("module-none", 100, 240, live(120)), summary("module-none", 1000, 1200, live(1200)),
        ],
        sameCustom: new Map([[1000, true]]), totalSeconds: 1, gc: "predictable",
    });
    const growthLines = text.split("\n").filter((l) => l.startsWith("- Growth linear"));
    // Module live heap: 60 MB → 120 MB is 0.67 MB per secret, 120 → 1200 is 1.2: 1.8x, over the 1.25x bar.
    expect(growthLines[2]).toBe("- Growth linear, peak live heap (marginal cost per secret, largest pair ≤ 1.25× smallest pair): FAIL (module 1.80×, naive 1.00×)");
    // Module RSS: 0.89 MB per secret, then 1.07: 1.2x, under the bar.
    expect(growthLines[1]).toBe("- Growth linear, peak RSS (marginal cost per secret, largest pair ≤ 1.25× smallest pair): PASS (module 1.20×, naive 1.00×)");
});

test("a cell's summary carries its live-heap run's figures, medians its timed runs, and keeps the spreads", () => {
    const run = (programMs: number, peakRssMb: number): Measurement => ({ ...summary("module-none", 1000, peakRssMb).first, programMs });
    const heapRun: Measurement = { ...run(99_999, 2000), liveHeapKb: 700 * 1024, peakLiveHeapKb: 736 * 1024 };
    const s = summarize([run(30_000, 1000), run(36_000, 1100), run(33_000, 1050)], heapRun);
    expect([s.programMs, s.peakRssKb / 1024, s.spread, s.peakSpread, s.liveHeapKb! / 1024, s.peakLiveHeapKb! / 1024])
        .toEqual([33_000, 1050, 1.2, 1.1, 700, 736]);
    expect(summarize([run(30_000, 1000)]).peakLiveHeapKb).toBeUndefined();
});
