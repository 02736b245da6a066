import { awsSecretsAuditTrail } from "../../policies/rules/aws-secrets-audit-trail";
import { vaultAuditDevice } from "../../policies/rules/vault-audit-device";
import { Res, WIRE_UNKNOWN, stackViolations } from "./harness";

describe("vault-audit-device", () => {
    const NO_AUDIT = "Vault entries are stored but no audit device is declared: every read and write of a secret goes unlogged; declare a vault.Audit (file, socket or syslog), or set managedElsewhere if another stack manages Vault's audit devices";
    const entry: Res = { type: "vault:kv/secretV2:SecretV2", name: "entry", props: { mount: "kv", name: "prod/api/api-token", dataJson: "{}" } };
    const audit = (type: unknown): Res => ({ type: "vault:index/audit:Audit", name: `audit-${String(type)}`, props: { type, options: { file_path: "/vault/audit/audit.log" } } });
    const run = (resources: Res[], config = {}) => stackViolations(vaultAuditDevice, resources, config);
    const BASELINE: Res[] = [entry, { type: "vault:index/mount:Mount", name: "kv", props: { path: "kv", type: "kv-v2" } }, audit("file")];

    test("baseline: entries and a file, socket or syslog audit device", () => {
        expect(run(BASELINE)).toEqual([]);
        expect(run([entry, audit("socket")])).toEqual([]);
        expect(run([entry, audit("syslog")])).toEqual([]);
        expect(run([entry, audit("foo"), audit("file")])).toEqual([]);
    });
    test("no audit device: one violation for the stack", () => {
        expect(run(BASELINE.filter((r) => r.type !== "vault:index/audit:Audit"))).toEqual([NO_AUDIT]);
        expect(run([entry, { ...entry, name: "other" }])).toEqual([NO_AUDIT]);
    });
    test("an audit device of another type", () => {
        expect(run([entry, audit("foo")])).toEqual([NO_AUDIT]);
        expect(run([entry, audit(undefined)])).toEqual([NO_AUDIT]);
    });
    test("managedElsewhere: satisfied", () => {
        expect(run([entry], { managedElsewhere: true })).toEqual([]);
        expect(run([entry], { managedElsewhere: false })).toEqual([NO_AUDIT]);
    });
    test("a stack with no Vault entries is not judged", () => {
        expect(run([])).toEqual([]);
        expect(run([{ type: "vault:index/policy:Policy", props: { name: "api", policy: "" } }, { type: "aws:secretsmanager/secret:Secret", props: { name: "prod/a" } }])).toEqual([]);
    });
    test("unknown type: no violation", () => {
        expect(run([entry, audit(WIRE_UNKNOWN)])).toEqual([]);
        expect(run([{ ...entry, props: { mount: WIRE_UNKNOWN, name: WIRE_UNKNOWN } }, audit("file")])).toEqual([]);
    });
});

