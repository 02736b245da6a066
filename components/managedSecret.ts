import { projectedKeys } from "./kubernetes/layout";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { secretResourcePolicy } from "./access/documents";
import { isProductionEnvironment } from "./environments";
import { entryMaxVersions } from "./vault/history";
import { Protection, ResolvedSecret } from "./catalog/model";
import { generateValue } from "./generation/generate";
import { SecretsKey } from "./aws/kms";
import { createAwsSecret } from "./aws/secret";
import { createSecretRotation } from "./aws/rotation";
import { createAccessKeys } from "./aws/accessKey";
import { rotationNow } from "./rotation/clock";
import { SecretRotation, secretRotation } from "./rotation/secretRotation";
import { parseTemplate, renderTemplate } from "./generation/template";
import { DEFAULT_ROTATION_WARNING_DAYS } from "./catalog/validate";
import { MANAGED_BY_VALUE, PREVIOUS_SUFFIX, TAG } from "./conventions";
import { createKvEntry, kvDataPath } from "./vault/kv";
import { protectionOptions, secretTags } from "./protection";

import type { ProjectionPlacement } from "./plan";
import { MANAGED_SECRET_TYPE } from "./typeTokens";

export { MANAGED_SECRET_TYPE };

/** Where the Vault copy goes. */
export interface VaultTarget {
    /** Mount path (an Output when the mount is created in the same program). */
    mount: pulumi.Input<string>;
    /** The mount path as plain text, for reporting and policies. */
    mountName: string;
    /** Versions Vault keeps of this entry; at least 2. */
    maxVersions: number;
    /**
     * Raise a critical entry's `maxVersions` to hold a year of its versions (`ceil(365 / rotationDays) + 1`,
     * components/vault/history.ts). @default false; PlatformSecrets sets it in production environments
     */
    keepYear?: boolean;
    /**
     * The mount's KV v2 configuration, when this program manages the mount: entries are written after
     * it, so `maxVersions` (and the rest) holds from the first write. @default none (mount managed elsewhere)
     */
    config?: pulumi.Resource;
}

/** Where the AWS copy goes: its own Secrets Manager secret. */
export interface AwsTarget {
    region: string;
    key: SecretsKey;
    /** 7 to 30, or 0 outside production. */
    recoveryWindowDays: number;
    /**
     * IAM role or user ARNs (wildcards allowed) that may administer the secret although they are not
     * of its environment: the exceptions of the environment fence `ManagedSecret` puts on it.
     * Security: each one can read the value. @default [] (only principals tagged with the environment)
     */
    adminPrincipalArns?: string[];
}

/** The secret is a key of a shared group secret, created by `SecretBundle`. */
export interface AwsBundleRef {
    region: string;
    /** Name of the bundle's AWS secret, `<environment>/<group>`. */
    secretName: string;
}

export interface ManagedSecretArgs {
    /** The secret, defaults applied (see `resolveCatalog`). */
    secret: ResolvedSecret;
    environment: string;
    /**
     * The value of an `external` secret. Ignored for generated kinds.
     * Security: pass a Pulumi secret (`config.requireSecret`); it is wrapped in `pulumi.secret` regardless.
     */
    value?: pulumi.Input<string>;
    /** Store a copy in Vault KV v2. @default not stored in Vault */
    vault?: VaultTarget;
    /** Store a copy in AWS Secrets Manager, one secret per catalog secret. @default not stored in AWS */
    aws?: AwsTarget;
    /** Reported location when the AWS copy is a key of a group bundle instead. */
    awsBundle?: AwsBundleRef;
    /**
     * Whether the value and its store entries survive `pulumi destroy` and replacement.
     * @default "protect" in a production environment (see `productionEnvironments`), else "none".
     * Security: "none" in production lets one `pulumi destroy` delete every copy of the value.
     */
    protection?: Protection;
    /** The environments treated as production, for the `protection` default. @default ["prod", "production"] */
    productionEnvironments?: string[];
    /**
     * The date the rotation schedule is computed from: it picks the current slot of each value.
     * @default `rotationNow()`: `PLATFORM_SECRETS_NOW` when set, else the current time
     */
    now?: Date;
    /** Days before a due date that the `rotation` output says `due-soon`. @default 14 */
    rotationWarningDays?: number;
    /**
     * The Kubernetes Secrets this secret is projected into (see `projectionPlacements`). Reported
     * only: the projection itself is created by `PlatformSecrets`. @default []
     */
    kubernetes?: ProjectionPlacement[];
    /**
     * For a `template`: what declaring each secret it references made (declare them first).
     * @default {} (a template then fails: its inputs are missing)
     */
    templateInputs?: Readonly<Record<string, Pick<SecretDeclaration, "declared" | "rotation">>>;
}

