import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { leafValues, secretBearing } from "../lib/secretBearing";
import { propsOf } from "../lib/values";
import { INSECURE_PREFIXES, INSECURE_VALUES } from "../lib/placeholders";

interface Config {
    insecureValues: string[];
    insecurePrefixes: string[];
}

const schema = {
    properties: {
        insecureValues: {
            type: "array" as const, items: { type: "string" as const },
            default: [...INSECURE_VALUES],
            description: "Values (case-insensitive, whole value) that are never acceptable secrets.",
        },
        insecurePrefixes: {
            type: "array" as const, items: { type: "string" as const },
            default: [...INSECURE_PREFIXES],
            description: "Prefixes (case-insensitive) of placeholder values, e.g. Django's generated `django-insecure-...` key.",
        },
    },
};

/** Messages name the list entry matched, never the value itself. */
export const secretInsecureValue: ResourceValidationPolicy = {
    name: "secret-insecure-value",
    description: "No secret-bearing property holds a known placeholder or insecure value (changeme, change-this, example, django-insecure-..., password, secret, ...).",
    remediationSteps: "Generate the value (kind password/token/django/...) or provide a real one with `pulumi config set --secret`.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        const items = secretBearing(args.type, propsOf(args));
        if (items.length === 0) return;
        const config = configOf<Config>(schema, args);
        const exact = config.insecureValues.map((v) => v.toLowerCase());
        const prefixes = config.insecurePrefixes.map((v) => v.toLowerCase());
        for (const item of items) {
            for (const value of leafValues(item)) {
                const v = value.trim().toLowerCase();
                const hit = exact.find((e) => v === e) ?? prefixes.find((p) => v.startsWith(p));
                if (hit !== undefined) {
                    reportViolation(`${item.path.join(".")} holds a known insecure value (matches "${hit}")`);
                }
            }
        }
    },
};
