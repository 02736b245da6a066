import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { ConsumerConfig, ResolvedKubernetes } from "../catalog/model";
import { CatalogValidationError, Problem } from "../catalog/problems";
import { consumerSecretName } from "../kubernetes/namespaces";
import {
    EXTERNAL_SECRETS_API, RemoteKey, externalSecretSpec, projectionLabels, secretMeta, secretReaderRole, serviceAccountBinding, versionHash,
} from "../kubernetes/objects";
import { SECRET_CONSUMER_TYPE } from "../typeTokens";
import {
    DOCKERCONFIGJSON_KEY, DOCKERCONFIGJSON_TYPE, TargetSecret, dockerConfigJson, dockerConfigJsonTemplate, imagePullOnly, projectedKeys, projectionLayout, targetSecretNames,
} from "../kubernetes/layout";
import { attachAwsReadPolicy, bindVaultReadPolicy } from "./grants";
import { AwsAccessContext, ConsumedSecret, VaultAccessContext } from "./model";

export { SECRET_CONSUMER_TYPE };

export interface SecretConsumerArgs {
    /** The consumer's name in the catalog; names its Secret `<consumer>-secrets`. */
    consumer: string;
    /** The stack's environment: labels, and part of the policy and role names. */
    environment: string;
    /**
     * Start of its IAM and Vault policy and Vault role names, unique per `PlatformSecrets`
     * (`physicalNamePrefix`): `<prefix>-<consumer>-read` (IAM), `<prefix>-<consumer>` (Vault).
     * @default `platform-secrets-<environment>`
     */
    namePrefix?: string;
    /** Namespace, service account and optional IAM role of the workload. */
    config: ConsumerConfig;
    /**
     * The secrets it reads. Empty: nothing is created (an empty `resourceNames` would grant every Secret).
     * Security: `values` are read only in `secret` mode, and stay Pulumi secrets.
     */
    secrets: ConsumedSecret[];
    /** The projection. @default none: no Kubernetes object, only store grants */
    kubernetes?: ResolvedKubernetes;
    /** AWS grants: an IAM policy on exactly its AWS secrets, attached to `config.awsRoleName`. @default none */
    aws?: AwsAccessContext;
    /** Vault grants: a policy on exactly its data paths and a Kubernetes auth role for its service account. @default none */
    vault?: VaultAccessContext;
    /**
     * The resources that write its secrets to the stores (`ManagedSecret`s, `SecretBundle`s). The
     * projection `dependsOn` them: on rotation the ExternalSecret's version annotation changes, and
     * the operator would otherwise sync (and restart the workload on) the old value before the stores
     * hold the new one. A component in `dependsOn` waits for all its children. @default []
     */
    sources?: pulumi.Resource[];
}

/** Keys of the consumer's Secret, each with the store the operator reads it from. */
export function remoteKeys(secrets: readonly ConsumedSecret[]): RemoteKey[] {
    return secrets.flatMap((s) => Object.keys(s.values).map((key) => remoteKeyOf(s, key)));
}

/** Where the operator reads one value key (`NAME`, `NAME_PREVIOUS`) of a secret; the Secret key is that value key. */
export function remoteKeyOf(s: ConsumedSecret, key: string): RemoteKey {
    const store = s.source;
    if (store === undefined) throw new Error(`secret ${s.name}: no store to read it from (source) in external-secrets mode`);
    const copy = store === "vault" ? s.vault?.path : s.aws?.secretName;
    if (copy === undefined) throw new Error(`secret ${s.name}: read from ${store}, but it has no ${store} copy`);
    return { secretKey: key, store, key: copy, property: key };
}

/** Everything wrong with the args, at once. */
export function secretConsumerProblems(args: SecretConsumerArgs): Problem[] {
    const problems: Problem[] = [];
    const seen = new Map<string, string>();
    for (const s of args.secrets) {
        for (const key of Object.keys(s.values)) {
            const other = seen.get(key);
            // A `projection`'s keys are checked with the catalog (rules/consumers.ts), per Secret.
            if (other !== undefined && !args.config.projection) {
                problems.push({ propertyPath: `secrets.${s.name}`, reason: `key ${key} is also delivered by ${other}; a consumer's Secret holds each key once` });
            }
            seen.set(key, s.name);
        }
        if (args.kubernetes?.mode === "external-secrets") {
            const where = s.source === "vault" ? s.vault : s.source === "aws" ? s.aws : undefined;
            if (!where) {
                problems.push({ propertyPath: `secrets.${s.name}.source`, reason: `external-secrets mode reads from a store, but this secret has no ${s.source ?? "store"} copy; store it in Vault or AWS` });
            }
        }
    }
    if (args.config.awsRoleName !== undefined && !/^[\w+=,.@-]{1,64}$/.test(args.config.awsRoleName)) {
        problems.push({ propertyPath: `consumers.${args.consumer}.awsRoleName`, reason: `"${args.config.awsRoleName}" is not an IAM role name (1 to 64 of letters, digits and +=,.@_-); give the name, not the ARN` });
    }
    return problems;
}

