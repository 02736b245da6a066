import * as pulumi from "@pulumi/pulumi";
import { CRITICALITIES } from "./catalog/kinds";
import { CatalogConfig, ResolvedCatalog, ResolvedSecret } from "./catalog/model";
import { bundlePath } from "./catalog/paths";
import { CatalogValidationError, ProblemSource } from "./catalog/problems";
import { checkCatalog, resolveCatalog } from "./catalog/validate";
import { SecretsKey, createSecretsKey, existingSecretsKey } from "./aws/kms";
import { SecretBundle } from "./aws/bundle";
import { DEFAULT_MAX_VERSIONS, createKvMount } from "./vault/kv";
import { entryMaxVersions } from "./vault/history";
import { DeclaredManagedSecret, SecretDeclaration, VaultTarget, declareManagedSecret, managedSecretName } from "./managedSecret";
import { SecretGroup } from "./secretGroup";
import { MANAGED_BY, protectionOptions } from "./protection";
import { DeclaredSecret, declareAccess, projectionPlacements } from "./access/declare";
import { SecretConsumer } from "./access/secretConsumer";
import { rotationNow } from "./rotation/clock";
import { TAG, kmsAliasName } from "./conventions";
import { awsAuditPlan, vaultAuditPlan } from "./audit/plan";
import { createVaultAudit } from "./audit/vaultAudit";
import { createAwsAudit } from "./audit/awsAudit";

import { PLATFORM_SECRETS_TYPE } from "./typeTokens";

export { PLATFORM_SECRETS_TYPE };
const DEFAULT_RECOVERY_WINDOW_DAYS = 30;

export interface PlatformSecretsArgs extends CatalogConfig {
    /**
     * Values of `external` secrets, by secret name. The stack program reads them with
     * `config.getSecret(NAME)`. Security: pass Pulumi secrets; never plain strings from source code.
     * @default {}
     */
    externalValues?: Record<string, pulumi.Input<string>>;
    /** Names the file and config namespace in validation messages. @default no file, no prefix */
    configSource?: ProblemSource;
    /**
     * The date rotation is computed from: the slot of every value, and `check`'s due dates.
     * Pass it only for tests and what-ifs; a fixed date in a real stack stops rotation.
     * @default `rotationNow()`: `PLATFORM_SECRETS_NOW` when set, else the current time
     */
    now?: Date;
}

/** Where each secret went: references only, never values. Safe to export as stack outputs. */
export interface SecretReference {
    path: string;
    vaultDataPath?: string;
    awsSecretName?: string;
    awsSecretArn?: pulumi.Output<string>;
}

/**
 * The whole catalog of one environment: validates it (every problem at once), creates the
 * shared store resources (Vault KV v2 mount, KMS key) and, per catalog group, one `SecretGroup`
 * holding its secrets' resources (what a `ManagedSecret` would hold, without a component per secret).
 *
 * Providers: pass `providers: { aws, vault, random, kubernetes }` in `opts` to point every child at
 * your own Vault, AWS account or region, or cluster; they are inherited by all children.
 *
 * Access (when `consumers` read secrets): a resource policy on each AWS secret fencing off other
 * environments, and per consumer a `SecretConsumer` (projection, RBAC, IAM and Vault grants); in
 * `external-secrets` mode, a `NamespaceStores` per namespace.
 */
export class PlatformSecrets extends pulumi.ComponentResource {
    readonly catalog: ResolvedCatalog;
    /** Each secret present in this environment, by secret name: its values and where they are stored. */
    readonly secrets: Record<string, DeclaredManagedSecret>;
    /** One component per catalog group with a secret present, by group name. */
    readonly groups: Record<string, SecretGroup>;
    /** Per secret, where it is stored. */
    readonly references: Record<string, SecretReference>;
    /**
     * Per consumer that reads at least one secret: its Secret's name (`secretName`) and grants. Make a
     * workload `dependsOn` its consumer so that its Secret exists before the pods start.
     */
    readonly consumers: Record<string, SecretConsumer>;

