import * as fs from "fs";
import * as path from "path";
import { Secret, unknownCheckingProxy } from "@pulumi/policy";
import type { EnforcementLevel, Policies, PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { POLICIES } from "../policies/all";
import { SECRETS_VISIBLE } from "../policies/lib/values";
import { RESOURCE_REF_SIG, RecordedResource, SECRET_SIG, SPECIAL_SIG_KEY } from "./recorder";
import { CheckReport, ReportContext, ReportSection, STACK_TYPE, Violation } from "./report";
import { DEFAULT_PRODUCTION_ENVIRONMENTS } from "../components/environments";
import { componentEnvironments } from "./report";

/**
 * The policy pack in `check`: every policy of `policies/` evaluated against the recorded
 * registrations as the pack host (@pulumi/policy server.js) would run it in a preview: resource
 * policies once per resource, stack policies once with every resource, props behind the same
 * unknown-checking proxy, enforcement levels and config from a `--policy-pack-config` file.
 *
 * Differs on purpose: props carry Pulumi secret markers (`Secret` values, plus a marker that they
 * are visible), so the policy on literal values can judge what a real preview cannot; resource
 * options include `retainOnDelete`, which the analyzer protocol omits.
 */

export const PACK_CONFIG_DIR = path.resolve(__dirname, "../policies/config");

type PackConfig = Record<string, unknown>;

/** An invalid policy configuration or a policy that threw: `check` exits 2 with the message. */
export class PolicyError extends Error {}

/** `prod.json` for a production environment, `dev.json` otherwise (also when the program has no environment). */
export function defaultPackConfigFile(environment: string | null, productionEnvironments: readonly string[]): string {
    return path.join(PACK_CONFIG_DIR, environment !== null && productionEnvironments.includes(environment) ? "prod.json" : "dev.json");
}

export function productionEnvironments(ctx: Pick<ReportContext, "project" | "config">): string[] {
    const raw = ctx.config[`${ctx.project}:productionEnvironments`];
    try {
        const parsed: unknown = raw === undefined ? undefined : JSON.parse(raw);
        if (Array.isArray(parsed) && parsed.every((e) => typeof e === "string")) return parsed;
    } catch {
        // The program validates its own config; here the default is enough.
    }
    return [...DEFAULT_PRODUCTION_ENVIRONMENTS];
}

const LEVELS: readonly string[] = ["advisory", "mandatory", "remediate", "disabled"];

function levelOf(value: unknown, where: string): EnforcementLevel | undefined {
    const level = typeof value === "string" ? value : typeof value === "object" && value !== null ? (value as Record<string, unknown>).enforcementLevel : undefined;
    if (level !== undefined && !LEVELS.includes(level as string)) {
        throw new PolicyError(`${where}: enforcementLevel ${JSON.stringify(level)} is not one of ${LEVELS.join(", ")}`);
    }
    return level as EnforcementLevel | undefined;
}

export interface EffectivePolicy {
    policy: ResourceValidationPolicy | StackValidationPolicy;
    level: EnforcementLevel;
    config: Record<string, unknown>;
}

/**
 * Enforcement level and config per policy, as the engine derives them: the policy's entry, else
 * `all`, else the policy's own level. Config values the pack cannot know from a file are filled from
 * the run: the program's environment and `--now`.
 */
export function effectivePolicies(policies: Policies, pack: PackConfig, run: { environment: string | null; now: Date }, source: string): EffectivePolicy[] {
    const names = new Set(policies.map((p) => p.name));
    for (const key of Object.keys(pack)) {
        if (key !== "all" && !names.has(key)) throw new PolicyError(`${source}: no policy named ${JSON.stringify(key)} in the pack`);
    }
    const all = levelOf(pack.all, `${source}: all`);
    return policies.map((policy) => {
        const entry = pack[policy.name];
        const level = levelOf(entry, `${source}: ${policy.name}`) ?? all ?? policy.enforcementLevel ?? "advisory";
        const given = typeof entry === "object" && entry !== null ? { ...(entry as Record<string, unknown>) } : {};
        delete given.enforcementLevel;
        const properties = policy.configSchema?.properties ?? {};
        const unknownKey = Object.keys(given).find((k) => !(k in properties));
        if (unknownKey !== undefined) throw new PolicyError(`${source}: ${policy.name}.${unknownKey} is not a configuration property of this policy`);
        // The engine fills the schema's defaults before configuring the pack.
        const defaults = Object.fromEntries(Object.entries(properties).filter(([, p]) => p.default !== undefined).map(([k, p]) => [k, p.default]));
        const config: Record<string, unknown> = { ...defaults, ...given };
        if ("environment" in properties && config.environment === undefined && run.environment !== null) config.environment = run.environment;
        if ("now" in properties && config.now === undefined) config.now = run.now.toISOString();
        return { policy, level, config };
    });
}

/** Wire inputs as the analyzer would deserialize them, but keeping secrets as `Secret` values. */
export function policyProps(wire: unknown): unknown {
    if (typeof wire !== "object" || wire === null) return wire;
    const sig = (wire as Record<string, unknown>)[SPECIAL_SIG_KEY];
    if (sig === SECRET_SIG) return new Secret(policyProps((wire as Record<string, unknown>).value));
    if (sig === RESOURCE_REF_SIG) return (wire as Record<string, unknown>).urn;
    if (Array.isArray(wire)) return wire.map(policyProps);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(wire)) if (v !== undefined) out[k] = policyProps(v);
    return out;
}

