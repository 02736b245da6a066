import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { boundClusterRole, clusterRolesByName, coversCoreGroup, coversResource, knownRules, namespaceOf } from "../lib/rbac";
import { K8S_CLUSTER_ROLE_BINDING, K8S_EXTERNAL_SECRET, K8S_ROLE, K8S_ROLE_BINDING, K8S_SECRET } from "../lib/types";
import { UNKNOWN_INPUT, propsOf, record, strings } from "../lib/values";

interface Config {
    allowedRoles: string[];
}

const schema = {
    properties: {
        allowedRoles: {
            type: "array" as const, items: { type: "string" as const }, default: [] as string[],
            description: "Role and ClusterRole names accepted anyway (a CI runner's or a workflow engine's own, matched exactly).",
        },
    },
};

/** What lets a subject run code beside a namespace's Secrets: the resource, the verbs that do it, and what follows. */
const POD_ACCESS = [
    { resource: "pods", verbs: ["create"], consequence: "a pod it creates can mount any of them" },
    { resource: "pods/exec", verbs: ["create", "get"], consequence: "a command it runs in a pod reads the Secrets the pod mounts" },
    { resource: "pods/attach", verbs: ["create", "get"], consequence: "attached to a pod it reads the Secrets the pod mounts" },
    { resource: "pods/ephemeralcontainers", verbs: ["patch", "update"], consequence: "a container it adds to a pod reads the Secrets the pod mounts" },
];

/** The first pod access a rule grants, as `grants <verbs> on <resource> in …: <consequence>` parts; undefined if none. */
function podAccess(rule: Record<string, unknown>): { grant: string; consequence: string } | undefined {
    if (!coversCoreGroup(rule)) return undefined;
    const verbs = strings(rule.verbs);
    for (const { resource, verbs: needed, consequence } of POD_ACCESS) {
        const granted = verbs.includes("*") ? needed : needed.filter((v) => verbs.includes(v));
        if (granted.length > 0 && coversResource(rule, resource)) return { grant: `grants ${granted.join(", ")} on ${resource}`, consequence };
    }
    return undefined;
}

/** The namespaces the stack declares a Secret or an ExternalSecret in (unknown ones left out). */
function secretNamespaces(resources: PolicyResource[]): string[] {
    const namespaces = resources.filter((r) => r.type === K8S_SECRET || K8S_EXTERNAL_SECRET.test(r.type)).map(namespaceOf);
    return [...new Set(namespaces.filter((n): n is string => n !== UNKNOWN_INPUT))].sort();
}

const quoted = (names: string[]): string => names.map((n) => `"${n}"`).join(", ");

/**
 * A stack policy: a Role, or a ClusterRole through a binding, that can create pods (or exec,
 * attach or add containers to them) in a namespace where the stack keeps Secrets reaches every
 * Secret of that namespace, whatever its Secret rules say. Advisory: CI runners and workflow
 * engines need it; the finding asks for a namespace without Secrets or an accepted exception.
 */
export const k8sPodCreateSecretNamespace: StackValidationPolicy = {
    name: "k8s-pod-create-secret-namespace",
    description: "No Role, nor ClusterRole bound by a RoleBinding or ClusterRoleBinding, grants create on pods (or create/get on pods/exec or pods/attach, patch/update on pods/ephemeralcontainers) in a namespace where the stack declares a Secret or an ExternalSecret: a pod it creates can mount any Secret of the namespace.",
    remediationSteps: "Run whatever creates pods (CI runners, workflow engines) in a namespace that holds no Secrets, grant create on Deployments or Jobs of a controller instead of on pods, and do not grant exec or attach where Secrets live; list a role that must keep it in `allowedRoles`.",
    enforcementLevel: "advisory",
    configSchema: schema,
    validateStack: (args, reportViolation) => {
        const { allowedRoles } = configOf<Config>(schema, args);
        const holding = secretNamespaces(args.resources);
        if (holding.length === 0) return;
        const allowed = (name: unknown): boolean => typeof name === "string" && allowedRoles.includes(name);
        const report = (role: PolicyResource, scope: string, urn: string, prefix: string) => {
            for (const { at, rule } of knownRules(propsOf(role))) {
                const access = podAccess(rule);
                if (access) reportViolation(`${prefix}${at} ${access.grant} ${scope}: ${access.consequence}`, urn);
            }
        };
        const roles = clusterRolesByName(args.resources);
        for (const r of args.resources) {
            if (r.type === K8S_ROLE) {
                const namespace = namespaceOf(r);
                if (namespace === UNKNOWN_INPUT || !holding.includes(namespace) || allowed(record(propsOf(r).metadata).name)) continue;
                report(r, `in namespace "${namespace}", which holds Secrets`, r.urn, "");
                continue;
            }
            if (r.type !== K8S_ROLE_BINDING && r.type !== K8S_CLUSTER_ROLE_BINDING) continue;
            const name = boundClusterRole(r);
            if (name === undefined || allowed(name)) continue;
            let scope = `in every namespace, ${quoted(holding)} among them, which ${holding.length === 1 ? "holds" : "hold"} Secrets`;
            if (r.type === K8S_ROLE_BINDING) {
                const namespace = namespaceOf(r);
                if (namespace === UNKNOWN_INPUT || !holding.includes(namespace)) continue;
                scope = `in namespace "${namespace}", which holds Secrets`;
            }
            for (const role of roles.get(name) ?? []) report(role, scope, r.urn, `binds ClusterRole "${name}", whose `);
        }
    },
};
