import type { ResourceValidationPolicy } from "@pulumi/policy";
import { KEEPER, ROTATED_BY_LAMBDA } from "../lib/marks";
import { isGeneratedSecret } from "../lib/policy";
import { UNKNOWN_INPUT, integer, isoDayTime, propsOf } from "../lib/values";

/**
 * A random value without rotation keepers never changes after its first `pulumi up`: the keepers
 * are what replace it when the slot moves on.
 */
export const secretRotationRequired: ResourceValidationPolicy = {
    name: "secret-rotation-required",
    description: "Every generated secret (@pulumi/random RandomPassword, RandomBytes, and RandomString used as a secret) has a rotation schedule in its keepers: `rotation` (slot start date) and `rotation-days`.",
    remediationSteps: "Generate the value with the platform-secrets components, or add keepers { rotation: <slot start YYYY-MM-DD>, \"rotation-days\": <period> } that change when the value is due.",
    enforcementLevel: "advisory",
    configSchema: { properties: {} },
    validateResource: (args, reportViolation) => {
        const props = propsOf(args);
        if (!isGeneratedSecret(args, props)) return;
        if (props.keepers === UNKNOWN_INPUT) return;
        const keepers = (props.keepers ?? {}) as Record<string, unknown>;
        const slot = keepers[KEEPER.rotation];
        const days = keepers[KEEPER.rotationDays];
        if (slot === undefined && days === undefined) {
            reportViolation(`no rotation schedule: keepers "${KEEPER.rotation}" and "${KEEPER.rotationDays}" are missing, so the value never changes`);
            return;
        }
        // A Lambda-rotated value keeps a fixed keeper: AWS rotates it, so Pulumi must never replace it
        // (aws-secret-rotation-schedule judges its SecretRotation's schedule instead).
        if (slot !== UNKNOWN_INPUT && slot !== ROTATED_BY_LAMBDA && isoDayTime(slot) === undefined) {
            reportViolation(`keepers "${KEEPER.rotation}" is ${JSON.stringify(slot ?? null)}, not a slot start date (YYYY-MM-DD) nor "${ROTATED_BY_LAMBDA}"`);
        }
        const n = integer(days);
        if (days !== UNKNOWN_INPUT && !(n !== undefined && n > 0)) {
            reportViolation(`keepers "${KEEPER.rotationDays}" is ${JSON.stringify(days ?? null)}, not a positive whole number of days`);
        }
    },
};
