import { Criticality, SecretKind } from "./kinds";
import { everyMember } from "./schemaType";

/**
 * The catalog as a user writes it: the contract's stack configuration
 * (`platform-secrets:*` keys), one object. Plain values, not `pulumi.Input`s:
 * which resources exist depends on them, and resources must never be created
 * inside an `apply`.
 */
export interface CatalogConfig {
    /** The environment this stack serves (`^[a-z][a-z0-9-]*$`). Prefixes every store path. */
    environment: string;
    /**
     * Environments held to production rules: required external secrets must be set,
     * stored secrets and keys are protected.
     * @default ["prod", "production"]
     */
    productionEnvironments?: string[];
    /**
     * Every environment the catalog serves. A secret's `environments` may only name these,
     * so a typo (`prdo`) is an error rather than a secret that silently never exists.
     * `environment` and `productionEnvironments` are always included.
     * @default ["dev", "staging", "prod"]
     */
    environments?: string[];
    /** The enabled stores. At least one must be enabled, unless `kubernetes.mode` is `secret`. */
    stores: StoresConfig;
    /**
     * Projection into Kubernetes and the namespace rule that keeps environments apart.
     * @default no projection: no Kubernetes object is created (Vault and IAM grants still are)
     */
    kubernetes?: KubernetesConfig;
    /** The workloads that read secrets, by name. @default {} */
    consumers?: Record<string, ConsumerConfig>;
    /** The secrets, by env-var style name (`^[A-Z][A-Z0-9_]*$`). */
    secrets: Record<string, SecretConfig>;
    /**
     * Who owns the secrets; written into Vault custom metadata and AWS tags unless a secret names its own.
     * @default "platform-team"
     */
    owner?: string;
    /**
     * What guards stored secrets and keys against a stray destroy or rename: `protect` makes
     * Pulumi refuse to delete them, `retain` lets Pulumi forget them but leaves them in the store,
     * `none` keeps the environment disposable.
     * @default "protect" in production environments, "none" elsewhere
     */
    protection?: Protection;
    /**
     * `check` marks a secret `due-soon` when its next rotation is at most this many days away.
     * @default 14
     */
    rotationWarningDays?: number;
}

export type Protection = "protect" | "retain" | "none";

export interface StoresConfig {
    /** HashiCorp Vault, KV version 2. */
    vault?: VaultStoreConfig;
    /** AWS Secrets Manager. */
    aws?: AwsStoreConfig;
}

export interface VaultStoreConfig {
    /** Mount path of the KV v2 engine. */
    mount: string;
    /**
     * Create and configure the mount. Set to false when the mount is shared with other stacks and
     * owned elsewhere; its `max_versions` must then be at least 2 for two-slot rotation to be safe.
     * @default true
     */
    manageMount?: boolean;
    /**
     * Versions Vault keeps per entry: a rotated value stays readable as an older version.
     * Never below 2.
     * @default 10
     */
    maxVersions?: number;
    /**
     * A Vault audit device, so every read and write of a secret is logged (Vault logs HMACs of
     * values, never the values). `true` takes the defaults anywhere; `false` declares none, for a Vault whose audit devices another stack
     * manages (the pack's vault-audit-device then needs its `managedElsewhere`).
     * @default in production `{ type: "file", path: "platform-secrets-<environment>", options: { file_path: "/vault/audit/platform-secrets-<environment>.log" } }`; elsewhere none
     */
    audit?: VaultAuditConfig | boolean;
}

export interface VaultAuditConfig {
    /** `file`, `socket` or `syslog`. @default "file" */
    type?: "file" | "socket" | "syslog";
    /** Path of the device in Vault (`sys/audit/<path>`). @default "platform-secrets-<environment>" */
    path?: string;
    /**
     * The device's options, as Vault takes them (`file_path` for file, `address` and `socket_type`
     * for socket, `tag` and `facility` for syslog). @default for file: `file_path: /vault/audit/platform-secrets-<environment>.log`
     */
    options?: Record<string, string>;
}

export interface AwsAuditConfig {
    /**
     * Days the CloudTrail log files are kept in their S3 bucket (encrypted, public access blocked).
     * At least 365: a year of access history for every secret.
     * @default 365
     */
    retentionDays?: number;
    /** Also deliver the trail to a CloudWatch Logs group kept this many days. @default not delivered */
    cloudWatchLogsRetentionDays?: CloudWatchLogsRetentionDays;
    /** Alerts on rotation failures, scheduled deletions, resource-policy changes and AccessDenied to the stack's secrets. */
    alerts?: {
        /** An existing SNS topic to publish to. @default a topic is created */
        topicArn?: string;
        /** Subscriptions of the created topic (`email`, `https`, `sqs`, `lambda`, ...). @default none */
        subscribers?: { protocol: SnsProtocol; endpoint: string }[];
    };
}