interface Evaluated {
    resource: RecordedResource;
    props: Record<string, unknown>;
    opts: PolicyResource["opts"] & { retainOnDelete: boolean };
    provider?: { type: string; props: Record<string, unknown>; urn: string; name: string; opts: PolicyResource["opts"] };
}

const NO_TIMEOUTS = { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 };

function prepare(resources: readonly RecordedResource[]): Evaluated[] {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const optionsOf = (r: RecordedResource) => ({
        protect: r.protect, retainOnDelete: r.retainOnDelete, ignoreChanges: [], aliases: [], additionalSecretOutputs: [],
        customTimeouts: NO_TIMEOUTS, ...(r.parent ? { parent: r.parent } : {}),
    });
    return resources.map((resource) => {
        const props = policyProps(resource.wireInputs) as Record<string | symbol, unknown>;
        props[SECRETS_VISIBLE] = true;
        // A provider reference is `<provider urn>::<id>`.
        const providerResource = resource.provider ? byUrn.get(resource.provider.slice(0, resource.provider.lastIndexOf("::"))) : undefined;
        return {
            resource,
            props: unknownCheckingProxy(props),
            opts: optionsOf(resource),
            provider: providerResource && {
                type: providerResource.type, urn: providerResource.urn, name: providerResource.name,
                props: unknownCheckingProxy(policyProps(providerResource.wireInputs) as Record<string, unknown>), opts: optionsOf(providerResource),
            },
        };
    });
}

/**
 * The resources a stack policy sees, with `dependencies` and `propertyDependencies` as the pack host
 * fills them: the recorded URNs mapped to these same objects, URNs of no recorded resource dropped.
 */
function stackResourcesOf(evaluated: readonly Evaluated[]): PolicyResource[] {
    const resources = evaluated.map((e): PolicyResource => ({
        type: e.resource.type, props: e.props, urn: e.resource.urn, name: e.resource.name, opts: e.opts, provider: e.provider,
        dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined,
    }));
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const resolve = (urns: readonly string[] = []) => urns.map((u) => byUrn.get(u)).filter((r): r is PolicyResource => r !== undefined);
    evaluated.forEach(({ resource }, i) => {
        resources[i].dependencies = resolve(resource.dependencies);
        resources[i].propertyDependencies = Object.fromEntries(Object.entries(resource.propertyDependencies ?? {}).map(([k, urns]) => [k, resolve(urns)]));
    });
    return resources;
}