/**
 * One workload's access: its Secret in its namespace (written by Pulumi or by the operator), a Role
 * and RoleBinding granting its service account `get` on that Secret only, and read grants on exactly
 * its secrets in AWS (attached to its IAM role) and Vault (bound to its service account).
 */
export class SecretConsumer extends pulumi.ComponentResource {
    /**
     * The name of the workload's Kubernetes Secret, `<consumer>-secrets`: what its Deployment mounts.
     * Always set; `projected` says whether this stack creates the Secret. With a `projection`, the
     * names of its Secrets are in the `secretNames` output instead.
     */
    readonly secretName: string;
    /**
     * The names of every Kubernetes Secret the workload gets: `[<consumer>-secrets]`, or the Secrets
     * of its `projection` (dockerconfigjson ones included: its pods' `imagePullSecrets`).
     */
    readonly secretNames: string[];
    /** Whether this stack projects the Secret (Kubernetes configured and the consumer reads a secret). */
    readonly projected: boolean;

    constructor(name: string, args: SecretConsumerArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = secretConsumerProblems(args);
        if (problems.length > 0) throw new CatalogValidationError(problems);
        super(SECRET_CONSUMER_TYPE, name, {}, opts);
        const child = { parent: this };
        const projectionOpts: pulumi.CustomResourceOptions = { ...child, ...(args.sources?.length ? { dependsOn: args.sources } : {}) };
        const { consumer, environment, config, secrets } = args;
        const namespace = config.namespace;
        const prefix = args.namePrefix ?? `platform-secrets-${environment}`;
        const outputs: Record<string, unknown> = { consumer, namespace, serviceAccount: config.serviceAccount };
        this.secretName = consumerSecretName(consumer);
        this.secretNames = targetSecretNames(consumer, config);
        this.projected = Boolean(args.kubernetes && secrets.length > 0);

        const layout = projectionLayout(config);
        if (args.kubernetes && secrets.length > 0 && layout) {
            const names = this.projectLayout(name, args, args.kubernetes, layout, projectionOpts);
            outputs.secretNames = names;
            if (names.length > 0) outputs.secretName = names[0];
        } else if (args.kubernetes && secrets.length > 0) {
            const secretName = consumerSecretName(consumer);
            const version = versionHash(Object.fromEntries(secrets.map((s) => [s.name, s.version])));
            const meta = secretMeta(secretName, namespace, environment, consumer, version);
            if (args.kubernetes.mode === "secret") {
                new k8s.core.v1.Secret(`${name}-secret`, {
                    metadata: meta,
                    type: "Opaque",
                    stringData: Object.fromEntries(secrets.flatMap((s) => Object.entries(s.values).map(([k, v]) => [k, pulumi.secret(v)]))),
                }, { ...projectionOpts, additionalSecretOutputs: ["data", "stringData"] });
            } else {
                new k8s.apiextensions.CustomResource(`${name}-external-secret`, {
                    apiVersion: EXTERNAL_SECRETS_API,
                    kind: "ExternalSecret",
                    metadata: meta,
                    spec: externalSecretSpec({
                        target: secretName, refreshInterval: args.kubernetes.refreshInterval, labels: meta.labels, version, keys: remoteKeys(secrets),
                    }),
                }, projectionOpts);
            }
            this.readerRole(name, args, [secretName]);
            outputs.secretName = secretName;
        }

        // The kubelet pulls images with a dockerconfigjson Secret on its own: no grant for a secret used only there.
        const pullOnly = imagePullOnly(config);
        const inAws = secrets.filter((s) => s.aws && !pullOnly.has(s.name));
        if (args.aws && config.awsRoleName && inAws.length > 0) {
            const { policy } = attachAwsReadPolicy(name, {
                policyName: `${prefix}-${consumer}-read`,
                description: `platform-secrets: ${consumer} (${environment}) reads its secrets`,
                environment,
                role: config.awsRoleName,
                secrets: inAws,
                aws: args.aws,
            }, child);
            outputs.awsRoleName = config.awsRoleName;
            outputs.iamPolicyArn = policy.arn;
        }

        const inVault = secrets.filter((s) => s.vault && !pullOnly.has(s.name));
        if (args.vault && inVault.length > 0) {
            const { policy, role } = bindVaultReadPolicy(name, {
                policyName: `${prefix}-${consumer}`,
                roleName: `${prefix}-${consumer}`,
                description: `platform-secrets: ${consumer} (${namespace}/${config.serviceAccount}, ${environment}) reads its secrets`,
                authMount: args.vault.authMount,
                namespace,
                serviceAccount: config.serviceAccount,
                secrets: inVault,
            }, child);
            outputs.vaultPolicy = policy.name;
            outputs.vaultRole = role.roleName;
        }
        outputs.secrets = secrets.map((s) => s.name);
        outputs.keys = layout
            ? layout.flatMap((t) => secrets.flatMap((s) => projectedKeys(t, s.name, Object.keys(s.values)).map((k) => `${t.name}/${k.key}`)))
            : secrets.flatMap((s) => Object.keys(s.values));
        this.registerOutputs(outputs);
    }

