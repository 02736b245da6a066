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
    }, args.valueOwnedByLambda ? { ...opts, ignoreChanges: ["secretString"] } : opts);
    return { secret, version };
}