describe("aws-secrets-audit-trail", () => {
    const NO_TRAIL = "Secrets Manager secrets are stored but no CloudTrail trail records management events: reads, rotations and deletions of secrets go unrecorded; declare an aws.cloudtrail.Trail with management events (and a log bucket kept at least 365 days), or set managedElsewhere if an organization trail covers this account";
    const expiry = (days: number) => `trail logs expire after ${days} days, below the 365-day minimum: keep a year of secret access history`;
    const BUCKET = "prod-cloudtrail-logs";
    const secret: Res = { type: "aws:secretsmanager/secret:Secret", name: "secret", props: { name: "prod/api/api-token", kmsKeyId: "arn:aws:kms:us-east-1:111111111111:key/x" } };
    const trail = (props: Record<string, unknown> = {}): Res => ({
        type: "aws:cloudtrail/trail:Trail", name: "trail", props: { name: "prod-secrets", s3BucketName: BUCKET, isMultiRegionTrail: true, ...props },
    });
    const lifecycle = (rules: unknown, bucket: unknown = BUCKET, type = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"): Res => ({
        type, name: "trail-logs-lifecycle", props: { bucket, rules },
    });
    const expire = (days: unknown, status: unknown = "Enabled") => ({ id: "expire", status, expiration: { days } });
    const run = (resources: Res[], config = {}) => stackViolations(awsSecretsAuditTrail, resources, config);
    const BASELINE: Res[] = [secret, { type: "aws:s3/bucket:Bucket", name: "trail-logs", props: { bucket: BUCKET } }, trail(), lifecycle([expire(365)])];
    const without = (type: string) => BASELINE.filter((r) => r.type !== type);

    test("baseline: a trail with management events, its bucket kept a year", () => {
        expect(run(BASELINE)).toEqual([]);
        expect(run([secret, trail()])).toEqual([]);
        expect(run([secret, trail({ enableLogging: true, eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }] })])).toEqual([]);
        expect(run([secret, trail({ eventSelectors: [{ readWriteType: "ReadOnly" }, { dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }] })])).toEqual([]);
        expect(run([secret, trail({ advancedEventSelectors: [{ name: "management", fieldSelectors: [{ field: "eventCategory", equals: ["Management"] }] }] })])).toEqual([]);
        expect(run([...without("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"), lifecycle([expire(400), { id: "tmp", status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } }])])).toEqual([]);
    });
    test("no trail", () => {
        expect(run(without("aws:cloudtrail/trail:Trail"))).toEqual([NO_TRAIL]);
        expect(run([secret, { ...secret, name: "other" }])).toEqual([NO_TRAIL]);
        expect(run([secret], { minRetentionDays: 730 })).toEqual([NO_TRAIL.replace("at least 365 days", "at least 730 days")]);
    });
    test("a trail with logging off", () => {
        expect(run([...without("aws:cloudtrail/trail:Trail"), trail({ enableLogging: false })])).toEqual([NO_TRAIL]);
    });
    test("a trail whose event selectors leave management events out", () => {
        expect(run([...without("aws:cloudtrail/trail:Trail"), trail({ eventSelectors: [{ includeManagementEvents: false, dataResources: [{ type: "AWS::S3::Object", values: ["arn:aws:s3"] }] }] })]))
            .toEqual([NO_TRAIL]);
        expect(run([secret, trail({ eventSelectors: [{ readWriteType: "WriteOnly", includeManagementEvents: true }] })])).toEqual([NO_TRAIL]);
    });
    test("a trail whose advanced event selectors record data events only", () => {
        const data = { name: "s3-data", fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }] };
        expect(run([...without("aws:cloudtrail/trail:Trail"), trail({ advancedEventSelectors: [data] })])).toEqual([NO_TRAIL]);
        expect(run([secret, trail({ advancedEventSelectors: [data] }), trail({ enableLogging: false })])).toEqual([NO_TRAIL]);
    });
    test("the trail's bucket expires its logs before the minimum", () => {
        const lifecycles = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
        expect(run([...without(lifecycles), lifecycle([expire(90)])])).toEqual([`${expiry(90)} @ trail-logs-lifecycle`]);
        expect(run([...without(lifecycles), lifecycle([expire(90)], BUCKET, "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2")]))
            .toEqual([`${expiry(90)} @ trail-logs-lifecycle`]);
        expect(run([...without(lifecycles), lifecycle([expire(400), expire("30")])])).toEqual([`${expiry(30)} @ trail-logs-lifecycle`]);
        expect(run(BASELINE, { minRetentionDays: 400 })).toEqual(["trail logs expire after 365 days, below the 400-day minimum: keep a year of secret access history @ trail-logs-lifecycle"]);
    });
    test("lifecycles that do not expire the trail's logs early: disabled rules, other buckets", () => {
        const lifecycles = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
        expect(run([...without(lifecycles), lifecycle([expire(90, "Disabled")])])).toEqual([]);
        expect(run([...without(lifecycles), lifecycle([expire(90)], "prod-other-bucket")])).toEqual([]);
        expect(run([...without(lifecycles), lifecycle([{ id: "versions", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 30 } }])])).toEqual([]);
    });
    test("managedElsewhere: satisfied", () => {
        expect(run([secret], { managedElsewhere: true })).toEqual([]);
        expect(run([secret, trail(), lifecycle([expire(90)])], { managedElsewhere: true })).toEqual([]);
    });
    test("a stack with no Secrets Manager secrets is not judged", () => {
        expect(run([])).toEqual([]);
        expect(run([{ type: "vault:kv/secretV2:SecretV2", props: { name: "prod/a" } }, lifecycle([expire(1)])])).toEqual([]);
        expect(run([{ type: "aws:secretsmanager/secretVersion:SecretVersion", props: { secretId: "x", secretString: "{}" } }])).toEqual([]);
    });
    test("selectors case by case: the field must be eventCategory and the values must include Management", () => {
        const advanced = (...fieldSelectors: unknown[]) => run([secret, trail({ advancedEventSelectors: [{ name: "s", fieldSelectors }] })]);
        expect(advanced({ field: "readOnly", equals: ["Management"] })).toEqual([NO_TRAIL]);
        expect(advanced({ field: "eventCategory", equals: ["Data", "Management"] })).toEqual([]);
        expect(advanced({ field: WIRE_UNKNOWN, equals: ["Data"] })).toEqual([NO_TRAIL]);
        expect(advanced({ field: WIRE_UNKNOWN, equals: ["Management"] })).toEqual([]);
        expect(advanced()).toEqual([NO_TRAIL]);
        expect(run([secret, trail({ eventSelectors: [{ readWriteType: "All" }] })])).toEqual([]);
        expect(run([secret, trail({ eventSelectors: [{ readWriteType: "ReadOnly", includeManagementEvents: true }] })])).toEqual([NO_TRAIL]);
        expect(run([secret, trail({ eventSelectors: [], advancedEventSelectors: [] })])).toEqual([]);
    });
    test("one lifecycle message per expiring rule, each naming its days", () => {
        expect(run([secret, trail(), lifecycle([expire(30), expire(60), expire(365)])])).toEqual([`${expiry(30)} @ trail-logs-lifecycle`, `${expiry(60)} @ trail-logs-lifecycle`]);
        expect(run([secret, trail(), lifecycle([{ id: "two", status: "Enabled", expiration: [{ days: 10 }, { days: 20 }] }])])).toEqual([`${expiry(10)} @ trail-logs-lifecycle`, `${expiry(20)} @ trail-logs-lifecycle`]);
        expect(run([secret, trail(), lifecycle([{ id: "date", status: "Enabled", expiration: { date: "2027-01-01" } }])])).toEqual([]);
        expect(run([secret, trail(), { type: "aws:s3/bucket:Bucket", name: "b", props: { bucket: BUCKET, rules: [expire(1)] } }])).toEqual([]);
    });
    test("unknown selectors, one by one: no violation", () => {
        expect(run([secret, trail({ advancedEventSelectors: WIRE_UNKNOWN })])).toEqual([]);
        expect(run([secret, trail({ eventSelectors: [WIRE_UNKNOWN] })])).toEqual([]);
        expect(run([secret, trail({ advancedEventSelectors: [WIRE_UNKNOWN] })])).toEqual([]);
        expect(run([secret, trail({ advancedEventSelectors: [{ fieldSelectors: [WIRE_UNKNOWN] }] })])).toEqual([]);
        expect(run([secret, trail({ eventSelectors: [{ readWriteType: WIRE_UNKNOWN }] })])).toEqual([]);
    });
    test("unknown values: no violation", () => {
        expect(run([secret, trail({ enableLogging: WIRE_UNKNOWN })])).toEqual([]);
        expect(run([secret, trail({ eventSelectors: WIRE_UNKNOWN })])).toEqual([]);
        expect(run([secret, trail({ eventSelectors: [{ includeManagementEvents: WIRE_UNKNOWN }] })])).toEqual([]);
        expect(run([secret, trail({ advancedEventSelectors: [{ fieldSelectors: WIRE_UNKNOWN }] })])).toEqual([]);
        expect(run([secret, trail({ advancedEventSelectors: [{ fieldSelectors: [{ field: "eventCategory", equals: WIRE_UNKNOWN }] }] })])).toEqual([]);
        expect(run([secret, trail({ s3BucketName: WIRE_UNKNOWN }), lifecycle([expire(90)])])).toEqual([]);
        expect(run([secret, trail(), lifecycle([expire(90)], WIRE_UNKNOWN)])).toEqual([]);
        expect(run([secret, trail(), lifecycle(WIRE_UNKNOWN)])).toEqual([]);
        expect(run([secret, trail(), lifecycle([expire(WIRE_UNKNOWN), expire(90, WIRE_UNKNOWN), { id: "x", status: "Enabled", expiration: WIRE_UNKNOWN }])])).toEqual([]);
    });
});
