import type { ResourceValidationPolicy } from "@pulumi/policy";
import { Statement, documentsOf, statementLabel, statements } from "../lib/iam";
import { configOf } from "../lib/policy";
import { AWS_SECRET_POLICY, KMS_KEY, KMS_KEY_POLICY } from "../lib/types";
import { UNKNOWN_INPUT, hasUnknown, isRecord, propsOf, record, strings } from "../lib/values";

interface Config {
    restrictingConditionKeys: string[];
}

const schema = {
    properties: {
        restrictingConditionKeys: {
            type: "array" as const,
            items: { type: "string" as const },
            default: ["aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:SourceAccount", "aws:SourceArn", "aws:PrincipalArn"],
            description: "Condition keys (matched case-insensitively) that restrict a public principal to known callers: a statement using any of them is not public.",
        },
    },
};

/** The resource policies judged: a secret's, and a KMS key's (on the key or as its own resource). */
const POLICY_TYPES = [AWS_SECRET_POLICY, KMS_KEY, KMS_KEY_POLICY];

/** How a statement grants to everyone, or undefined (a named principal, or one unknown in a preview). */
function publicPrincipal(s: Statement): string | undefined {
    if (s.NotPrincipal !== undefined) {
        return hasUnknown(s.NotPrincipal) ? undefined : `every principal but ${JSON.stringify(s.NotPrincipal)} (NotPrincipal)`;
    }
    if (s.Principal === "*") return 'Principal "*"';
    if (isRecord(s.Principal) && strings(s.Principal.AWS).includes("*")) return 'Principal {"AWS": "*"}';
    return undefined;
}

/** Whether a condition names any of the keys, under any operator; an operator unknown in a preview may. */
function restricts(condition: unknown, keys: readonly string[]): boolean {
    const wanted = new Set(keys.map((k) => k.toLowerCase()));
    return Object.values(record(condition)).some((operands) => operands === UNKNOWN_INPUT || Object.keys(record(operands)).some((k) => wanted.has(k.toLowerCase())));
}

export const awsResourcePolicyPublic: ResourceValidationPolicy = {
    name: "aws-resource-policy-public",
    description: "No secret resource policy or KMS key policy allows everyone (Principal \"*\", {\"AWS\": \"*\"}, or NotPrincipal) without a condition on the caller's account, organization or ARN; no KMS key policy bypasses the lockout safety check.",
    remediationSteps: "Name the principals (account roots or role ARNs) in `Principal`, or restrict a `\"*\"` principal with a condition on `aws:PrincipalAccount`, `aws:PrincipalOrgID`, `aws:PrincipalArn`, `aws:SourceAccount` or `aws:SourceArn`; replace NotPrincipal Allows with named principals; leave `bypassPolicyLockoutSafetyCheck` unset.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        if (!POLICY_TYPES.includes(args.type)) return;
        const props = propsOf(args);
        const what = args.type === AWS_SECRET_POLICY ? "the secret" : "the key";
        if (args.type !== AWS_SECRET_POLICY && props.bypassPolicyLockoutSafetyCheck === true) {
            reportViolation("bypassPolicyLockoutSafetyCheck is true: KMS does not check that the policy still lets a principal manage the key, which may lock it for good");
        }
        const { restrictingConditionKeys } = configOf<Config>(schema, args);
        for (const document of documentsOf([props.policy])) {
            statements(document).forEach((s, i) => {
                if (s.Effect !== "Allow" || s.Principal === UNKNOWN_INPUT || s.Condition === UNKNOWN_INPUT) return;
                const who = publicPrincipal(s);
                if (who === undefined || restricts(s.Condition, restrictingConditionKeys)) return;
                reportViolation(`${statementLabel(s, i)} allows ${who} with no condition on ${restrictingConditionKeys.join(", ")}: any AWS account may use ${what}`);
            });
        }
    },
};