function failure(policy: string, urn: string, error: unknown): PolicyError {
    return new PolicyError(`policy ${policy} failed on ${urn}: ${error instanceof Error ? error.message : String(error)}`);
}

class NotApplicable extends Error {}
const notApplicable = (reason?: string): never => {
    throw new NotApplicable(reason);
};

/** Every violation of the pack over the recorded resources, policy by policy. */
export function evaluatePolicies(resources: readonly RecordedResource[], effective: readonly EffectivePolicy[]): Violation[] {
    const evaluated = prepare(resources);
    const stackUrn = resources.find((r) => r.type === STACK_TYPE && r.parent === null)?.urn ?? "";
    const violations: Violation[] = [];
    const stackTags = new Map<string, string>();
    for (const { policy, level, config } of effective) {
        if (level === "disabled") continue;
        const getConfig = <T extends object>() => config as T;
        const push = (urn: string) => (message: string) => violations.push({ policy: policy.name, enforcementLevel: level, urn, message });
        if ("validateResource" in policy && policy.validateResource) {
            const validations = [policy.validateResource].flat();
            for (const e of evaluated) {
                const { resource } = e;
                const args: ResourceValidationArgs = {
                    type: resource.type, props: e.props, urn: resource.urn, name: resource.name, opts: e.opts, provider: e.provider, stackTags,
                    isType: () => false, asType: () => undefined, getConfig, notApplicable,
                };
                const report: ReportViolation = push(resource.urn);
                for (const validate of validations) {
                    try {
                        void validate(args, report);
                    } catch (error) {
                        if (!(error instanceof NotApplicable)) throw failure(policy.name, resource.urn, error);
                    }
                }
            }
        }
        if ("validateStack" in policy && policy.validateStack) {
            const stackResources = stackResourcesOf(evaluated);
            try {
                void policy.validateStack({ resources: stackResources, stackTags, getConfig, notApplicable },
                    (message: string, urn?: string) => push(urn ?? stackUrn)(message));
            } catch (error) {
                if (!(error instanceof NotApplicable)) throw failure(policy.name, stackUrn, error);
            }
        }
    }
    return violations;
}

function readPackConfig(file: string): PackConfig {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as PackConfig;
    } catch (e) {
        throw new PolicyError(`${file}: ${(e as Error).message}`);
    }
}

/**
 * The module's pack config for the run: production when the environment is one of the configured
 * production environments, or a module component declares it production (its own
 * `productionEnvironments`, which a composed stack passes as an argument, not as configuration).
 */
export function packConfigFileFor(ctx: Pick<ReportContext, "project" | "config" | "recorder">, environment: string | null): string {
    const declaredProduction = componentEnvironments(ctx.recorder).filter((c) => c.production).map((c) => c.environment);
    // Components that disagree leave no environment; if one of them is production, its stricter config applies.
    return defaultPackConfigFile(environment ?? declaredProduction[0] ?? null, [...productionEnvironments(ctx), ...declaredProduction]);
}

/**
 * The report section: the pack config is `--policy-config` when given, else the file for the
 * program's environment. Policies are synchronous here: none of the pack's returns a promise.
 */
export function policySection(policies: Policies = POLICIES): ReportSection {
    return (ctx: ReportContext, report: CheckReport) => {
        const file = packConfigFileFor(ctx, report.environment);
        const pack = ctx.policyConfig ?? readPackConfig(file);
        const source = ctx.policyConfig ? "--policy-config" : path.relative(process.cwd(), file) || file;
        const effective = effectivePolicies(policies, pack, { environment: report.environment, now: ctx.now }, source);
        report.violations.push(...evaluatePolicies(ctx.recorder.resources, effective));
    };
}
