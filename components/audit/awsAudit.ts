import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { AwsAuditPlan, alertPatterns } from "./plan";

export interface AwsAudit {
    trail: aws.cloudtrail.Trail;
    bucket: aws.s3.Bucket;
    topicArn: pulumi.Output<string>;
    rules: aws.cloudwatch.EventRule[];
}

/**
 * A CloudTrail trail of the account's management events (every Secrets Manager and KMS call among
 * them) into an S3 bucket that is encrypted, closed to the public, TLS-only and kept for the
 * retention; optionally to CloudWatch Logs. EventBridge rules send the alerts to SNS.
 * Children are named `${name}-...`; `keep` guards the bucket (a year of history must survive a destroy).
 */
export function createAwsAudit(name: string, plan: AwsAuditPlan, environment: string, tags: Record<string, string>,
    child: pulumi.CustomResourceOptions, keep: pulumi.CustomResourceOptions): AwsAudit {
    const region = plan.region;
    const account = aws.getCallerIdentityOutput({}, { parent: child.parent }).accountId;
    const partition = aws.getPartitionOutput({}, { parent: child.parent }).partition;
    const trailName = `${name}-trail`;

    const bucket = new aws.s3.Bucket(`${name}-logs`, { region, forceDestroy: false, tags }, { ...child, ...keep });
    new aws.s3.BucketPublicAccessBlock(`${name}-logs-public`, {
        region, bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }, child);
    new aws.s3.BucketServerSideEncryptionConfiguration(`${name}-logs-encryption`, {
        region, bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    }, child);
    new aws.s3.BucketLifecycleConfiguration(`${name}-logs-lifecycle`, {
        region,
        bucket: bucket.id,
        rules: [{ id: "keep-audit-history", status: "Enabled", filter: {}, expiration: { days: plan.retentionDays } }],
    }, child);
    const bucketPolicy = new aws.s3.BucketPolicy(`${name}-logs-policy`, {
        region,
        bucket: bucket.id,
        policy: pulumi.all([bucket.arn, account, partition]).apply(([arn, accountId, part]) => JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "CloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "s3:GetBucketAcl", Resource: arn,
                    Condition: { StringEquals: { "aws:SourceArn": `arn:${part}:cloudtrail:${region}:${accountId}:trail/${trailName}` } },
                },
                {
                    Sid: "CloudTrailWrite", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" },
                    Action: "s3:PutObject", Resource: `${arn}/AWSLogs/${accountId}/*`,
                    Condition: {
                        StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": `arn:${part}:cloudtrail:${region}:${accountId}:trail/${trailName}` },
                    },
                },
                { Sid: "TlsOnly", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            ],
        })),
    }, child);

    let cloudWatch: { cloudWatchLogsGroupArn: pulumi.Output<string>; cloudWatchLogsRoleArn: pulumi.Output<string> } | undefined;
    if (plan.cloudWatchLogsRetentionDays !== undefined) {
        const group = new aws.cloudwatch.LogGroup(`${name}-trail-logs`, { region, retentionInDays: plan.cloudWatchLogsRetentionDays, tags }, child);
        const role = new aws.iam.Role(`${name}-trail-logs-role`, {
            assumeRolePolicy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" }],
            }),
            tags,
        }, child);
        new aws.iam.RolePolicy(`${name}-trail-logs-write`, {
            role: role.id,
            policy: group.arn.apply((arn) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${arn}:log-stream:*` }],
            })),
        }, child);
        cloudWatch = { cloudWatchLogsGroupArn: pulumi.interpolate`${group.arn}:*`, cloudWatchLogsRoleArn: role.arn };
    }

    const trail = new aws.cloudtrail.Trail(trailName, {
        region,
        name: trailName,
        s3BucketName: bucket.id,
        includeGlobalServiceEvents: true,
        isMultiRegionTrail: true,
        enableLogFileValidation: true,
        enableLogging: true,
        // Management events: every Secrets Manager and KMS API call, reads included.
        eventSelectors: [{ readWriteType: "All", includeManagementEvents: true }],
        ...cloudWatch,
        tags,
    }, { ...child, dependsOn: [bucketPolicy] });

    let topicArn: pulumi.Output<string>;
    if (plan.topicArn !== undefined) {
        topicArn = pulumi.output(plan.topicArn);
    } else {
        const topic = new aws.sns.Topic(`${name}-alerts`, { region, tags }, child);
        new aws.sns.TopicPolicy(`${name}-alerts-policy`, {
            region,
            arn: topic.arn,
            policy: topic.arn.apply((arn) => JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Sid: "EventBridgePublish", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish", Resource: arn }],
            })),
        }, child);
        topicArn = topic.arn;
    }
    plan.subscribers.forEach((s, i) => new aws.sns.TopicSubscription(`${name}-alerts-${i}`, { region, topic: topicArn, protocol: s.protocol, endpoint: s.endpoint }, child));

    const rules = alertPatterns(environment).map(({ name: rule, description, pattern }) => {
        const eventRule = new aws.cloudwatch.EventRule(`${name}-${rule}`, { region, description, eventPattern: JSON.stringify(pattern), tags }, child);
        new aws.cloudwatch.EventTarget(`${name}-${rule}-target`, { region, rule: eventRule.name, arn: topicArn }, child);
        return eventRule;
    });
    return { trail, bucket, topicArn, rules };
}
