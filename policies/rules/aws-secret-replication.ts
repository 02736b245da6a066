import type { ResourceValidationPolicy } from "@pulumi/policy";
import { TAG } from "../lib/marks";
import { ENVIRONMENT_SCHEMA, EnvironmentConfig, configOf, isProduction, mark } from "../lib/policy";
import { AWS_SECRET } from "../lib/types";
import { UNKNOWN_INPUT, hasUnknown, list, propsOf, record } from "../lib/values";

interface Config extends EnvironmentConfig {
    criticalities: string[];
}

const schema = {
    properties: {
        ...ENVIRONMENT_SCHEMA,
        criticalities: { type: "array" as const, items: { type: "string" as const }, default: ["critical"], description: "Criticality tags whose secrets must be replicated in production." },
    },
};

/** A regional outage must not take away the secrets every service needs to start. */
export const awsSecretReplication: ResourceValidationPolicy = {
    name: "aws-secret-replication",
    description: "In production, critical Secrets Manager secrets are replicated to at least one other region.",
    remediationSteps: "Set `stores.aws.replicaRegions` (or `replicas` on a hand-written secret) to at least one region other than the secret's own.",
    enforcementLevel: "advisory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        if (args.type !== AWS_SECRET) return;
        const config = configOf<Config>(schema, args);
        const props = propsOf(args);
        if (!isProduction(config, args.type, props)) return;
        const criticality = mark(args.type, props, TAG.criticality);
        if (typeof criticality !== "string" || !config.criticalities.includes(criticality)) return;
        if (props.replicas === UNKNOWN_INPUT || hasUnknown(props.region)) return;
        const others = list(props.replicas).map((r) => record(r).region)
            .filter((region) => region === UNKNOWN_INPUT || (typeof region === "string" && region !== props.region));
        if (others.length === 0) {
            reportViolation(`${criticality} secret not replicated to another region`);
        }
    },
};