/** What one catalog secret's declaration made: its values, where they are stored, and its resources. */
export interface DeclaredManagedSecret {
    /** The current value. A Pulumi secret: never export it unwrapped. */
    readonly value: pulumi.Output<string>;
    /**
     * What consumers receive, by key: `NAME`, plus `NAME_PREVIOUS` under two-slot rotation.
     * The same keys are in every store's JSON and every projection. Pulumi secrets.
     */
    readonly values: Record<string, pulumi.Output<string>>;
    /**
     * A plain string that changes exactly when any of `values` changes (built from rotation slots and
     * emergency tokens, never from a value): projections put a hash of it in an annotation so
     * workloads restart on rotation. For `external` secrets it follows `lastRotated` (empty without it).
     */
    readonly version: string;
    /** `<environment>/<group>/<name>`. */
    readonly path: string;
    /** HTTP API path of the Vault copy (`<mount>/data/<path>`), when stored in Vault. */
    readonly vaultDataPath?: string;
    /** Name of the AWS secret holding the value (the bundle's name when bundled). */
    readonly awsSecretName?: string;
    readonly awsSecretArn?: pulumi.Output<string>;
    /**
     * A two-slot generated secret's values by slot, and which slot is current. `values` names them
     * by age (`NAME` is the newer, `NAME_PREVIOUS` the older), so both change meaning at each
     * rotation; a slot keeps its identity: a rotation replaces exactly one of `a` and `b`. For what
     * must follow one slot, such as alternating database roles (docs/rotation.md, "Database
     * credentials"). Pulumi secrets.
     * @default undefined: one slot, or a kind whose value is not generated here (external, template, aws-access-key)
     */
    readonly slots?: { readonly current: "a" | "b"; readonly a: pulumi.Output<string>; readonly b: pulumi.Output<string> };
}

/** What declaring a secret made, its resources, and its report, for whoever groups them. */
export interface SecretDeclaration {
    readonly declared: DeclaredManagedSecret;
    /** Every resource created for the secret, values and store entries. */
    readonly resources: pulumi.Resource[];
    /** What `check` reports of the secret (never a value): a component registers it as its outputs. */
    readonly report: pulumi.Inputs;
    /** Its rotation on the run's date: a template referencing it derives its own from it. */
    readonly rotation: SecretRotation;
}

// Declaration merging: the component carries `DeclaredManagedSecret`'s fields, documented there once.
export interface ManagedSecret extends DeclaredManagedSecret {}
/**
 * One catalog secret: its value (generated with `@pulumi/random`, or provided) and its
 * copies in the stores. The value is a Pulumi secret everywhere it flows.
 */
export class ManagedSecret extends pulumi.ComponentResource {
    /**
     * The AWS secret's resource policy that denies every principal not of this environment (as inside
     * `PlatformSecrets`), when the secret has its own AWS copy.
     */
    readonly fence?: aws.secretsmanager.SecretPolicy;

    constructor(name: string, args: ManagedSecretArgs, opts?: pulumi.ComponentResourceOptions) {
        super(MANAGED_SECRET_TYPE, name, {}, opts);
        const { declared, report } = declareManagedSecret(name, args, this);
        Object.assign(this, declared);
        if (args.aws && declared.awsSecretArn) {
            this.fence = new aws.secretsmanager.SecretPolicy(`${name}-fence`, {
                secretArn: declared.awsSecretArn,
                region: args.aws.region,
                // The rotation Lambda's role reads and writes its own secret; it is not an AWS service principal.
                policy: JSON.stringify(secretResourcePolicy(args.environment, args.aws.adminPrincipalArns ?? [],
                    args.secret.awsRotation ? [args.secret.awsRotation.lambdaRoleArn] : [])),
                blockPublicPolicy: true,
            }, { parent: this, ...protectionOptions(defaultProtection(args)) });
        }
        this.registerOutputs(report);
    }
}

/** The protection a secret gets: as given, else `protect` in production and `none` elsewhere. */
export function defaultProtection(args: Pick<ManagedSecretArgs, "protection" | "environment" | "productionEnvironments">): Protection {
    return args.protection ?? (isProductionEnvironment(args.environment, args.productionEnvironments) ? "protect" : "none");
}

/**
 * A catalog secret's resources, children of `parent`, named `${name}-...`: what `ManagedSecret`
 * holds, and what `PlatformSecrets` declares under one `SecretGroup` per group (a component per
 * secret costs the SDK about 13% in time and peak memory at 1000 secrets; see the README).
 */
