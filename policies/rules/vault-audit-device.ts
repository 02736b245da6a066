import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { VAULT_AUDIT, VAULT_KV_SECRET } from "../lib/types";
import { UNKNOWN_INPUT, propsOf } from "../lib/values";

interface Config {
    managedElsewhere: boolean;
}

const schema = {
    properties: {
        managedElsewhere: { type: "boolean" as const, default: false, description: "Vault's audit devices are managed by another stack: the rule is satisfied." },
    },
};

/** Audit device types that keep a log of every request (Vault hashes secret values in it). */
const DEVICE_TYPES = ["file", "socket", "syslog"];

const MISSING = "Vault entries are stored but no audit device is declared: every read and write of a secret goes unlogged; declare a vault.Audit (file, socket or syslog), or set managedElsewhere if another stack manages Vault's audit devices";

/**
 * A stack policy: a stack that stores Vault KV entries (hand-written or the module's) declares an
 * audit device, so every read and write of them is logged. Reported once, on the stack.
 */
export const vaultAuditDevice: StackValidationPolicy = {
    name: "vault-audit-device",
    description: "A stack that stores Vault KV entries declares a Vault audit device (file, socket or syslog), so every read and write of a secret is logged.",
    remediationSteps: "Declare a `vault.Audit` of type `file`, `socket` or `syslog` in the stack (Vault hashes secret values in its audit log), or set `managedElsewhere: true` when another stack manages Vault's audit devices.",
    enforcementLevel: "advisory",
    configSchema: schema,
    validateStack: (args, reportViolation) => {
        const { managedElsewhere } = configOf<Config>(schema, args);
        if (managedElsewhere === true) return;
        if (!args.resources.some((r: PolicyResource) => r.type === VAULT_KV_SECRET)) return;
        // A device whose type is unknown in a preview may be one of them: no violation.
        const audited = args.resources.some((r: PolicyResource) => {
            if (r.type !== VAULT_AUDIT) return false;
            const type = propsOf(r).type;
            return type === UNKNOWN_INPUT || (typeof type === "string" && DEVICE_TYPES.includes(type));
        });
        if (!audited) reportViolation(MISSING);
    },
};