    constructor(name: string, args: PlatformSecretsArgs, opts?: pulumi.ComponentResourceOptions) {
        const externalValues = args.externalValues ?? {};
        const { externalValues: _values, configSource, now: fixedNow, ...config } = args;
        // Read once, so every secret of the run sees the same date even across midnight.
        const now = fixedNow ?? rotationNow();
        const checked = checkCatalog(config, {
            providedExternals: new Set(Object.keys(externalValues).filter((k) => externalValues[k] !== undefined)),
            stack: pulumi.getStack(),
            configNamespace: configSource?.keyPrefix?.replace(/:$/, ""),
            now,
        });
        const problems = [...(configSource?.keyProblems ?? []), ...(checked.valid ? [] : checked.problems)];
        if (problems.length > 0 || !checked.valid) {
            throw new CatalogValidationError(problems, configSource);
        }
        super(PLATFORM_SECRETS_TYPE, name, {}, opts);
        const catalog = resolveCatalog(checked.config);
        this.catalog = catalog;
        const child = { parent: this };
        const keep = protectionOptions(catalog.protection);
        const tags = { environment: catalog.environment, "managed-by": MANAGED_BY, owner: catalog.owner };

        const vaultCfg = catalog.stores.vault;
        const storeMaxVersions = vaultCfg?.maxVersions ?? DEFAULT_MAX_VERSIONS;
        const kv = vaultCfg && vaultCfg.manageMount !== false
            ? createKvMount(`${name}-kv`, {
                path: vaultCfg.mount,
                // Vault applies the lower of the mount's and an entry's limit: in production the mount holds every critical entry's year.
                maxVersions: catalog.isProduction
                    ? Math.max(storeMaxVersions, ...catalog.secrets.filter((s) => s.stores.includes("vault")).map((s) => entryMaxVersions(s, storeMaxVersions)))
                    : storeMaxVersions,
                description: `platform-secrets KV v2 (${catalog.environment})`,
            }, child, keep)
            : undefined;
        const vault: VaultTarget | undefined = vaultCfg && {
            mount: kv ? kv.path : vaultCfg.mount,
            mountName: vaultCfg.mount,
            maxVersions: storeMaxVersions,
            // A year of history is a production promise; dev keeps what its config says.
            keepYear: catalog.isProduction,
            ...(kv ? { config: kv.config } : {}),
        };

        const awsCfg = catalog.stores.aws;
        const awsKey: SecretsKey | undefined = awsCfg && (awsCfg.kmsKeyId
            ? existingSecretsKey(awsCfg.kmsKeyId, awsCfg.replicaRegions ?? [])
            : createSecretsKey(`${name}-kms`, {
                environment: catalog.environment,
                aliasName: kmsAliasName(name, catalog.environment),
                region: awsCfg.region,
                replicaRegions: awsCfg.replicaRegions ?? [],
                tags,
            }, child, keep));
        // Audit of every access, declared with the stores (on by default in production).
        const vaultAudit = vaultAuditPlan(catalog);
        if (vaultAudit) createVaultAudit(`${name}-audit`, vaultAudit, catalog.environment, { ...child, ...keep });
        const awsAudit = awsAuditPlan(catalog);
        if (awsAudit) createAwsAudit(`${name}-audit`, awsAudit, catalog.environment, tags, child, keep);
        const bundled = awsCfg?.bundle === "group";
        const recoveryWindowDays = awsCfg?.recoveryWindowDays ?? DEFAULT_RECOVERY_WINDOW_DAYS;

        this.references = {};
        this.groups = {};
        const declarations: Record<string, SecretDeclaration> = {};
        // Why each catalog secret this stack leaves out is left out: reported by `check`.
        const skippedBecause: Record<string, string> = Object.fromEntries(catalog.skipped.map((n) => {
            const only = config.secrets[n]?.environments ?? [];
            return [n, `not in environment ${catalog.environment} (the secret's environments: ${only.join(", ")})`];
        }));
        for (const secret of catalog.secrets) {
            if (secret.kind === "external" && externalValues[secret.name] === undefined) {
                skippedBecause[secret.name] = `external, no value in this stack (pulumi config set --secret ${configSource?.keyPrefix ?? ""}${secret.name})`;
                pulumi.log.warn(`${secret.name}: external secret not set in ${catalog.environment}; skipped. Set it with: pulumi config set --secret ${configSource?.keyPrefix ?? ""}${secret.name}`, this);
                continue;
            }
            const inAws = awsCfg && awsKey && secret.stores.includes("aws");
            const group = this.groups[secret.group] ??= new SecretGroup(`${name}-group-${secret.group}`, { group: secret.group }, child);
            const managed = declareManagedSecret(managedSecretName(name, secret.name), {
                secret,
                environment: catalog.environment,
                value: externalValues[secret.name],
                vault: vault && secret.stores.includes("vault") ? vault : undefined,
                aws: inAws && !bundled ? { region: awsCfg.region, key: awsKey, recoveryWindowDays } : undefined,
                awsBundle: inAws && bundled ? { region: awsCfg.region, secretName: bundlePath(catalog.environment, secret.group) } : undefined,
                protection: catalog.protection,
                kubernetes: projectionPlacements(catalog, secret),
                now,
                rotationWarningDays: catalog.rotationWarningDays,
            }, group);
            declarations[secret.name] = managed;
            this.references[secret.name] = {
                path: managed.path,
                vaultDataPath: managed.vaultDataPath,
                awsSecretName: managed.awsSecretName,
                awsSecretArn: managed.awsSecretArn,
            };
        }

        this.secrets = declarations;

        const bundles: Record<string, SecretBundle> = {};
        if (awsCfg && awsKey && bundled) {
            for (const [group, members] of groupsStoredInAws(catalog.secrets.filter((s) => this.secrets[s.name]))) {
                const bundle = new SecretBundle(`${name}-bundle-${group}`, {
                    environment: catalog.environment,
                    secretName: bundlePath(catalog.environment, group),
                    region: awsCfg.region,
                    key: awsKey,
                    recoveryWindowDays,
                    criticality: highestCriticality(members),
                    owner: catalog.owner,
                    values: Object.assign({}, ...members.map((s) => this.secrets[s.name].values)),
                    rotationTags: bundleRotationTags(members),
                    protection: catalog.protection,
                }, child);
                for (const member of members) {
                    bundles[member.name] = bundle;
                    this.references[member.name].awsSecretArn = bundle.arn;
                }
            }
        }

        const declared: DeclaredSecret[] = catalog.secrets.filter((s) => this.secrets[s.name]).map((secret) => ({
            secret,
            values: this.secrets[secret.name].values,
            version: this.secrets[secret.name].version,
            awsSecretName: this.references[secret.name].awsSecretName,
            awsSecretArn: this.references[secret.name].awsSecretArn,
            sources: [...declarations[secret.name].resources, ...(bundles[secret.name] ? [bundles[secret.name]] : [])],
            awsOwner: bundles[secret.name] ?? (this.secrets[secret.name].awsSecretArn ? this.groups[secret.group] : undefined),
        }));
        const access = declareAccess(this, name, catalog, declared, awsKey);
        this.consumers = access.consumers;
        for (const group of Object.values(this.groups)) {
            group.complete(Object.fromEntries(declared.filter((d) => d.secret.group === group.group).map((d) => [d.secret.name, {
                report: declarations[d.secret.name].report,
                resources: [...declarations[d.secret.name].resources, ...(access.fences[d.secret.name] && !bundles[d.secret.name] ? [access.fences[d.secret.name]] : [])],
            }])));
        }

        this.registerOutputs({
            environment: catalog.environment,
            secretNames: Object.keys(this.secrets),
            skipped: catalog.skipped,
            skippedBecause,
            // Read by `check` to choose the production pack config for a composed stack.
            production: catalog.isProduction,
        });
    }
}

function groupsStoredInAws(secrets: ResolvedSecret[]): Map<string, ResolvedSecret[]> {
    const groups = new Map<string, ResolvedSecret[]>();
    for (const secret of secrets.filter((s) => s.stores.includes("aws"))) {
        groups.set(secret.group, [...(groups.get(secret.group) ?? []), secret]);
    }
    return groups;
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

function highestCriticality(secrets: ResolvedSecret[]): string {
    return CRITICALITIES.find((c) => secrets.some((s) => s.criticality === c)) ?? "high";
}
