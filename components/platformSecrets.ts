import * as pulumi from "@pulumi/pulumi";
import { CatalogConfig, ResolvedCatalog } from "./catalog/model";
import { CatalogValidationError, ProblemSource } from "./catalog/problems";
import { checkCatalog, resolveCatalog } from "./catalog/validate";
import { SecretsKey, createSecretsKey, existingSecretsKey } from "./aws/kms";
import { SecretBundle } from "./aws/bundle";
import { DEFAULT_MAX_VERSIONS, createKvMount } from "./vault/kv";
import { DeclaredManagedSecret, SecretDeclaration, VaultTarget, declareManagedSecret } from "./managedSecret";
import { CatalogPlan, SecretPlan, planCatalog } from "./plan";
import { templateOrder } from "./catalog/rules/template";
import { SecretGroup } from "./secretGroup";
import { MANAGED_BY, protectionOptions } from "./protection";
import { SecretRecord, declareAccess } from "./access/declare";
import { SecretConsumer } from "./access/secretConsumer";
import { rotationNow } from "./rotation/clock";
import { kmsAliasName } from "./conventions";
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
        const plan = planCatalog(catalog, {
            name,
            providedExternals: new Set(Object.keys(externalValues).filter((k) => externalValues[k] !== undefined)),
            environmentsOf: (n) => config.secrets[n]?.environments ?? [],
            keyPrefix: configSource?.keyPrefix,
        });
        for (const n of plan.missingExternals) {
            pulumi.log.warn(`${n}: external secret not set in ${catalog.environment}; skipped. Set it with: pulumi config set --secret ${configSource?.keyPrefix ?? ""}${n}`, this);
        }
        const { vault, awsKey } = declareStores(name, catalog, plan, this);
        const awsCfg = catalog.stores.aws;
        const recoveryWindowDays = awsCfg?.recoveryWindowDays ?? DEFAULT_RECOVERY_WINDOW_DAYS;
        const child = { parent: this };

        this.groups = {};
        // A template is filled from its inputs' values, so they are declared first; records keep catalog order.
        const declared = new Map<string, SecretDeclaration>();
        const declarationOf = (p: SecretPlan) => {
            const { secret } = p;
            const group = this.groups[secret.group] ??= new SecretGroup(`${name}-group-${secret.group}`, { group: secret.group }, child);
            return { plan: p, group, ...declareManagedSecret(p.resourceName, {
                secret,
                environment: catalog.environment,
                value: externalValues[secret.name],
                vault: p.vault ? vault : undefined,
                aws: awsCfg && awsKey && p.aws?.kind === "own" ? { region: awsCfg.region, key: awsKey, recoveryWindowDays } : undefined,
                awsBundle: awsCfg && p.aws?.kind === "bundle" ? { region: awsCfg.region, secretName: p.aws.secretName } : undefined,
                protection: catalog.protection,
                kubernetes: p.projection,
                now,
                rotationWarningDays: catalog.rotationWarningDays,
                templateInputs: Object.fromEntries((secret.inputs ?? []).flatMap((n) => {
                    const input = declared.get(n);
                    return input ? [[n, input]] : [];
                })),
            }, group) };
        };
        const byPlan = new Map(templateOrder(plan.secrets, (p) => p.secret.name, (p) => p.secret.inputs).map((p) => {
            const d = declarationOf(p);
            declared.set(p.secret.name, d);
            return [p, d] as const;
        }));
        const declarations = plan.secrets.flatMap((p) => byPlan.get(p) ?? []);
        // A bundle holds its members' values, so it comes after them.
        const valuesOf = new Map(declarations.map((d) => [d.plan.secret.name, d.declared.values]));
        const bundles = new Map(awsCfg && awsKey ? plan.bundles.map((b) => [b.group, new SecretBundle(`${name}-bundle-${b.group}`, {
            environment: catalog.environment,
            secretName: b.secretName,
            region: awsCfg.region,
            key: awsKey,
            recoveryWindowDays,
            criticality: b.criticality,
            owner: catalog.owner,
            values: Object.assign({}, ...b.members.map((s) => valuesOf.get(s.name))),
            rotationTags: b.rotationTags,
            protection: catalog.protection,
        }, child)] as const) : []);
        const records: Array<SecretRecord & { report: pulumi.Inputs }> = declarations.map((d) => ({
            ...d, bundle: d.plan.aws?.kind === "bundle" ? bundles.get(d.plan.aws.group) : undefined,
        }));

        this.secrets = Object.fromEntries(records.map((r) => [r.plan.secret.name, r.declared]));
        this.references = Object.fromEntries(records.map((r) => [r.plan.secret.name, {
            path: r.declared.path,
            vaultDataPath: r.declared.vaultDataPath,
            awsSecretName: r.declared.awsSecretName,
            awsSecretArn: r.bundle?.arn ?? r.declared.awsSecretArn,
        }]));
        const access = declareAccess(this, name, catalog, records, awsKey);
        this.consumers = access.consumers;
        for (const group of Object.values(this.groups)) {
            group.complete(Object.fromEntries(records.filter((r) => r.group === group).map((r) => {
                const fence = access.fences[r.plan.secret.name];
                return [r.plan.secret.name, {
                    report: r.report,
                    resources: [...r.resources, ...(fence && !r.bundle ? [fence] : [])],
                }];
            })));
        }

        this.registerOutputs({
            environment: catalog.environment,
            secretNames: Object.keys(this.secrets),
            skipped: catalog.skipped,
            skippedBecause: plan.skippedBecause,
            // Read by `check` to choose the production pack config for a composed stack.
            production: catalog.isProduction,
        });
    }
}

/** The stores every secret shares: the Vault KV v2 mount, the KMS key, and the audit of both. */
function declareStores(name: string, catalog: ResolvedCatalog, plan: CatalogPlan, parent: pulumi.Resource): { vault?: VaultTarget; awsKey?: SecretsKey } {
    const child = { parent };
    const keep = protectionOptions(catalog.protection);
    const tags = { environment: catalog.environment, "managed-by": MANAGED_BY, owner: catalog.owner };
    const vaultCfg = catalog.stores.vault;
    const kv = vaultCfg && vaultCfg.manageMount !== false
        ? createKvMount(`${name}-kv`, {
            path: vaultCfg.mount,
            maxVersions: plan.kvMountMaxVersions,
            description: `platform-secrets KV v2 (${catalog.environment})`,
        }, child, keep)
        : undefined;
    const vault: VaultTarget | undefined = vaultCfg && {
        mount: kv ? kv.path : vaultCfg.mount,
        mountName: vaultCfg.mount,
        maxVersions: vaultCfg.maxVersions ?? DEFAULT_MAX_VERSIONS,
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
    return { vault, awsKey };
}
