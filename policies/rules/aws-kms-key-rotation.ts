import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { KMS_KEY } from "../lib/types";
import { UNKNOWN_INPUT, integer, propsOf } from "../lib/values";

interface Config {
    maxRotationPeriodDays: number;
}

const schema = {
    properties: {
        maxRotationPeriodDays: { type: "integer" as const, minimum: 90, maximum: 2560, default: 365, description: "Longest automatic rotation period of a key (AWS allows 90 to 2560 days)." },
    },
};

/** AWS rotates only symmetric encryption keys; asymmetric and HMAC keys are out of scope. */
function rotatable(spec: unknown, usage: unknown): boolean {
    return (spec === undefined || spec === "SYMMETRIC_DEFAULT") && (usage === undefined || usage === "ENCRYPT_DECRYPT");
}

export const awsKmsKeyRotation: ResourceValidationPolicy = {
    name: "aws-kms-key-rotation",
    description: "Symmetric KMS keys have automatic key rotation enabled, within the maximum period.",
    remediationSteps: "Set `enableKeyRotation: true` (and `rotationPeriodInDays` at most the maximum) on the key.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        if (args.type !== KMS_KEY) return;
        const props = propsOf(args);
        const spec = props.customerMasterKeySpec ?? props.keySpec;
        // An unknown spec or usage is neither undefined nor symmetric: not judged in a preview.
        if (!rotatable(spec, props.keyUsage)) return;
        if (props.enableKeyRotation !== true && props.enableKeyRotation !== UNKNOWN_INPUT) {
            reportViolation("automatic key rotation is off (enableKeyRotation is not true)");
            return;
        }
        const { maxRotationPeriodDays } = configOf<Config>(schema, args);
        // Unset or unknown: nothing to compare.
        const period = integer(props.rotationPeriodInDays) ?? 0;
        if (period > maxRotationPeriodDays) {
            reportViolation(`rotation period of ${period} days exceeds the ${maxRotationPeriodDays}-day maximum`);
        }
    },
};
