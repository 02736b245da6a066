import { CRITICALITIES } from "./catalog/kinds";
import { ResolvedCatalog, ResolvedSecret } from "./catalog/model";
import { bundlePath, kebabName } from "./catalog/paths";
import { TAG } from "./conventions";
import { consumerSecretName } from "./kubernetes/namespaces";
import { TargetSecret, projectionLayout, secretsOfTarget } from "./kubernetes/layout";
import { entryMaxVersions } from "./vault/history";
import { DEFAULT_MAX_VERSIONS } from "./vault/kv";

/**
 * What `PlatformSecrets` will create for a resolved catalog, decided before any resource exists:
 * one record per secret present in the environment, one per AWS bundle, and why each absent secret
 * is absent. Pure, so every wiring decision is tested without the Pulumi runtime; the component only
 * turns the plan into resources.
 */
export interface CatalogPlan {
    /** Every secret present in this environment, in catalog order. */
    secrets: SecretPlan[];
    /** One shared AWS secret per group (`stores.aws.bundle: group`) with a member stored in AWS. */
    bundles: BundlePlan[];
    /** Why each catalog secret this stack leaves out is left out: reported by `check`. */
    skippedBecause: Record<string, string>;
    /** `external` secrets without a value in this stack: warned about, then left out. */
    missingExternals: string[];
    /** `maxVersions` of the KV mount, when the stack manages the mount. */
    kvMountMaxVersions: number;
}

/** Where one present secret goes. */
export interface SecretPlan {
    secret: ResolvedSecret;
    /** The stem of the secret's resource names, `<component>-<kebab-name>` (`managedSecretName`). */
    resourceName: string;
    /** Whether a copy goes to Vault. */
    vault: boolean;
    /** Its AWS copy: its own Secrets Manager secret, or a key of its group's bundle. */
    aws?: { kind: "own" } | { kind: "bundle"; group: string; secretName: string };
    /** The consumers' Kubernetes Secrets it is projected into. */
    projection: ProjectionPlacement[];
}

/** A consumer's Kubernetes Secret that receives a catalog secret: every key of it, or those its `projection` maps. */
export interface ProjectionPlacement {
    namespace: string;
    secretName: string;
    /** The consumer's `projection` entry for this Secret; absent in the default layout (key = NAME). */
    target?: TargetSecret;
}

/** One group's shared AWS secret. */
export interface BundlePlan {
    group: string;
    /** Name of the bundle's AWS secret, `<environment>/<group>`. */
    secretName: string;
    /** Its members, in catalog order. */
    members: ResolvedSecret[];
    /** The highest of its members'. */
    criticality: string;
    /** Rotation marks of the bundle (see `bundleRotationTags`). */
    rotationTags: Record<string, string>;
}

export interface PlanContext {
    /** The stem of every child's name: the component's name. */
    name: string;
    /** Names of the `external` secrets this stack has a value for. */
    providedExternals: ReadonlySet<string>;
    /** Each catalog secret's own `environments` as configured (for the reason it is skipped). */
    environmentsOf: (secretName: string) => string[];
    /** Prefix of the stack's config keys, for the `pulumi config set` hint. @default "" */
    keyPrefix?: string;
}

