import type { ResourceValidationPolicy } from "@pulumi/policy";
import { secretBearing } from "../lib/secretBearing";
import { propsOf, secretness } from "../lib/values";

/**
 * A value that is not a Pulumi secret is stored in plain text in the state and shown in diffs. The
 * provider SDKs mark some properties secret themselves; hand-written and untyped resources, and
 * properties no schema marks (Lambda environment variables), are where literals slip through.
 */
export const secretValueNotMarkedSecret: ResourceValidationPolicy = {
    name: "secret-value-not-marked-secret",
    description: "Values in secret-bearing properties (stored secret strings, Kubernetes Secret data, SecureString parameters, secret-named Lambda variables) are Pulumi secrets. Judged in `check`, where secret markers are visible; the analyzer protocol hides them from a real preview.",
    remediationSteps: "Read the value with config.requireSecret, generate it with @pulumi/random (additionalSecretOutputs), or wrap it in pulumi.secret(); never write a literal.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: (args, reportViolation) => {
        const props = propsOf(args);
        for (const item of secretBearing(args.type, props)) {
            if (typeof item.value !== "string" || item.value === "") continue;
            if (secretness(args, item.path) === "plain") {
                reportViolation(`${item.path.join(".")} holds a value that is not a Pulumi secret: it would be stored in plain text in the state`);
            }
        }
    },
};
