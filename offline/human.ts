import { AWS_SECRET, VAULT_KV_SECRET } from "../policies/lib/types";
import { CheckReport, ReportResource, ReportSecret, Violation } from "./report";
import { formatAccessMatrix } from "./access";

/** The report for a person at a terminal: what each secret is, where it goes, who reads it. */

/** The secret's resources of `type`, from the report's resource list. */
function resourcesOf(secret: ReportSecret, resources: readonly ReportResource[], type: string): ReportResource[] {
    const urns = new Set(secret.resources);
    return resources.filter((r) => r.type === type && urns.has(r.urn));
}

/** Regions the AWS copy is replicated to (`replicas[].region` of its Secret). */
function replicaRegions(secret: ReportSecret, resources: readonly ReportResource[]): string[] {
    return resourcesOf(secret, resources, AWS_SECRET).flatMap((r) => {
        const replicas = (r.inputs as { replicas?: unknown }).replicas;
        return Array.isArray(replicas) ? replicas.map((x) => String((x as { region?: unknown }).region)) : [];
    });
}

/** How the stored copies survive a destroy: `protect`, `retain` or `none` (or each, when they differ). */
function protectionOf(secret: ReportSecret, resources: readonly ReportResource[]): string | undefined {
    const stored = [...resourcesOf(secret, resources, VAULT_KV_SECRET), ...resourcesOf(secret, resources, AWS_SECRET)];
    if (stored.length === 0) return undefined;
    const modes = new Set(stored.map((r) => (r.protect ? "protect" : r.retainOnDelete ? "retain" : "none")));
    return [...modes].join(", ");
}

export function storeLines(secret: ReportSecret, resources: readonly ReportResource[] = []): string[] {
    const { vault, aws } = secret.stores;
    const replicas = aws ? replicaRegions(secret, resources) : [];
    const protection = protectionOf(secret, resources);
    return [
        ...(vault ? [`vault: ${vault.mount}/${vault.path}`] : []),
        ...(aws ? [`aws:   ${aws.name} (${aws.region}${replicas.length > 0 ? `; replicas: ${replicas.join(", ")}` : ""})`] : []),
        ...(!vault && !aws ? ["stores: none"] : []),
        ...(protection ? [`protection: ${protection}`] : []),
    ];
}

/** Why each catalog secret is left out of the stack, from every PlatformSecrets component's outputs. */
export function skippedSecrets(components: readonly { type: string; wireOutputs?: Record<string, unknown> }[]): Record<string, string> {
    const skipped: Record<string, string> = {};
    for (const c of components) {
        if (c.type !== "platform-secrets:index:PlatformSecrets") continue;
        const because = c.wireOutputs?.skippedBecause;
        if (typeof because === "object" && because !== null) {
            for (const [name, why] of Object.entries(because)) if (typeof why === "string") skipped[name] = why;
        }
    }
    return skipped;
}

/** The `rotation` field as `check` reads it back; null or partial for programs that register less. */
interface RotationField {
    periodDays?: number;
    keepPrevious?: boolean;
    nextRotation?: string | null;
    status?: string;
    rotatedBy?: string;
    lastRotation?: string | null;
}

function rotationOf(secret: ReportSecret): RotationField | null {
    return typeof secret.rotation === "object" && secret.rotation !== null ? secret.rotation as RotationField : null;
}

const day = (iso: string | null | undefined) => (typeof iso === "string" ? iso.slice(0, 10) : null);

/** Markers a reader scans for; `ok` and statuses of other programs print nothing. */
const STATUS_MARKER: Record<string, string> = {
    due: "  << ROTATES NOW (due)",
    "due-soon": "  < due soon",
    overdue: "  << OVERDUE",
};

