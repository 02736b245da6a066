import type { ResourceValidationPolicy } from "@pulumi/policy";
import { PathRule, pathRules } from "../lib/hcl";
import { configOf } from "../lib/policy";
import { VAULT_POLICY } from "../lib/types";
import { UNKNOWN_INPUT, propsOf } from "../lib/values";

interface Config {
    allowedPolicies: string[];
    selfServicePaths: string[];
}

const schema = {
    properties: {
        allowedPolicies: {
            type: "array" as const,
            items: { type: "string" as const },
            default: [] as string[],
            description: "Policy names exempt from the rule (matched exactly), e.g. an operators' policy managed on purpose.",
        },
        selfServicePaths: {
            type: "array" as const,
            items: { type: "string" as const },
            default: [
                "auth/token/lookup-self", "auth/token/renew-self", "auth/token/revoke-self",
                "sys/capabilities-self", "sys/leases/renew", "sys/leases/lookup", "sys/renew",
                "sys/wrapping/wrap", "sys/wrapping/lookup", "sys/wrapping/unwrap", "sys/tools/hash", "sys/control-group/request",
            ],
            description: "Exact paths whose grants act only on the caller's own token, leases or wrapped responses (Vault's default policy grants them): not judged, except for sudo.",
        },
    },
};

/**
 * Whether some path starting with `prefix` matches the Vault path pattern: `*` any run of
 * characters, `+` one path segment (wildcard.ts's `vault` dialect), so `*`, `s*` and `+/policy/x` reach `sys/`.
 */
function reachesPrefix(pattern: string, prefix: string, i = 0, j = 0): boolean {
    if (j >= prefix.length) return true;
    if (i >= pattern.length) return false;
    const c = pattern[i];
    if (c === "*") return true;
    if (c === "+") {
        for (let k = j; k < prefix.length && prefix[k] !== "/"; k++) {
            if (reachesPrefix(pattern, prefix, i + 1, k + 1)) return true;
        }
        return false;
    }
    return c === prefix[j] && reachesPrefix(pattern, prefix, i + 1, j + 1);
}

const SYS_ALLOWED = ["deny", "read", "list"];
const AUTH_WRITES = ["create", "update", "patch"];

/** The capabilities of a rule that make it administrative, and why; undefined when it is not. */
function finding(rule: PathRule, selfService: string[]): { caps: string[]; why: string } | undefined {
    // `deny` wins over every other capability of the same path.
    if (rule.capabilities.includes("deny")) return undefined;
    if (rule.capabilities.includes("sudo")) return { caps: ["sudo"], why: "sudo is root-equivalent on that path" };
    if (selfService.includes(rule.path)) return undefined;
    const sys = rule.capabilities.filter((c) => !SYS_ALLOWED.includes(c));
    if (sys.length > 0 && reachesPrefix(rule.path, "sys/")) return { caps: sys, why: "it administers Vault itself" };
    // auth/token/create* mints tokens; any other auth/ write configures an auth method or its roles.
    const auth = rule.capabilities.filter((c) => AUTH_WRITES.includes(c));
    if (auth.length > 0 && reachesPrefix(rule.path, "auth/")) return { caps: auth, why: "it can mint tokens or configure auth methods" };
    return undefined;
}

export const vaultPolicyAdminPaths: ResourceValidationPolicy = {
    name: "vault-policy-admin-paths",
    description: "No Vault policy grants `sudo`, writes under `sys/` (anything but read and list), or create/update on `auth/` paths (token creation `auth/token/create*` and auth method configuration) unless the policy is exempt.",
    remediationSteps: "Keep workload policies to the secret paths they read; administer Vault (sys/, auth/, sudo) from an operators' policy listed in allowedPolicies, or through Terraform/Pulumi with a short-lived admin token.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        if (args.type !== VAULT_POLICY) return;
        const props = propsOf(args);
        if (typeof props.policy !== "string") return;
        const { allowedPolicies, selfServicePaths } = configOf<Config>(schema, args);
        // An unknown policy name might be an exempt one: cannot judge.
        if (props.name === UNKNOWN_INPUT && allowedPolicies.length > 0) return;
        if (typeof props.name === "string" && allowedPolicies.includes(props.name)) return;
        for (const rule of pathRules(props.policy)) {
            const f = finding(rule, selfServicePaths);
            if (f) reportViolation(`path "${rule.path}" grants ${f.caps.join(", ")}: ${f.why}`);
        }
    },
};
