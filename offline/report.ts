import { RecordedResource, REDACTED, RegistrationRecorder, UNKNOWN_TEXT, redact } from "./recorder";
import type { ProgramConfig } from "./config";

/**
 * The `check` command's JSON document (contract section 2), built only from what the program
 * registered: any program that uses the module's components is described the same way.
 */

export const STACK_TYPE = "pulumi:pulumi:Stack";
export { MANAGED_SECRET_TYPE, SECRET_BUNDLE_TYPE, SECRET_GROUP_TYPE } from "../components/typeTokens";
import { MANAGED_SECRET_TYPE, PLATFORM_SECRETS_TYPE, SECRET_BUNDLE_TYPE, SECRET_GROUP_TYPE } from "../components/typeTokens";

export interface ReportResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    provider: string | null;
    protect: boolean;
    retainOnDelete: boolean;
    inputs: Record<string, unknown>;
    /** The `replacementTrigger` option, when set (an access key's slot generation): a change replaces the resource. */
    replacementTrigger?: unknown;
}

export interface ReportSecret {
    name: string;
    kind: string | null;
    criticality: string | null;
    consumers: string[];
    resources: string[];
    stores: {
        vault: { mount: string; path: string } | null;
        aws: { name: string; region: string } | null;
    };
    kubernetes: unknown[];
    rotation: unknown;
    /** The variables the secret delivers (`NAME`, `NAME_PREVIOUS`; an access key's two `keys` and their `_PREVIOUS`). */
    variables?: string[];
    /** For `aws-access-key`: the IAM user and its permissions (never a key). */
    accessKey?: unknown;
}

export interface AccessGrant {
    principal: string;
    secret: string;
    via: string;
    actions: string[];
}

export interface Violation {
    policy: string;
    enforcementLevel: string;
    urn: string;
    message: string;
}

export interface CheckReport {
    project: string;
    stack: string;
    environment: string | null;
    resources: ReportResource[];
    secrets: ReportSecret[];
    access: AccessGrant[];
    violations: Violation[];
}

/** Everything a section may derive the document from. Holds no secret value. */
export interface ReportContext {
    project: string;
    stack: string;
    recorder: RegistrationRecorder;
    /** Stack outputs, secrets already redacted. */
    stackOutputs: Record<string, unknown>;
    /** `PULUMI_CONFIG`, with `secure:` values as placeholders. */
    config: Record<string, string>;
    secretKeys: readonly string[];
    /** `--now`, for anything time-dependent (rotation due dates). */
    now: Date;
    /** `--policy-config`, parsed. */
    policyConfig?: Record<string, unknown>;
}

/**
 * A capability that adds to the document (access derivation, policy violations, ...): it reads
 * the context and the document built so far, and appends to `access`, `violations` or a
 * secret's fields. Sections run in order, after resources and secrets are described.
 */
export type ReportSection = (ctx: ReportContext, report: CheckReport) => void;

/**
 * Every registration, the Stack included: `pulumi stack export` and `pulumi preview --json` list
 * the Stack as the root resource, so a Pulumi user finds top-level resources parented to it and
 * the Stack itself with `parent: null`.
 */
export function describeResources(resources: readonly RecordedResource[]): ReportResource[] {
    return resources.map((r) => ({
        urn: r.urn,
        type: r.type,
        name: r.name,
        parent: r.parent,
        provider: r.provider,
        protect: r.protect,
        retainOnDelete: r.retainOnDelete,
        inputs: redact(r.wireInputs) as Record<string, unknown>,
        ...(r.replacementTrigger !== undefined ? { replacementTrigger: redact(r.replacementTrigger) } : {}),
    }));
}

type Outputs = Record<string, unknown>;

function outputsOf(resource: RecordedResource): Outputs {
    return (redact(resource.wireOutputs ?? {}) ?? {}) as Outputs;
}

function text(value: unknown): string | null {
    return typeof value === "string" && value !== REDACTED && value !== UNKNOWN_TEXT ? value : null;
}

