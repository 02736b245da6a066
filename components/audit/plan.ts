import { AwsAuditConfig, ResolvedCatalog, VaultAuditConfig } from "../catalog/model";

/**
 * What audit a catalog declares, defaults applied: on by default in production, off elsewhere, and
 * `false` turns it off anywhere. Pure, so the defaults are tested without resources.
 */

export interface VaultAuditPlan {
    type: "file" | "socket" | "syslog";
    path: string;
    options: Record<string, string>;
}

export interface AwsAuditPlan {
    region: string;
    retentionDays: number;
    cloudWatchLogsRetentionDays?: number;
    /** The topic alerts go to: an existing one, or undefined to create one. */
    topicArn?: string;
    subscribers: { protocol: string; endpoint: string }[];
}

/** A year of log files: the shortest retention the module accepts (and the pack's default minimum). */
export const MIN_AUDIT_RETENTION_DAYS = 365;

function wanted<T extends object>(config: T | boolean | undefined, isProduction: boolean): Partial<T> | undefined {
    if (config === false) return undefined;
    if (config === true) return {};
    if (config === undefined) return isProduction ? {} : undefined;
    return config;
}

export function vaultAuditPlan(catalog: Pick<ResolvedCatalog, "environment" | "isProduction"> & { stores: { vault?: { audit?: VaultAuditConfig | boolean } } }): VaultAuditPlan | undefined {
    if (!catalog.stores.vault) return undefined;
    const config = wanted(catalog.stores.vault.audit, catalog.isProduction);
    if (!config) return undefined;
    const name = `platform-secrets-${catalog.environment}`;
    const type = config.type ?? "file";
    return {
        type,
        path: config.path ?? name,
        options: config.options ?? (type === "file" ? { file_path: `/vault/audit/${name}.log` } : {}),
    };
}

export function awsAuditPlan(catalog: Pick<ResolvedCatalog, "isProduction"> & { stores: { aws?: { region: string; audit?: AwsAuditConfig | boolean } } }): AwsAuditPlan | undefined {
    const aws = catalog.stores.aws;
    if (!aws) return undefined;
    const config = wanted(aws.audit, catalog.isProduction);
    if (!config) return undefined;
    return {
        region: aws.region,
        retentionDays: config.retentionDays ?? MIN_AUDIT_RETENTION_DAYS,
        ...(config.cloudWatchLogsRetentionDays !== undefined ? { cloudWatchLogsRetentionDays: config.cloudWatchLogsRetentionDays } : {}),
        ...(config.alerts?.topicArn !== undefined ? { topicArn: config.alerts.topicArn } : {}),
        subscribers: config.alerts?.subscribers ?? [],
    };
}

/**
 * The EventBridge patterns of the alerts, for the stack's secrets (names start `<environment>/`):
 * failed or abandoned rotations, scheduled deletions and resource-policy changes, and AccessDenied.
 */
export function alertPatterns(environment: string): { name: string; description: string; pattern: Record<string, unknown> }[] {
    const ours = [{ prefix: `${environment}/` }, { wildcard: `arn:*:secretsmanager:*:*:secret:${environment}/*` }];
    return [
        {
            name: "rotation",
            description: `Secrets Manager rotation failed or abandoned for ${environment} secrets`,
            pattern: {
                source: ["aws.secretsmanager"],
                "detail-type": ["AWS Service Event via CloudTrail"],
                detail: { eventName: ["RotationFailed", "RotationAbandoned"] },
            },
        },
        {
            name: "changes",
            description: `Deletion scheduled, restored, or resource policy changed on ${environment} secrets`,
            pattern: {
                source: ["aws.secretsmanager"],
                "detail-type": ["AWS API Call via CloudTrail"],
                detail: {
                    eventName: ["DeleteSecret", "RestoreSecret", "PutResourcePolicy", "DeleteResourcePolicy", "CancelRotateSecret", "UpdateSecret"],
                    requestParameters: { secretId: ours },
                },
            },
        },
        {
            name: "access-denied",
            description: `AccessDenied on ${environment} secrets`,
            pattern: {
                source: ["aws.secretsmanager"],
                "detail-type": ["AWS API Call via CloudTrail"],
                detail: { errorCode: ["AccessDenied", "AccessDeniedException"], requestParameters: { secretId: ours } },
            },
        },
    ];
}