/** `rotation: every 90 days, keeps previous, next 2027-01-05  < due soon`. */
export function rotationLine(secret: ReportSecret): string | null {
    const r = rotationOf(secret);
    if (!r || typeof r.periodDays !== "number") return null;
    const parts = [`every ${r.periodDays} days`];
    if (r.keepPrevious) parts.push(`keeps previous (${secret.name}_PREVIOUS)`);
    if (r.rotatedBy === "aws-lambda") parts.push("by the AWS rotation Lambda");
    if (r.rotatedBy === "person") parts.push(r.lastRotation ? `last rotated ${day(r.lastRotation)}` : "last rotation unknown (set lastRotated)");
    if (r.nextRotation) parts.push(`next ${day(r.nextRotation)}`);
    return `rotation: ${parts.join(", ")}${STATUS_MARKER[r.status ?? ""] ?? ""}`;
}

export function secretBlock(secret: ReportSecret, resources: readonly ReportResource[] = []): string[] {
    const consumers = secret.consumers.length > 0 ? secret.consumers.join(", ") : "(none)";
    const rotation = rotationLine(secret);
    return [
        `  ${secret.name}  ${secret.kind ?? "?"}, ${secret.criticality ?? "?"}`,
        ...storeLines(secret, resources).map((l) => `    ${l}`),
        `    consumers: ${consumers}`,
        ...(rotation ? [`    ${rotation}`] : []),
    ];
}

/** Which secrets rotate on `now`, which are due soon or overdue. Empty when no secret has a schedule. */
export function rotationSummary(report: Pick<CheckReport, "secrets">, now: Date): string[] {
    const withRotation = report.secrets.flatMap((secret) => {
        const rotation = rotationOf(secret);
        return rotation?.status !== undefined ? [{ secret, rotation }] : [];
    });
    if (withRotation.length === 0) return [];
    const withStatus = (status: string) => withRotation.filter(({ rotation }) => rotation.status === status);
    const named = (status: string) => withStatus(status)
        .map(({ secret, rotation }) => `${secret.name} (${day(rotation.nextRotation) ?? "?"})`);
    const list = (names: string[]) => (names.length > 0 ? names.join(", ") : "none");
    return [
        `Rotation on ${now.toISOString().slice(0, 10)}:`,
        `  rotates now (next pulumi up): ${list(withStatus("due").map(({ secret }) => secret.name))}`,
        `  due soon:  ${list(named("due-soon"))}`,
        `  overdue:   ${list(named("overdue"))}`,
        `  unknown:   ${list(withStatus("unknown").map(({ secret }) => secret.name))}`,
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

/**
 * @param now the date rotation was computed for (`--now`). @default the current time
 * @param extra.skipped catalog secrets the stack leaves out, with why (`skippedSecrets`). @default none listed
 * @param extra.policyConfig the pack config the violations were judged with, as the user would name it
 */
export function formatHuman(report: CheckReport, programDir: string, now: Date = new Date(), extra: { skipped?: Readonly<Record<string, string>>; policyConfig?: string } = {}): string {
    const skipped = extra.skipped ?? {};
    const counts = resourceCounts(report);
    const rotation = rotationSummary(report, now);
    const width = Math.max(0, ...counts.map(([type]) => type.length));
    const lines = [
        `project:     ${report.project}`,
        `stack:       ${report.stack}`,
        `environment: ${report.environment ?? "(none)"}`,
        `program:     ${programDir}`,
        ...(extra.policyConfig ? [`policies:    ${extra.policyConfig}`] : []),
        "",
        `Secrets (${report.secrets.length}):`,
        ...(report.secrets.length > 0 ? report.secrets.flatMap((s) => secretBlock(s, report.resources)) : ["  (none)"]),
        ...(Object.keys(skipped).length > 0 ? ["", `Skipped (${Object.keys(skipped).length}):`, ...Object.entries(skipped).map(([name, why]) => `  ${name}: ${why}`)] : []),
        ...(report.access.length > 0 ? ["", ...formatAccessMatrix(report)] : []),
        "",
        ...(rotation.length > 0 ? [...rotation, ""] : []),
        `Resources (${report.resources.length}):`,
        ...counts.map(([type, n]) => `  ${type.padEnd(width)}  ${n}`),
        ...(report.violations.length > 0 ? ["", `Policy violations (${report.violations.length}):`, ...violationLines(report.violations)] : []),
        "",
        summaryLine(report),
    ];
    return `${lines.join("\n")}\n`;
}
