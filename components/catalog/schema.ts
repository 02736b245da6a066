import { CRITICALITIES, SECRET_KINDS } from "./kinds";
import { CLOUDWATCH_LOGS_RETENTION_DAYS, CatalogConfig, SNS_PROTOCOLS, STORE_NAMES } from "./model";
import { Equal, FromSchema } from "./schemaType";

/**
 * Structure of the catalog (types, enums, unknown fields). Rules that depend on
 * other fields (a kind's minimum length, references to consumers and stores) are
 * checked in `validate.ts`, where the message can say how to fix them.
 *
 * The schema and `CatalogConfig` (model.ts, where each field is documented) cannot drift apart:
 * `SCHEMA_ACCEPTS_CATALOG_CONFIG` below only compiles while the type tsc reads from this schema
 * (`FromSchema`, schemaType.ts) is exactly `CatalogConfig`, field by field, required or optional.
 * What tsc cannot see: patterns, minimum lengths, and `additionalProperties: false` (the type of an
 * object literal refuses unknown fields anyway).
 */
const stringList = { type: "array", items: { type: "string" } } as const;

export const catalogSchema = {
    type: "object",
    required: ["environment", "stores", "secrets"],
    additionalProperties: false,
    properties: {
        environment: { type: "string" },
        productionEnvironments: stringList,
        environments: stringList,
        owner: { type: "string", minLength: 1 },
        protection: { enum: ["protect", "retain", "none"] },
        rotationWarningDays: { type: "integer" },
        stores: {
            type: "object",
            additionalProperties: false,
            properties: {
                vault: {
                    type: "object",
                    required: ["mount"],
                    additionalProperties: false,
                    properties: {
                        mount: { type: "string", minLength: 1 },
                        manageMount: { type: "boolean" },
                        maxVersions: { type: "integer" },
                        // true: the defaults; false: none; an object: these settings.
                        audit: {
                            type: ["object", "boolean"],
                            additionalProperties: false,
                            properties: {
                                type: { enum: ["file", "socket", "syslog"] },
                                path: { type: "string", pattern: "^[A-Za-z0-9][A-Za-z0-9_/-]*$" },
                                options: { type: "object", additionalProperties: { type: "string" } },
                            },
                        },
                    },
                },
                aws: {
                    type: "object",
                    required: ["region"],
                    additionalProperties: false,
                    properties: {
                        region: { type: "string", pattern: "^[a-z]{2}(-[a-z]+)+-\\d$" },
                        kmsKeyId: { type: "string", minLength: 1 },
                        recoveryWindowDays: { type: "integer" },
                        replicaRegions: { type: "array", items: { type: "string", pattern: "^[a-z]{2}(-[a-z]+)+-\\d$" } },
                        bundle: { enum: ["none", "group"] },
                        // IAM role/user ARNs only: checked in validate.ts, whose message explains why an STS session ARN never matches.
                        adminPrincipalArns: stringList,
                        // true: the defaults; false: none; an object: these settings.
                        audit: {
                            type: ["object", "boolean"],
                            additionalProperties: false,
                            properties: {
                                retentionDays: { type: "integer" },
                                cloudWatchLogsRetentionDays: { enum: CLOUDWATCH_LOGS_RETENTION_DAYS },
                                alerts: {
                                    type: "object",
                                    additionalProperties: false,
                                    properties: {
                                        topicArn: { type: "string", pattern: "^arn:aws[a-z-]*:sns:[a-z0-9-]+:\\d{12}:[A-Za-z0-9_-]+$" },
                                        subscribers: {
                                            type: "array",
                                            items: {
                                                type: "object",
                                                required: ["protocol", "endpoint"],
                                                additionalProperties: false,
                                                properties: {
                                                    protocol: { enum: SNS_PROTOCOLS },
                                                    endpoint: { type: "string", minLength: 1 },
                                                },
                                            },
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
        kubernetes: {
            type: "object",
            required: ["mode"],
            additionalProperties: false,
            properties: {
                mode: { enum: ["external-secrets", "secret"] },
                // Go durations, as the operator parses them.
                refreshInterval: { type: "string", pattern: "^([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+$" },
                namespaceRule: { enum: ["suffix", "prefix", "declared"] },
                namespaces: { type: "object", additionalProperties: { type: "string" } },
                source: { enum: [...STORE_NAMES] },
                vault: {
                    type: "object",
                    additionalProperties: false,
                    properties: {
                        server: { type: "string", pattern: "^https?://" },
                        authMount: { type: "string", minLength: 1 },
                    },
                },
                aws: {
                    type: "object",
                    additionalProperties: false,
                    properties: {
                        oidcProviderArn: { type: "string", pattern: "^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/.+" },
                    },
                },
                readerServiceAccount: { type: "string", minLength: 1 },
            },
        },
        consumers: {
            type: "object",
            additionalProperties: {
                type: "object",
                required: ["namespace", "serviceAccount"],
                additionalProperties: false,
                properties: {
                    namespace: { type: "string" },
                    serviceAccount: { type: "string" },
                    awsRoleName: { type: "string", minLength: 1 },
                    // Secret name -> key -> catalog NAME (or a dockerconfigjson entry): checked in rules/consumers.ts.
                    projection: { type: "object", additionalProperties: { type: "object", additionalProperties: { type: "string" } } },
                },
            },
        },
        secrets: {
            type: "object",
            additionalProperties: {
                type: "object",
                required: ["kind"],
                additionalProperties: false,
                properties: {
                    kind: { enum: [...SECRET_KINDS] },
                    group: { type: "string", pattern: "^[a-z0-9][a-z0-9-]*$" },
                    description: { type: "string" },
                    length: { type: "integer" },
                    criticality: { enum: [...CRITICALITIES] },
                    required: { type: "boolean" },
                    format: { type: "string" },
                    username: { type: "string" },
                    rotationDays: { type: "integer" },
                    keepPrevious: { type: "boolean" },
                    environments: stringList,
                    consumers: stringList,
                    stores: { type: "array", items: { enum: [...STORE_NAMES] } },
                    avoidCharacters: { type: "string" },
                    owner: { type: "string", minLength: 1 },
                    emergencyRotation: { type: "string", minLength: 1 },
                    lastRotated: { type: "string" },
                    template: { type: "string" },
                    awsRotation: {
                        type: "object",
                        required: ["lambdaArn", "lambdaRoleArn"],
                        additionalProperties: false,
                        properties: {
                            lambdaArn: { type: "string", pattern: "^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$" },
                            // An IAM role ARN: checked in validate.ts, like adminPrincipalArns.
                            lambdaRoleArn: { type: "string" },
                            scheduleExpression: { type: "string", pattern: "^(rate|cron)\\(.+\\)$" },
                            automaticallyAfterDays: { type: "integer" },
                            duration: { type: "string", pattern: "^\\d+h$" },
                            rotateImmediately: { type: "boolean" },
                        },
                    },
                    // kind: aws-access-key (rules/accessKey.ts checks names, ARNs and the document)
                    user: { type: "string" },
                    policyArns: stringList,
                    policy: { type: ["object", "string"] },
                    keys: {
                        type: "object",
                        additionalProperties: false,
                        required: ["id", "secret"],
                        properties: { id: { type: "string" }, secret: { type: "string" } },
                    },
                },
            },
        },
    },
} as const;

type Properties = typeof catalogSchema.properties;

/**
 * Compile-time proof that the schema accepts exactly `CatalogConfig`. When it fails, the part that
 * differs names the section to compare (`stores`, `secrets`, ...); `true` on the others.
 */
export const SCHEMA_ACCEPTS_CATALOG_CONFIG: {
    catalog: Equal<FromSchema<typeof catalogSchema>, CatalogConfig>;
    stores: Equal<FromSchema<Properties["stores"]>, CatalogConfig["stores"]>;
    kubernetes: Equal<FromSchema<Properties["kubernetes"]>, NonNullable<CatalogConfig["kubernetes"]>>;
    consumers: Equal<FromSchema<Properties["consumers"]>, NonNullable<CatalogConfig["consumers"]>>;
    secrets: Equal<FromSchema<Properties["secrets"]>, CatalogConfig["secrets"]>;
} = { catalog: true, stores: true, kubernetes: true, consumers: true, secrets: true };
