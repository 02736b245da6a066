import { ResolvedCatalog, ResolvedSecret } from "../components/catalog/model";
import { catalogRotations, secretRotation } from "../components/rotation/secretRotation";
import { LoadedCatalog } from "./catalog";
import { Variable, catalogVariables, formatText, locations, setCommand } from "./variables";

/**
 * `docs`: the environment variables of a stack as Markdown, in the style of an
 * ENVIRONMENT_VARIABLES.md: the whole environment, then one table per consumer. Never a value.
 */

export interface DocsOptions {
    /** The date next rotations are computed from; absent: next-rotation dates are left out (`--no-dates`). */
    now?: Date;
}

/** A table cell: pipes escaped (also inside code spans, as GitHub tables require), no line breaks. */
function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function table(header: string[], rows: string[][]): string[] {
    return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)];
}

function required(secret: ResolvedSecret, provided: ReadonlySet<string>): string {
    if (secret.accessKey) return "yes (made by AWS)";
    if (secret.kind === "template") return `yes (filled from ${(secret.inputs ?? []).join(", ")})`;
    if (secret.kind !== "external") return "yes (generated)";
    const state = provided.has(secret.name) ? "set in this stack" : "**not set** in this stack";
    return `${secret.required ? "yes" : "no"}, ${state}`;
}

function rotation(catalog: ResolvedCatalog, secret: ResolvedSecret, previous: boolean, now: Date | undefined): string {
    if (secret.awsRotation) {
        const schedule = secret.awsRotation.scheduleExpression ?? `every ${secret.awsRotation.automaticallyAfterDays} days`;
        return `by an AWS rotation Lambda, ${schedule}`;
    }
    if (secret.kind === "template") {
        const slots = secret.keepPrevious ? (previous ? "; filled from its inputs' previous values" : "; `_PREVIOUS` filled from its inputs' previous values") : "";
        const inputs = secret.inputs ?? [];
        const base = `when ${inputs.join(" or ")} rotates (${inputs.length > 1 ? "the earliest " : ""}every ${secret.rotationDays} days)${slots}`;
        if (!now) return base;
        const next = catalogRotations(catalog.secrets, catalog.environment, now, catalog.rotationWarningDays)[secret.name]?.report.nextRotation?.slice(0, 10);
        return `${base}; next ${next ?? "unknown"}`;
    }
    const period = `every ${secret.rotationDays} days`;
    if (secret.kind === "external") {
        // Fixed by the catalog (lastRotated), so shown even without --now.
        const report = secretRotation(secret, catalog.environment, now ?? new Date(0), catalog.rotationWarningDays);
        return secret.lastRotated
            ? `${period}, by a person; last ${secret.lastRotated}, next ${report.report.nextRotation?.slice(0, 10)}`
            : `${period}, by a person; last rotation not recorded (lastRotated)`;
    }
    const slots = secret.keepPrevious ? (previous ? "; the value before the current one, valid one more period" : "; two slots, the previous value stays valid as `_PREVIOUS`") : "";
    if (!now) return `${period}${slots}`;
    const next = secretRotation(secret, catalog.environment, now, catalog.rotationWarningDays).report.nextRotation?.slice(0, 10);
    return `${period}${slots}; next ${next}`;
}

function description(v: Variable): string {
    if (v.accessKeyPart) return `${v.previous ? "Previous" : "Current"} ${v.accessKeyPart === "id" ? "access key id" : "secret access key"} of ${v.secret.name}: ${v.secret.description}`;
    return v.previous ? `Previous value of ${v.secret.name}: ${v.secret.description}` : v.secret.description;
}

function rows(loaded: LoadedCatalog, variables: Variable[], now: Date | undefined, consumer?: string): string[][] {
    const { catalog, provided } = loaded;
    return variables.map((v) => [
        `\`${v.name}\``,
        formatText(v.secret, v.accessKeyPart),
        required(v.secret, provided),
        v.secret.criticality,
        rotation(catalog, v.secret, v.previous, now),
        locations(catalog, v, consumer).join("; ") || "none",
        ...(consumer === undefined ? [v.secret.consumers.join(", ") || "none"] : []),
        description(v),
    ]);
}

const HEADER = ["Variable", "Kind and format", "Required", "Criticality", "Rotation", "Stores and paths"];

function storesLine(catalog: ResolvedCatalog): string {
    const parts: string[] = [];
    if (catalog.stores.vault) parts.push(`Vault KV v2 mount \`${catalog.stores.vault.mount}\``);
    const aws = catalog.stores.aws;
    if (aws) {
        const replicas = aws.replicaRegions?.length ? `, replicated to ${aws.replicaRegions.join(", ")}` : "";
        parts.push(`AWS Secrets Manager in ${aws.region}${replicas}${aws.bundle === "group" ? ", one secret per group" : ""}`);
    }
    const custom = Object.values(catalog.consumers).some((c) => c.projection);
    if (catalog.kubernetes) parts.push(`Kubernetes (\`${catalog.kubernetes.mode}\` mode, one Secret \`<consumer>-secrets\` per consumer${custom ? " unless its `projection` names its Secrets" : ""})`);
    return parts.join("; ");
}

export function renderDocs(loaded: LoadedCatalog, options: DocsOptions = {}): string {
    const { catalog, program } = loaded;
    const { now } = options;
    const lines: string[] = [
        `# Environment variables: ${catalog.environment}`,
        "",
        `Generated by \`platform-secrets docs\` from \`${program.stackFileLabel}\` (stack \`${program.stack}\`, environment \`${catalog.environment}\`${catalog.isProduction ? ", a production environment" : ""}). ` +
        "It lists what each variable is and where it is stored; it never holds a value.",
        "",
        `Stores: ${storesLine(catalog) || "none"}.`,
        "",
        now
            ? `Next rotations are computed for ${now.toISOString().slice(0, 10)}.`
            : "Next rotation dates of generated secrets are left out (they move at every rotation); `npm run docs -- --stack " + program.stack + "` or `npm run check` shows them.",
        "",
        "## All variables",
        "",
        ...table([...HEADER, "Consumers", "Description"], rows(loaded, catalogVariables(catalog), now)),
    ];
    for (const [name, consumer] of Object.entries(catalog.consumers)) {
        const variables = catalogVariables(catalog, name);
        const secretNames = consumer.projection && catalog.kubernetes ? ` Secrets: ${Object.keys(consumer.projection).map((n) => `\`${n}\``).join(", ") || "none"}.` : "";
        lines.push("", `## Consumer \`${name}\``, "", `Namespace \`${consumer.namespace}\`, service account \`${consumer.serviceAccount}\`${consumer.awsRoleName ? `, IAM role \`${consumer.awsRoleName}\`` : ""}.${secretNames}`, "");
        lines.push(...(variables.length ? table([...HEADER, "Description"], rows(loaded, variables, now, name)) : ["No secrets."]));
    }
    const externals = catalog.secrets.filter((s) => s.kind === "external");
    if (externals.length) {
        lines.push("", "## External secrets: where the values come from", "");
        for (const s of externals) {
            const state = loaded.provided.has(s.name) ? "set in this stack" : "not set in this stack";
            lines.push(`- \`${s.name}\` (${state}${s.required ? "" : ", optional"}): ${s.description}. A person with access obtains it from its provider and sets it with \`${setCommand(program.stack, s.name)}\`.`);
        }
    }
    if (catalog.skipped.length) {
        lines.push("", "## Not in this environment", "", ...catalog.skipped.map((n) => `- \`${n}\``));
    }
    return `${lines.join("\n")}\n`;
}
