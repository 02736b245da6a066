import { eachRuleCase, problemsAfter } from "./fixtures";
import { resolveCatalog } from "../../../components/catalog/validate";
import { validCatalog } from "../fixtures";
import { parsePolicyDocument } from "../../../components/catalog/rules/accessKey";

/** Rules of `kind: aws-access-key` (rules/accessKey.ts): the IAM user, its permissions, the two variables. */

const FAKE_POLICY_ARN = "arn:aws:iam::123456789012:policy/fake-artifacts-upload";

/** A valid access key, DEPLOY_KEY, added to the compliant catalog. */
function withAccessKey(c: any, fields: Record<string, unknown> = {}): void {
    c.secrets.DEPLOY_KEY = {
        kind: "aws-access-key",
        user: "deploy-bot",
        policyArns: [FAKE_POLICY_ARN],
        keys: { id: "AWS_ACCESS_KEY_ID", secret: "AWS_SECRET_ACCESS_KEY" },
        ...fields,
    };
}

const inline = (statement: Record<string, unknown>) => ({ Version: "2012-10-17", Statement: [statement] });

test("the compliant catalog with an access key (ARNs, an inline document as a mapping or as JSON text) has no problem", () => {
    expect(problemsAfter((c) => withAccessKey(c))).toEqual([]);
    const document = inline({ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::fake-bucket/*" });
    expect(problemsAfter((c) => withAccessKey(c, { policyArns: undefined, policy: document }))).toEqual([]);
    expect(problemsAfter((c) => withAccessKey(c, { policy: JSON.stringify(document) }))).toEqual([]);
});

describe("each rule names the field and says how to fix it", () => {
    eachRuleCase([
        ["no user", (c) => withAccessKey(c, { user: undefined }),
            "secrets.DEPLOY_KEY.user", `kind "aws-access-key" needs the IAM user it makes keys for; add user: <name> (created as <environment>-<name>)`],
        ["a user name IAM refuses", (c) => withAccessKey(c, { user: "deploy bot" }),
            "secrets.DEPLOY_KEY.user", `"deploy bot" is not an IAM user name; use letters, digits and +=,.@_- only`],
        ["a user name too long with its environment", (c) => withAccessKey(c, { user: "d".repeat(60) }),
            "secrets.DEPLOY_KEY.user", `the IAM user would be "prod-${"d".repeat(60)}", 65 characters; IAM allows 64, so shorten user to at most 59`],
        ["no permissions", (c) => withAccessKey(c, { policyArns: undefined }),
            "secrets.DEPLOY_KEY", `an access key without permissions can do nothing; add policyArns: [<policy ARN>] or an inline policy`],
        ["not a policy ARN", (c) => withAccessKey(c, { policyArns: ["arn:aws:iam::123456789012:role/fake-role"] }),
            "secrets.DEPLOY_KEY.policyArns[0]", `"arn:aws:iam::123456789012:role/fake-role" is not an IAM policy ARN; write arn:aws:iam::aws:policy/<name> or arn:aws:iam::<account>:policy/<path/name>`],
        ["a policy ARN listed twice", (c) => withAccessKey(c, { policyArns: [FAKE_POLICY_ARN, FAKE_POLICY_ARN] }),
            "secrets.DEPLOY_KEY.policyArns[1]", `"${FAKE_POLICY_ARN}" is listed twice; remove one`],
        ["an inline policy that is not JSON", (c) => withAccessKey(c, { policy: "{ Version: 2012-10-17" }),
            "secrets.DEPLOY_KEY.policy", `the inline policy is not valid JSON (${jsonError("{ Version: 2012-10-17")}); write an IAM policy document`],
        ["an inline policy without Version", (c) => withAccessKey(c, { policy: { Statement: [] } }),
            "secrets.DEPLOY_KEY.policy", `the inline policy needs Version: "2012-10-17" (got null); write an IAM policy document`],
        ["an inline policy without statements", (c) => withAccessKey(c, { policy: { Version: "2012-10-17", Statement: [] } }),
            "secrets.DEPLOY_KEY.policy", `the inline policy has no Statement; write an IAM policy document`],
        ["a statement without Effect", (c) => withAccessKey(c, { policy: inline({ Action: "s3:GetObject", Resource: "*" }) }),
            "secrets.DEPLOY_KEY.policy", `the inline policy Statement[0] needs Effect: Allow or Deny; write an IAM policy document`],
        ["a statement with Principal", (c) => withAccessKey(c, { policy: inline({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }) }),
            "secrets.DEPLOY_KEY.policy", `the inline policy Statement[0] has a Principal (a policy attached to a user names none); write an IAM policy document`],
        ["no keys", (c) => withAccessKey(c, { keys: undefined }),
            "secrets.DEPLOY_KEY.keys", `kind "aws-access-key" delivers two variables; add keys: { id: AWS_ACCESS_KEY_ID, secret: AWS_SECRET_ACCESS_KEY }`],
        ["an inline policy neither a mapping nor a string (the schema)", (c) => withAccessKey(c, { policy: 42 }),
            "secrets.DEPLOY_KEY.policy", `must be a mapping or a string, got 42`],
        ["keys without secret (the schema)", (c) => withAccessKey(c, { keys: { id: "AWS_ACCESS_KEY_ID" } }),
            "secrets.DEPLOY_KEY.keys.secret", `is required; add it`],
        ["a key variable not env-var style", (c) => withAccessKey(c, { keys: { id: "aws-access-key-id", secret: "AWS_SECRET_ACCESS_KEY" } }),
            "secrets.DEPLOY_KEY.keys.id", `"aws-access-key-id" is not a valid variable name; use env-var style, upper-case letters, digits and "_" starting with a letter (e.g. AWS_ACCESS_KEY_ID)`],
        ["one variable for both halves", (c) => withAccessKey(c, { keys: { id: "AWS_KEY", secret: "AWS_KEY" } }),
            "secrets.DEPLOY_KEY.keys.secret", `the key id and the secret access key need two different variables; rename keys.secret`],
        ["a key variable that is another secret's name", (c) => withAccessKey(c, { keys: { id: "DATABASE_PASSWORD", secret: "AWS_SECRET_ACCESS_KEY" } }),
            "secrets.DEPLOY_KEY.keys.id", `DATABASE_PASSWORD is also delivered by DATABASE_PASSWORD; every consumer's Secret holds each variable once, so rename keys.id`],
        ["a key variable that is another secret's previous value", (c) => withAccessKey(c, { keys: { id: "AWS_ACCESS_KEY_ID", secret: "JWT_SECRET_KEY_PREVIOUS" } }),
            "secrets.DEPLOY_KEY.keys.secret", `JWT_SECRET_KEY_PREVIOUS is also delivered by JWT_SECRET_KEY; every consumer's Secret holds each variable once, so rename keys.secret`],
        ["two access keys delivering one variable", (c) => {
            withAccessKey(c);
            c.secrets.OTHER_KEY = { ...c.secrets.DEPLOY_KEY, user: "other-bot", keys: { id: "OTHER_ACCESS_KEY_ID", secret: "AWS_SECRET_ACCESS_KEY" } };
        }, "secrets.OTHER_KEY.keys.secret", `AWS_SECRET_ACCESS_KEY is also delivered by DEPLOY_KEY; every consumer's Secret holds each variable once, so rename keys.secret`],
        ["keepPrevious: false", (c) => withAccessKey(c, { keepPrevious: false }),
            "secrets.DEPLOY_KEY.keepPrevious", `an access key always rotates in two slots (the previous key stays valid until the next rotation); remove keepPrevious`],
        ["length", (c) => withAccessKey(c, { length: 40 }),
            "secrets.DEPLOY_KEY.length", `length does not apply to kind "aws-access-key" (AWS makes the key); remove it`],
        ["an access-key field on another kind", (c) => { c.secrets.DATABASE_PASSWORD.user = "deploy-bot"; },
            "secrets.DATABASE_PASSWORD.user", `user applies only to kind "aws-access-key" (this is "password"); remove it`],
        ["awsRotation on an access key", (c) => withAccessKey(c, { stores: ["aws"], awsRotation: { lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:fake-rotation", lambdaRoleArn: "arn:aws:iam::123456789012:role/fake-rotation", automaticallyAfterDays: 30 } }),
            "secrets.DEPLOY_KEY.awsRotation", `awsRotation applies only to generated kinds (Pulumi makes the initial value); remove it`],
    ]);
});

function jsonError(text: string): string {
    try {
        JSON.parse(text);
        return "";
    } catch (e) {
        return (e as Error).message;
    }
}

test("every problem at once", () => {
    const problems = problemsAfter((c) => withAccessKey(c, { user: undefined, policyArns: undefined, keys: undefined }));
    expect(problems.map((p) => p.propertyPath)).toEqual(["secrets.DEPLOY_KEY.user", "secrets.DEPLOY_KEY", "secrets.DEPLOY_KEY.keys"]);
});

test("NAME_PREVIOUS beside an access key named NAME is no collision: the access key delivers only its keys", () => {
    expect(problemsAfter((c) => {
        withAccessKey(c);
        c.secrets.DEPLOY_KEY_PREVIOUS = { kind: "token" };
    })).toEqual([]);
});

test("a key variable of a secret absent from this environment does not collide", () => {
    expect(problemsAfter((c) => {
        withAccessKey(c, { keys: { id: "DATABASE_PASSWORD", secret: "AWS_SECRET_ACCESS_KEY" } });
        c.secrets.DATABASE_PASSWORD.environments = ["dev"];
    })).toEqual([]);
});

test("resolved: user <environment>-<user>, 90 days whatever the criticality, two slots, the inline policy as compact JSON", () => {
    const config = validCatalog();
    withAccessKey(config, { criticality: "low", policy: JSON.stringify(inline({ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::fake-bucket/*" }), null, 2) });
    const secret = resolveCatalog(config).secrets.find((s) => s.name === "DEPLOY_KEY");
    expect(secret).toMatchObject({ kind: "aws-access-key", group: "aws-access-keys", rotationDays: 90, keepPrevious: true, path: "prod/aws-access-keys/deploy-key" });
    expect(secret?.accessKey).toEqual({
        userName: "prod-deploy-bot",
        policyArns: [FAKE_POLICY_ARN],
        policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:PutObject","Resource":"arn:aws:s3:::fake-bucket/*"}]}`,
        keys: { id: "AWS_ACCESS_KEY_ID", secret: "AWS_SECRET_ACCESS_KEY" },
    });
});

test("parsePolicyDocument takes a single Statement object as IAM does", () => {
    expect(parsePolicyDocument({ Version: "2012-10-17", Statement: { Effect: "Deny", NotAction: "iam:*", Resource: "*" } })).toHaveProperty("document");
    expect(parsePolicyDocument("[]")).toEqual({ error: "is not an IAM policy document (a mapping with Version and Statement)" });
});
