import type { ResourceValidationPolicy } from "@pulumi/policy";
import { TAG, TWO_SLOT_KINDS, TWO_SLOT_NAME } from "../lib/marks";
import { ENVIRONMENT_SCHEMA, EnvironmentConfig, configOf, isProduction, marksOf } from "../lib/policy";
import { AWS_SECRET, VAULT_KV_SECRET } from "../lib/types";
import { UNKNOWN_INPUT, propsOf } from "../lib/values";

interface Config extends EnvironmentConfig {
    kinds: string[];
    namePattern: string;
}

const schema = {
    properties: {
        ...ENVIRONMENT_SCHEMA,
        kinds: { type: "array" as const, items: { type: "string" as const }, default: TWO_SLOT_KINDS, description: "Kinds that are signing or encryption keys." },
        namePattern: { type: "string" as const, default: TWO_SLOT_NAME.source, description: "Secret names (regex) that are session or signing keys whatever their kind." },
    },
};

/** Without a previous value, tokens signed or data encrypted just before a rotation stop verifying or decrypting. */
export const secretRotationKeepPrevious: ResourceValidationPolicy = {
    name: "secret-rotation-keep-previous",
    description: "In production, signing and encryption keys are stored with their previous value (keep-previous), so a rotation never invalidates what was signed or encrypted just before.",
    remediationSteps: "Set `keepPrevious: true` on the secret (NAME and NAME_PREVIOUS are then delivered), or tag a hand-written store `keep-previous: \"true\"` once it holds both values.",
    enforcementLevel: "advisory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        if (args.type !== AWS_SECRET && args.type !== VAULT_KV_SECRET) return;
        const config = configOf<Config>(schema, args);
        const props = propsOf(args);
        if (!isProduction(config, args.type, props)) return;
        const marks = marksOf(args.type, props);
        if (marks === UNKNOWN_INPUT) return;
        const kind = marks[TAG.kind];
        // A template (kind: template) has a previous value exactly when its inputs do: they are judged on their own copies.
        if (kind === "template") return;
        const name = marks[TAG.secretName];
        const reason = typeof kind === "string" && config.kinds.includes(kind) ? `kind ${kind}`
            : typeof name === "string" && new RegExp(config.namePattern).test(name) ? `name ${name}`
            : undefined;
        const keep = marks[TAG.keepPrevious];
        if (reason !== undefined && keep !== "true" && keep !== UNKNOWN_INPUT) {
            reportViolation(`a signing or encryption key (${reason}) stored without its previous value (tag "${TAG.keepPrevious}" is not "true"): a rotation would invalidate what it signed or encrypted`);
        }
    },
};
