import { eachRuleCase, LAMBDA, LAMBDA_ROLE, withLambda } from "./fixtures";

/** The schema step (rules/schemaProblems.ts): each ajv error as a problem naming the field and the fix. */

describe("each rule names the field and says how to fix it", () => {
    eachRuleCase([
        ["unknown kind", (c) => { c.secrets.JWT_SECRET_KEY.kind = "jwtt"; },
            "secrets.JWT_SECRET_KEY.kind", `unknown kind "jwtt"; use one of: password, token, jwt, fernet, django, hex, basic-auth, external, aws-access-key, template`],
        ["unknown store", (c) => { c.secrets.JWT_SECRET_KEY.stores = ["gcp"]; },
            "secrets.JWT_SECRET_KEY.stores[0]", `unknown store "gcp"; use one of: vault, aws`],
        ["rotationDays not a whole number", (c) => { c.secrets.JWT_SECRET_KEY.rotationDays = 1.5; },
            "secrets.JWT_SECRET_KEY.rotationDays", "must be a whole number, got 1.5"],
        ["unknown field", (c) => { c.secrets.JWT_SECRET_KEY.lenght = 64; },
            "secrets.JWT_SECRET_KEY.lenght", "unknown field; remove it or use one of: kind, group, description, length, criticality, required, format, username, rotationDays, keepPrevious, environments, consumers, stores, avoidCharacters, owner, emergencyRotation, lastRotated, template, awsRotation, user, policyArns, policy, keys"],
        ["missing kind", (c) => { delete c.secrets.JWT_SECRET_KEY.kind; },
            "secrets.JWT_SECRET_KEY.kind", "is required; add it"],
    ]);
});

describe("each rotation rule names the field and says how to fix it", () => {
    eachRuleCase([
        ["warning window not a whole number", (c) => { c.rotationWarningDays = "14"; },
            "rotationWarningDays", `must be a whole number, got "14"`],
        ["empty emergency token", (c) => { c.secrets.JWT_SECRET_KEY.emergencyRotation = ""; },
            "secrets.JWT_SECRET_KEY.emergencyRotation", "must not be empty"],
        ["awsRotation without the Lambda", (c) => { withLambda(c, { lambdaRoleArn: LAMBDA_ROLE, automaticallyAfterDays: 30 }); },
            "secrets.DATABASE_PASSWORD.awsRotation.lambdaArn", "is required; add it"],
        ["awsRotation without the Lambda's role", (c) => { withLambda(c, { lambdaArn: LAMBDA, automaticallyAfterDays: 30 }); },
            "secrets.DATABASE_PASSWORD.awsRotation.lambdaRoleArn", "is required; add it"],
        ["awsRotation with something else than a Lambda ARN", (c) => { withLambda(c, { lambdaArn: "fake-rotation", lambdaRoleArn: LAMBDA_ROLE, automaticallyAfterDays: 30 }); },
            "secrets.DATABASE_PASSWORD.awsRotation.lambdaArn",
            `"fake-rotation" is not valid here; it must match ^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$`],
        ["awsRotation with an unknown field", (c) => { withLambda(c, { lambdaArn: LAMBDA, lambdaRoleArn: LAMBDA_ROLE, automaticallyAfterDays: 30, days: 3 }); },
            "secrets.DATABASE_PASSWORD.awsRotation.days",
            "unknown field; remove it or use one of: lambdaArn, lambdaRoleArn, scheduleExpression, automaticallyAfterDays, duration, rotateImmediately"],
        ["awsRotation with a malformed schedule", (c) => { withLambda(c, { lambdaArn: LAMBDA, lambdaRoleArn: LAMBDA_ROLE, scheduleExpression: "30 days" }); },
            "secrets.DATABASE_PASSWORD.awsRotation.scheduleExpression", `"30 days" is not valid here; it must match ^(rate|cron)\\(.+\\)$`],
    ]);
});
