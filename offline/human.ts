import { CheckReport, ReportSecret, Violation } from "./report";

/** The report for a person at a terminal: what each secret is, where it goes, who reads it. */

export function storeLines(secret: ReportSecret): string[] {
    const { vault, aws } = secret.stores;
    return [
        ...(vault ? [`vault: ${vault.mount}/${vault.path}`] : []),
        ...(aws ? [`aws:   ${aws.name} (${aws.region})`] : []),
        ...(!vault && !aws ? ["stores: none"] : []),
    ];
}

export function secretBlock(secret: ReportSecret): string[] {
    const consumers = secret.consumers.length > 0 ? secret.consumers.join(", ") : "(none)";
    return [
        `  ${secret.name}  ${secret.kind ?? "?"}, ${secret.criticality ?? "?"}`,
        ...storeLines(secret).map((l) => `    ${l}`),
        `    consumers: ${consumers}`,
    ];
}

export function resourceCounts(report: Pick<CheckReport, "resources">): Array<[string, number]> {
    const counts = new Map<string, number>();
    for (const r of report.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => a.localeCompare(b));
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function summaryLine(report: CheckReport): string {
    const mandatory = report.violations.filter((v) => v.enforcementLevel === "mandatory").length;
    return `${plural(report.secrets.length, "secret")}, ${plural(report.resources.length, "resource")}, `
        + `${plural(report.violations.length, "policy violation")} (${mandatory} mandatory)`;
}

/** Violations grouped by policy, mandatory policies first, each resource named by its URN. */
export function violationLines(violations: readonly Violation[]): string[] {
    const groups = new Map<string, Violation[]>();
    for (const v of violations) groups.set(v.policy, [...(groups.get(v.policy) ?? []), v]);
    const rank = (vs: Violation[]) => (vs[0].enforcementLevel === "mandatory" ? 0 : 1);
    return [...groups.entries()]
        .sort(([a, va], [b, vb]) => rank(va) - rank(vb) || a.localeCompare(b))
        .flatMap(([policy, vs]) => [
            `  ${policy} [${vs[0].enforcementLevel}] (${vs.length})`,
            ...vs.map((v) => `    ${v.urn}\n      ${v.message}`),
        ]);
}

export function formatHuman(report: CheckReport, programDir: string): string {
    const counts = resourceCounts(report);
    const width = Math.max(0, ...counts.map(([type]) => type.length));
    const lines = [
        `project:     ${report.project}`,
        `stack:       ${report.stack}`,
        `environment: ${report.environment ?? "(none)"}`,
        `program:     ${programDir}`,
        "",
        `Secrets (${report.secrets.length}):`,
        ...(report.secrets.length > 0 ? report.secrets.flatMap(secretBlock) : ["  (none)"]),
        "",
        `Resources (${report.resources.length}):`,
        ...counts.map(([type, n]) => `  ${type.padEnd(width)}  ${n}`),
        ...(report.violations.length > 0 ? ["", `Policy violations (${report.violations.length}):`, ...violationLines(report.violations)] : []),
        "",
        summaryLine(report),
    ];
    return `${lines.join("\n")}\n`;
}
