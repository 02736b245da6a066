import * as pulumi from "@pulumi/pulumi";
import * as vault from "@pulumi/vault";
import { VaultAuditPlan } from "./plan";

/**
 * The Vault audit device: every request and response is logged, values as HMACs (Vault's own
 * hashing), so the log shows who read or wrote which path without holding any secret.
 */
export function createVaultAudit(name: string, plan: VaultAuditPlan, environment: string, opts: pulumi.CustomResourceOptions): vault.Audit {
    return new vault.Audit(name, {
        type: plan.type,
        path: plan.path,
        options: plan.options,
        description: `platform-secrets audit log (${environment})`,
    }, opts);
}
