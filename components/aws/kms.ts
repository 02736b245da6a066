import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { arnInRegion } from "./arn";

export interface SecretsKeyArgs {
    environment: string;
    /** The key's alias, unique per account and region (see `kmsAliasName`). */
    aliasName: string;
    region: string;
    replicaRegions: string[];
    tags: Record<string, string>;
}

export interface SecretsKey {
    /** ARN of the primary key, in the primary region. */
    arn: pulumi.Output<string>;
    /** Key to use for each replica region. */
    replicaKeyIds: Record<string, pulumi.Output<string>>;
}

/**
 * A customer-managed key with yearly automatic rotation, always multi-Region: a replica secret
 * must be encrypted by a key in its own region, and a replica key shares the primary's material,
 * so the replica stays readable if the primary region fails.
 */
export function createSecretsKey(name: string, args: SecretsKeyArgs, opts: pulumi.CustomResourceOptions, protect: pulumi.CustomResourceOptions): SecretsKey {
    const description = `platform-secrets: encrypts the ${args.environment} secrets`;
    const key = new aws.kms.Key(`${name}-key`, {
        description,
        region: args.region,
        enableKeyRotation: true,
        // Always, even without replicas: KMS cannot turn a single-Region key into a multi-Region one,
        // so adding a replica region later would replace the key (and re-encrypt every secret). A
        // multi-Region primary without replicas costs the same as a single-Region key.
        multiRegion: true,
        deletionWindowInDays: 30,
        tags: args.tags,
    }, { ...opts, ...protect });
    new aws.kms.Alias(`${name}-alias`, {
        name: args.aliasName,
        targetKeyId: key.keyId,
        region: args.region,
    }, opts);
    const replicaKeyIds: Record<string, pulumi.Output<string>> = {};
    for (const region of args.replicaRegions) {
        const replica = new aws.kms.ReplicaKey(`${name}-key-${region}`, {
            description,
            primaryKeyArn: key.arn,
            region,
            deletionWindowInDays: 30,
            tags: args.tags,
        }, { ...opts, ...protect });
        replicaKeyIds[region] = replica.arn;
    }
    return { arn: key.arn, replicaKeyIds };
}

/**
 * A key the user brought: used as given in the primary region and, in each replica region, as the
 * replica of a multi-Region key (its ARN with that region) or as the alias of the same name there.
 * Validation refuses a single-Region key with replicas: it cannot encrypt in another region.
 */
export function existingSecretsKey(kmsKeyId: string, replicaRegions: string[]): SecretsKey {
    return {
        arn: pulumi.output(kmsKeyId),
        replicaKeyIds: Object.fromEntries(replicaRegions.map((r) => [r, pulumi.output(arnInRegion(kmsKeyId, r))])),
    };
}
