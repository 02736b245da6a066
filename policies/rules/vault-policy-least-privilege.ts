import type { ResourceValidationPolicy } from "@pulumi/policy";
import { entryPath, pathRules } from "../lib/hcl";
import { VAULT_POLICY } from "../lib/types";
import { propsOf } from "../lib/values";

/**
 * A glob before the first full segment of the entry path (`*`, `kv/*`, `kv/data/*`, `kv/data/pr*`)
 * reaches every environment's secrets in the mount; `kv/data/prod/*` stays inside one.
 */
function tooBroad(path: string): boolean {
    const segments = path.split("/");
    if (segments.length < 2 || /[*+]/.test(segments[0])) return /[*+]/.test(path);
    const first = entryPath(path).split("/")[0] ?? "";
    return /[*+]/.test(first);
}

export const vaultPolicyLeastPrivilege: ResourceValidationPolicy = {
    name: "vault-policy-least-privilege",
    description: "No Vault policy grants capabilities on `*` or on a whole mount: every granting path names an environment before any glob.",
    remediationSteps: "Grant on the entries a workload reads, e.g. path \"kv/data/prod/auth/jwt-secret-key\" { capabilities = [\"read\"] }.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: (args, reportViolation) => {
        if (args.type !== VAULT_POLICY) return;
        const { policy } = propsOf(args);
        if (typeof policy !== "string") return;
        for (const rule of pathRules(policy)) {
            const granted = rule.capabilities.filter((c) => c !== "deny");
            if (granted.length > 0 && tooBroad(rule.path)) {
                reportViolation(`path "${rule.path}" grants ${granted.join(", ")} on every environment's secrets`);
            }
        }
    },
};