export function declareManagedSecret(name: string, args: ManagedSecretArgs, parent: pulumi.Resource): SecretDeclaration {
    const { secret } = args;
    const child: pulumi.CustomResourceOptions = { parent };
    const keep = protectionOptions(defaultProtection(args));
    const resources: pulumi.Resource[] = [];

    const inputs = args.templateInputs ?? {};
    const rotation = secretRotation(secret, args.environment, args.now ?? rotationNow(), args.rotationWarningDays ?? DEFAULT_ROTATION_WARNING_DAYS,
        Object.fromEntries(Object.entries(inputs).map(([n, d]) => [n, d.rotation])));
    const accessKeys = secret.accessKey && rotation.accessKeys ? createAccessKeys(name, {
        access: secret.accessKey,
        slots: rotation.accessKeys,
        tags: secretTags(args.environment, secret.criticality, secret.owner, secret),
    }, child, keep) : undefined;
    if (accessKeys) resources.push(accessKeys.user, ...accessKeys.permissions, ...accessKeys.keys);
    const bySlot: Partial<Record<"a" | "b", pulumi.Output<string>>> = {};
    let current: "a" | "b" = "a";
    const values: Record<string, pulumi.Output<string>> = accessKeys ? accessKeys.values
        : secret.kind === "external"
        ? { [secret.name]: checkedExternalValue(secret, args.value, parent) }
        : secret.kind === "template" ? templateValues(secret, inputs, parent)
        : Object.fromEntries(rotation.slots
            .map((slot) => {
                const generated = generateValue(`${name}-value${slot.suffix}`, secret, slot.keepers, child);
                resources.push(generated.resource);
                bySlot[slot.suffix === "" ? "a" : "b"] = generated.value;
                if (slot.key === secret.name) current = slot.suffix === "" ? "a" : "b";
                return [slot.key, generated.value] as const;
            })
            // `NAME` first in every store, whichever slot is current.
            .sort(([a], [b]) => a.length - b.length));
    const slots = bySlot.a && bySlot.b ? { current, a: bySlot.a, b: bySlot.b } : undefined;
    // An access key's `value` is its current secret access key.
    const value = values[secret.accessKey?.keys.secret ?? secret.name];
    // One JSON document for every store, built in one apply: each extra apply chain costs memory per secret.
    const data = pulumi.secret(Object.keys(values).length === 1
        ? value.apply((v) => JSON.stringify({ [secret.name]: v }))
        : pulumi.all(values).apply((v) => JSON.stringify(v)));
    const lambda = secret.awsRotation;
    if (lambda && (!args.aws || args.vault)) {
        // resolveCatalog's callers are checked by validateCatalog; a direct caller could leave a value no one rotates.
        throw new pulumi.ResourceError(`secrets.${secret.name}.awsRotation: needs the secret in its own AWS secret (\`aws\`) and in no other store`, parent);
    }

    let vaultDataPath: string | undefined;
    if (args.vault) {
        resources.push(createKvEntry(`${name}-vault`, {
            mount: args.vault.mount,
            path: secret.path,
            data,
            // Vault keeps the lower of the mount's and the entry's limit: PlatformSecrets raises the mount too.
            maxVersions: args.vault.keepYear ? entryMaxVersions(secret, args.vault.maxVersions) : args.vault.maxVersions,
            metadata: {
                [TAG.environment]: args.environment, [TAG.criticality]: secret.criticality, [TAG.owner]: secret.owner,
                [TAG.kind]: secret.kind, [TAG.managedBy]: MANAGED_BY_VALUE, ...rotation.marks,
            },
        }, { ...child, ...keep, ...(args.vault.config ? { dependsOn: [args.vault.config] } : {}) }));
        vaultDataPath = kvDataPath(args.vault.mountName, secret.path);
    }
    let awsSecretName: string | undefined;
    let awsSecretArn: pulumi.Output<string> | undefined;
    if (args.aws) {
        const { secret: awsSecret, version } = createAwsSecret(`${name}-aws`, {
            secretName: secret.path,
            description: secret.description,
            region: args.aws.region,
            key: args.aws.key,
            recoveryWindowDays: args.aws.recoveryWindowDays,
            tags: { ...secretTags(args.environment, secret.criticality, secret.owner, secret), ...rotation.marks },
            data,
            valueOwnedByLambda: lambda !== undefined,
        }, child, keep);
        resources.push(awsSecret, version);
        if (lambda) {
            resources.push(createSecretRotation(`${name}-aws-rotation`, { secretId: awsSecret.id, region: args.aws.region, rotation: lambda }, { ...child, dependsOn: [version] }));
        }
        awsSecretName = secret.path;
        awsSecretArn = awsSecret.arn;
    } else if (args.awsBundle) {
        awsSecretName = args.awsBundle.secretName;
    }

    const report: pulumi.Inputs = {
        secretName: secret.name,
        kind: secret.kind,
        criticality: secret.criticality,
        group: secret.group,
        consumers: secret.consumers,
        environment: args.environment,
        production: isProductionEnvironment(args.environment, args.productionEnvironments),
        vault: args.vault ? { mount: args.vault.mountName, path: secret.path } : null,
        aws: args.aws
            ? { name: secret.path, region: args.aws.region, arn: awsSecretArn, key: secret.name }
            : args.awsBundle ? { name: args.awsBundle.secretName, region: args.awsBundle.region, key: secret.name } : null,
        // One entry per delivered key: `NAME_PREVIOUS` lands next to `NAME` under two-slot rotation.
        // A `projection` maps the keys: `password`, `password-previous`, `.dockerconfigjson`.
        kubernetes: (args.kubernetes ?? []).flatMap((p) => (p.target ? projectedKeys(p.target, secret.name, Object.keys(values)).map((k) => k.key) : Object.keys(values))
            .map((key) => ({ namespace: p.namespace, secretName: p.secretName, key }))),
        rotation: rotation.report,
        // The variables it delivers, current first: `NAME` (and `NAME_PREVIOUS`), or an access key's `keys`.
        variables: Object.keys(values),
        ...(secret.accessKey ? { accessKey: { user: secret.accessKey.userName, policyArns: secret.accessKey.policyArns, inlinePolicy: secret.accessKey.policy !== undefined } } : {}),
    };
    return { declared: { value, values, version: rotation.version, path: secret.path, vaultDataPath, awsSecretName, awsSecretArn, ...(slots ? { slots } : {}) }, resources, report, rotation };
}

