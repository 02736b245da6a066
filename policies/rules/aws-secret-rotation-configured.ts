import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { TAG } from "../lib/marks";
import { rotationMarksOf } from "../lib/policy";
import { secretLabel, secretOf } from "../lib/secretsManager";
import { AWS_SECRET, AWS_SECRET_ROTATION } from "../lib/types";
import { UNKNOWN_INPUT, propsOf } from "../lib/values";

/**
 * A stack policy: every Secrets Manager secret is rotated, by the module (its `rotation-days` mark,
 * the value regenerated on schedule) or by Secrets Manager itself (a SecretRotation whose `secretId`
 * is the secret, followed through its property dependency or matched on the secret's id, ARN or name).
 * Marks unknown in a preview, or a SecretRotation whose secret is unknown, are no violation.
 */
export const awsSecretRotationConfigured: StackValidationPolicy = {
    name: "aws-secret-rotation-configured",
    description: "Every Secrets Manager secret is rotated: it carries platform-secrets rotation marks (tag `rotation-days`) or is the target of an aws.secretsmanager.SecretRotation.",
    remediationSteps: "Declare the secret through the module with a rotation period (`rotationDays`), or add an `aws.secretsmanager.SecretRotation` with `secretId: secret.id`, a rotation Lambda and `rotationRules`.",
    enforcementLevel: "mandatory",
    validateStack: (args, reportViolation) => {
        const secrets = args.resources.filter((r: PolicyResource) => r.type === AWS_SECRET);
        if (secrets.length === 0) return;
        const targets = args.resources.filter((r: PolicyResource) => r.type === AWS_SECRET_ROTATION).map((r) => secretOf(r, secrets));
        // A rotation whose secret is not known yet may rotate any of them.
        if (targets.includes(UNKNOWN_INPUT)) return;
        for (const secret of secrets) {
            if (targets.includes(secret)) continue;
            const rotation = rotationMarksOf(secret.type, propsOf(secret));
            if (rotation === undefined || rotation.marks[TAG.rotationDays] !== undefined) continue;
            reportViolation(`secret "${secretLabel(secret)}" has no rotation: neither platform-secrets rotation marks nor an aws.secretsmanager.SecretRotation`, secret.urn);
        }
    },
};
