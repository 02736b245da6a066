import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { K8S_CLUSTER_ROLE_BINDING, K8S_ROLE_BINDING } from "../lib/types";
import { UNKNOWN_INPUT, list, propsOf, record } from "../lib/values";

interface Config {
    forbiddenSubjects: string[];
}

const schema = {
    properties: {
        forbiddenSubjects: {
            type: "array" as const, items: { type: "string" as const },
            default: ["system:authenticated", "system:unauthenticated", "system:anonymous"],
            description: "Groups and users no binding may name: they stand for every caller.",
        },
    },
};

export const k8sRolebindingSubjects: ResourceValidationPolicy = {
    name: "k8s-rolebinding-subjects",
    description: "RoleBindings bind only ServiceAccounts of their own namespace; no binding names system:authenticated, system:unauthenticated or anonymous.",
    remediationSteps: "Bind the consumer's ServiceAccount: subjects: [{ kind: \"ServiceAccount\", name: <sa>, namespace: <the binding's namespace> }].",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        if (args.type !== K8S_ROLE_BINDING && args.type !== K8S_CLUSTER_ROLE_BINDING) return;
        const { forbiddenSubjects } = configOf<Config>(schema, args);
        const props = propsOf(args);
        if (props.subjects === UNKNOWN_INPUT) return;
        const namespace = record(props.metadata).namespace;
        for (const subject of list(props.subjects).map(record)) {
            const { kind, name } = subject;
            if (typeof name === "string" && forbiddenSubjects.includes(name)) {
                reportViolation(`binds ${String(kind)} ${name}: every such caller gets the role`);
                continue;
            }
            if (args.type !== K8S_ROLE_BINDING || kind === UNKNOWN_INPUT || name === UNKNOWN_INPUT) continue;
            if (kind !== "ServiceAccount") {
                reportViolation(`binds ${String(kind)} "${String(name)}": a RoleBinding may bind only ServiceAccounts`);
            } else if (typeof subject.namespace === "string" && typeof namespace === "string" && subject.namespace !== namespace) {
                reportViolation(`binds ServiceAccount ${subject.namespace}/${String(name)} of another namespace than the binding's (${namespace})`);
            }
        }
    },
};
