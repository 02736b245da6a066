import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { K8S_EXTERNAL_SECRET, K8S_SECRET } from "../lib/types";
import { namespaceOf } from "../lib/rbac";
import { UNKNOWN_INPUT, propsOf, record } from "../lib/values";

interface Config {
    forbiddenNamespaces: string[];
}

const schema = {
    properties: {
        forbiddenNamespaces: {
            type: "array" as const, items: { type: "string" as const }, default: ["default"],
            description: "Namespaces no Secret may live in (`default` is where everything lands by accident, and broad grants exist there).",
        },
    },
};

export const k8sSecretNamespace: ResourceValidationPolicy = {
    name: "k8s-secret-namespace",
    description: "No Kubernetes Secret (or ExternalSecret) is created in the `default` namespace, named or implied.",
    remediationSteps: "Set metadata.namespace to the consumer's namespace.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        if (args.type !== K8S_SECRET && !K8S_EXTERNAL_SECRET.test(args.type)) return;
        const { forbiddenNamespaces } = configOf<Config>(schema, args);
        // Without a namespace the object lands in the provider's namespace, "default" unless set.
        const namespace = namespaceOf(args);
        if (namespace === UNKNOWN_INPUT) return;
        const given = record(propsOf(args).metadata).namespace;
        if (forbiddenNamespaces.includes(namespace)) {
            const how = namespace === given ? "" : " (no metadata.namespace)";
            reportViolation(`Secret in the "${namespace}" namespace${how}; put it in its consumer's namespace`);
        }
    },
};
