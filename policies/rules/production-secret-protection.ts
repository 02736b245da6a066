import type { ResourceValidationPolicy } from "@pulumi/policy";
import { ENVIRONMENT_SCHEMA, EnvironmentConfig, STORED_SECRET_TYPES, configOf, isProduction } from "../lib/policy";
import { propsOf } from "../lib/values";

/**
 * `retainOnDelete` is not part of the analyzer protocol's resource options (@pulumi/policy 1.21):
 * a real preview sees only `protect`; `check` passes both.
 */
export const productionSecretProtection: ResourceValidationPolicy = {
    name: "production-secret-protection",
    description: "In production, resources that hold secrets at rest (Secrets Manager secrets, Vault KV entries, KMS keys) are protected (`protect`, or `retainOnDelete`).",
    remediationSteps: "Set `protection: protect` in the stack config (or `protect: true` on a hand-written resource).",
    enforcementLevel: "advisory",
    configSchema: { properties: { ...ENVIRONMENT_SCHEMA } },
    validateResource: (args, reportViolation) => {
        if (!STORED_SECRET_TYPES.includes(args.type)) return;
        const config = configOf<EnvironmentConfig>({ properties: ENVIRONMENT_SCHEMA }, args);
        if (!isProduction(config, args.type, propsOf(args))) return;
        const opts = args.opts as { protect?: boolean; retainOnDelete?: boolean };
        if (opts.protect !== true && opts.retainOnDelete !== true) {
            reportViolation("holds secrets in production without protect or retainOnDelete: a destroy or a rename would delete it");
        }
    },
};