/**
 * A template's values, filled from its inputs' (Pulumi secrets): `NAME` from their current values,
 * and under two-slot rotation `NAME_PREVIOUS` from each input's previous value where it has one.
 */
function templateValues(secret: ResolvedSecret, inputs: Readonly<Record<string, Pick<SecretDeclaration, "declared">>>, resource: pulumi.Resource): Record<string, pulumi.Output<string>> {
    const parsed = parseTemplate(secret.template ?? "");
    const missing = parsed.references.filter((n) => inputs[n] === undefined);
    if (missing.length > 0) {
        throw new pulumi.ResourceError(`secrets.${secret.name}.template: ${missing.join(", ")} must be declared before this template (pass them as templateInputs)`, resource);
    }
    const fill = (slot: (n: string) => pulumi.Output<string>) => pulumi.secret(pulumi.all(Object.fromEntries(parsed.references.map((n) => [n, slot(n)])))
        .apply((v) => {
            try {
                return renderTemplate(parsed, v);
            } catch (e) {
                throw new pulumi.ResourceError(`secrets.${secret.name}.template: ${(e as Error).message}`, resource);
            }
        }));
    const current = (n: string) => inputs[n].declared.values[n];
    return {
        [secret.name]: fill(current),
        ...(secret.keepPrevious ? { [`${secret.name}${PREVIOUS_SUFFIX}`]: fill((n) => inputs[n].declared.values[`${n}${PREVIOUS_SUFFIX}`] ?? current(n)) } : {}),
    };
}

/**
 * The provided value, checked against `format` once it is known (in a preview, config
 * secrets are known; the check fails the preview). The message names the secret and
 * the pattern, never the value.
 */
function checkedExternalValue(secret: ResolvedSecret, value: pulumi.Input<string> | undefined, resource: pulumi.Resource): pulumi.Output<string> {
    if (value === undefined) {
        throw new pulumi.ResourceError(`secrets.${secret.name}: external secret has no value; pass it as \`value\``, resource);
    }
    return pulumi.secret(pulumi.output(value).apply((v) => {
        const mismatch = formatMismatch(secret, v);
        if (mismatch) {
            throw new pulumi.ResourceError(mismatch, resource);
        }
        return v;
    }));
}

/** Why `value` does not fit the secret's `format`, or undefined when it does. Never includes the value. */
export function formatMismatch(secret: Pick<ResolvedSecret, "name" | "format">, value: string): string | undefined {
    if (secret.format === undefined || new RegExp(secret.format).test(value)) {
        return undefined;
    }
    return `secrets.${secret.name}.format: the provided value does not match ${JSON.stringify(secret.format)} (value not shown); set the right value with pulumi config set --secret`;
}
