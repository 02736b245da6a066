import { awsIamSecretAccess } from "../../policies/rules/aws-iam-secret-access";
import { awsKmsKeyRotation } from "../../policies/rules/aws-kms-key-rotation";
import { awsResourcePolicyPublic } from "../../policies/rules/aws-resource-policy-public";
import { awsSecretCustomerManagedKey } from "../../policies/rules/aws-secret-customer-managed-key";
import { awsSecretRecoveryWindow } from "../../policies/rules/aws-secret-recovery-window";
import { awsSecretReplication } from "../../policies/rules/aws-secret-replication";
import { awsSsmSecureStringCmk } from "../../policies/rules/aws-ssm-secure-string-cmk";
import { Res, WIRE_UNKNOWN, violations } from "./harness";

const SECRET = "aws:secretsmanager/secret:Secret";
const KEY_ARN = "arn:aws:kms:us-east-1:111111111111:key/mrk-00000000000000000000000000000000";
const REPLICA_KEY = "arn:aws:kms:us-west-2:111111111111:key/mrk-00000000000000000000000000000000";

const secret = (props: Record<string, unknown> = {}): Res => ({
    type: SECRET,
    props: {
        name: "prod/auth/jwt-secret-key", region: "us-east-1", kmsKeyId: KEY_ARN, recoveryWindowInDays: 30,
        replicas: [{ region: "us-west-2", kmsKeyId: REPLICA_KEY }],
        tags: { environment: "prod", criticality: "critical" },
        ...props,
    },
});

describe("aws-secret-customer-managed-key", () => {
    const run = (r: Res) => violations(awsSecretCustomerManagedKey, r);
    test("baseline: primary and replica on customer-managed keys", () => {
        expect(run(secret())).toEqual([]);
        expect(run(secret({ kmsKeyId: "alias/platform-secrets/prod", replicas: [] }))).toEqual([]);
    });
    test("no key is the AWS-managed key", () => {
        expect(run(secret({ kmsKeyId: undefined }))).toEqual(["encrypted with the AWS-managed key aws/secretsmanager (kmsKeyId not set); use a customer-managed KMS key"]);
        expect(run(secret({ kmsKeyId: "" }))).toHaveLength(1);
    });
    test("the aws/secretsmanager alias, by name or ARN", () => {
        expect(run(secret({ kmsKeyId: "alias/aws/secretsmanager" }))).toEqual(["encrypted with the AWS-managed key aws/secretsmanager (kmsKeyId alias/aws/secretsmanager); use a customer-managed KMS key"]);
        expect(run(secret({ kmsKeyId: "arn:aws:kms:us-east-1:111111111111:alias/aws/secretsmanager" }))).toHaveLength(1);
    });
    test("a replica without its own key", () => {
        expect(run(secret({ replicas: [{ region: "us-west-2" }] }))).toEqual(["replica in us-west-2 encrypted with the AWS-managed key aws/secretsmanager (kmsKeyId not set); use a customer-managed KMS key of that region"]);
        expect(run(secret({ replicas: [{ kmsKeyId: "alias/aws/secretsmanager" }] }))).toEqual(["replica in ? encrypted with the AWS-managed key aws/secretsmanager (kmsKeyId alias/aws/secretsmanager); use a customer-managed KMS key of that region"]);
    });
    test("unknown keys (created in the same preview): no violation", () => {
        expect(run(secret({ kmsKeyId: WIRE_UNKNOWN, replicas: [{ region: "us-west-2", kmsKeyId: WIRE_UNKNOWN }] }))).toEqual([]);
        expect(run(secret({ replicas: WIRE_UNKNOWN }))).toEqual([]);
        expect(run({ type: "aws:ssm/parameter:Parameter", props: {} })).toEqual([]);
    });
});

