import * as pulumi from "@pulumi/pulumi";
import { PlatformSecrets, PlatformSecretsArgs } from "../../components/platformSecrets";
import { alertPatterns, awsAuditPlan, vaultAuditPlan } from "../../components/audit/plan";
import { validateCatalog } from "../../components/catalog/validate";
import { Harness, setupHarness } from "../harness";
import { context, validCatalog } from "../catalog/fixtures";

/** Audit and alarms declared with the stores (issue 12): on by default in production. */

function args(environment: string, stores: PlatformSecretsArgs["stores"] = { vault: { mount: "kv" }, aws: { region: "us-east-1" } }): PlatformSecretsArgs {
    return {
        environment,
        stores,
        secrets: { JWT_SECRET_KEY: { kind: "jwt", group: "auth", criticality: "critical" } },
        externalValues: {},
    };
}

let h: Harness;
async function build(a: PlatformSecretsArgs, stack: string): Promise<void> {
    h = setupHarness({ stack });
    new PlatformSecrets("secrets", a);
    await h.settle();
}

describe("defaults", () => {
    test("on in production, off elsewhere, and false turns each off", () => {
        const prod = { environment: "prod", isProduction: true };
        expect(vaultAuditPlan({ ...prod, stores: { vault: {} } })).toEqual({ type: "file", path: "platform-secrets-prod", options: { file_path: "/vault/audit/platform-secrets-prod.log" } });
        expect(awsAuditPlan({ ...prod, stores: { aws: { region: "us-east-1" } } })).toEqual({ region: "us-east-1", retentionDays: 365, subscribers: [] });
        expect(vaultAuditPlan({ environment: "dev", isProduction: false, stores: { vault: {} } })).toBeUndefined();
        expect(awsAuditPlan({ isProduction: false, stores: { aws: { region: "us-east-1" } } })).toBeUndefined();
        expect(vaultAuditPlan({ ...prod, stores: { vault: { audit: false } } })).toBeUndefined();
        expect(vaultAuditPlan({ environment: "dev", isProduction: false, stores: { vault: { audit: true } } })?.path).toBe("platform-secrets-dev");
        expect(awsAuditPlan({ ...prod, stores: { aws: { region: "us-east-1", audit: false } } })).toBeUndefined();
        expect(vaultAuditPlan({ environment: "dev", isProduction: false, stores: { vault: { audit: { type: "socket", options: { address: "127.0.0.1:9090", socket_type: "tcp" } } } } }))
            .toEqual({ type: "socket", path: "platform-secrets-dev", options: { address: "127.0.0.1:9090", socket_type: "tcp" } });
    });

    test("logs are kept at least a year: a shorter retention is refused", () => {
        const config = validCatalog();
        config.stores.aws = { region: "us-east-1", replicaRegions: ["us-west-2"], audit: { retentionDays: 90 } };
        expect(validateCatalog(config, context())).toEqual([{ propertyPath: "stores.aws.audit.retentionDays", reason: "90 days would drop access history younger than a year; use at least 365 (default 365)" }]);
        config.stores.aws.audit = { retentionDays: 400, region: "x" } as never;
        expect(validateCatalog(config, context()).map((p) => p.propertyPath)).toEqual(["stores.aws.audit.region"]);
    });
});

