/**
 * What a stack declares, recorded as `check` records it (the same runner, config loading and
 * report), but with generated values fresh from Node's crypto instead of the repeatable ones, so
 * that what the sandbox stores is not derivable from resource names. The revealed inputs hold those
 * values: they go to the sandbox's servers and nowhere else.
 */
import * as path from "path";
import { accessSection } from "../offline/access";
import { loadProgramConfig } from "../offline/config";
import { reveal } from "../offline/recorder";
import { CheckReport, reportOfRun } from "../offline/report";
import { runProgram } from "../offline/runner";
import type { DeclaredResource } from "./apply";

export interface RecordedStack {
    resources: DeclaredResource[];
    /** The check report (values redacted), for what the catalog says each consumer reads. */
    report: CheckReport;
}

export async function recordStack(options: { programDir: string; stack: string; configFile?: string }): Promise<RecordedStack> {
    const config = loadProgramConfig({ ...options, programDir: path.resolve(options.programDir), invocationDir: process.cwd() });
    const now = new Date();
    const run = await runProgram(config, { now, freshValues: true });
    if (run.errors.length > 0) throw new Error(`${config.programDir} (${config.stack}): ${run.errors.join("; ")}`);
    const report = reportOfRun(config, run, now, [accessSection]);
    const resources = run.recorder.resources
        .filter((r) => r.custom)
        .map((r) => ({ type: r.type, name: r.name, inputs: reveal(r.wireInputs) as Record<string, unknown> }));
    return { resources, report };
}
