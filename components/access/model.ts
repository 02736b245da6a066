import * as pulumi from "@pulumi/pulumi";
import { StoreName } from "../catalog/model";

/** One catalog secret as a consumer sees it: its delivered keys and where each store holds it. References and Outputs only. */
export interface ConsumedSecret {
    name: string;
    /** `ManagedSecret.values`: delivered key to value (Pulumi secrets). Only `secret` mode reads the values. */
    values: Record<string, pulumi.Output<string>>;
    /** `ManagedSecret.version`. */
    version: string;
    /** The Vault copy: mount name and path inside it. */
    vault?: { mount: string; path: string };
    /** The AWS copy: secret name (the bundle's when bundled) and ARN. */
    aws?: { secretName: string; arn: pulumi.Input<string> };
    /** The store the operator reads it from in `external-secrets` mode. */
    source?: StoreName;
}

/** What AWS grants need beyond the secrets: regions and keys. */
export interface AwsAccessContext {
    region: string;
    replicaRegions: string[];
    /** KMS keys that encrypt the secrets (primary and replica keys). */
    kmsKeys: pulumi.Input<string>[];
}

/** Where Vault grants go. */
export interface VaultAccessContext {
    /** Path of the Kubernetes auth method. */
    authMount: string;
}
