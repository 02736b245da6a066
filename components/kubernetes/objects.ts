import { shortHash } from "../hash";
import { StoreName } from "../catalog/model";
import { ANNOTATION, LABEL, MANAGED_BY_VALUE } from "../conventions";

/**
 * The Kubernetes objects of a projection, as plain values: the components pass them to the
 * provider unchanged and the tests validate them against the Kubernetes and operator schemas.
 */

export const EXTERNAL_SECRETS_API = "external-secrets.io/v1";
export const RBAC_API = "rbac.authorization.k8s.io";

export interface ObjectMeta {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    annotations?: Record<string, string>;
}

export function projectionLabels(environment: string, consumer?: string): Record<string, string> {
    return {
        [LABEL.managedBy]: MANAGED_BY_VALUE,
        [LABEL.environment]: environment,
        ...(consumer ? { [LABEL.consumer]: consumer } : {}),
    };
}

/**
 * The `ANNOTATION.version` value: a hash of the members' version strings (never of values), so it
 * changes exactly when one of them rotates. Order-independent.
 */
export function versionHash(versions: Record<string, string>): string {
    const text = Object.keys(versions).sort().map((k) => `${k}=${versions[k]}`).join("\n");
    return shortHash(text);
}

export function secretMeta(name: string, namespace: string, environment: string, consumer: string, version: string): ObjectMeta {
    return { name, namespace, labels: projectionLabels(environment, consumer), annotations: { [ANNOTATION.version]: version } };
}

/** `get` on exactly the named Secrets. Refuses an empty list: a rule without resourceNames covers every Secret. */
export function secretReaderRole(meta: ObjectMeta, secretNames: readonly string[]) {
    if (secretNames.length === 0) {
        throw new Error(`${meta.namespace}/${meta.name}: a Role without resourceNames would grant every Secret of the namespace`);
    }
    return {
        metadata: meta,
        rules: [{ apiGroups: [""], resources: ["secrets"], resourceNames: [...secretNames].sort(), verbs: ["get"] }],
    };
}

/** Binds the Role to one service account of the same namespace. */
export function serviceAccountBinding(meta: ObjectMeta, roleName: string, serviceAccount: string) {
    return {
        metadata: meta,
        roleRef: { apiGroup: RBAC_API, kind: "Role", name: roleName },
        subjects: [{ kind: "ServiceAccount", name: serviceAccount, namespace: meta.namespace }],
    };
}

/** One key of a consumer's Secret and where the operator reads it. */
export interface RemoteKey {
    /** Key in the Kubernetes Secret (`JWT_SECRET_KEY`, `JWT_SECRET_KEY_PREVIOUS`). */
    secretKey: string;
    store: StoreName;
    /** Vault path inside the mount, or AWS secret name. */
    key: string;
    /** JSON property of the stored document. */
    property: string;
}

export const STORE_NAME: Record<StoreName, string> = { vault: "platform-secrets-vault", aws: "platform-secrets-aws" };

/** The ExternalSecret that builds a consumer's Secret from the stores; the version annotation is templated onto it. */
export function externalSecretSpec(args: { target: string; refreshInterval: string; labels: Record<string, string>; version: string; keys: readonly RemoteKey[] }) {
    const counts = new Map<StoreName, number>();
    for (const k of args.keys) counts.set(k.store, (counts.get(k.store) ?? 0) + 1);
    const main = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    return {
        refreshInterval: args.refreshInterval,
        secretStoreRef: { kind: "SecretStore", name: STORE_NAME[main] },
        target: {
            name: args.target,
            creationPolicy: "Owner",
            template: {
                type: "Opaque",
                metadata: { labels: args.labels, annotations: { [ANNOTATION.version]: args.version } },
            },
        },
        data: [...args.keys].sort((a, b) => a.secretKey.localeCompare(b.secretKey)).map((k) => ({
            secretKey: k.secretKey,
            remoteRef: { key: k.key, property: k.property },
            ...(k.store === main ? {} : { sourceRef: { storeRef: { kind: "SecretStore", name: STORE_NAME[k.store] } } }),
        })),
    };
}

/** Vault KV v2 through the Kubernetes auth method, as the namespace's reader service account. */
export function vaultStoreSpec(args: { server: string; mount: string; authMount: string; role: string; serviceAccount: string }) {
    return {
        provider: {
            vault: {
                server: args.server,
                path: args.mount,
                version: "v2",
                auth: { kubernetes: { mountPath: args.authMount, role: args.role, serviceAccountRef: { name: args.serviceAccount } } },
            },
        },
    };
}

/** Secrets Manager through IRSA: the operator exchanges the reader service account's token for its role. */
export function awsStoreSpec(args: { region: string; serviceAccount: string }) {
    return {
        provider: {
            aws: { service: "SecretsManager", region: args.region, auth: { jwt: { serviceAccountRef: { name: args.serviceAccount } } } },
        },
    };
}

export const IRSA_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";
