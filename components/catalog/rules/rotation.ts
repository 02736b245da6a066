import { principalArnProblem } from "./stores";
import { KINDS, SecretKind } from "../kinds";
import { SecretConfig } from "../model";
import { Problem } from "../problems";
import { parseDay } from "../../rotation/schedule";
import type { SecretContext } from "./secret";

/** Rules of a secret's rotation: period, last rotation, AWS-native rotation. */

/** What Secrets Manager accepts for `automaticallyAfterDays`. */
export const AWS_ROTATION_MAX_DAYS = 1000;

export function rotationProblems(name: string, secret: SecretConfig, kind: SecretKind | undefined, ctx: SecretContext): Problem[] {
    const problems: Problem[] = [];
    const at = (field: string) => `secrets.${name}.${field}`;
    const generated = kind !== undefined && KINDS[kind].generated;
    const awsRotation = secret.awsRotation && typeof secret.awsRotation === "object" ? secret.awsRotation : undefined;
    if (typeof secret.lastRotated === "string") {
        if (kind && kind !== "external") {
            problems.push({ propertyPath: at("lastRotated"), reason: `lastRotated applies only to kind "external" (a "${kind}" secret is rotated on schedule); remove it` });
        } else if (parseDay(secret.lastRotated) === undefined) {
            problems.push({ propertyPath: at("lastRotated"), reason: `${JSON.stringify(secret.lastRotated)} is not a calendar date; write the day you last rotated the value as YYYY-MM-DD` });
        } else if (ctx.now && secret.lastRotated > ctx.now.toISOString().slice(0, 10)) {
            // A future date would silently push the due date out by the gap.
            problems.push({ propertyPath: at("lastRotated"), reason: `"${secret.lastRotated}" is in the future (today is ${ctx.now.toISOString().slice(0, 10)} UTC); write the day you last rotated the value` });
        }
    }
    if (typeof secret.emergencyRotation === "string" && kind === "external") {
        problems.push({ propertyPath: at("emergencyRotation"), reason: `emergencyRotation applies only to generated kinds; rotate an external secret by setting a new value with: pulumi config set --secret --stack ${ctx.stack} ${ctx.namespace}:${name}` });
    } else if (typeof secret.emergencyRotation === "string" && awsRotation) {
        problems.push({ propertyPath: at("emergencyRotation"), reason: `the rotation Lambda owns this value, so Pulumi cannot replace it; remove emergencyRotation and run: aws secretsmanager rotate-secret --secret-id <the secret's name>` });
    }
    if (secret.keepPrevious === true && kind === "external") {
        problems.push({ propertyPath: at("keepPrevious"), reason: `keepPrevious applies only to generated kinds (an external secret holds the one value a person set); remove it` });
    }
    if (!awsRotation) {
        return problems;
    }
    if (kind && !generated) {
        problems.push({ propertyPath: at("awsRotation"), reason: `awsRotation applies only to generated kinds (Pulumi makes the initial value); remove it` });
    }
    if (!ctx.enabledStores.includes("aws")) {
        problems.push({ propertyPath: at("awsRotation"), reason: `needs AWS Secrets Manager, which is not enabled in this stack; enable ${ctx.namespace}:stores.aws or remove awsRotation` });
    } else if (ctx.awsBundled) {
        problems.push({ propertyPath: at("awsRotation"), reason: `a rotation Lambda rotates a whole AWS secret, not one key of a group bundle; set stores.aws.bundle to none or remove awsRotation` });
    } else if (!Array.isArray(secret.stores) || secret.stores.length !== 1 || secret.stores[0] !== "aws") {
        problems.push({ propertyPath: at("awsRotation"), reason: `the rotation Lambda updates only AWS Secrets Manager, so a copy in another store would go stale; add stores: [aws] to this secret` });
    }
    if (typeof awsRotation.lambdaRoleArn === "string") {
        const problem = principalArnProblem(awsRotation.lambdaRoleArn, at("awsRotation.lambdaRoleArn"));
        if (problem) problems.push(problem);
    }
    const schedules = [awsRotation.scheduleExpression, awsRotation.automaticallyAfterDays].filter((v) => v !== undefined).length;
    if (schedules !== 1) {
        problems.push({ propertyPath: at("awsRotation"), reason: `needs exactly one of scheduleExpression (e.g. "rate(30 days)") or automaticallyAfterDays` });
    }
    const days = awsRotation.automaticallyAfterDays;
    if (typeof days === "number" && (days < 1 || days > AWS_ROTATION_MAX_DAYS)) {
        problems.push({ propertyPath: at("awsRotation.automaticallyAfterDays"), reason: `${days} is outside what Secrets Manager accepts; use 1 to ${AWS_ROTATION_MAX_DAYS} days` });
    }
    if (secret.keepPrevious === true) {
        problems.push({ propertyPath: at("keepPrevious"), reason: `cannot be combined with awsRotation: Secrets Manager keeps the previous value itself (staging label AWSPREVIOUS); remove keepPrevious` });
    }
    return problems;
}