    /**
     * The Secrets of a `projection`, each with its own version annotation, and a Role reading exactly
     * those a workload reads (not the dockerconfigjson ones: the kubelet reads them). A Secret none of
     * whose secrets is present in this environment is not created. Returns the names created.
     */
    private projectLayout(name: string, args: SecretConsumerArgs, kube: ResolvedKubernetes, layout: TargetSecret[], opts: pulumi.CustomResourceOptions): string[] {
        const { consumer, environment, config } = args;
        const namespace = config.namespace;
        const created: TargetSecret[] = [];
        for (const target of layout) {
            const members = args.secrets.filter((s) => projectedKeys(target, s.name, Object.keys(s.values)).length > 0);
            if (members.length === 0) continue;
            created.push(target);
            const version = versionHash(Object.fromEntries(members.map((s) => [s.name, s.version])));
            const meta = secretMeta(target.name, namespace, environment, consumer, version);
            const stem = `${name}-${target.name}`;
            const keys = members.flatMap((s) => projectedKeys(target, s.name, Object.keys(s.values)).map((k) => ({ s, ...k })));
            if (kube.mode === "secret") {
                const stringData = target.type === "dockerconfigjson"
                    ? { [DOCKERCONFIGJSON_KEY]: pulumi.secret(members[0].values[target.password].apply((p) => dockerConfigJson(target.registry, target.username, p))) }
                    : Object.fromEntries(keys.map((k) => [k.key, pulumi.secret(k.s.values[k.from])]));
                new k8s.core.v1.Secret(`${stem}-secret`, {
                    metadata: meta,
                    type: target.type === "dockerconfigjson" ? DOCKERCONFIGJSON_TYPE : "Opaque",
                    stringData,
                }, { ...opts, additionalSecretOutputs: ["data", "stringData"] });
            } else {
                const remote = keys.map((k) => ({ ...remoteKeyOf(k.s, k.from), secretKey: target.type === "dockerconfigjson" ? "password" : k.key }));
                const spec = externalSecretSpec({ target: target.name, refreshInterval: kube.refreshInterval, labels: meta.labels, version, keys: remote });
                if (target.type === "dockerconfigjson") {
                    spec.target.template = {
                        ...spec.target.template,
                        type: DOCKERCONFIGJSON_TYPE,
                        engineVersion: "v2",
                        data: { [DOCKERCONFIGJSON_KEY]: dockerConfigJsonTemplate(target.registry, target.username) },
                    } as typeof spec.target.template;
                }
                new k8s.apiextensions.CustomResource(`${stem}-external-secret`, {
                    apiVersion: EXTERNAL_SECRETS_API,
                    kind: "ExternalSecret",
                    metadata: meta,
                    spec,
                }, opts);
            }
        }
        const readable = created.filter((t) => t.type === "opaque").map((t) => t.name);
        if (readable.length > 0) this.readerRole(name, args, readable);
        return created.map((t) => t.name);
    }

    /** `<consumer>-secrets-reader`: `get` on exactly `secretNames`, bound to the workload's service account. */
    private readerRole(name: string, args: SecretConsumerArgs, secretNames: string[]): void {
        const child = { parent: this };
        const roleMeta = { name: `${consumerSecretName(args.consumer)}-reader`, namespace: args.config.namespace, labels: projectionLabels(args.environment, args.consumer) };
        new k8s.rbac.v1.Role(`${name}-role`, secretReaderRole(roleMeta, secretNames), child);
        new k8s.rbac.v1.RoleBinding(`${name}-role-binding`, serviceAccountBinding(roleMeta, roleMeta.name, args.config.serviceAccount), child);
    }
}
