import { ConsumerConfig, ProjectionSecretConfig } from "../catalog/model";
import { PREVIOUS_SUFFIX } from "../conventions";
import { consumerSecretName } from "./namespaces";

/**
 * The layout of a consumer's Kubernetes Secrets (`consumers.<name>.projection`): which Secrets it
 * gets and which key of which catalog secret each holds. Without `projection`, one Secret
 * `<consumer>-secrets` with one key per consumed secret (key = NAME). Pure, on a validated catalog.
 */

export const DOCKERCONFIGJSON = "dockerconfigjson";
export const DOCKERCONFIGJSON_TYPE = "kubernetes.io/dockerconfigjson";
/** The one key of a `kubernetes.io/dockerconfigjson` Secret. */
export const DOCKERCONFIGJSON_KEY = ".dockerconfigjson";
/** The fields of a dockerconfigjson entry. */
export const DOCKERCONFIGJSON_FIELDS = ["type", "registry", "username", "password"] as const;

/** One key of an Opaque Secret: the catalog secret it carries. */
export interface MappedKey {
    key: string;
    secret: string;
}

export type TargetSecret =
    | { name: string; type: "opaque"; keys: MappedKey[] }
    | { name: string; type: "dockerconfigjson"; registry: string; username: string; password: string };

export function isDockerEntry(entry: ProjectionSecretConfig): boolean {
    return entry.type === DOCKERCONFIGJSON;
}

/** Where a two-slot secret's previous value goes: `KEY_PREVIOUS` for an upper-case key, `key-previous` otherwise. */
export function previousKey(key: string): string {
    return /[A-Z]/.test(key) && key === key.toUpperCase() ? `${key}${PREVIOUS_SUFFIX}` : `${key}-previous`;
}

/** The Secrets of a consumer's `projection`, in its order; undefined for the default layout. */
export function projectionLayout(config: ConsumerConfig): TargetSecret[] | undefined {
    if (!config.projection) return undefined;
    return Object.entries(config.projection).map(([name, entry]): TargetSecret => isDockerEntry(entry)
        ? { name, type: "dockerconfigjson", registry: entry.registry, username: entry.username, password: entry.password }
        : { name, type: "opaque", keys: Object.entries(entry).map(([key, secret]) => ({ key, secret })) });
}

/** The catalog secrets a target Secret reads. */
export function secretsOfTarget(target: TargetSecret): string[] {
    return target.type === "dockerconfigjson" ? [target.password] : [...new Set(target.keys.map((k) => k.secret))];
}

/** Whether a consumer's Secrets carry `secret`: always in the default layout; with a `projection`, when an entry maps it. */
export function projectsSecret(config: ConsumerConfig, secret: string): boolean {
    const layout = projectionLayout(config);
    return !layout || layout.some((t) => secretsOfTarget(t).includes(secret));
}

/** The names of every Secret a consumer gets (Role-readable or not). */
export function targetSecretNames(consumer: string, config: ConsumerConfig): string[] {
    return projectionLayout(config)?.map((t) => t.name) ?? [consumerSecretName(consumer)];
}

/**
 * Catalog secrets a consumer's layout uses only in dockerconfigjson Secrets: the kubelet pulls images
 * without the workload's RBAC, Vault or IAM identity, so the workload is granted none of them.
 */
export function imagePullOnly(config: ConsumerConfig): Set<string> {
    const layout = projectionLayout(config);
    if (!layout) return new Set();
    const opaque = new Set(layout.flatMap((t) => (t.type === "opaque" ? secretsOfTarget(t) : [])));
    return new Set(layout.flatMap((t) => (t.type === "dockerconfigjson" ? secretsOfTarget(t) : [])).filter((s) => !opaque.has(s)));
}

/** One value of a catalog secret in a target Secret: its value key (`NAME`, `NAME_PREVIOUS`) and the projected key. */
export interface KeyPlacement {
    from: string;
    key: string;
}

/**
 * Where one catalog secret's values land in a target Secret. A dockerconfigjson Secret holds only
 * the current value, in `.dockerconfigjson`.
 */
export function projectedKeys(target: TargetSecret, secret: string, valueKeys: readonly string[]): KeyPlacement[] {
    if (target.type === "dockerconfigjson") {
        return target.password === secret && valueKeys.includes(secret) ? [{ from: secret, key: DOCKERCONFIGJSON_KEY }] : [];
    }
    const previous = `${secret}${PREVIOUS_SUFFIX}`;
    return target.keys.filter((k) => k.secret === secret).flatMap(({ key }) => [
        ...(valueKeys.includes(secret) ? [{ from: secret, key }] : []),
        ...(valueKeys.includes(previous) ? [{ from: previous, key: previousKey(key) }] : []),
    ]);
}

/** The `.dockerconfigjson` document: one registry, its user, its password (and `auth`, base64 of `user:password`). */
export function dockerConfigJson(registry: string, username: string, password: string): string {
    const auth = Buffer.from(`${username}:${password}`).toString("base64");
    return JSON.stringify({ auths: { [registry]: { username, password, auth } } });
}

/** The same document as an External Secrets template (engine v2), the password read into `.password`. */
export function dockerConfigJsonTemplate(registry: string, username: string): string {
    const user = JSON.stringify(username);
    return `{"auths":{${JSON.stringify(registry)}:{"username":${user},"password":{{ .password | toJson }},"auth":"{{ printf "%s:%s" ${user} .password | b64enc }}"}}}`;
}
