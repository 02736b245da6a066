import type { CheckReport, ReportSecret } from "./report";

/**
 * `check --fail-on overdue|due-soon` (contract section 2): which secrets need a person's attention,
 * worked out from the report alone, so the JSON document is the same with or without the flag.
 *
 * - `overdue`: a secret past its due date (only externals can be: the schedule renews generated
 *   values itself), or, in a production environment, an external secret with no `lastRotated`
 *   (status `unknown`: nobody knows how old it is).
 * - `due-soon`: that, or an external secret due within `rotationWarningDays` (status `due-soon`
 *   or `due`). Generated and Lambda-rotated values are left out: their rotation needs nobody.
 */

export const FAIL_ON = ["overdue", "due-soon"] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Exit status when rotation needs attention and `--fail-on` asked for it; 1 and 2 win over it. */
export const EXIT_ATTENTION = 3;

export interface Attention {
    name: string;
    status: "overdue" | "unknown" | "due-soon" | "due";
    /** Midnight UTC of the due date, or null when unknown. */
    due: string | null;
    /** The secret's `owner` mark on its stored copies, or null when it carries none. */
    owner: string | null;
}

interface RotationFields {
    status?: unknown;
    rotatedBy?: unknown;
    nextRotation?: unknown;
}

/** The `owner` the module writes into every stored copy's tags (AWS) or custom metadata (Vault). */
function ownerOf(report: Pick<CheckReport, "resources">, secret: ReportSecret): string | null {
    const own = new Set(secret.resources);
    for (const r of report.resources) {
        if (!own.has(r.urn)) continue;
        const inputs = r.inputs as { tags?: Record<string, unknown>; customMetadata?: { data?: Record<string, unknown> } };
        const owner = inputs.tags?.owner ?? inputs.customMetadata?.data?.owner;
        if (typeof owner === "string" && owner !== "[secret]") return owner;
    }
    return null;
}

export function rotationAttention(
    report: Pick<CheckReport, "environment" | "resources" | "secrets">,
    failOn: FailOn,
    productionEnvironments: readonly string[],
): Attention[] {
    const production = report.environment !== null && productionEnvironments.includes(report.environment);
    const wanted = (status: unknown, rotatedBy: unknown): status is Attention["status"] => {
        if (status === "overdue") return true;
        if (rotatedBy !== "person") return false;
        if (status === "unknown") return production;
        return failOn === "due-soon" && (status === "due-soon" || status === "due");
    };
    return report.secrets.flatMap((secret): Attention[] => {
        // A template is as late as its inputs, which are named themselves: the fix is theirs.
        if (secret.kind === "template") return [];
        const rotation = (secret.rotation ?? {}) as RotationFields;
        if (!wanted(rotation.status, rotation.rotatedBy)) return [];
        const due = typeof rotation.nextRotation === "string" ? rotation.nextRotation : null;
        return [{ name: secret.name, status: rotation.status, due, owner: ownerOf(report, secret) }];
    });
}

/** One line per secret, for stderr: what, since or until when, and whom to tell. */
export function formatAttention(items: readonly Attention[], failOn: FailOn): string {
    const lines = items.map((a) => {
        const day = a.due?.slice(0, 10);
        const what = a.status === "overdue" ? `overdue since ${day}`
            : a.status === "unknown" ? "rotation status unknown: an external secret in production with no lastRotated"
            : a.status === "due" ? `due today (${day})` : `due ${day}`;
        return `  ${a.name}: ${what} (owner: ${a.owner ?? "not set"})`;
    });
    return `rotation needs attention (--fail-on ${failOn}): ${items.length} secret${items.length === 1 ? "" : "s"}\n${lines.join("\n")}\n`;
}