/** The retention periods, in days, that CloudWatch Logs accepts. */
export const CLOUDWATCH_LOGS_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export type CloudWatchLogsRetentionDays = (typeof CLOUDWATCH_LOGS_RETENTION_DAYS)[number];

/** The protocols an SNS subscription takes. */
export const SNS_PROTOCOLS = ["email", "email-json", "http", "https", "sqs", "lambda", "sms", "application", "firehose"] as const;

export type SnsProtocol = (typeof SNS_PROTOCOLS)[number];

export interface AwsStoreConfig {
    /** Region of the primary secrets (and of the KMS key the module creates). */
    region: string;
    /**
     * Customer-managed KMS key (id, ARN or `alias/...`) that encrypts the secrets.
     * Omitted: the module creates one with automatic key rotation on.
     * Never the AWS-managed `aws/secretsmanager` key: it cannot be restricted by key policy or shared.
     */
    kmsKeyId?: string;
    /**
     * Days a deleted secret stays recoverable (7 to 30; 0 deletes at once and is refused in production).
     * @default 30
     */
    recoveryWindowDays?: number;
    /** Regions each secret is replicated to. Each replica is billed as a secret. @default [] */
    replicaRegions?: string[];
    /**
     * `none`: one AWS secret per catalog secret. `group`: one AWS secret per group, a JSON object with
     * one key per secret. Bundling cuts the bill, but IAM grants whole AWS secrets: a workload that may
     * read one secret of a group can read them all.
     * @default "none"
     */
    bundle?: "none" | "group";
    /**
     * Principals (role or user ARNs, `*` wildcards allowed) that may write and administer the secrets:
     * each secret's resource policy denies writes to everyone else, and exempts them from the
     * environment read fence. Put the deploying role here, or Pulumi cannot refresh or update secrets
     * unless it carries the `environment` tag of this stack.
     * @default [] (no write fence; reads still fenced by environment)
     */
    adminPrincipalArns?: string[];
    /**
     * A CloudTrail trail of the account's management events (Secrets Manager and KMS calls among them)
     * into an encrypted S3 bucket kept at least a year, and EventBridge alerts to SNS. `true` takes the
     * defaults anywhere; `false` declares
     * none, for an account an organization trail covers (the pack's aws-secrets-audit-trail then
     * needs its `managedElsewhere`).
     * @default in production `{ retentionDays: 365, alerts: {} }` (a created topic, no subscribers); elsewhere none
     */
    audit?: AwsAuditConfig | boolean;
}

export type KubernetesMode = "external-secrets" | "secret";

/** How the environment of a namespace is known. */
export type NamespaceRule = "suffix" | "prefix" | "declared";

export interface KubernetesConfig {
    /**
     * `external-secrets`: External Secrets Operator resources; values go from the stores to the cluster
     * without passing through Pulumi. `secret`: a native Secret written by Pulumi (values in Pulumi state,
     * encrypted as secrets), for clusters without the operator.
     */
    mode: KubernetesMode;
    /** How often the operator re-reads the stores (`external-secrets` mode). @default "1h" */
    refreshInterval?: string;
    /**
     * Which environment a namespace belongs to: `suffix` (`shop-prod` is `prod`), `prefix` (`prod-shop`),
     * or `declared` (only `namespaces` says). Entries of `namespaces` win under every rule.
     * @default "suffix"
     */
    namespaceRule?: NamespaceRule;
    /**
     * Namespace to environment, as the namespaces are labelled (`platform-secrets.io/environment`).
     * @default {}
     */
    namespaces?: Record<string, string>;
    /**
     * Store the operator reads a secret from when it is in both. @default "vault"
     */
    source?: StoreName;
    /** Vault as the operator reaches it. */
    vault?: {
        /** Vault's address from inside the cluster. Required when the operator reads from Vault. */
        server?: string;
        /** Path of Vault's Kubernetes auth method for this cluster. @default "kubernetes" */
        authMount?: string;
    };
    /** AWS as the operator reaches it (IRSA). */
    aws?: {
        /**
         * ARN of the cluster's IAM OIDC provider (`arn:aws:iam::<account>:oidc-provider/<issuer>`).
         * Required when the operator reads from AWS: each namespace's reader role trusts only its
         * reader service account through it.
         */
        oidcProviderArn?: string;
    };
    /** Service account the operator authenticates as in each namespace. @default "platform-secrets-reader" */
    readerServiceAccount?: string;
}

