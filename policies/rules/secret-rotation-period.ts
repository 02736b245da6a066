import type { ResourceValidationPolicy } from "@pulumi/policy";
import { KEEPER, TAG } from "../lib/marks";
import { configOf, marksOf } from "../lib/policy";
import { AWS_SECRET, RANDOM_TYPES, VAULT_KV_SECRET } from "../lib/types";
import { UNKNOWN, integer, propsOf, record } from "../lib/values";

interface Config {
    maxDays: Record<string, number>;
    encryptionKeyMaxDays: number;
    encryptionKinds: string[];
}

const schema = {
    properties: {
        maxDays: {
            type: "object" as const,
            description: "Longest rotation period, in days, per criticality.",
            additionalProperties: { type: "integer" as const, minimum: 1 },
            default: { critical: 90, high: 90, medium: 180, low: 365 },
        },
        encryptionKeyMaxDays: { type: "integer" as const, minimum: 1, default: 365, description: "Longest period for encryption keys: re-encrypting data is costly." },
        encryptionKinds: { type: "array" as const, items: { type: "string" as const }, default: ["fernet"], description: "Kinds that are encryption keys." },
    },
};

/**
 * Stored copies carry criticality, kind and period, so they are judged exactly. A random resource
 * carries only kind and period: without the criticality its period is held to the loosest limit.
 */
export const secretRotationPeriod: ResourceValidationPolicy = {
    name: "secret-rotation-period",
    description: "A secret's rotation period is within the maximum for its criticality (encryption keys: their own maximum).",
    remediationSteps: "Lower `rotationDays` on the secret (or the `rotation-days` keeper/tag of a hand-written resource) to at most the maximum.",
    enforcementLevel: "advisory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        const isRandom = RANDOM_TYPES.includes(args.type);
        if (!isRandom && args.type !== AWS_SECRET && args.type !== VAULT_KV_SECRET) return;
        const config = configOf<Config>(schema, args);
        const props = propsOf(args);
        const marks = isRandom ? props.keepers : marksOf(args.type, props);
        if (marks === UNKNOWN) return;
        const m = record(marks);
        const days = integer(m[isRandom ? KEEPER.rotationDays : TAG.rotationDays]);
        if (days === undefined) return;
        const kind = m[isRandom ? KEEPER.kind : TAG.kind];
        const criticality = isRandom ? undefined : m[TAG.criticality];
        let limit: number;
        let what: string;
        if (typeof kind === "string" && config.encryptionKinds.includes(kind)) {
            [limit, what] = [config.encryptionKeyMaxDays, `encryption keys (${kind})`];
        } else if (typeof criticality === "string" && config.maxDays[criticality] !== undefined) {
            [limit, what] = [config.maxDays[criticality], `${criticality} secrets`];
        } else {
            [limit, what] = [Math.max(...Object.values(config.maxDays)), "any secret"];
        }
        if (days > limit) {
            reportViolation(`rotation period of ${days} days exceeds the ${limit}-day maximum for ${what}`);
        }
    },
};
