import { CatalogConfig } from "../../../components/catalog/model";
import { validateCatalog } from "../../../components/catalog/validate";
import { context, validCatalog } from "../fixtures";
import { eachRuleCase, LAMBDA, LAMBDA_ROLE, problemsAfter, withLambda } from "./fixtures";

/** Rules of a secret's rotation (rules/rotation.ts): period, last rotation, AWS-native rotation. */

test("valid rotation fields are accepted", () => {
    expect(problemsAfter((c) => {
        c.rotationWarningDays = 30;
        c.secrets.JWT_SECRET_KEY.emergencyRotation = "2027-02-14-incident-42";
        c.secrets.STRIPE_API_KEY.lastRotated = "2026-12-01";
        withLambda(c);
        c.secrets.METRICS_AUTH.stores = ["aws"];
        c.secrets.METRICS_AUTH.awsRotation = { lambdaArn: LAMBDA, lambdaRoleArn: LAMBDA_ROLE, scheduleExpression: "rate(30 days)", duration: "3h", rotateImmediately: false };
    })).toEqual([]);
});

describe("each rotation rule names the field and says how to fix it", () => {
    eachRuleCase([
        ["emergency token on an external secret", (c) => { c.secrets.STRIPE_API_KEY.emergencyRotation = "incident-42"; },
            "secrets.STRIPE_API_KEY.emergencyRotation",
            "emergencyRotation applies only to generated kinds; rotate an external secret by setting a new value with: pulumi config set --secret --stack prod platform-secrets:STRIPE_API_KEY"],
        ["emergency token on a Lambda-rotated secret", (c) => { withLambda(c); c.secrets.DATABASE_PASSWORD.emergencyRotation = "incident-42"; },
            "secrets.DATABASE_PASSWORD.emergencyRotation",
            "the rotation Lambda owns this value, so Pulumi cannot replace it; remove emergencyRotation and run: aws secretsmanager rotate-secret --secret-id <the secret's name>"],
        ["lastRotated on a generated secret", (c) => { c.secrets.JWT_SECRET_KEY.lastRotated = "2026-12-01"; },
            "secrets.JWT_SECRET_KEY.lastRotated", `lastRotated applies only to kind "external" (a "jwt" secret is rotated on schedule); remove it`],
        ["lastRotated not a calendar date", (c) => { c.secrets.STRIPE_API_KEY.lastRotated = "2027-02-30"; },
            "secrets.STRIPE_API_KEY.lastRotated", `"2027-02-30" is not a calendar date; write the day you last rotated the value as YYYY-MM-DD`],
        ["lastRotated in another format", (c) => { c.secrets.STRIPE_API_KEY.lastRotated = "01/12/2026"; },
            "secrets.STRIPE_API_KEY.lastRotated", `"01/12/2026" is not a calendar date; write the day you last rotated the value as YYYY-MM-DD`],
        ["keepPrevious on an external secret", (c) => { c.secrets.STRIPE_API_KEY.keepPrevious = true; },
            "secrets.STRIPE_API_KEY.keepPrevious", "keepPrevious applies only to generated kinds (an external secret holds the one value a person set); remove it"],
        ["awsRotation with the Lambda's STS session instead of its role", (c) => { withLambda(c, { lambdaArn: LAMBDA, lambdaRoleArn: "arn:aws:sts::123456789012:assumed-role/fake-postgres-rotation/fake-postgres-rotation", automaticallyAfterDays: 30 }); },
            "secrets.DATABASE_PASSWORD.awsRotation.lambdaRoleArn",
            `"arn:aws:sts::123456789012:assumed-role/fake-postgres-rotation/fake-postgres-rotation" is an STS session ARN, which never matches: AWS compares the IAM role's ARN (aws:PrincipalArn), so the principal would be locked out; use the role ARN with its path, e.g. arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*`],
        ["awsRotation with the Lambda's ARN as its role", (c) => { withLambda(c, { lambdaArn: LAMBDA, lambdaRoleArn: LAMBDA, automaticallyAfterDays: 30 }); },
            "secrets.DATABASE_PASSWORD.awsRotation.lambdaRoleArn",
            `"${LAMBDA}" is not an IAM role or user ARN; use arn:aws:iam::<12-digit account>:role/<path/name> or arn:aws:iam::<account>:user/<name> (* and ? wildcards allowed)`],
        ["awsRotation without a schedule", (c) => { withLambda(c, { lambdaArn: LAMBDA, lambdaRoleArn: LAMBDA_ROLE }); },
            "secrets.DATABASE_PASSWORD.awsRotation", `needs exactly one of scheduleExpression (e.g. "rate(30 days)") or automaticallyAfterDays`],
        ["awsRotation with two schedules", (c) => { withLambda(c, { lambdaArn: LAMBDA, lambdaRoleArn: LAMBDA_ROLE, automaticallyAfterDays: 30, scheduleExpression: "rate(30 days)" }); },
            "secrets.DATABASE_PASSWORD.awsRotation", `needs exactly one of scheduleExpression (e.g. "rate(30 days)") or automaticallyAfterDays`],
        ["awsRotation period beyond what AWS accepts", (c) => { withLambda(c, { lambdaArn: LAMBDA, lambdaRoleArn: LAMBDA_ROLE, automaticallyAfterDays: 1001 }); },
            "secrets.DATABASE_PASSWORD.awsRotation.automaticallyAfterDays", "1001 is outside what Secrets Manager accepts; use 1 to 1000 days"],
        ["awsRotation on an external secret", (c) => { c.secrets.STRIPE_API_KEY.stores = ["aws"]; c.secrets.STRIPE_API_KEY.awsRotation = { lambdaArn: LAMBDA, lambdaRoleArn: LAMBDA_ROLE, automaticallyAfterDays: 30 }; },
            "secrets.STRIPE_API_KEY.awsRotation", "awsRotation applies only to generated kinds (Pulumi makes the initial value); remove it"],
        ["awsRotation also stored in Vault", (c) => { withLambda(c); delete c.secrets.DATABASE_PASSWORD.stores; },
            "secrets.DATABASE_PASSWORD.awsRotation",
            "the rotation Lambda updates only AWS Secrets Manager, so a copy in another store would go stale; add stores: [aws] to this secret"],
        ["awsRotation in a bundle", (c) => { withLambda(c); c.stores.aws.bundle = "group"; },
            "secrets.DATABASE_PASSWORD.awsRotation",
            "a rotation Lambda rotates a whole AWS secret, not one key of a group bundle; set stores.aws.bundle to none or remove awsRotation"],
        ["awsRotation without AWS", (c) => { c.secrets.DATABASE_PASSWORD.awsRotation = { lambdaArn: LAMBDA, lambdaRoleArn: LAMBDA_ROLE, automaticallyAfterDays: 30 }; delete c.stores.aws; },
            "secrets.DATABASE_PASSWORD.awsRotation",
            "needs AWS Secrets Manager, which is not enabled in this stack; enable platform-secrets:stores.aws or remove awsRotation"],
        ["awsRotation with keepPrevious", (c) => { withLambda(c); c.secrets.DATABASE_PASSWORD.keepPrevious = true; },
            "secrets.DATABASE_PASSWORD.keepPrevious",
            "cannot be combined with awsRotation: Secrets Manager keeps the previous value itself (staging label AWSPREVIOUS); remove keepPrevious"],
    ]);
});

test("lastRotated may not lie in the future: it would push the due date out", () => {
    const config = validCatalog() as any;
    config.secrets.STRIPE_API_KEY.lastRotated = "2026-12-01";
    const at = (day: string) => validateCatalog(config as CatalogConfig, { ...context(), now: new Date(`${day}T12:00:00Z`) });
    expect(at("2026-12-01")).toEqual([]);
    expect(at("2026-11-30")).toEqual([{
        propertyPath: "secrets.STRIPE_API_KEY.lastRotated",
        reason: `"2026-12-01" is in the future (today is 2026-11-30 UTC); write the day you last rotated the value`,
    }]);
});
