import { CRITICALITIES, KINDS, defaultKeepPrevious, defaultRotationDays } from "../kinds";
import { parseTemplate } from "../../generation/template";
import { templateOrder } from "./template";
import { CatalogConfig, ResolvedAccessKey, ResolvedCatalog, ResolvedSecret, STORE_NAMES, SecretConfig } from "../model";
import { DEFAULT_PRODUCTION_ENVIRONMENTS } from "../../environments";
import { secretPath } from "../paths";
import { resolveKubernetes } from "../../kubernetes/namespaces";
import { ACCESS_KEY_KIND, accessKeyUserName } from "./accessKey";

/** Every default, in one place: the catalog as the components use it. */

/** `check` warns this many days before a rotation is due, unless `rotationWarningDays` says otherwise. */
export const DEFAULT_ROTATION_WARNING_DAYS = 14;

/**
 * Applies defaults and selects the secrets of this environment. Call only on a catalog
 * that `validateCatalog` accepted.
 */
export function resolveCatalog(config: CatalogConfig): ResolvedCatalog {
    const production = config.productionEnvironments ?? DEFAULT_PRODUCTION_ENVIRONMENTS;
    const isProduction = production.includes(config.environment);
    const enabled = STORE_NAMES.filter((s) => config.stores[s] !== undefined && config.stores[s] !== null);
    const owner = config.owner ?? "platform-team";
    const secrets: ResolvedSecret[] = [];
    const skipped: string[] = [];
    for (const [name, s] of Object.entries(config.secrets)) {
        if (s.environments && !s.environments.includes(config.environment)) {
            skipped.push(name);
            continue;
        }
        const spec = KINDS[s.kind];
        const criticality = s.criticality ?? "high";
        const group = s.group ?? spec.defaultGroup;
        secrets.push({
            name,
            kind: s.kind,
            group,
            description: s.description ?? `${name} (${s.kind})`,
            length: s.length ?? spec.defaultLength,
            criticality,
            required: s.required ?? true,
            format: s.format,
            username: s.username,
            rotationDays: s.rotationDays ?? defaultRotationDays(s.kind, criticality),
            // A rotation Lambda keeps AWSPREVIOUS itself; two Pulumi slots would only be stale copies.
            keepPrevious: s.awsRotation ? false : s.keepPrevious ?? defaultKeepPrevious(s.kind, name),
            consumers: s.consumers ?? [],
            stores: s.stores ?? enabled,
            avoidCharacters: s.avoidCharacters ?? "",
            owner: s.owner ?? owner,
            ...(s.emergencyRotation !== undefined ? { emergencyRotation: s.emergencyRotation } : {}),
            ...(s.lastRotated !== undefined ? { lastRotated: s.lastRotated } : {}),
            ...(s.awsRotation !== undefined ? { awsRotation: s.awsRotation } : {}),
            ...(s.template !== undefined ? { template: s.template, inputs: parseTemplate(s.template).references } : {}),
            ...(s.kind === ACCESS_KEY_KIND ? { accessKey: resolveAccessKey(config.environment, s) } : {}),
            path: secretPath(config.environment, group, name),
        });
    }
    resolveTemplates(secrets, config);
    return {
        environment: config.environment,
        isProduction,
        protection: config.protection ?? (isProduction ? "protect" : "none"),
        owner,
        stores: config.stores,
        consumers: config.consumers ?? {},
        kubernetes: resolveKubernetes(config.kubernetes),
        secrets,
        skipped,
        rotationWarningDays: config.rotationWarningDays ?? DEFAULT_ROTATION_WARNING_DAYS,
    };
}

/**
 * A template follows its inputs (in place, inputs first): due with the earliest of them (the
 * shortest period), two-slot when any of them is, and as critical as the most critical unless it
 * says otherwise.
 */
function resolveTemplates(secrets: ResolvedSecret[], config: CatalogConfig): void {
    const byName = new Map(secrets.map((s) => [s.name, s]));
    for (const secret of templateOrder(secrets, (s) => s.name, (s) => s.inputs)) {
        if (secret.kind !== "template") continue;
        const inputs = (secret.inputs ?? []).flatMap((n) => byName.get(n) ?? []);
        if (inputs.length === 0) continue;
        secret.rotationDays = Math.min(...inputs.map((s) => s.rotationDays));
        // Inputs are resolved first, so an input template's own sources are known.
        secret.sources = Object.assign({}, ...inputs.map((s) => s.kind === "template" ? s.sources : { [s.name]: s.rotationDays }));
        secret.keepPrevious = inputs.some((s) => s.keepPrevious);
        if (config.secrets[secret.name].criticality === undefined) {
            secret.criticality = CRITICALITIES.find((c) => inputs.some((s) => s.criticality === c)) ?? secret.criticality;
        }
    }
}

/** An access key's user, permissions (the inline policy as compact JSON text) and variables. */
function resolveAccessKey(environment: string, s: SecretConfig): ResolvedAccessKey {
    if (s.user === undefined || s.keys === undefined) throw new Error(`resolveCatalog: aws-access-key without user or keys (validate the catalog first)`);
    const policy = typeof s.policy === "string" ? JSON.stringify(JSON.parse(s.policy)) : s.policy !== undefined ? JSON.stringify(s.policy) : undefined;
    return {
        userName: accessKeyUserName(environment, s.user),
        policyArns: s.policyArns ?? [],
        ...(policy !== undefined ? { policy } : {}),
        keys: s.keys,
    };
}
