import type { ResourceValidationPolicy } from "@pulumi/policy";
import { KEEPER, MIN_LENGTH } from "../lib/marks";
import { configOf, isGeneratedSecret } from "../lib/policy";
import { RANDOM_BYTES } from "../lib/types";
import { UNKNOWN_INPUT, integer, propsOf, record } from "../lib/values";

interface Config {
    minCharacters: number;
    minBytes: number;
}

const schema = {
    properties: {
        minCharacters: { type: "integer" as const, minimum: 1, default: 16, description: "Minimum length of a random password or string without a `kind` keeper." },
        minBytes: { type: "integer" as const, minimum: 1, default: 16, description: "Minimum length of random bytes without a `kind` keeper." },
    },
};

export const randomSecretMinLength: ResourceValidationPolicy = {
    name: "random-secret-min-length",
    description: "Random secrets are at least as long as their kind's minimum (from the `kind` keeper), or the configured minimum without one.",
    remediationSteps: "Raise `length` (or the secret's `length` in the catalog) to at least the minimum.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        const props = propsOf(args);
        if (!isGeneratedSecret(args, props)) return;
        const length = integer(props.length);
        if (length === undefined || props.keepers === UNKNOWN_INPUT) return;
        const kind = record(props.keepers)[KEEPER.kind];
        if (kind === UNKNOWN_INPUT) return;
        const config = configOf<Config>(schema, args);
        const spec = typeof kind === "string" ? MIN_LENGTH[kind] : undefined;
        const unit = spec?.unit ?? (args.type === RANDOM_BYTES ? "bytes" : "characters");
        const min = spec?.min ?? (unit === "bytes" ? config.minBytes : config.minCharacters);
        if (length < min) {
            const what = spec ? `kind ${String(kind)}` : "a generated secret";
            reportViolation(`length ${length} is below the minimum of ${min} ${unit} for ${what}`);
        }
    },
};
