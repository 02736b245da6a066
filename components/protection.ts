import * as pulumi from "@pulumi/pulumi";
import { Protection } from "./catalog/model";
import { MANAGED_BY_VALUE, TAG } from "./conventions";

/**
 * Options for resources whose loss loses data: stored secrets, KMS keys, Vault mounts.
 * Applied per resource, never on a component: `protect` is inherited by children, and the
 * random resources beneath must stay replaceable so that rotation works.
 */
export function protectionOptions(protection: Protection): pulumi.CustomResourceOptions {
    switch (protection) {
        case "protect":
            return { protect: true };
        case "retain":
            return { retainOnDelete: true };
        case "none":
            return {};
    }
}

export const MANAGED_BY = MANAGED_BY_VALUE;

/**
 * Tags policies and cost reports rely on. `secret-name` and `kind` are omitted for group bundles,
 * which hold several secrets; `kind` lets a policy allow encryption keys their longer period.
 */
export function secretTags(environment: string, criticality: string, owner: string, secret?: { name: string; kind: string }): Record<string, string> {
    return {
        [TAG.environment]: environment,
        [TAG.criticality]: criticality,
        [TAG.owner]: owner,
        [TAG.managedBy]: MANAGED_BY,
        ...(secret ? { [TAG.secretName]: secret.name, [TAG.kind]: secret.kind } : {}),
    };
}
