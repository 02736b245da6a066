import { KINDS, defaultRotationDays } from "../kinds";
import { UncheckedCatalog } from "../model";
import { Problem } from "../problems";
import { MIN_AUDIT_RETENTION_DAYS } from "../../audit/plan";
import { versionsForYear, versionsForYearArithmetic } from "../../vault/history";

/** Rules of `stores`: Vault and AWS settings, admin principals, audit retention, and a year of history in production. */

/** An IAM role or user ARN as `aws:PrincipalArn` carries it (path included); `*` and `?` wildcards allowed. */
export const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/*?-]+$/;

export const STS_ARN = /^arn:aws[a-z-]*:sts::/;

/**
 * Why `value` cannot name a principal in a resource policy's `aws:PrincipalArn` condition, or
 * undefined. A role session's `aws:PrincipalArn` is its role's ARN, never the STS session ARN.
 */
export function principalArnProblem(value: string, propertyPath: string): Problem | undefined {
    if (STS_ARN.test(value)) {
        return {
            propertyPath,
            reason: `${JSON.stringify(value)} is an STS session ARN, which never matches: AWS compares the IAM role's ARN (aws:PrincipalArn), so the principal would be locked out; use the role ARN with its path, e.g. arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*`,
        };
    }
    if (!IAM_PRINCIPAL_ARN.test(value)) {
        return {
            propertyPath,
            reason: `${JSON.stringify(value)} is not an IAM role or user ARN; use arn:aws:iam::<12-digit account>:role/<path/name> or arn:aws:iam::<account>:user/<name> (* and ? wildcards allowed)`,
        };
    }
    return undefined;
}

/**
 * In production a critical secret keeps a year of versions in Vault (components/vault/history.ts).
 * Without `stores.vault.maxVersions` the module raises its entry; a configured limit too low is refused.
 */
export function historyProblems(cfg: UncheckedCatalog, enabledStores: string[]): Problem[] {
    const max = cfg.stores?.vault?.maxVersions;
    // Below 2 is already refused on its own (storeProblems).
    if (typeof max !== "number" || max < 2 || !enabledStores.includes("vault") || typeof cfg.secrets !== "object" || cfg.secrets === null) return [];
    return Object.entries(cfg.secrets).flatMap(([name, s]): Problem[] => {
        if (typeof s !== "object" || s === null || (s.criticality ?? "high") !== "critical" || !(s.kind in KINDS)) return [];
        if (Array.isArray(s.stores) && !s.stores.includes("vault")) return [];
        if (Array.isArray(s.environments) && typeof cfg.environment === "string" && !s.environments.includes(cfg.environment)) return [];
        const days = s.rotationDays ?? defaultRotationDays(s.kind, "critical");
        if (typeof days !== "number" || days < 1 || max >= versionsForYear(days)) return [];
        return [{
            propertyPath: "stores.vault.maxVersions",
            reason: `${max} cannot hold a year of ${name}'s history: a critical secret rotated every ${days} days needs ${versionsForYearArithmetic(days)} versions; raise maxVersions to ${versionsForYear(days)} or more, or remove it (the module then raises each critical entry itself)`,
        }];
    });
}

export function storeProblems(cfg: UncheckedCatalog, isProduction: boolean): Problem[] {
    const problems: Problem[] = [];
    const vault = cfg.stores?.vault;
    if (vault && typeof vault.maxVersions === "number" && vault.maxVersions < 2) {
        problems.push({ propertyPath: "stores.vault.maxVersions", reason: `${vault.maxVersions} keeps no previous version, so a rotation would destroy the only copy of the old value; use 2 or more (default 10)` });
    }
    const aws = cfg.stores?.aws;
    const audit = aws?.audit;
    if (typeof audit === "object" && audit !== null && typeof audit.retentionDays === "number" && audit.retentionDays < MIN_AUDIT_RETENTION_DAYS) {
        problems.push({ propertyPath: "stores.aws.audit.retentionDays", reason: `${audit.retentionDays} days would drop access history younger than a year; use at least ${MIN_AUDIT_RETENTION_DAYS} (default ${MIN_AUDIT_RETENTION_DAYS})` });
    }
    if (aws && typeof aws.recoveryWindowDays === "number") {
        const days = aws.recoveryWindowDays;
        if (days !== 0 && (days < 7 || days > 30)) {
            problems.push({ propertyPath: "stores.aws.recoveryWindowDays", reason: `${days} is outside what AWS accepts; use 7 to 30 days (or 0 outside production)` });
        } else if (days === 0 && isProduction) {
            problems.push({ propertyPath: "stores.aws.recoveryWindowDays", reason: `0 deletes secrets without recovery, which production environments do not allow; use 7 to 30 days` });
        }
    }
    if (aws && Array.isArray(aws.replicaRegions) && aws.replicaRegions.includes(aws.region)) {
        problems.push({ propertyPath: "stores.aws.replicaRegions", reason: `"${aws.region}" is the primary region; a replica must be in another region` });
    }
    if (aws && Array.isArray(aws.adminPrincipalArns)) {
        aws.adminPrincipalArns.forEach((arn, i) => {
            const problem = typeof arn === "string" ? principalArnProblem(arn, `stores.aws.adminPrincipalArns[${i}]`) : undefined;
            if (problem) problems.push(problem);
        });
    }
    if (aws && typeof aws.kmsKeyId === "string" && /^alias\/aws\//.test(aws.kmsKeyId)) {
        problems.push({ propertyPath: "stores.aws.kmsKeyId", reason: `"${aws.kmsKeyId}" is an AWS-managed key, which key policies cannot restrict; name a customer-managed key or omit kmsKeyId to have one created` });
    } else if (aws && typeof aws.kmsKeyId === "string" && Array.isArray(aws.replicaRegions) && aws.replicaRegions.length > 0
        && !/(^|:)alias\//.test(aws.kmsKeyId) && !/(^|key\/)mrk-/.test(aws.kmsKeyId)) {
        // A replica secret is encrypted by a key of its own region; a single-Region key exists in one region only.
        problems.push({ propertyPath: "stores.aws.kmsKeyId", reason: `"${aws.kmsKeyId}" is a single-Region key, which cannot encrypt the replicas in ${aws.replicaRegions.join(", ")}; use a multi-Region key (mrk-...) replicated to those regions, an alias created in every replica region, or omit kmsKeyId to have one created` });
    }
    return problems;
}
