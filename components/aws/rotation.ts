import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AwsRotationConfig } from "../catalog/model";

/**
 * Secrets Manager rotation of one secret by the given Lambda. Created after the initial
 * version (`dependsOn`), so the Lambda's first run finds a value to rotate from.
 */
export function createSecretRotation(
    name: string,
    args: { secretId: pulumi.Input<string>; region: string; rotation: AwsRotationConfig },
    opts: pulumi.CustomResourceOptions,
): aws.secretsmanager.SecretRotation {
    const { rotation } = args;
    return new aws.secretsmanager.SecretRotation(name, {
        secretId: args.secretId,
        region: args.region,
        rotationLambdaArn: rotation.lambdaArn,
        rotationRules: {
            ...(rotation.automaticallyAfterDays !== undefined ? { automaticallyAfterDays: rotation.automaticallyAfterDays } : {}),
            ...(rotation.scheduleExpression !== undefined ? { scheduleExpression: rotation.scheduleExpression } : {}),
            ...(rotation.duration !== undefined ? { duration: rotation.duration } : {}),
        },
        ...(rotation.rotateImmediately !== undefined ? { rotateImmediately: rotation.rotateImmediately } : {}),
    }, opts);
}