describe("aws-kms-key-rotation", () => {
    const key = (props: Record<string, unknown>): Res => ({ type: "aws:kms/key:Key", props: { enableKeyRotation: true, ...props } });
    const run = (r: Res, config = {}) => violations(awsKmsKeyRotation, r, config);
    test("baseline: rotation on", () => {
        expect(run(key({}))).toEqual([]);
        expect(run(key({ rotationPeriodInDays: 365, keySpec: "SYMMETRIC_DEFAULT", keyUsage: "ENCRYPT_DECRYPT" }))).toEqual([]);
    });
    test("rotation off or unset", () => {
        expect(run(key({ enableKeyRotation: false }))).toEqual(["automatic key rotation is off (enableKeyRotation is not true)"]);
        expect(run(key({ enableKeyRotation: undefined }))).toEqual(["automatic key rotation is off (enableKeyRotation is not true)"]);
    });
    test("a period above the maximum", () => {
        expect(run(key({ rotationPeriodInDays: 730 }))).toEqual(["rotation period of 730 days exceeds the 365-day maximum"]);
        expect(run(key({ rotationPeriodInDays: 730 }), { maxRotationPeriodDays: 730 })).toEqual([]);
    });
    test("keys AWS cannot rotate are not judged", () => {
        expect(run(key({ enableKeyRotation: false, customerMasterKeySpec: "RSA_2048" }))).toEqual([]);
        expect(run(key({ enableKeyRotation: false, keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" }))).toEqual([]);
        expect(run(key({ enableKeyRotation: false, keyUsage: "SIGN_VERIFY" }))).toEqual([]);
    });
    test("the symmetric spec and usage spelled out are rotatable; customerMasterKeySpec wins over keySpec", () => {
        const OFF = ["automatic key rotation is off (enableKeyRotation is not true)"];
        expect(run(key({ enableKeyRotation: false, keySpec: "SYMMETRIC_DEFAULT" }))).toEqual(OFF);
        expect(run(key({ enableKeyRotation: false, keyUsage: "ENCRYPT_DECRYPT" }))).toEqual(OFF);
        expect(run(key({ enableKeyRotation: false, customerMasterKeySpec: "SYMMETRIC_DEFAULT", keySpec: "RSA_2048" }))).toEqual(OFF);
    });
    test("one message: rotation off is reported without the period", () => {
        expect(run(key({ enableKeyRotation: false, rotationPeriodInDays: 730 }))).toEqual(["automatic key rotation is off (enableKeyRotation is not true)"]);
        expect(run(key({ rotationPeriodInDays: "730" }))).toEqual(["rotation period of 730 days exceeds the 365-day maximum"]);
        expect(run(key({ rotationPeriodInDays: 366 }))).toEqual(["rotation period of 366 days exceeds the 365-day maximum"]);
    });
    test("other resources are not judged", () => {
        expect(run({ type: "aws:secretsmanager/secret:Secret", props: { enableKeyRotation: false } })).toEqual([]);
    });
    test("unknown values: no violation", () => {
        expect(run(key({ enableKeyRotation: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(key({ enableKeyRotation: false, keySpec: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(key({ enableKeyRotation: false, keyUsage: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(key({ rotationPeriodInDays: WIRE_UNKNOWN }))).toEqual([]);
    });
});

describe("aws-secret-recovery-window", () => {
    const run = (r: Res, config = {}) => violations(awsSecretRecoveryWindow, r, config);
    test("baseline: 7 days or more, or AWS's default", () => {
        expect(run(secret({ recoveryWindowInDays: 7 }))).toEqual([]);
        expect(run(secret({ recoveryWindowInDays: undefined }))).toEqual([]);
    });
    test("force deletion in production", () => {
        expect(run(secret({ recoveryWindowInDays: 0 }))).toEqual(["recovery window of 0 days is below the 7-day minimum in production: a deleted secret could not be restored"]);
        expect(run(secret({ recoveryWindowInDays: 6 }))).toHaveLength(1);
        expect(run(secret({ recoveryWindowInDays: 10 }), { minDays: 14 })).toEqual(["recovery window of 10 days is below the 14-day minimum in production: a deleted secret could not be restored"]);
    });
    test("production comes from the config, else the environment tag", () => {
        expect(run(secret({ recoveryWindowInDays: 0, tags: { environment: "dev" } }))).toEqual([]);
        expect(run(secret({ recoveryWindowInDays: 0, tags: {} }), { environment: "prod" })).toHaveLength(1);
        expect(run(secret({ recoveryWindowInDays: 0 }), { environment: "dev" })).toEqual([]);
    });
    test("unknown: no violation", () => {
        expect(run(secret({ recoveryWindowInDays: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(secret({ recoveryWindowInDays: 0, tags: WIRE_UNKNOWN }))).toEqual([]);
    });
});

describe("aws-secret-replication", () => {
    const run = (r: Res, config = {}) => violations(awsSecretReplication, r, config);
    test("baseline: a critical production secret with a replica elsewhere; others need none", () => {
        expect(run(secret())).toEqual([]);
        expect(run(secret({ replicas: [], tags: { environment: "prod", criticality: "high" } }))).toEqual([]);
        expect(run(secret({ replicas: [], tags: { environment: "dev", criticality: "critical" } }))).toEqual([]);
    });
    test("no replica, or only in its own region", () => {
        expect(run(secret({ replicas: [] }))).toEqual(["critical secret not replicated to another region"]);
        expect(run(secret({ replicas: undefined }))).toEqual(["critical secret not replicated to another region"]);
        expect(run(secret({ replicas: [{ region: "us-east-1", kmsKeyId: KEY_ARN }] }))).toEqual(["critical secret not replicated to another region"]);
    });
    test("configurable criticalities", () => {
        expect(run(secret({ replicas: [], tags: { environment: "prod", criticality: "high" } }), { criticalities: ["critical", "high"] })).toEqual(["high secret not replicated to another region"]);
    });
    test("unknown: no violation", () => {
        expect(run(secret({ replicas: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(secret({ replicas: [{ region: WIRE_UNKNOWN }] }))).toEqual([]);
        expect(run(secret({ region: WIRE_UNKNOWN, replicas: [] }))).toEqual([]);
        expect(run(secret({ replicas: [], tags: { environment: "prod", criticality: WIRE_UNKNOWN } }))).toEqual([]);
    });
});

describe("aws-iam-secret-access", () => {
    const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
    const policy = (p: unknown, type = "aws:iam/policy:Policy"): Res => ({ type, props: { policy: p } });
    const run = (r: Res, config = {}) => violations(awsIamSecretAccess, r, config);
    const ARN = "arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/auth/jwt-secret-key-AbCdEf";

    test("NotAction and NotResource are grants too", () => {
        // Allow + NotAction: every action it does not list, Secrets Manager's included.
        expect(run(policy(doc({ Effect: "Allow", NotAction: "s3:*", Resource: "*" })))).toEqual([
            'statement 1 allows every action but "s3:*" (NotAction): every Secrets Manager action, deletion and policy changes included',
        ]);
        // Excluding deletion and policy changes still leaves the reads, on everything.
        expect(run(policy(doc({ Effect: "Allow", NotAction: ["secretsmanager:Delete*", "secretsmanager:Put*"], Resource: "*" })))).toEqual([
            'statement 1 allows secretsmanager:GetSecretValue, secretsmanager:BatchGetSecretValue on Resource "*": every secret in the account',
        ]);
        // NotResource naming one ARN leaves every other secret in reach.
        expect(run(policy(doc({ Sid: "Wide", Effect: "Allow", Action: "secretsmanager:GetSecretValue", NotResource: ARN })))).toEqual([
            `statement Wide allows secretsmanager:GetSecretValue on every resource but "${ARN}" (NotResource): every secret in the account`,
        ]);
        // Excluding every secret, or every Secrets Manager action, grants none.
        expect(run(policy(doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", NotResource: "arn:aws:secretsmanager:*:*:secret:*" })))).toEqual([]);
        expect(run(policy(doc({ Effect: "Allow", NotAction: "secretsmanager:*", Resource: "*" })))).toEqual([]);
        expect(run(policy(doc({ Effect: "Deny", NotAction: "s3:*", Resource: "*" })))).toEqual([]);
    });

    test("baseline: reads on named secrets", () => {
        expect(run(policy(doc({ Effect: "Allow", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: [ARN] })))).toEqual([]);
        expect(run(policy(doc({ Effect: "Allow", Action: "secretsmanager:ListSecrets", Resource: "*" })))).toEqual([]);
        expect(run(policy(doc({ Effect: "Deny", Action: "secretsmanager:*", Resource: "*" })))).toEqual([]);
    });
    test("secretsmanager:* or *", () => {
        expect(run(policy(doc({ Sid: "All", Effect: "Allow", Action: "secretsmanager:*", Resource: [ARN] })))).toEqual(['statement All allows "secretsmanager:*": every Secrets Manager action, deletion and policy changes included']);
        expect(run(policy(doc({ Effect: "Allow", Action: ["s3:GetObject", "*"], Resource: [ARN] })))).toEqual(['statement 1 allows "*": every Secrets Manager action, deletion and policy changes included']);
        expect(run(policy({ Statement: { Effect: "Allow", Action: "SecretsManager:*", Resource: ARN } }))).toHaveLength(1);
    });
    test("reading on Resource *", () => {
        expect(run(policy(doc({ Effect: "Allow", Action: "s3:ListBucket", Resource: "*" }, { Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: "*" }))))
            .toEqual(['statement 2 allows secretsmanager:GetSecretValue on Resource "*": every secret in the account']);
        expect(run(policy(doc({ Effect: "Allow", Action: "secretsmanager:Get*", Resource: ["*"] })))).toEqual(['statement 1 allows secretsmanager:Get* on Resource "*": every secret in the account']);
        expect(run(policy(doc({ Effect: "Allow", Action: "secretsmanager:DescribeSecret", Resource: "*" })), { readActions: ["secretsmanager:DescribeSecret"] })).toHaveLength(1);
    });
    test("every kind of IAM document, and inline role policies", () => {
        const bad = doc({ Effect: "Allow", Action: "secretsmanager:*", Resource: "*" });
        for (const type of ["aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy", "aws:secretsmanager/secretPolicy:SecretPolicy"]) {
            expect(run(policy(bad, type))).toHaveLength(1);
        }
        expect(run({ type: "aws:iam/role:Role", props: { inlinePolicies: [{ name: "x", policy: bad }] } })).toHaveLength(1);
        expect(run({ type: "aws:s3/bucketPolicy:BucketPolicy", props: { policy: bad } })).toEqual([]);
    });
    test("unknown or invalid documents: no violation", () => {
        expect(run(policy(WIRE_UNKNOWN))).toEqual([]);
        expect(run(policy("{ not json"))).toEqual([]);
        expect(run(policy(doc({ Effect: "Allow", Action: WIRE_UNKNOWN, Resource: "*" })))).toEqual([]);
        expect(run(policy(doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: WIRE_UNKNOWN })))).toEqual([]);
        expect(run({ type: "aws:iam/role:Role", props: { inlinePolicies: WIRE_UNKNOWN } })).toEqual([]);
    });
});

test("aws-iam-secret-access: a secret ARN whose name is a glob is every secret too", () => {
    const doc = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: ["arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/*", "arn:aws:secretsmanager:*:*:secret:*"] }] });
    expect(violations(awsIamSecretAccess, { type: "aws:iam/policy:Policy", props: { policy: doc } }))
        .toEqual(['statement 1 allows secretsmanager:GetSecretValue on Resource "arn:aws:secretsmanager:*:*:secret:*": every secret in the account']);
});

describe("aws-iam-secret-access: name globs that reach other secrets", () => {
    const read = (...Resource: string[]): Res => ({ type: "aws:iam/policy:Policy", props: { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource }] }) } });
    const run = (r: Res) => violations(awsIamSecretAccess, r);
    const PREFIX = "arn:aws:secretsmanager:us-east-1:123456789012:secret:";
    test("baseline: exact names, and a full name followed by the random suffix's -* or -??????", () => {
        expect(run(read(`${PREFIX}prod/app-AbCdEf`, `${PREFIX}prod/app-*`, `${PREFIX}prod/app-??????`, `${PREFIX}prod/auth/jwt-secret-key-*`))).toEqual([]);
        // The ARNs the module writes: each secret's own, in every region.
        expect(run(read(`${PREFIX}prod/api/api-token-AbCdEf`, "arn:aws:secretsmanager:us-west-2:123456789012:secret:prod/api/api-token-AbCdEf"))).toEqual([]);
    });
    test("a prefix glob is every secret whose name starts with it", () => {
        expect(run(read(`${PREFIX}prod/*`))).toEqual([`statement 1 allows secretsmanager:GetSecretValue on Resource "${PREFIX}prod/*": every secret whose name starts with "prod/"`]);
        expect(run(read(`${PREFIX}prod/app-AbCdEf`, `${PREFIX}prod/app*`))).toEqual([`statement 1 allows secretsmanager:GetSecretValue on Resource "${PREFIX}prod/app*": every secret whose name starts with "prod/app"`]);
        // A suffix glob after a path, not a full name, is a prefix too.
        expect(run(read(`${PREFIX}prod/-*`))).toEqual([`statement 1 allows secretsmanager:GetSecretValue on Resource "${PREFIX}prod/-*": every secret whose name starts with "prod/-"`]);
    });
    test("other globs in the name", () => {
        expect(run(read(`${PREFIX}prod/*/database-password-*`))).toEqual([`statement 1 allows secretsmanager:GetSecretValue on Resource "${PREFIX}prod/*/database-password-*": every secret whose name matches "prod/*/database-password-*"`]);
        expect(run(read(`${PREFIX}prod/ap?-AbCdEf`))).toHaveLength(1);
        expect(run(read(`${PREFIX}prod/app-?????`))).toHaveLength(1);
    });
});

describe("aws-resource-policy-public", () => {
    const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
    const ROOT = "arn:aws:iam::111111111111:root";
    const fence = (statement: Record<string, unknown>, type = "aws:secretsmanager/secretPolicy:SecretPolicy", props: Record<string, unknown> = {}): Res =>
        ({ type, props: { policy: doc({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*", ...statement }), ...props } });
    const run = (r: Res, config = {}) => violations(awsResourcePolicyPublic, r, config);
    const KEYS = "aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn, aws:PrincipalArn";

    test("baseline: named principals, restricted \"*\", and Deny statements", () => {
        expect(run(fence({ Principal: { AWS: ROOT } }))).toEqual([]);
        expect(run(fence({ Principal: { AWS: [ROOT, "arn:aws:iam::111111111111:role/api"] } }))).toEqual([]);
        expect(run(fence({ Principal: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-fake000000" } } }))).toEqual([]);
        expect(run(fence({ Principal: { AWS: "*" }, Condition: { ArnLike: { "AWS:PrincipalArn": "arn:aws:iam::111111111111:role/*" } } }))).toEqual([]);
        expect(run(fence({ Effect: "Deny", Principal: "*", Condition: { StringNotEquals: { "aws:PrincipalTag/environment": "prod" } } }))).toEqual([]);
        expect(run(fence({ Principal: "*" }, "aws:iam/policy:Policy"))).toEqual([]);
        expect(run(fence({ Principal: { Service: "secretsmanager.amazonaws.com" } }, "aws:kms/key:Key", { enableKeyRotation: true }))).toEqual([]);
    });
    test("Principal \"*\" or {AWS: \"*\"} without a restricting condition", () => {
        expect(run(fence({ Principal: "*" }))).toEqual([`statement 1 allows Principal "*" with no condition on ${KEYS}: any AWS account may use the secret`]);
        expect(run(fence({ Sid: "Open", Principal: { AWS: [ROOT, "*"] }, Condition: { StringEquals: { "aws:PrincipalTag/team": "api" } } })))
            .toEqual([`statement Open allows Principal {"AWS": "*"} with no condition on ${KEYS}: any AWS account may use the secret`]);
        expect(run(fence({ Principal: { AWS: "*" }, Action: "kms:Decrypt" }, "aws:kms/key:Key"))).toEqual([`statement 1 allows Principal {"AWS": "*"} with no condition on ${KEYS}: any AWS account may use the key`]);
        expect(run(fence({ Principal: "*", Action: "kms:*" }, "aws:kms/keyPolicy:KeyPolicy", { keyId: "fake-key-id" }))).toEqual([`statement 1 allows Principal "*" with no condition on ${KEYS}: any AWS account may use the key`]);
        expect(run(fence({ Principal: "*", Condition: { StringEquals: { "aws:SourceVpc": "vpc-fake" } } }), { restrictingConditionKeys: ["aws:SourceVpc"] })).toEqual([]);
    });
    test("an Allow with NotPrincipal", () => {
        expect(run(fence({ NotPrincipal: { AWS: ROOT } }))).toEqual([`statement 1 allows every principal but {"AWS":"${ROOT}"} (NotPrincipal) with no condition on ${KEYS}: any AWS account may use the secret`]);
        expect(run(fence({ Effect: "Deny", NotPrincipal: { AWS: ROOT } }))).toEqual([]);
    });
    test("bypassPolicyLockoutSafetyCheck on a key or key policy", () => {
        const bypass = "bypassPolicyLockoutSafetyCheck is true: KMS does not check that the policy still lets a principal manage the key, which may lock it for good";
        expect(run(fence({ Principal: { AWS: ROOT } }, "aws:kms/key:Key", { bypassPolicyLockoutSafetyCheck: true }))).toEqual([bypass]);
        expect(run(fence({ Principal: { AWS: ROOT } }, "aws:kms/keyPolicy:KeyPolicy", { bypassPolicyLockoutSafetyCheck: true }))).toEqual([bypass]);
        expect(run(fence({ Principal: { AWS: ROOT } }, "aws:kms/key:Key", { bypassPolicyLockoutSafetyCheck: false }))).toEqual([]);
        // A secret policy's blockPublicPolicy is not judged.
        expect(run(fence({ Principal: { AWS: ROOT } }, "aws:secretsmanager/secretPolicy:SecretPolicy", { blockPublicPolicy: false }))).toEqual([]);
    });
    test("unknown values: no violation", () => {
        expect(run({ type: "aws:secretsmanager/secretPolicy:SecretPolicy", props: { policy: WIRE_UNKNOWN } })).toEqual([]);
        // A document given as an object (not JSON text) may hold unknown values.
        const open = (statement: Record<string, unknown>): Res => ({ type: "aws:secretsmanager/secretPolicy:SecretPolicy", props: { policy: { Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*", ...statement }] } } });
        expect(run(open({ Principal: "*" }))).toHaveLength(1);
        expect(run(open({ Principal: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(open({ Principal: { AWS: WIRE_UNKNOWN } }))).toEqual([]);
        expect(run(open({ Principal: "*", Condition: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(open({ Principal: "*", Condition: { StringEquals: WIRE_UNKNOWN } }))).toEqual([]);
        expect(run(open({ NotPrincipal: { AWS: WIRE_UNKNOWN } }))).toEqual([]);
        expect(run(open({ Principal: "*", Effect: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(fence({ Principal: { AWS: ROOT } }, "aws:kms/key:Key", { bypassPolicyLockoutSafetyCheck: WIRE_UNKNOWN }))).toEqual([]);
    });
});

describe("aws-ssm-secure-string-cmk", () => {
    const parameter = (props: Record<string, unknown>): Res => ({
        type: "aws:ssm/parameter:Parameter",
        props: { name: "/prod/api/api-token", type: "SecureString", value: "fake-value", keyId: KEY_ARN, ...props },
    });
    const run = (r: Res, config = {}) => violations(awsSsmSecureStringCmk, r, config);
    test("baseline: a customer-managed key; String and StringList parameters are not judged", () => {
        expect(run(parameter({}))).toEqual([]);
        expect(run(parameter({ keyId: "alias/platform-secrets/prod" }))).toEqual([]);
        expect(run(parameter({ type: "String", keyId: undefined }))).toEqual([]);
        expect(run(parameter({ type: "StringList", keyId: undefined }))).toEqual([]);
        expect(run(secret({ kmsKeyId: undefined }))).toEqual([]);
    });
    test("no keyId is the AWS-managed key", () => {
        expect(run(parameter({ keyId: undefined }))).toEqual(["SecureString encrypted with the AWS-managed key alias/aws/ssm (keyId not set): use a customer-managed KMS key"]);
        expect(run(parameter({ keyId: "" }))).toEqual(["SecureString encrypted with the AWS-managed key alias/aws/ssm (keyId not set): use a customer-managed KMS key"]);
    });
    test("the alias/aws/ssm key, by name or ARN", () => {
        expect(run(parameter({ keyId: "alias/aws/ssm" }))).toEqual(["SecureString encrypted with the AWS-managed key alias/aws/ssm (keyId is alias/aws/ssm): use a customer-managed KMS key"]);
        expect(run(parameter({ keyId: "arn:aws:kms:us-east-1:111111111111:alias/aws/ssm" }))).toEqual(["SecureString encrypted with the AWS-managed key alias/aws/ssm (keyId is arn:aws:kms:us-east-1:111111111111:alias/aws/ssm): use a customer-managed KMS key"]);
        expect(run(parameter({ keyId: "alias/aws/ssm-custom" }))).toEqual([]);
    });
    test("exempt parameters (allowedParameters)", () => {
        expect(run(parameter({ keyId: undefined }), { allowedParameters: ["/prod/api/api-token"] })).toEqual([]);
        expect(run(parameter({ keyId: undefined }), { allowedParameters: ["/prod/other"] })).toHaveLength(1);
    });
    test("unknown: no violation", () => {
        expect(run(parameter({ keyId: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(parameter({ type: WIRE_UNKNOWN, keyId: undefined }))).toEqual([]);
        expect(run(parameter({ name: WIRE_UNKNOWN, keyId: undefined }), { allowedParameters: ["/prod/api/api-token"] })).toEqual([]);
        expect(run(parameter({ name: WIRE_UNKNOWN, keyId: undefined }))).toHaveLength(1);
    });
});

describe("aws-iam-secret-access: each branch, one change from a compliant statement", () => {
    const PREFIX = "arn:aws:secretsmanager:us-east-1:111111111111:secret:";
    const statement = (s: Record<string, unknown>): Res => ({ type: "aws:iam/policy:Policy", props: { policy: JSON.stringify({ Statement: [{ Effect: "Allow", ...s }] }) } });
    const run = (r: Res, config = {}) => violations(awsIamSecretAccess, r, config);
    test("NotAction listing nothing allows everything", () => {
        expect(run(statement({ NotAction: [], Resource: `${PREFIX}prod/a-AbCdEf` }))).toEqual([
            "statement 1 allows every action but none (NotAction): every Secrets Manager action, deletion and policy changes included",
        ]);
    });
    test("NotAction that spares the reads but not deletion is judged on its reads", () => {
        expect(run(statement({ NotAction: "secretsmanager:DeleteSecret", Resource: `${PREFIX}prod/a-AbCdEf` }))).toEqual([]);
        expect(run(statement({ NotAction: ["secretsmanager:GetSecretValue", "secretsmanager:DeleteSecret"], Resource: "*" }))).toEqual([
            'statement 1 allows secretsmanager:BatchGetSecretValue on Resource "*": every secret in the account',
        ]);
        expect(run(statement({ NotAction: ["secretsmanager:*SecretValue", "secretsmanager:PutResourcePolicy"], Resource: "*" }))).toEqual([]);
    });
    test("NotResource excluding every secret: *, secret:* in any region, or every Secrets Manager resource", () => {
        for (const excluded of ["*", `${PREFIX}*`, "arn:aws:secretsmanager:*:111111111111:secret:*", "arn:aws:secretsmanager:*:*:*"]) {
            expect(run(statement({ Action: "secretsmanager:GetSecretValue", NotResource: [excluded] }))).toEqual([]);
        }
        expect(run(statement({ Action: "secretsmanager:GetSecretValue", NotResource: [`${PREFIX}prod/*`, "arn:aws:s3:::bucket"] }))).toEqual([
            `statement 1 allows secretsmanager:GetSecretValue on every resource but "${PREFIX}prod/*", "arn:aws:s3:::bucket" (NotResource): every secret in the account`,
        ]);
        expect(run(statement({ Action: "secretsmanager:GetSecretValue", NotResource: "arn:aws:secretsmanager:us-east-1:111111111111:secret:*x" }))).toHaveLength(1);
        expect(run(statement({ Action: "secretsmanager:GetSecretValue", NotResource: [] }))).toEqual([
            "statement 1 allows secretsmanager:GetSecretValue on every resource but  (NotResource): every secret in the account",
        ]);
    });
    test("unknown NotAction or NotResource (in a document given as an object): no violation", () => {
        const asObject = (s: Record<string, unknown>): Res => ({ type: "aws:iam/policy:Policy", props: { policy: { Statement: [{ Effect: "Allow", ...s }] } } });
        expect(run(asObject({ NotAction: WIRE_UNKNOWN, Resource: "*" }))).toEqual([]);
        expect(run(asObject({ Action: "secretsmanager:GetSecretValue", NotResource: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(asObject({ Action: "secretsmanager:GetSecretValue", NotResource: "arn:aws:s3:::bucket" }))).toHaveLength(1);
    });
    test("a pattern that matches the reads and deletion but not every action is judged on its reads", () => {
        expect(run(statement({ Action: "secretsmanager:*Secret*", Resource: `${PREFIX}prod/a-AbCdEf` }))).toEqual([]);
        expect(run(statement({ Action: "secretsmanager:*Secret*", Resource: "*" }))).toEqual(['statement 1 allows secretsmanager:*Secret* on Resource "*": every secret in the account']);
        expect(run(statement({ Action: "secretsmanager:Get*", Resource: `${PREFIX}prod/a-AbCdEf` }))).toEqual([]);
        expect(run(statement({ Action: "secretsmanager:Delete*", Resource: "*" }))).toEqual([]);
        expect(run(statement({ Action: "secrets*:*", Resource: `${PREFIX}prod/a-AbCdEf` }))).toEqual(['statement 1 allows "secrets*:*": every Secrets Manager action, deletion and policy changes included']);
    });
    test("reads are matched case-insensitively, BatchGetSecretValue included by default", () => {
        expect(run(statement({ Action: "SECRETSMANAGER:GETSECRETVALUE", Resource: "*" }))).toEqual(['statement 1 allows SECRETSMANAGER:GETSECRETVALUE on Resource "*": every secret in the account']);
        expect(run(statement({ Action: "secretsmanager:BatchGetSecretValue", Resource: "*" }))).toHaveLength(1);
        expect(run(statement({ Action: "secretsmanager:BatchGetSecretValue", Resource: "*" }), { readActions: ["secretsmanager:GetSecretValue"] })).toEqual([]);
    });
    test("a secret ARN whose name starts with a glob is every secret; one message per statement", () => {
        expect(run(statement({ Action: "secretsmanager:GetSecretValue", Resource: [`${PREFIX}prod/a-AbCdEf`, `${PREFIX}*-AbCdEf`, "*"] }))).toEqual([
            `statement 1 allows secretsmanager:GetSecretValue on Resource "${PREFIX}*-AbCdEf": every secret in the account`,
        ]);
        expect(run(statement({ Action: "secretsmanager:GetSecretValue", Resource: [`${PREFIX}prod/*`, `${PREFIX}dev/*`] }))).toEqual([
            `statement 1 allows secretsmanager:GetSecretValue on Resource "${PREFIX}prod/*": every secret whose name starts with "prod/"`,
        ]);
    });
    test("globs in the name, message by message", () => {
        const one = (name: string) => run(statement({ Action: "secretsmanager:GetSecretValue", Resource: `${PREFIX}${name}` }));
        expect(one("-*")).toEqual([`statement 1 allows secretsmanager:GetSecretValue on Resource "${PREFIX}-*": every secret whose name starts with "-"`]);
        expect(one("prod/ap?-AbCdEf")).toEqual([`statement 1 allows secretsmanager:GetSecretValue on Resource "${PREFIX}prod/ap?-AbCdEf": every secret whose name matches "prod/ap?-AbCdEf"`]);
        expect(one("prod/app-?????")).toEqual([`statement 1 allows secretsmanager:GetSecretValue on Resource "${PREFIX}prod/app-?????": every secret whose name matches "prod/app-?????"`]);
        expect(one("prod/a?p-*")).toEqual([`statement 1 allows secretsmanager:GetSecretValue on Resource "${PREFIX}prod/a?p-*": every secret whose name matches "prod/a?p-*"`]);
        expect(one("prod/app-*x")).toEqual([`statement 1 allows secretsmanager:GetSecretValue on Resource "${PREFIX}prod/app-*x": every secret whose name matches "prod/app-*x"`]);
        expect(one("prod/app-x*")).toEqual([`statement 1 allows secretsmanager:GetSecretValue on Resource "${PREFIX}prod/app-x*": every secret whose name starts with "prod/app-x"`]);
        expect(one("prod/app-*")).toEqual([]);
        expect(one("prod/app-??????")).toEqual([]);
        expect(run(statement({ Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:s3:::bucket/*" }))).toEqual([]);
    });
    test("every inline policy of a role is read", () => {
        const bad = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }] });
        const good = JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] });
        expect(run({ type: "aws:iam/role:Role", props: { inlinePolicies: [{ name: "a", policy: good }, { name: "b", policy: bad }] } })).toEqual([
            'statement 1 allows secretsmanager:GetSecretValue on Resource "*": every secret in the account',
        ]);
        expect(run({ type: "aws:iam/role:Role", props: { policy: bad } })).toEqual([]);
    });
});