export interface ConsumerConfig {
    /** Kubernetes namespace of the workload. */
    namespace: string;
    /** Kubernetes service account the workload runs as. */
    serviceAccount: string;
    /**
     * IAM role name (not ARN) the workload assumes (IRSA or Pod Identity): a read policy on exactly its
     * secrets is attached to it. Security: the role must be tagged `environment=<environment>`, as each
     * secret's resource policy denies reads to principals of any other (or no) environment.
     * @default none: no IAM grant
     */
    awsRoleName?: string;
    /**
     * The layout of the workload's Kubernetes Secrets: Secret name to `{ <key>: <CATALOG_NAME> }`, or
     * a `{ type: dockerconfigjson, registry, username, password: <CATALOG_NAME> }` entry for image pulls.
     * The workload gets exactly these Secrets with exactly these keys; a two-slot secret adds its
     * previous value under `<key>_PREVIOUS` (upper-case keys) or `<key>-previous`. Every mapped secret
     * must be one the consumer consumes (its `consumers` names it).
     * @default one Secret `<consumer>-secrets`, one key per consumed secret (key = NAME)
     */
    projection?: Record<string, ProjectionSecretConfig>;
}

/**
 * One Secret of a `projection`: key to catalog NAME; or, when `type` is `dockerconfigjson`, the
 * fields `registry`, `username` (plain text) and `password` (a catalog NAME).
 */
export type ProjectionSecretConfig = Record<string, string>;

export interface SecretConfig {
    /** How the value is made. */
    kind: SecretKind;
    /** Path segment: stored at `<environment>/<group>/<name>`. @default by kind (`auth` for `jwt`, ...) */
    group?: string;
    /** What it is for; written to the stores' descriptions. */
    description?: string;
    /** Length in the kind's unit (characters or bytes); never below the kind's minimum. @default by kind */
    length?: number;
    /** @default "high" */
    criticality?: Criticality;
    /** For `external`: must be provided in production environments. @default true */
    required?: boolean;
    /** For `external`: a regular expression the value must match. Checked without printing the value. */
    format?: string;
    /** For `basic-auth`: the user name. */
    username?: string;
    /** Rotation period in days. @default by criticality (critical and high 90, medium 180, low 365; fernet 365) */
    rotationDays?: number;
    /** Keep the previous value valid for one period (two-slot rotation). @default true for jwt, fernet and session/signing/CSRF keys */
    keepPrevious?: boolean;
    /** Only these environments have this secret. @default all */
    environments?: string[];
    /** Names from `consumers`. @default [] */
    consumers?: string[];
    /** Subset of the enabled stores. @default all enabled stores */
    stores?: StoreName[];
    /** For `password` and `basic-auth`: characters never to use (for connection strings, shells, URLs). */
    avoidCharacters?: string;
    /** Owner written to store metadata. @default the catalog's `owner` */
    owner?: string;
    /**
     * Emergency rotation: set (or change) to any new string, e.g. `2027-02-14-incident-42`, and the
     * next `pulumi up` replaces this secret's value, and nothing else. With `keepPrevious` both
     * values are replaced: a compromised key must not stay valid as `NAME_PREVIOUS`.
     * Generated kinds only. Not a secret: it is written to state and to `keepers` in clear text.
     * @default none
     */
    emergencyRotation?: string;
    /**
     * For `external`: the date (`YYYY-MM-DD`) a person last rotated the value. Tagged `last-rotated`;
     * `check` reports it due or overdue after `rotationDays`. Update it whenever you set a new value.
     * @default unknown (no due date reported)
     */
    lastRotated?: string;
    /**
     * Hand the value to a Secrets Manager rotation Lambda (database passwords a service must change
     * too). Pulumi makes the initial value, then stops writing it (`ignoreChanges: ["secretString"]`).
     * Needs the secret stored in AWS only (`stores: [aws]`), not bundled. @default none (Pulumi rotates)
     */
    awsRotation?: AwsRotationConfig;
    /**
     * For `template`: the value, built from other secrets of the catalog (docs/configuration.md,
     * "Templates"): `${NAME}` as is, `${NAME:url}` percent-encoded, `$${` for a literal `${`. A
     * template starting with `{` or `[` is JSON: values are JSON-string-escaped when filled.
     */
    template?: string;
    // kind: aws-access-key (AccessKeyConfig documents them)
    /** For `aws-access-key`: the IAM user, created as `<environment>-<user>`. */
    user?: string;
    /** For `aws-access-key`: managed or customer policy ARNs attached to the user. @default [] */
    policyArns?: string[];
    /** For `aws-access-key`: the user's inline policy, an IAM policy document (a mapping or its JSON text). @default none */
    policy?: Record<string, unknown> | string;
    /** For `aws-access-key`: the two variables it projects, e.g. `{ id: AWS_ACCESS_KEY_ID, secret: AWS_SECRET_ACCESS_KEY }`. */
    keys?: AccessKeyNames;
}

