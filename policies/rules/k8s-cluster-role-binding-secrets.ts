import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { BUILTIN_SECRET_READERS, boundClusterRole, clusterRolesByName, coversSecrets, knownRules } from "../lib/rbac";
import { K8S_CLUSTER_ROLE_BINDING } from "../lib/types";
import { propsOf, strings } from "../lib/values";

interface Config {
    readVerbs: string[];
    allowedRoles: string[];
}

const schema = {
    properties: {
        readVerbs: {
            type: "array" as const, items: { type: "string" as const }, default: ["get", "list", "watch", "*"],
            description: "Verbs that read Secrets.",
        },
        allowedRoles: {
            type: "array" as const, items: { type: "string" as const }, default: [] as string[],
            description: "ClusterRole names whose cluster-wide Secret reads are accepted (a controller's own, matched exactly).",
        },
    },
};

/** The read verbs a ClusterRole's rules grant on Secrets, in the order they first appear. */
function secretReadVerbs(role: PolicyResource, readVerbs: string[]): string[] {
    const verbs = knownRules(propsOf(role)).filter(({ rule }) => coversSecrets(rule)).flatMap(({ rule }) => strings(rule.verbs));
    return [...new Set(verbs.filter((v) => readVerbs.includes(v)))];
}

/**
 * A stack policy: a ClusterRoleBinding grants its ClusterRole in every namespace, so one whose
 * ClusterRole (declared in the stack, matched by metadata.name) reads Secrets reads every Secret
 * of the cluster. ClusterRoles the stack does not declare are not judged (the built-in ones that
 * read Secrets are k8s-builtin-role-binding's).
 */
export const k8sClusterRoleBindingSecrets: StackValidationPolicy = {
    name: "k8s-cluster-role-binding-secrets",
    description: "No ClusterRoleBinding binds a ClusterRole of the stack that reads Secrets (get, list, watch or `*` on secrets): through the binding it reads them in every namespace.",
    remediationSteps: "Bind a namespaced Role with one rule { apiGroups: [\"\"], resources: [\"secrets\"], verbs: [\"get\"], resourceNames: [<the consumer's Secrets>] } with a RoleBinding in each consumer's namespace; list a controller's own ClusterRole in `allowedRoles` when it must read Secrets cluster-wide.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateStack: (args, reportViolation) => {
        const { readVerbs, allowedRoles } = configOf<Config>(schema, args);
        const roles = clusterRolesByName(args.resources);
        for (const binding of args.resources.filter((r: PolicyResource) => r.type === K8S_CLUSTER_ROLE_BINDING)) {
            const name = boundClusterRole(binding);
            if (name === undefined || BUILTIN_SECRET_READERS.includes(name) || allowedRoles.includes(name)) continue;
            const verbs = [...new Set((roles.get(name) ?? []).flatMap((role) => secretReadVerbs(role, readVerbs)))];
            if (verbs.length === 0) continue;
            reportViolation(`binds ClusterRole "${name}", which reads Secrets (${verbs.join(", ")}) in every namespace; bind a namespaced Role that names its Secrets in resourceNames`, binding.urn);
        }
    },
};