function strings(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function location(value: unknown, keys: [string, string]): Record<string, string> | null {
    if (typeof value !== "object" || value === null) return null;
    const record = value as Outputs;
    const [a, b] = keys.map((k) => text(record[k]));
    return a !== null && b !== null ? { [keys[0]]: a, [keys[1]]: b } : null;
}

/** The bundles (and their children) that hold this secret as one key of a group secret, under the same `PlatformSecrets`. */
function bundleResources(recorder: RegistrationRecorder, platform: string | null, name: string): string[] {
    return recorder.ofType(SECRET_BUNDLE_TYPE)
        .filter((b) => b.parent === platform && strings(outputsOf(b).members).includes(name))
        .flatMap((b) => [b.urn, ...recorder.descendants(b.urn).map((d) => d.urn)]);
}

function describeSecret(recorder: RegistrationRecorder, outputs: Record<string, unknown>, fallbackName: string, platform: string | null, own: string[]): ReportSecret {
    const name = text(outputs.secretName) ?? fallbackName;
    return {
        name,
        kind: text(outputs.kind),
        criticality: text(outputs.criticality),
        consumers: strings(outputs.consumers),
        resources: [...own, ...bundleResources(recorder, platform, name)],
        stores: {
            vault: location(outputs.vault, ["mount", "path"]) as ReportSecret["stores"]["vault"],
            aws: location(outputs.aws, ["name", "region"]) as ReportSecret["stores"]["aws"],
        },
        kubernetes: Array.isArray(outputs.kubernetes) ? outputs.kubernetes : [],
        rotation: outputs.rotation ?? null,
        ...(Array.isArray(outputs.variables) ? { variables: strings(outputs.variables) } : {}),
        ...(outputs.accessKey !== undefined ? { accessKey: outputs.accessKey } : {}),
    };
}

/**
 * One entry per catalog secret: a `PlatformSecrets`' secrets in catalog order (its `secretNames`),
 * each read from its `SecretGroup`'s outputs, and each `ManagedSecret` composed on its own (its
 * resources: itself and its descendants), in registration order.
 */
export function describeSecrets(recorder: RegistrationRecorder): ReportSecret[] {
    return recorder.resources.flatMap((r): ReportSecret[] => {
        if (r.type === MANAGED_SECRET_TYPE) {
            const own = [r.urn, ...recorder.descendants(r.urn).map((d) => d.urn)];
            return [describeSecret(recorder, outputsOf(r), r.name, r.parent, own)];
        }
        if (r.type !== PLATFORM_SECRETS_TYPE) return [];
        const members = new Map<string, Record<string, unknown>>();
        for (const group of recorder.resources.filter((g) => g.type === SECRET_GROUP_TYPE && g.parent === r.urn)) {
            const secrets = outputsOf(group).secrets;
            if (typeof secrets !== "object" || secrets === null) continue;
            for (const [name, outputs] of Object.entries(secrets as Record<string, Record<string, unknown>>)) members.set(name, outputs);
        }
        const order = strings(outputsOf(r).secretNames);
        return [...order, ...[...members.keys()].filter((n) => !order.includes(n))]
            .filter((name) => members.has(name))
            .map((name) => {
                const outputs = members.get(name);
                if (outputs === undefined) throw new Error(`secret ${name}: no outputs registered for it`);
                return describeSecret(recorder, outputs, name, r.urn, strings(outputs.resources));
            });
    });
}

/** The program's `environment` stack output, else the project's `environment` config, else null. */
/** An environment a module component declares (its `environment` output), and whether it is production there. */
export interface ComponentEnvironment {
    urn: string;
    environment: string;
    production: boolean;
}

/**
 * The environments the program's PlatformSecrets and ManagedSecret components declare: how a
 * composed stack (`new PlatformSecrets("x", { environment: "prod", ... })`) is recognised without
 * exporting anything.
 */
export function componentEnvironments(recorder: Pick<RegistrationRecorder, "resources">): ComponentEnvironment[] {
    return recorder.resources
        .filter((r) => r.type === PLATFORM_SECRETS_TYPE || r.type === MANAGED_SECRET_TYPE)
        .flatMap((r) => {
            const environment = text(r.wireOutputs?.environment);
            return environment ? [{ urn: r.urn, environment, production: r.wireOutputs?.production === true }] : [];
        });
}

/**
 * The stack's environment: a stack output `environment`, else `<project>:environment` in the
 * configuration, else the one environment every module component declares (none when they disagree:
 * the pack's secret-environment-separation then reports the mix).
 */
export function environmentOf(ctx: Pick<ReportContext, "project" | "stackOutputs" | "config" | "secretKeys" | "recorder">): string | null {
    const key = `${ctx.project}:environment`;
    const configured = ctx.secretKeys.includes(key) ? null : text(ctx.config[key]);
    const declared = [...new Set(componentEnvironments(ctx.recorder).map((c) => c.environment))];
    return text(ctx.stackOutputs.environment) ?? configured ?? (declared.length === 1 ? declared[0] : null);
}

/** The report of a finished run of a loaded program: what `check` prints, and what the sandbox applies. */
export function reportOfRun(
    config: Pick<ProgramConfig, "project" | "stack" | "config" | "secretKeys">,
    run: { recorder: RegistrationRecorder; stackOutputs: Record<string, unknown> },
    now: Date,
    sections: readonly ReportSection[],
    policyConfig?: Record<string, unknown>,
): CheckReport {
    return buildReport({
        project: config.project,
        stack: config.stack,
        recorder: run.recorder,
        stackOutputs: run.stackOutputs,
        config: config.config,
        secretKeys: config.secretKeys,
        now,
        ...(policyConfig !== undefined ? { policyConfig } : {}),
    }, sections);
}

export function buildReport(ctx: ReportContext, sections: readonly ReportSection[] = []): CheckReport {
    const report: CheckReport = {
        project: ctx.project,
        stack: ctx.stack,
        environment: environmentOf(ctx),
        resources: describeResources(ctx.recorder.resources),
        secrets: describeSecrets(ctx.recorder),
        access: [],
        violations: [],
    };
    for (const section of sections) section(ctx, report);
    return report;
}

/** 1 when a mandatory policy is violated (contract: exit status), else 0. */
export function reportExitCode(report: Pick<CheckReport, "violations">): 0 | 1 {
    return report.violations.some((v) => v.enforcementLevel === "mandatory") ? 1 : 0;
}
