import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { SecretsKey } from "./kms";

export interface AwsSecretArgs {
    /** The secret's name: `<environment>/<group>/<name>`, or `<environment>/<group>` for a bundle. */
    secretName: string;
    description: string;
    region: string;
    key: SecretsKey;
    recoveryWindowDays: number;
    tags: Record<string, string>;
    /** The secret's JSON object, one key per value. A secret. */
    data: pulumi.Output<string>;
    /**
     * A rotation Lambda owns the value after the first write: the version keeps the initial value
     * and ignores `secretString` changes, so `pulumi up` never reverts a rotation. @default false
     */
    valueOwnedByLambda?: boolean;
}

/**
 * Staging label kept on the initial version of a Lambda-rotated secret. A version without labels
 * is deprecated and AWS deletes it in time; the provider would then find it gone on a refresh and
 * Pulumi would write the initial value again, undoing the Lambda's rotations. A label keeps it.
 * The old value stays readable by this label, but the Lambda has already made it invalid.
 */
export const INITIAL_VERSION_STAGE = "platform-secrets-initial";

/**
 * One Secrets Manager secret and its current version. The name is set, not auto-named:
 * applications and policies find secrets by `<environment>/<group>/<name>`.
 */
export function createAwsSecret(name: string, args: AwsSecretArgs, opts: pulumi.CustomResourceOptions, protect: pulumi.CustomResourceOptions) {
    const secret = new aws.secretsmanager.Secret(name, {
        name: args.secretName,
        description: args.description,
        region: args.region,
        kmsKeyId: args.key.arn,
        recoveryWindowInDays: args.recoveryWindowDays,
        replicas: Object.entries(args.key.replicaKeyIds).map(([region, kmsKeyId]) => ({ region, kmsKeyId })),
        tags: args.tags,
    }, { ...opts, ...protect });
    const version = new aws.secretsmanager.SecretVersion(`${name}-version`, {
        secretId: secret.id,
        region: args.region,
        secretString: args.data,
        // The provider requires AWSCURRENT whenever stages are given.
        ...(args.valueOwnedByLambda ? { versionStages: ["AWSCURRENT", INITIAL_VERSION_STAGE] } : {}),
    }, args.valueOwnedByLambda
        // The Lambda writes new versions and moves AWSCURRENT away: neither is drift to undo.
        ? { ...opts, ignoreChanges: ["secretString", "versionStages"] }
        : opts);
    return { secret, version };
}
