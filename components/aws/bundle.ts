import * as pulumi from "@pulumi/pulumi";
import { Protection } from "../catalog/model";
import { protectionOptions, secretTags } from "../protection";
import { SecretsKey } from "./kms";
import { createAwsSecret } from "./secret";

import { SECRET_BUNDLE_TYPE } from "../typeTokens";

export { SECRET_BUNDLE_TYPE };

export interface SecretBundleArgs {
    environment: string;
    /** `<environment>/<group>`. */
    secretName: string;
    region: string;
    key: SecretsKey;
    recoveryWindowDays: number;
    /** Highest criticality among the members: the bundle is as sensitive as its most sensitive key. */
    criticality: string;
    owner: string;
    /** Member secrets by name. Each must be a Pulumi secret. */
    values: Record<string, pulumi.Input<string>>;
    /** @default "none" */
    protection?: Protection;
    /** `rotation-days` and `keep-previous` for the whole bundle. @default none */
    rotationTags?: Record<string, string>;
}

/**
 * One AWS secret for a whole group, a JSON object with one key per member. AWS bills per secret,
 * so this cuts cost for large catalogs. Trade-off: IAM grants whole secrets, so any reader of
 * one member can read every member of the group.
 */
export class SecretBundle extends pulumi.ComponentResource {
    readonly arn: pulumi.Output<string>;

    constructor(name: string, args: SecretBundleArgs, opts?: pulumi.ComponentResourceOptions) {
        super(SECRET_BUNDLE_TYPE, name, {}, opts);
        const members = Object.keys(args.values);
        const { secret } = createAwsSecret(`${name}-aws`, {
            secretName: args.secretName,
            description: `platform-secrets bundle: ${members.join(", ")}`,
            region: args.region,
            key: args.key,
            recoveryWindowDays: args.recoveryWindowDays,
            tags: { ...secretTags(args.environment, args.criticality, args.owner), ...args.rotationTags },
            data: pulumi.secret(pulumi.all(args.values).apply((v) => JSON.stringify(v))),
        }, { parent: this }, protectionOptions(args.protection ?? "none"));
        this.arn = secret.arn;
        this.registerOutputs({ secretName: args.secretName, region: args.region, members, arn: secret.arn });
    }
}
