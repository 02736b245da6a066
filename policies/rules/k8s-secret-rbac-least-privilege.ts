import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { coversSecrets } from "../lib/rbac";
import { K8S_CLUSTER_ROLE, K8S_ROLE } from "../lib/types";
import { UNKNOWN_INPUT, hasUnknown, list, propsOf, record, strings } from "../lib/values";

interface Config {
    forbiddenVerbs: string[];
}

const schema = {
    properties: {
        forbiddenVerbs: {
            type: "array" as const, items: { type: "string" as const }, default: ["list", "watch", "*"],
            description: "Verbs never granted on secrets: list and watch return every value in the namespace.",
        },
    },
};

export const k8sSecretRbacLeastPrivilege: ResourceValidationPolicy = {
    name: "k8s-secret-rbac-least-privilege",
    description: "Kubernetes RBAC on Secrets is least privilege: no ClusterRole reaches Secrets, no Role grants list, watch or wildcards on them, and `get` names its Secrets in resourceNames.",
    remediationSteps: "Use a namespaced Role with one rule { apiGroups: [\"\"], resources: [\"secrets\"], verbs: [\"get\"], resourceNames: [<the consumer's Secrets>] }.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        if (args.type !== K8S_ROLE && args.type !== K8S_CLUSTER_ROLE) return;
        const { forbiddenVerbs } = configOf<Config>(schema, args);
        const props = propsOf(args);
        if (props.rules === UNKNOWN_INPUT) return;
        list(props.rules).map(record).forEach((rule, i) => {
            if (hasUnknown(rule.apiGroups) || hasUnknown(rule.resources) || !coversSecrets(rule)) return;
            const at = `rule ${i + 1}`;
            if (args.type === K8S_CLUSTER_ROLE) {
                reportViolation(`${at} of a ClusterRole reaches Secrets in every namespace; use a Role in the consumer's namespace`);
                return;
            }
            if (hasUnknown(rule.verbs)) return;
            const verbs = strings(rule.verbs);
            const forbidden = verbs.filter((v) => forbiddenVerbs.includes(v));
            if (forbidden.length > 0) {
                reportViolation(`${at} grants ${forbidden.join(", ")} on Secrets: every value in the namespace`);
            } else if (verbs.includes("get") && rule.resourceNames !== UNKNOWN_INPUT && strings(rule.resourceNames).length === 0) {
                reportViolation(`${at} grants get on every Secret in the namespace; name them in resourceNames`);
            }
        });
    },
};
