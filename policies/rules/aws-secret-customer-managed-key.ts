import type { ResourceValidationPolicy } from "@pulumi/policy";
import { AWS_SECRET } from "../lib/types";
import { UNKNOWN_INPUT, list, propsOf, record } from "../lib/values";

/** The AWS-managed key cannot be shared across accounts, rotated on demand, or have its grants audited apart. */
const AWS_MANAGED = /(^|:)alias\/aws\/secretsmanager$/;

function problem(kmsKeyId: unknown): string | undefined {
    if (kmsKeyId === UNKNOWN_INPUT) return undefined;
    if (kmsKeyId === undefined || kmsKeyId === null || kmsKeyId === "") return "kmsKeyId not set";
    return typeof kmsKeyId === "string" && AWS_MANAGED.test(kmsKeyId) ? `kmsKeyId ${kmsKeyId}` : undefined;
}

export const awsSecretCustomerManagedKey: ResourceValidationPolicy = {
    name: "aws-secret-customer-managed-key",
    description: "Secrets Manager secrets, and each of their replicas, are encrypted with a customer-managed KMS key, not the AWS-managed aws/secretsmanager key.",
    remediationSteps: "Leave `stores.aws.kmsKeyId` unset (the module creates a customer-managed key) or set it to your own key; on a hand-written secret set `kmsKeyId` and each replica's `kmsKeyId`.",
    enforcementLevel: "mandatory",
    configSchema: { properties: {} },
    validateResource: (args, reportViolation) => {
        if (args.type !== AWS_SECRET) return;
        const props = propsOf(args);
        const primary = problem(props.kmsKeyId);
        if (primary) reportViolation(`encrypted with the AWS-managed key aws/secretsmanager (${primary}); use a customer-managed KMS key`);
        for (const replica of list(props.replicas)) {
            const r = record(replica);
            const p = problem(r.kmsKeyId);
            const region = typeof r.region === "string" ? r.region : "?";
            if (p) reportViolation(`replica in ${region} encrypted with the AWS-managed key aws/secretsmanager (${p}); use a customer-managed KMS key of that region`);
        }
    },
};
