import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { K8S_CRON_JOB, K8S_POD, K8S_TEMPLATED_WORKLOADS } from "../lib/types";
import { Props, list, propsOf, record } from "../lib/values";

interface Config {
    namePattern: string;
    valuePrefixes: string[];
}

const schema = {
    properties: {
        namePattern: {
            type: "string" as const, default: "(KEY|SECRET|TOKEN|PASSWORD|PASSWD|CREDENTIAL)",
            description: "Environment variable names (regex, case-insensitive) that say the value is a credential.",
        },
        valuePrefixes: {
            type: "array" as const, items: { type: "string" as const },
            default: ["sk_live_", "sk_test_", "AKIA", "ghp_", "xoxb-", "-----BEGIN"],
            description: "Prefixes of well-known credential formats (Stripe, AWS access key IDs, GitHub, Slack, PEM keys): a value starting with one is a credential whatever its variable's name.",
        },
    },
};

/** The pod spec of a workload: a Pod's own spec, a CronJob's job template's, the others' template's. */
export function podSpecOf(type: string, props: Props): Record<string, unknown> | undefined {
    const spec = record(props.spec);
    if (type === K8S_POD) return spec;
    if (type === K8S_CRON_JOB) return record(record(record(record(spec.jobTemplate).spec).template).spec);
    if (K8S_TEMPLATED_WORKLOADS.includes(type)) return record(record(spec.template).spec);
    return undefined;
}

/** A literal in the manifest is in the state, in diffs and readable by anyone who may read the workload. */
export const k8sWorkloadLiteralCredentials: ResourceValidationPolicy = {
    name: "k8s-workload-literal-credentials",
    description: "No container or init container of a Pod, Deployment, StatefulSet, DaemonSet, Job or CronJob sets a credential as a literal env value: variables named like KEY, SECRET, TOKEN, PASSWORD or CREDENTIAL, or values with a known key prefix (sk_live_, AKIA, ghp_, -----BEGIN, ...).",
    remediationSteps: "Store the value in the secrets catalog and read it from the projected Secret: env: [{ name: <NAME>, valueFrom: { secretKeyRef: { name: <the consumer's Secret>, key: <NAME> } } }], or envFrom: [{ secretRef: { name: <the consumer's Secret> } }].",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        const podSpec = podSpecOf(args.type, propsOf(args));
        if (podSpec === undefined) return;
        const config = configOf<Config>(schema, args);
        const namePattern = new RegExp(config.namePattern, "i");
        const containers = [...list(podSpec.initContainers), ...list(podSpec.containers)].map(record);
        for (const container of containers) {
            if (typeof container.name !== "string") continue;
            for (const entry of list(container.env).map(record)) {
                const { name, value } = entry;
                // Unknown names or values (a preview) and empty values are not judged; valueFrom has no `value`.
                if (typeof name !== "string" || typeof value !== "string" || value === "") continue;
                if (namePattern.test(name) || config.valuePrefixes.some((p) => p !== "" && value.startsWith(p))) {
                    reportViolation(`container "${container.name}" env ${name} holds a literal value: read it from a Secret (valueFrom.secretKeyRef)`);
                }
            }
        }
    },
};
