import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { TAG } from "../lib/marks";
import { MAX_DAYS_SCHEMA, configOf, mark } from "../lib/policy";
import { secretLabel, secretOf } from "../lib/secretsManager";
import { AWS_SECRET, AWS_SECRET_ROTATION } from "../lib/types";
import { UNKNOWN_INPUT, integer, list, propsOf, record } from "../lib/values";

interface Config {
    maxDays: Record<string, number>;
}

const schema = {
    properties: {
        maxDays: { ...MAX_DAYS_SCHEMA, description: "Longest rotation period, in days, per criticality of the rotated secret (tag `criticality`; missing: high)." },
    },
};

const DEFAULT_CRITICALITY = "high";

/** The period of a schedule: `automaticallyAfterDays`, or a `rate(N days)` expression; cron expressions and unknowns are not judged. */
function periodOf(rules: Record<string, unknown>): { days: number; source: string } | undefined {
    const days = integer(rules.automaticallyAfterDays);
    if (days !== undefined) return { days, source: "rotationRules.automaticallyAfterDays" };
    const expression = typeof rules.scheduleExpression === "string" ? rules.scheduleExpression.trim() : "";
    const rate = /^rate\(\s*(\d+)\s+days?\s*\)$/.exec(expression);
    return rate ? { days: Number(rate[1]), source: `rotationRules.scheduleExpression ${expression}` } : undefined;
}

/**
 * A stack policy: a Secrets Manager rotation runs at least as often as the rotated secret's
 * criticality requires (the secret found as by aws-secret-rotation-configured). A secret not in the
 * stack, or without a criticality tag, is held to `high`; one not known yet in a preview (or whose
 * criticality is unknown) to the loosest maximum, so an unknown value never makes a violation.
 */
export const awsSecretRotationSchedule: StackValidationPolicy = {
    name: "aws-secret-rotation-schedule",
    description: "An aws.secretsmanager.SecretRotation rotates at least as often as the maximum for the rotated secret's criticality (`automaticallyAfterDays`, or a `rate(N days)` schedule).",
    remediationSteps: "Lower `rotationRules.automaticallyAfterDays` (or the `rate(N days)` of `scheduleExpression`) to at most the maximum for the secret's criticality.",
    enforcementLevel: "advisory",
    configSchema: schema,
    validateStack: (args, reportViolation) => {
        const { maxDays } = configOf<Config>(schema, args);
        const secrets = args.resources.filter((r: PolicyResource) => r.type === AWS_SECRET);
        for (const rotation of args.resources.filter((r: PolicyResource) => r.type === AWS_SECRET_ROTATION)) {
            const rules = propsOf(rotation).rotationRules;
            if (rules === UNKNOWN_INPUT) continue;
            for (const rule of list(rules)) {
                const period = periodOf(record(rule));
                if (period === undefined) continue;
                const secret = secretOf(rotation, secrets);
                const tagged = secret === undefined || secret === UNKNOWN_INPUT ? undefined : mark(secret.type, propsOf(secret), TAG.criticality);
                const criticality = secret === UNKNOWN_INPUT || tagged === UNKNOWN_INPUT ? undefined
                    : typeof tagged === "string" && maxDays[tagged] !== undefined ? tagged : DEFAULT_CRITICALITY;
                const limit = criticality === undefined ? Math.max(...Object.values(maxDays)) : maxDays[criticality];
                if (limit === undefined || period.days <= limit) continue;
                const what = criticality === undefined ? "any secret" : `${criticality} secrets`;
                const of = secret === undefined || secret === UNKNOWN_INPUT ? "" : ` (secret "${secretLabel(secret)}")`;
                reportViolation(`rotation period of ${period.days} days (${period.source}) exceeds the ${limit}-day maximum for ${what}${of}`, rotation.urn);
            }
        }
    },
};
