import { Measurement, Variant } from "../../bench/protocol";
import { renderReport } from "../../bench/report";
import { Summary } from "../../bench/stats";

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

const memoryLine = (text: string) => text.split("\n").find((l) => l.startsWith("- Peak memory"));

test("peak memory is judged on the peak live heap, with peak RSS shown beside it", () => {
    const text = report([
        summary("naive", 1000, 1000, { declaredMb: 650, peakMb: 700 }),
        summary("module-none", 1000, 1150, { declaredMb: 690, peakMb: 735 }),
    ]);
    expect(memoryLine(text)).toBe("- Peak memory ≤ 1.1× naive: PASS on the peak live heap (1.05×; peak RSS 1.15×, program part alone 1.17×, "
        + "which adds V8's headroom, a step function of where the last full GCs fall)");
    expect(text).toContain("| 1000 | module, bundle: none | 690 | 1.06× | 735 | 1.05× | 753 |");
});

test("a peak live heap above the target fails however low peak RSS is", () => {
    const text = report([
        summary("naive", 1000, 1000, { declaredMb: 650, peakMb: 700 }),
        summary("module-none", 1000, 1000, { declaredMb: 760, peakMb: 780 }),
    ]);
    expect(memoryLine(text)).toMatch(/^- Peak memory ≤ 1\.1× naive: FAIL on the peak live heap \(1\.11×; peak RSS 1\.00×/);
});

test("without a live-heap run, peak RSS decides and the line says so", () => {
    const text = report([summary("naive", 1000, 1000), summary("module-none", 1000, 1120)]);
    expect(memoryLine(text)).toBe("- Peak memory ≤ 1.1× naive: FAIL on peak RSS (peak RSS 1.12×, program part alone 1.13×; no live-heap run)");
    expect(text).not.toContain("### Live heap");
});
