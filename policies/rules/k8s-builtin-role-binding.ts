import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { K8S_CLUSTER_ROLE_BINDING, K8S_ROLE_BINDING } from "../lib/types";
import { BUILTIN_SECRET_READERS, namespaceOf } from "../lib/rbac";
import { UNKNOWN_INPUT, propsOf, record } from "../lib/values";

interface Config {
    roles: string[];
}

const schema = {
    properties: {
        roles: {
            type: "array" as const, items: { type: "string" as const }, default: BUILTIN_SECRET_READERS,
            description: "Built-in ClusterRoles no binding may grant: each reads every Secret of the binding's scope.",
        },
    },
};

export const k8sBuiltinRoleBinding: ResourceValidationPolicy = {
    name: "k8s-builtin-role-binding",
    description: "No RoleBinding or ClusterRoleBinding grants the built-in ClusterRoles cluster-admin, admin or edit: they read every Secret of their namespace, or of the cluster.",
    remediationSteps: "Bind a namespaced Role with one rule { apiGroups: [\"\"], resources: [\"secrets\"], verbs: [\"get\"], resourceNames: [<the consumer's Secrets>] }, plus the non-Secret permissions the subject needs.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        if (args.type !== K8S_ROLE_BINDING && args.type !== K8S_CLUSTER_ROLE_BINDING) return;
        const { roles } = configOf<Config>(schema, args);
        const props = propsOf(args);
        const { kind, name } = record(props.roleRef);
        if (kind !== "ClusterRole" || typeof name !== "string" || !roles.includes(name)) return;
        let scope = "in the cluster";
        if (args.type === K8S_ROLE_BINDING) {
            // Without a namespace the binding lands in the provider's namespace, "default" unless set.
            const namespace = namespaceOf(args);
            if (namespace === UNKNOWN_INPUT) return;
            scope = `in namespace "${namespace}"`;
        }
        reportViolation(`binds ClusterRole "${name}", which reads every Secret ${scope}; bind a Role that names its Secrets in resourceNames`);
    },
};
