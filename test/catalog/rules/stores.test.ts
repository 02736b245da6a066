import { eachRuleCase, problemsAfter } from "./fixtures";

/** Rules of `stores` (rules/stores.ts): Vault and AWS settings, admin principals, keys for replicas. */

test("a brought key with replicas: a multi-Region key or an alias; any key without replicas", () => {
    for (const kmsKeyId of ["arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef", "mrk-0123456789abcdef0123456789abcdef", "alias/fake-secrets", "arn:aws:kms:us-east-1:123456789012:alias/fake-secrets"]) {
        expect(problemsAfter((c) => { c.stores.aws.kmsKeyId = kmsKeyId; })).toEqual([]);
    }
    expect(problemsAfter((c) => { c.stores.aws.kmsKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab"; delete c.stores.aws.replicaRegions; })).toEqual([]);
});

test("admin principals: IAM role and user ARNs, with paths and wildcards", () => {
    expect(problemsAfter((c) => {
        c.stores.aws.adminPrincipalArns = [
            "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_*",
            "arn:aws:iam::123456789012:user/fake-breakglass",
            "arn:aws-us-gov:iam::123456789012:role/deploy?",
        ];
    })).toEqual([]);
});

describe("each rule names the field and says how to fix it", () => {
    eachRuleCase([
        ["Vault keeping one version", (c) => { c.stores.vault.maxVersions = 1; },
            "stores.vault.maxVersions", "1 keeps no previous version, so a rotation would destroy the only copy of the old value; use 2 or more (default 10)"],
        ["no recovery window in production", (c) => { c.stores.aws.recoveryWindowDays = 0; },
            "stores.aws.recoveryWindowDays", "0 deletes secrets without recovery, which production environments do not allow; use 7 to 30 days"],
        ["replica in the primary region", (c) => { c.stores.aws.replicaRegions = ["us-east-1"]; },
            "stores.aws.replicaRegions", `"us-east-1" is the primary region; a replica must be in another region`],
        ["AWS-managed KMS key", (c) => { c.stores.aws.kmsKeyId = "alias/aws/secretsmanager"; },
            "stores.aws.kmsKeyId", `"alias/aws/secretsmanager" is an AWS-managed key, which key policies cannot restrict; name a customer-managed key or omit kmsKeyId to have one created`],
        ["admin given as an STS session ARN", (c) => { c.stores.aws.adminPrincipalArns = ["arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123/alice"]; },
            "stores.aws.adminPrincipalArns[0]", `"arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123/alice" is an STS session ARN, which never matches: AWS compares the IAM role's ARN (aws:PrincipalArn), so the principal would be locked out; use the role ARN with its path, e.g. arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*`],
        ["admin that is not an IAM role or user ARN", (c) => { c.stores.aws.adminPrincipalArns = ["arn:aws:iam::123456789012:role/fake-admin", "arn:aws:iam::123456789012:group/admins"]; },
            "stores.aws.adminPrincipalArns[1]", `"arn:aws:iam::123456789012:group/admins" is not an IAM role or user ARN; use arn:aws:iam::<12-digit account>:role/<path/name> or arn:aws:iam::<account>:user/<name> (* and ? wildcards allowed)`],
        ["single-Region key ARN with replicas", (c) => { c.stores.aws.kmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"; },
            "stores.aws.kmsKeyId", `"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" is a single-Region key, which cannot encrypt the replicas in us-west-2; use a multi-Region key (mrk-...) replicated to those regions, an alias created in every replica region, or omit kmsKeyId to have one created`],
        ["single-Region key id with replicas", (c) => { c.stores.aws.kmsKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab"; },
            "stores.aws.kmsKeyId", `"1234abcd-12ab-34cd-56ef-1234567890ab" is a single-Region key, which cannot encrypt the replicas in us-west-2; use a multi-Region key (mrk-...) replicated to those regions, an alias created in every replica region, or omit kmsKeyId to have one created`],
    ]);
});