export function planCatalog(catalog: ResolvedCatalog, ctx: PlanContext): CatalogPlan {
    const skippedBecause: Record<string, string> = Object.fromEntries(catalog.skipped.map((n) =>
        [n, `not in environment ${catalog.environment} (the secret's environments: ${ctx.environmentsOf(n).join(", ")})`]));
    const missingExternals = catalog.secrets.filter((s) => s.kind === "external" && !ctx.providedExternals.has(s.name)).map((s) => s.name);
    for (const n of missingExternals) {
        skippedBecause[n] = `external, no value in this stack (pulumi config set --secret ${ctx.keyPrefix ?? ""}${n})`;
    }
    const aws = catalog.stores.aws;
    const bundled = aws?.bundle === "group";
    const secrets = catalog.secrets.filter((s) => !missingExternals.includes(s.name)).map((secret): SecretPlan => ({
        secret,
        resourceName: managedSecretName(ctx.name, secret.name),
        vault: catalog.stores.vault !== undefined && secret.stores.includes("vault"),
        aws: !aws || !secret.stores.includes("aws") ? undefined
            : bundled ? { kind: "bundle", group: secret.group, secretName: bundlePath(catalog.environment, secret.group) }
            : { kind: "own" },
        projection: projectionPlacements(catalog, secret),
    }));
    return { secrets, bundles: bundlesOf(catalog.environment, secrets), skippedBecause, missingExternals, kvMountMaxVersions: kvMountMaxVersions(catalog) };
}

/**
 * The stem of a catalog secret's resource names (and of its `ManagedSecret`'s name when composed on its
 * own): `JWT_SECRET_KEY` under `prod` is `prod-jwt-secret-key`, its value `prod-jwt-secret-key-value`.
 */
export function managedSecretName(parentName: string, secretName: string): string {
    return `${parentName}-${kebabName(secretName)}`;
}

/**
 * Where a secret is projected: per consumer, `<consumer>-secrets` in its namespace, or each Secret of
 * the consumer's `projection` that maps it.
 */
export function projectionPlacements(catalog: ResolvedCatalog, secret: ResolvedSecret): ProjectionPlacement[] {
    if (!catalog.kubernetes) return [];
    return secret.consumers
        .filter((c) => catalog.consumers[c])
        .flatMap((c): ProjectionPlacement[] => {
            const namespace = catalog.consumers[c].namespace;
            const layout = projectionLayout(catalog.consumers[c]);
            if (!layout) return [{ namespace, secretName: consumerSecretName(c) }];
            return layout.filter((t) => secretsOfTarget(t).includes(secret.name)).map((target) => ({ namespace, secretName: target.name, target }));
        });
}

/**
 * Vault applies the lower of the mount's and an entry's limit: in production the mount holds every
 * critical entry's year of versions; elsewhere it keeps what the config says.
 */
function kvMountMaxVersions(catalog: ResolvedCatalog): number {
    const configured = catalog.stores.vault?.maxVersions ?? DEFAULT_MAX_VERSIONS;
    if (!catalog.isProduction) return configured;
    return Math.max(configured, ...catalog.secrets.filter((s) => s.stores.includes("vault")).map((s) => entryMaxVersions(s, configured)));
}

function bundlesOf(environment: string, secrets: SecretPlan[]): BundlePlan[] {
    const members = new Map<string, ResolvedSecret[]>();
    for (const { aws, secret } of secrets) {
        if (aws?.kind === "bundle") members.set(aws.group, [...(members.get(aws.group) ?? []), secret]);
    }
    return [...members].map(([group, m]) => ({
        group,
        secretName: bundlePath(environment, group),
        members: m,
        criticality: CRITICALITIES.find((c) => m.some((s) => s.criticality === c)) ?? "high",
        rotationTags: bundleRotationTags(m),
    }));
}

/**
 * A bundle is due as soon as its most frequently rotated member: the shortest period, and
 * `keep-previous` when any member carries `NAME_PREVIOUS`.
 */
export function bundleRotationTags(members: ResolvedSecret[]): Record<string, string> {
    const kinds = new Set(members.map((s) => s.kind));
    return {
        [TAG.rotationDays]: String(Math.min(...members.map((s) => s.awsRotation?.automaticallyAfterDays ?? s.rotationDays))),
        [TAG.keepPrevious]: String(members.some((s) => s.keepPrevious)),
        // One kind for all members (a group of Fernet keys): the pack then judges the bundle's period
        // by that kind's limit, as it judges each member. Mixed kinds take the shortest period above.
        ...(kinds.size === 1 ? { [TAG.kind]: [...kinds][0] } : {}),
    };
}
