import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { AWS_SECRET, CLOUDTRAIL_TRAIL, S3_BUCKET_LIFECYCLE_TYPES } from "../lib/types";
import { Props, UNKNOWN_INPUT, integer, list, propsOf, record, strings } from "../lib/values";

interface Config {
    managedElsewhere: boolean;
    minRetentionDays: number;
}

const schema = {
    properties: {
        managedElsewhere: { type: "boolean" as const, default: false, description: "An organization trail (or another stack's) records this account's management events: the rule is satisfied." },
        minRetentionDays: { type: "integer" as const, minimum: 1, default: 365, description: "Fewest days the trail's log bucket keeps its objects (an enabled lifecycle rule's `expiration.days`)." },
    },
};

/** Whether an event selector, unknown in a preview or not, may record management events (read and write). */
function recordsManagement(selector: unknown): boolean {
    if (selector === UNKNOWN_INPUT) return true;
    const s = record(selector);
    const readWrite = s.readWriteType;
    return s.includeManagementEvents !== false && (readWrite === undefined || readWrite === "All" || readWrite === UNKNOWN_INPUT);
}

/** Whether an advanced event selector, unknown or not, selects the management event category. */
function selectsManagement(selector: unknown): boolean {
    if (selector === UNKNOWN_INPUT) return true;
    const fields = record(selector).fieldSelectors;
    if (fields === UNKNOWN_INPUT) return true;
    return list(fields).some((f) => {
        if (f === UNKNOWN_INPUT) return true;
        const field = record(f);
        return (field.field === "eventCategory" || field.field === UNKNOWN_INPUT) && (field.equals === UNKNOWN_INPUT || strings(field.equals).includes("Management"));
    });
}

/**
 * Whether a trail records management events: no selectors at all (CloudTrail's default), an event
 * selector including them for reads and writes, or an advanced selector on `eventCategory`
 * Management; and logging is not turned off. Unknown values may satisfy it: no violation.
 */
function recordsManagementEvents(props: Props): boolean {
    if (props.enableLogging === false) return false;
    const { eventSelectors, advancedEventSelectors } = props;
    if (eventSelectors === UNKNOWN_INPUT || advancedEventSelectors === UNKNOWN_INPUT) return true;
    const basic = list(eventSelectors);
    const advanced = list(advancedEventSelectors);
    if (basic.length === 0 && advanced.length === 0) return true;
    return basic.some(recordsManagement) || advanced.some(selectsManagement);
}

/**
 * A stack policy: a stack that stores Secrets Manager secrets declares a CloudTrail trail that
 * records management events (GetSecretValue, PutSecretValue, RotateSecret, DeleteSecret), and the
 * trail's log bucket, when the stack declares its lifecycle, keeps the logs long enough.
 */
export const awsSecretsAuditTrail: StackValidationPolicy = {
    name: "aws-secrets-audit-trail",
    description: "A stack that stores Secrets Manager secrets declares a CloudTrail trail recording management events, with logging on; a lifecycle on the trail's bucket keeps the logs at least the minimum.",
    remediationSteps: "Declare an `aws.cloudtrail.Trail` with management events (no event selectors, or one with `includeManagementEvents` and `readWriteType: All`, or an advanced selector on `eventCategory` Management) and `enableLogging` not false; expire its bucket's objects after at least `minRetentionDays` (365). Set `managedElsewhere: true` when an organization trail covers the account.",
    enforcementLevel: "advisory",
    configSchema: schema,
    validateStack: (args, reportViolation) => {
        const { managedElsewhere, minRetentionDays } = configOf<Config>(schema, args);
        if (managedElsewhere === true) return;
        if (!args.resources.some((r: PolicyResource) => r.type === AWS_SECRET)) return;
        const trails = args.resources.filter((r: PolicyResource) => r.type === CLOUDTRAIL_TRAIL).map(propsOf).filter(recordsManagementEvents);
        if (trails.length === 0) {
            reportViolation("Secrets Manager secrets are stored but no CloudTrail trail records management events: reads, rotations and deletions of secrets go unrecorded; "
                + `declare an aws.cloudtrail.Trail with management events (and a log bucket kept at least ${minRetentionDays} days), or set managedElsewhere if an organization trail covers this account`);
            return;
        }
        const buckets = new Set(trails.map((t) => t.s3BucketName).filter((b): b is string => typeof b === "string"));
        for (const r of args.resources) {
            if (!S3_BUCKET_LIFECYCLE_TYPES.includes(r.type)) continue;
            const props = propsOf(r);
            if (typeof props.bucket !== "string" || !buckets.has(props.bucket)) continue;
            for (const rule of list(props.rules)) {
                const { status, expiration } = record(rule);
                if (status !== "Enabled") continue;
                for (const e of list(expiration)) {
                    const days = integer(record(e).days);
                    if (days !== undefined && days < minRetentionDays) {
                        reportViolation(`trail logs expire after ${days} days, below the ${minRetentionDays}-day minimum: keep a year of secret access history`, r.urn);
                    }
                }
            }
        }
    },
};
