import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { IAM_DOCUMENT_TYPES, IAM_ROLE } from "../lib/types";
import { UNKNOWN_INPUT, list, propsOf, record, strings } from "../lib/values";
import { documentsOf, secretNameOfArn, statementLabel, statements } from "../lib/iam";
import { wildcardMatches } from "../lib/wildcard";

interface Config {
    readActions: string[];
}

const schema = {
    properties: {
        readActions: {
            type: "array" as const,
            items: { type: "string" as const },
            default: ["secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue"],
            description: "Actions that read a secret's value (matched case-insensitively, IAM wildcards included).",
        },
    },
};

/** IAM action globbing (actions are case-insensitive). */
function matches(pattern: string, action: string): boolean {
    return wildcardMatches(pattern, action, "iam", { ignoreCase: true });
}

/**
 * What a secret ARN whose name is a glob reaches beyond one secret, or undefined: an exact name, or a
 * full name followed by `-*` or `-??????` (AWS's match for the random 6-character suffix of the ARN).
 */
function reachOfGlob(arn: string): string | undefined {
    const name = secretNameOfArn(arn);
    if (name === undefined || !/[*?]/.test(name)) return undefined;
    const stem = /^(.*)-(\*|\?{6})$/.exec(name)?.[1];
    if (stem !== undefined && stem !== "" && !/[*?]/.test(stem) && !stem.endsWith("/")) return undefined;
    const prefix = name.slice(0, name.search(/[*?]/));
    return name === `${prefix}*` ? `every secret whose name starts with "${prefix}"` : `every secret whose name matches "${name}"`;
}

export const awsIamSecretAccess: ResourceValidationPolicy = {
    name: "aws-iam-secret-access",
    description: "No IAM statement allows `secretsmanager:*` (or `*`, or everything through NotAction), and none allows reading secret values on Resource \"*\" (or on `secret:*`, on a name glob such as `secret:prod/*`, or on everything through NotResource).",
    remediationSteps: "Grant only the read actions a workload needs (secretsmanager:GetSecretValue, DescribeSecret) on the ARNs of its own secrets.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        const props = propsOf(args);
        const documents = IAM_DOCUMENT_TYPES.includes(args.type) ? [props.policy]
            : args.type === IAM_ROLE ? list(props.inlinePolicies).map((p) => record(p).policy)
            : [];
        const { readActions } = configOf<Config>(schema, args);
        for (const document of documentsOf(documents)) {
            statements(document).forEach((s, i) => {
                if (s.Effect !== "Allow" || s.Action === UNKNOWN_INPUT || s.NotAction === UNKNOWN_INPUT || s.NotResource === UNKNOWN_INPUT) return;
                // NotAction grants every action it does not list; NotResource every resource it does not list.
                const notActions = s.NotAction !== undefined ? strings(s.NotAction) : undefined;
                const allows = (action: string) => notActions ? !notActions.some((n) => matches(n, action)) : strings(s.Action).some((a) => matches(a, action));
                const core = ["secretsmanager:GetSecretValue", "secretsmanager:DeleteSecret", "secretsmanager:PutResourcePolicy"];
                if (notActions && core.every(allows)) {
                    reportViolation(`${statementLabel(s, i)} allows every action but ${notActions.map((a) => `"${a}"`).join(", ") || "none"} (NotAction): every Secrets Manager action, deletion and policy changes included`);
                    return;
                }
                const all = notActions ? undefined : strings(s.Action).find((a) => matches(a, "secretsmanager:anyaction") && matches(a, "secretsmanager:GetSecretValue") && matches(a, "secretsmanager:DeleteSecret"));
                if (all !== undefined) {
                    reportViolation(`${statementLabel(s, i)} allows "${all}": every Secrets Manager action, deletion and policy changes included`);
                    return;
                }
                const reads = notActions ? readActions.filter(allows) : strings(s.Action).filter((a) => readActions.some((r) => matches(a, r)));
                if (reads.length === 0) return;
                if (s.NotResource !== undefined) {
                    const excluded = strings(s.NotResource);
                    // Unless it excludes every secret, NotResource leaves secrets of every environment in reach.
                    if (!excluded.some((r) => r === "*" || /^arn:[^:]*:secretsmanager:\*?[^:]*:[^:]*:secret:\*$/.test(r) || /^arn:[^:]*:secretsmanager:\*/.test(r))) {
                        reportViolation(`${statementLabel(s, i)} allows ${reads.join(", ")} on every resource but ${excluded.map((r) => `"${r}"`).join(", ")} (NotResource): every secret in the account`);
                    }
                    return;
                }
                // `*`, or a secret ARN whose name starts with a glob: every secret of every environment.
                const everything = strings(s.Resource).find((r) => r === "*" || secretNameOfArn(r)?.startsWith("*"));
                if (everything !== undefined) {
                    reportViolation(`${statementLabel(s, i)} allows ${reads.join(", ")} on Resource "${everything}": every secret in the account`);
                    return;
                }
                // A glob within the name (`secret:prod/*`, `secret:prod/app*`): every secret it matches.
                for (const r of strings(s.Resource)) {
                    const reach = reachOfGlob(r);
                    if (reach !== undefined) {
                        reportViolation(`${statementLabel(s, i)} allows ${reads.join(", ")} on Resource "${r}": ${reach}`);
                        return;
                    }
                }
            });
        }
    },
};
