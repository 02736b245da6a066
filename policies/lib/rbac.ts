import type { PolicyResource } from "@pulumi/policy";
import { K8S_CLUSTER_ROLE } from "./types";
import { UNKNOWN_INPUT, Unknown, hasUnknown, list, plain, propsOf, record, strings } from "./values";

/** Built-in ClusterRoles that read every Secret of their scope (judged by k8s-builtin-role-binding). */
export const BUILTIN_SECRET_READERS = ["cluster-admin", "admin", "edit"];

/**
 * The namespace a namespaced object lands in: metadata.namespace, else its provider's namespace,
 * else "default". Unknown when a preview cannot tell.
 */
export function namespaceOf(resource: { props: unknown; provider?: { props: unknown } }): string | Unknown {
    const metadata = propsOf(resource).metadata;
    if (metadata === UNKNOWN_INPUT) return UNKNOWN_INPUT;
    const given = record(metadata).namespace;
    if (given === UNKNOWN_INPUT) return UNKNOWN_INPUT;
    const providerNamespace = record(plain(resource.provider?.props)).namespace;
    if (providerNamespace === UNKNOWN_INPUT && (given === undefined || given === "")) return UNKNOWN_INPUT;
    return typeof given === "string" && given !== "" ? given
        : typeof providerNamespace === "string" && providerNamespace !== "" ? providerNamespace : "default";
}

/** A rule's API groups include the core group ("" or `*`). */
export const coversCoreGroup = (rule: Record<string, unknown>): boolean => strings(rule.apiGroups).some((g) => g === "" || g === "*");

/** A rule reaches Secrets when its API groups include the core group and its resources include secrets. */
export function coversSecrets(rule: Record<string, unknown>): boolean {
    const resources = strings(rule.resources);
    return coversCoreGroup(rule) && (resources.includes("secrets") || resources.includes("*"));
}

/** Whether a rule's resources match `resource` (`pods`, `pods/exec`) as the RBAC authorizer does: exactly, `*`, or `*` followed by `/<subresource>`. */
export function coversResource(rule: Record<string, unknown>, resource: string): boolean {
    const sub = resource.includes("/") ? resource.slice(resource.indexOf("/") + 1) : undefined;
    return strings(rule.resources).some((r) => r === "*" || r === resource || (sub !== undefined && r === `*/${sub}`));
}

/** The rules of a Role or ClusterRole whose groups, resources and verbs are all known (none when `rules` is unknown), with their 1-based position. */
export function knownRules(props: Record<string, unknown>): Array<{ at: string; rule: Record<string, unknown> }> {
    return list(props.rules).map(record)
        .map((rule, i) => ({ at: `rule ${i + 1}`, rule }))
        .filter(({ rule }) => !hasUnknown(rule.apiGroups) && !hasUnknown(rule.resources) && !hasUnknown(rule.verbs));
}

/**
 * The stack's ClusterRoles by their known metadata.name: a ClusterRole without one gets an
 * auto-name no binding can be matched against, so it is left out.
 */
export function clusterRolesByName(resources: PolicyResource[]): Map<string, PolicyResource[]> {
    const byName = new Map<string, PolicyResource[]>();
    for (const r of resources.filter((res) => res.type === K8S_CLUSTER_ROLE)) {
        const name = record(propsOf(r).metadata).name;
        if (typeof name === "string") byName.set(name, [...(byName.get(name) ?? []), r]);
    }
    return byName;
}

/** The name of the ClusterRole a binding's roleRef names; undefined for a Role, or a name not known. */
export function boundClusterRole(binding: PolicyResource): string | undefined {
    const { kind, name } = record(propsOf(binding).roleRef);
    return kind === "ClusterRole" && typeof name === "string" ? name : undefined;
}
