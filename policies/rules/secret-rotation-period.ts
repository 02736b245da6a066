import type { ResourceValidationPolicy } from "@pulumi/policy";
import { KEEPER, TAG } from "../lib/marks";
import { MAX_DAYS_SCHEMA, configOf, rotationMarksOf } from "../lib/policy";
import { integer, propsOf } from "../lib/values";

interface Config {
    maxDays: Record<string, number>;
    encryptionKeyMaxDays: number;
    encryptionKinds: string[];
}

const schema = {
    properties: {
        maxDays: MAX_DAYS_SCHEMA,
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
        const rotation = rotationMarksOf(args.type, propsOf(args));
        if (!rotation) return;
        const { isRandom, marks: m } = rotation;
        const config = configOf<Config>(schema, args);
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
