import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ENVIRONMENT_SCHEMA, EnvironmentConfig, configOf, isProduction } from "../lib/policy";
import { AWS_SECRET } from "../lib/types";
import { integer, propsOf } from "../lib/values";

interface Config extends EnvironmentConfig {
    minDays: number;
}

const schema = {
    properties: {
        ...ENVIRONMENT_SCHEMA,
        minDays: { type: "integer" as const, minimum: 7, maximum: 30, default: 7, description: "Shortest recovery window in production." },
    },
};

/** 0 deletes at once: an accidental `pulumi destroy` or rename would lose the value for good. */
export const awsSecretRecoveryWindow: ResourceValidationPolicy = {
    name: "aws-secret-recovery-window",
    description: "In production, a deleted Secrets Manager secret stays recoverable for at least 7 days (recoveryWindowInDays; unset means AWS's 30).",
    remediationSteps: "Set `stores.aws.recoveryWindowDays` (or `recoveryWindowInDays`) to 7-30, or leave it unset.",
    enforcementLevel: "advisory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        if (args.type !== AWS_SECRET) return;
        const config = configOf<Config>(schema, args);
        const props = propsOf(args);
        if (!isProduction(config, args.type, props)) return;
        const days = integer(props.recoveryWindowInDays);
        if (days !== undefined && days < config.minDays) {
            reportViolation(`recovery window of ${days} days is below the ${config.minDays}-day minimum in production: a deleted secret could not be restored`);
        }
    },
};