/** The variables an `aws-access-key` secret delivers: the key id and the secret access key (each also `_PREVIOUS`). */
export interface AccessKeyNames {
    id: string;
    secret: string;
}

/** An `aws-access-key` secret after validation: the IAM user and its permissions. */
export interface ResolvedAccessKey {
    /** The IAM user's name, `<environment>-<user>`. */
    userName: string;
    policyArns: string[];
    /** The inline policy as JSON text, when there is one. */
    policy?: string;
    keys: AccessKeyNames;
}

/** `aws.secretsmanager.SecretRotation` settings. Exactly one of `scheduleExpression` and `automaticallyAfterDays`. */
export interface AwsRotationConfig {
    /**
     * ARN of the rotation Lambda. Its resource policy must let `secretsmanager.amazonaws.com` invoke it,
     * and its role must be allowed to use the secrets' KMS key.
     */
    lambdaArn: string;
    /**
     * ARN of the Lambda's execution role (`arn:aws:iam::<account>:role/<path/name>`). The secret's
     * environment fence exempts it from both its read and its write deny: the Lambda reads and writes
     * the secret with this role, which is neither an AWS service principal nor tagged with the environment.
     */
    lambdaRoleArn: string;
    /** `rate(30 days)` or `cron(...)`, as Secrets Manager takes it. */
    scheduleExpression?: string;
    /** Days between rotations, 1 to 1000. */
    automaticallyAfterDays?: number;
    /** Rotation window, e.g. `3h`. @default AWS's (the whole day) */
    duration?: string;
    /** Rotate as soon as the rotation is attached. @default AWS's (true) */
    rotateImmediately?: boolean;
}

export type StoreName = "vault" | "aws";

export const STORE_NAMES: readonly StoreName[] = everyMember<StoreName>()(["vault", "aws"]);

/**
 * The catalog as the rules read it. They run on a catalog the schema refused too (every problem at
 * once, validate.ts), so any field, at any depth, may be missing or of another type than
 * `CatalogConfig` says: the one place where the typed schema cannot vouch for the input, and why the
 * rules check a field's type (`typeof`, `Array.isArray`) before they read it. A catalog the schema
 * accepted is a `CatalogConfig` (`checkCatalog`), and code past validation reads only that.
 */
export type UncheckedCatalog = Partial<CatalogConfig>;

/** A secret after defaults are applied, for this stack's environment. */
export interface ResolvedSecret {
    name: string;
    kind: SecretKind;
    group: string;
    description: string;
    length: number;
    criticality: Criticality;
    required: boolean;
    format?: string;
    username?: string;
    rotationDays: number;
    keepPrevious: boolean;
    consumers: string[];
    stores: StoreName[];
    avoidCharacters: string;
    owner: string;
    emergencyRotation?: string;
    lastRotated?: string;
    awsRotation?: AwsRotationConfig;
    /** For `aws-access-key`: the IAM user, its permissions and variable names. */
    accessKey?: ResolvedAccessKey;
    /**
     * For `template`: its text, the secrets it references (each once, in order of appearance), and
     * the non-template secrets it is filled from, directly or through other templates, with their
     * rotation periods: it is rewritten whenever any of them rotates.
     */
    template?: string;
    inputs?: string[];
    sources?: Record<string, number>;
    /** `<environment>/<group>/<kebab-name>`: the Vault path and the AWS secret name. */
    path: string;
}

/** The validated catalog for one environment. */
export interface ResolvedCatalog {
    environment: string;
    isProduction: boolean;
    protection: Protection;
    owner: string;
    stores: StoresConfig;
    consumers: Record<string, ConsumerConfig>;
    /** The projection, defaults applied; undefined when not configured. */
    kubernetes?: ResolvedKubernetes;
    /** Secrets present in this environment, in declaration order. */
    secrets: ResolvedSecret[];
    /** Secrets whose `environments` exclude this one. */
    skipped: string[];
    rotationWarningDays: number;
}

/** `kubernetes` with defaults applied. */
export interface ResolvedKubernetes {
    mode: KubernetesMode;
    refreshInterval: string;
    namespaceRule: NamespaceRule;
    namespaces: Record<string, string>;
    source: StoreName;
    vaultServer?: string;
    vaultAuthMount: string;
    oidcProviderArn?: string;
    readerServiceAccount: string;
}
