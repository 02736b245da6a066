/**
 * `npm run bench:policies [-- --size 1000 --reps 3]`
 *
 * What the policy pack adds to `check`: a 1000-secret production catalog (the benchmark's
 * generated catalog, both stores, replicas) is declared once under the mock monitor, as `check`
 * runs it; then the report is built without the pack and the pack is evaluated on the same
 * registrations, `--reps` times each (medians). The figure is policy time over run-plus-report
 * time; the target (issue 13) is at most 5%.
 */
import { performance } from "perf_hooks";
import { parseArgs } from "util";
import * as pulumi from "@pulumi/pulumi";
import { mockState } from "../offline/mockState";
import { policySection } from "../offline/policies";
import { RegistrationRecorder, mockMonitor } from "../offline/recorder";
import { ReportContext, buildReport } from "../offline/report";
import { AWS_REGION, ENVIRONMENT, generateSecrets } from "./catalog";
import { prepareModule } from "./module";
import { waitForRPCs } from "./runtime";

const TARGET_PERCENT = 5;

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(f: () => void): number {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
}

export interface PolicyCost {
    size: number;
    resources: number;
    runMs: number;
    reportMs: number;
    policyMs: number;
    violations: number;
    /** The policies that reported them (the benchmark's catalog turns audit off, so the audit rules do). */
    violatedPolicies: string[];
    /** Policy time over run plus report time, in percent. */
    overheadPercent: number;
}

export async function measurePolicyCost(size: number, reps: number): Promise<PolicyCost> {
    await pulumi.runtime.setMocks({
        newResource: (args) => mockState(args, { defaultRegion: AWS_REGION }),
        call: (args) => {
            throw new Error(`unexpected call to ${args.token}`);
        },
    }, "platform-secrets", ENVIRONMENT, true);
    const recorder = RegistrationRecorder.attach(mockMonitor(pulumi.runtime.getMonitor()));
    const program = prepareModule(generateSecrets(size), "none");
    const t0 = performance.now();
    program();
    await waitForRPCs();
    const runMs = performance.now() - t0;

    const ctx: ReportContext = {
        project: "platform-secrets", stack: ENVIRONMENT, recorder, stackOutputs: {},
        config: { "platform-secrets:environment": ENVIRONMENT }, secretKeys: [], now: new Date("2026-11-24T00:00:00Z"),
    };
    const reportTimes: number[] = [];
    const policyTimes: number[] = [];
    let violations = 0;
    let violatedPolicies: string[] = [];
    for (let i = 0; i < reps; i++) {
        reportTimes.push(time(() => buildReport(ctx)));
        const report = buildReport(ctx);
        policyTimes.push(time(() => policySection()(ctx, report)));
        violations = report.violations.length;
        violatedPolicies = [...new Set(report.violations.map((v) => v.policy))].sort();
    }
    const reportMs = median(reportTimes);
    const policyMs = median(policyTimes);
    return { size, resources: recorder.resources.length, runMs, reportMs, policyMs, violations, violatedPolicies, overheadPercent: (100 * policyMs) / (runMs + reportMs) };
}

async function main(): Promise<void> {
    const { values } = parseArgs({ options: { size: { type: "string", default: "1000" }, reps: { type: "string", default: "3" } } });
    const size = Number(values.size);
    const reps = Number(values.reps);
    if (!Number.isInteger(size) || size < 1 || !Number.isInteger(reps) || reps < 1) throw new Error("--size and --reps: positive integers");
    const r = await measurePolicyCost(size, reps);
    const ms = (n: number) => `${Math.round(n)} ms`;
    process.stdout.write([
        `policy pack cost in check, ${r.size} secrets (${r.resources} registrations, ${r.violations} violations found${r.violatedPolicies.length ? `: ${r.violatedPolicies.join(", ")}` : ""})`,
        `  program run under mocks: ${ms(r.runMs)}`,
        `  report without policies: ${ms(r.reportMs)} (median of ${reps})`,
        `  policy evaluation:       ${ms(r.policyMs)} (median of ${reps})`,
        `  overhead: ${r.overheadPercent.toFixed(1)}% of the check run (target: at most ${TARGET_PERCENT}%)`,
        "",
    ].join("\n"));
    process.exit(r.overheadPercent <= TARGET_PERCENT ? 0 : 1);
}

if (require.main === module) {
    main().catch((e: unknown) => {
        process.stderr.write(`bench:policies failed: ${e instanceof Error ? e.stack : String(e)}\n`);
        process.exit(2);
    });
}