describe("a production stack with both stores", () => {
    beforeAll(() => build(args("prod"), "prod"));

    test("a Vault audit device of type file, protected like the stores", () => {
        const audit = h.one("vault:index/audit:Audit");
        expect(h.inputs(audit)).toMatchObject({ type: "file", path: "platform-secrets-prod", options: { file_path: "/vault/audit/platform-secrets-prod.log" } });
        expect(audit.protect).toBe(true);
    });

    test("a multi-region trail of every management event with log file validation, after its bucket policy", () => {
        const trail = h.one("aws:cloudtrail/trail:Trail");
        expect(h.inputs(trail)).toMatchObject({
            name: "secrets-audit-trail", isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogFileValidation: true, enableLogging: true,
            eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
        });
        const policy = h.one("aws:s3/bucketPolicy:BucketPolicy");
        expect(trail.dependencies).toContain(policy.urn);
    });

    test("the log bucket: protected, encrypted, closed to the public, TLS only, kept 365 days", () => {
        expect(h.one("aws:s3/bucket:Bucket").protect).toBe(true);
        expect(h.inputs(h.one("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")).rules)
            .toEqual([{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }]);
        expect(h.inputs(h.one("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")))
            .toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
        expect(h.inputs(h.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")).rules)
            .toEqual([{ id: "keep-audit-history", status: "Enabled", filter: {}, expiration: { days: 365 } }]);
        const statements = JSON.parse(h.inputs(h.one("aws:s3/bucketPolicy:BucketPolicy")).policy).Statement;
        expect(statements.map((s: { Sid: string }) => s.Sid)).toEqual(["CloudTrailAclCheck", "CloudTrailWrite", "TlsOnly"]);
        expect(statements[1].Condition.StringEquals["aws:SourceArn"]).toMatch(/^arn:aws:cloudtrail:us-east-1:\d{12}:trail\/secrets-audit-trail$/);
    });

    test("three EventBridge rules with the alert patterns, each targeting the created topic, which EventBridge may publish to", () => {
        const rules = h.ofType("aws:cloudwatch/eventRule:EventRule");
        expect(rules.map((r) => JSON.parse(h.inputs(r).eventPattern))).toEqual(alertPatterns("prod").map((p) => p.pattern));
        const denied = alertPatterns("prod").find((p) => p.name === "access-denied");
        expect(denied?.pattern).toEqual({
            source: ["aws.secretsmanager"],
            "detail-type": ["AWS API Call via CloudTrail"],
            detail: { errorCode: ["AccessDenied", "AccessDeniedException"], requestParameters: { secretId: [{ prefix: "prod/" }, { wildcard: "arn:*:secretsmanager:*:*:secret:prod/*" }] } },
        });
        const topic = h.one("aws:sns/topic:Topic");
        const targets = h.ofType("aws:cloudwatch/eventTarget:EventTarget");
        expect(targets).toHaveLength(3);
        const topicPolicy = JSON.parse(h.inputs(h.one("aws:sns/topicPolicy:TopicPolicy")).policy);
        expect(topicPolicy.Statement[0]).toMatchObject({ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish" });
        for (const t of targets) expect(h.inputs(t).arn).toBe(h.inputs(h.one("aws:sns/topicPolicy:TopicPolicy")).arn);
        expect(topic).toBeDefined();
    });
});

test("a given topic is used as is, with subscribers; CloudWatch Logs when asked", async () => {
    await build(args("prod", {
        aws: { region: "us-east-1", audit: { cloudWatchLogsRetentionDays: 400, alerts: { topicArn: "arn:aws:sns:us-east-1:123456789012:secops", subscribers: [{ protocol: "email", endpoint: "secops@example.invalid" }] } } },
    }), "prod");
    expect(h.ofType("aws:sns/topic:Topic")).toEqual([]);
    for (const t of h.ofType("aws:cloudwatch/eventTarget:EventTarget")) expect(h.inputs(t).arn).toBe("arn:aws:sns:us-east-1:123456789012:secops");
    expect(h.inputs(h.one("aws:sns/topicSubscription:TopicSubscription"))).toMatchObject({ protocol: "email", endpoint: "secops@example.invalid", topic: "arn:aws:sns:us-east-1:123456789012:secops" });
    expect(h.inputs(h.one("aws:cloudwatch/logGroup:LogGroup")).retentionInDays).toBe(400);
    expect(h.inputs(h.one("aws:cloudtrail/trail:Trail")).cloudWatchLogsRoleArn).toBeDefined();
});

test("a dev stack declares no audit by default", async () => {
    await build(args("dev"), "dev");
    expect(h.recorder.resources.filter((r) => /audit|cloudtrail|sns|cloudwatch|s3/.test(r.type))).toEqual([]);
    void pulumi;
});
