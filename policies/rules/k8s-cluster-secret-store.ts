import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { K8S_CLUSTER_SECRET_STORE } from "../lib/types";
import { UNKNOWN_INPUT, propsOf, record } from "../lib/values";

interface Config {
    allowedStores: string[];
}

const schema = {
    properties: {
        allowedStores: {
            type: "array" as const, items: { type: "string" as const }, default: [],
            description: "Names (metadata.name) of ClusterSecretStores accepted anyway, e.g. one whose provider holds nothing secret.",
        },
    },
};

/** External Secrets Operator: a ClusterSecretStore serves ExternalSecrets of every namespace. */
export const k8sClusterSecretStore: ResourceValidationPolicy = {
    name: "k8s-cluster-secret-store",
    description: "No External Secrets ClusterSecretStore (external-secrets.io v1 or v1beta1): an ExternalSecret in any namespace could read everything the store reaches.",
    remediationSteps: "Declare a namespaced SecretStore in each consumer's namespace, with credentials that reach only that namespace's secrets (the module's namespace stores do).",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        if (!K8S_CLUSTER_SECRET_STORE.test(args.type)) return;
        const { allowedStores } = configOf<Config>(schema, args);
        if (allowedStores.length > 0) {
            const metadata = propsOf(args).metadata;
            if (metadata === UNKNOWN_INPUT) return;
            const name = record(metadata).name;
            if (name === UNKNOWN_INPUT || (typeof name === "string" && allowedStores.includes(name))) return;
        }
        reportViolation("a ClusterSecretStore lets an ExternalSecret in any namespace read the store: use a SecretStore per namespace");
    },
};
