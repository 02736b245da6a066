import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { catalogSchema } from "./schema";
import { KINDS, SECRET_KINDS, SecretKind, defaultKeepPrevious, defaultRotationDays } from "./kinds";
import { CatalogConfig, ConsumerConfig, ResolvedCatalog, ResolvedSecret, STORE_NAMES, SecretConfig, StoreName } from "./model";
import { Problem } from "./problems";
import { DEFAULT_ENVIRONMENTS, DEFAULT_PRODUCTION_ENVIRONMENTS, ENVIRONMENT_NAME } from "../environments";
import { secretPath } from "./paths";
import { PREVIOUS_SUFFIX } from "../conventions";
import { MIN_AUDIT_RETENTION_DAYS } from "../audit/plan";
import { kubernetesProblems } from "../kubernetes/validate";
import { resolveKubernetes } from "../kubernetes/namespaces";
import { parseDay } from "../rotation/schedule";
import { versionsForYear, versionsForYearArithmetic } from "../vault/history";

/** `check` warns this many days before a rotation is due, unless `rotationWarningDays` says otherwise. */
export const DEFAULT_ROTATION_WARNING_DAYS = 14;
/** What Secrets Manager accepts for `automaticallyAfterDays`. */
const AWS_ROTATION_MAX_DAYS = 1000;

const SECRET_NAME = /^[A-Z][A-Z0-9_]*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
/** An IAM role or user ARN as `aws:PrincipalArn` carries it (path included); `*` and `?` wildcards allowed. */
const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/*?-]+$/;
const STS_ARN = /^arn:aws[a-z-]*:sts::/;

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

export interface ValidationContext {
    /** Names of `external` secrets that have a value in this stack (never the values themselves). */
    providedExternals: ReadonlySet<string>;
    /** Stack name, for the `pulumi config set` command in messages. */
    stack: string;
    /** Config namespace, for the `pulumi config set` command in messages. @default "platform-secrets" */
    configNamespace?: string;
    /** Today, for dates that cannot lie in the future (`lastRotated`). @default not checked */
    now?: Date;
}

let compiled: ValidateFunction | undefined;

function structuralProblems(config: unknown): Problem[] {
    compiled ??= new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(catalogSchema);
    if (compiled(config)) {
        return [];
    }
    return (compiled.errors ?? []).filter((e) => e.keyword !== "if").map(describeSchemaError);
}

function pointerToPath(pointer: string): string {
    return pointer
        .split("/")
        .slice(1)
        .map((seg) => seg.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce((path, seg) => (/^\d+$/.test(seg) ? `${path}[${seg}]` : path ? `${path}.${seg}` : seg), "");
}

function describeSchemaError(error: ErrorObject): Problem {
    const path = pointerToPath(error.instancePath);
    const field = path.split(".").pop()?.replace(/\[\d+\]$/, "") ?? "";
    const got = JSON.stringify(error.data);
    const at = (p: string) => (path ? `${path}.${p}` : p);
    switch (error.keyword) {
        case "required":
            return { propertyPath: at(error.params.missingProperty), reason: `is required; add it` };
        case "additionalProperties": {
            const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
            return { propertyPath: at(error.params.additionalProperty), reason: `unknown field; remove it or use one of: ${allowed.join(", ")}` };
        }
        case "enum": {
            const allowed = (error.params.allowedValues as unknown[]).join(", ");
            const what = field === "kind" ? "kind" : field === "stores" ? "store" : "value";
            return { propertyPath: path, reason: `unknown ${what} ${got}; use one of: ${allowed}` };
        }
        case "type":
            return { propertyPath: path, reason: `must be ${article(error.params.type)} ${wording(error.params.type)}, got ${got}` };
        case "pattern":
            return { propertyPath: path, reason: `${got} is not valid here; it must match ${error.params.pattern}` };
        case "minLength":
            return { propertyPath: path, reason: `must not be empty` };
        default:
            return { propertyPath: path, reason: `${error.message ?? "is invalid"}` };
    }
}

function wording(type: string): string {
    return type === "integer" ? "whole number" : type === "object" ? "mapping" : type === "array" ? "list" : type;
}

function article(type: string): string {
    return type === "object" || type === "array" ? "a" : /^[aeiou]/.test(wording(type)) ? "an" : "a";
}

function upperSnake(name: string): string {
    const snake = name.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "").toUpperCase();
    return /^[A-Z]/.test(snake) ? snake : `S_${snake}`;
}

function regexError(pattern: string): string | undefined {
    try {
        new RegExp(pattern);
        return undefined;
    } catch (e) {
        return (e as Error).message.replace(/^Invalid regular expression: /, "");
    }
}

function listNames(names: string[]): string {
    return names.length ? names.join(", ") : "(none declared)";
}

/**
 * Checks the whole catalog and returns every problem found; an empty list means valid.
 * Pure: reads no config and creates no resources.
 */
export function validateCatalog(config: CatalogConfig, ctx: ValidationContext): Problem[] {
    const structural = structuralProblems(config);
    // Cross-field rules only read fields whose structure is sound, so one mistake is reported once.
    const problems = [...structural];
    const cfg = (config ?? {}) as Partial<CatalogConfig>;
    const namespace = ctx.configNamespace ?? "platform-secrets";

    if (typeof cfg.environment === "string" && !ENVIRONMENT_NAME.test(cfg.environment)) {
        problems.push({ propertyPath: "environment", reason: `"${cfg.environment}" is not a valid environment name; use lower-case letters, digits and "-", starting with a letter (e.g. "prod")` });
    }
    const production = Array.isArray(cfg.productionEnvironments) ? cfg.productionEnvironments : DEFAULT_PRODUCTION_ENVIRONMENTS;
    const known = new Set([...(Array.isArray(cfg.environments) ? cfg.environments : DEFAULT_ENVIRONMENTS), ...production]);
    if (typeof cfg.environment === "string" && ENVIRONMENT_NAME.test(cfg.environment) && !known.has(cfg.environment)) {
        problems.push({ propertyPath: "environment", reason: `"${cfg.environment}" is not a declared environment; add it to ${namespace}:environments (declared: ${[...known].join(", ")})` });
    }
    const isProduction = typeof cfg.environment === "string" && production.includes(cfg.environment);

    const enabledStores = STORE_NAMES.filter((s) => cfg.stores?.[s] !== undefined && cfg.stores?.[s] !== null);
    // A native Secret written by Pulumi needs no store: the value goes from the program to the cluster.
    const secretMode = cfg.kubernetes?.mode === "secret";
    if (cfg.stores && typeof cfg.stores === "object" && enabledStores.length === 0 && !secretMode) {
        problems.push({ propertyPath: "stores", reason: `no store is enabled; enable stores.vault (with a mount) or stores.aws (with a region), or set kubernetes.mode: secret` });
    }
    problems.push(...storeProblems(cfg, isProduction));
    if (isProduction) problems.push(...historyProblems(cfg, enabledStores));
    if (typeof cfg.rotationWarningDays === "number" && cfg.rotationWarningDays < 0) {
        problems.push({ propertyPath: "rotationWarningDays", reason: `must be 0 or more days, got ${cfg.rotationWarningDays}` });
    }

    const consumers = cfg.consumers && typeof cfg.consumers === "object" ? cfg.consumers : {};
    for (const [name, consumer] of Object.entries(consumers)) {
        problems.push(...consumerProblems(name, consumer));
    }

    const secrets = cfg.secrets && typeof cfg.secrets === "object" ? cfg.secrets : {};
    for (const [name, secret] of Object.entries(secrets)) {
        if (!SECRET_NAME.test(name)) {
            problems.push({ propertyPath: `secrets.${name}`, reason: `"${name}" is not a valid secret name; use env-var style, upper-case letters, digits and "_" starting with a letter (e.g. ${upperSnake(name)})` });
        }
        if (!secret || typeof secret !== "object") {
            continue;
        }
        problems.push(...secretProblems(name, secret, {
            known, enabledStores, consumerNames: Object.keys(consumers), isProduction,
            environment: cfg.environment, stack: ctx.stack, namespace,
            provided: ctx.providedExternals.has(name),
            now: ctx.now,
            awsBundled: cfg.stores?.aws?.bundle === "group",
        }));
    }
    problems.push(...pathCollisions(cfg));
    problems.push(...previousKeyCollisions(cfg));
    problems.push(...kubernetesProblems(cfg, { known, enabledStores, namespace }));
    return problems;
}

/**
 * A secret named like another's previous value (`JWT_SECRET_KEY_PREVIOUS` beside a two-slot
 * `JWT_SECRET_KEY`): both would be one variable in every consumer's Secret and environment.
 */
function previousKeyCollisions(cfg: Partial<CatalogConfig>): Problem[] {
    if (typeof cfg.secrets !== "object" || cfg.secrets === null) return [];
    const active = Object.entries(cfg.secrets).filter(([, s]) => typeof s === "object" && s !== null && s.kind in KINDS
        && !(Array.isArray(s.environments) && typeof cfg.environment === "string" && !s.environments.includes(cfg.environment)));
    const names = new Set(active.map(([name]) => name));
    const problems: Problem[] = [];
    for (const [name, s] of active) {
        const twoSlot = s.keepPrevious ?? defaultKeepPrevious(s.kind, name);
        const previous = `${name}${PREVIOUS_SUFFIX}`;
        if (twoSlot && names.has(previous)) {
            problems.push({
                propertyPath: `secrets.${previous}`,
                reason: `${previous} is also the variable that holds ${name}'s previous value (${name} rotates in two slots); rename ${previous}, or set secrets.${name}.keepPrevious: false`,
            });
        }
    }
    return problems;
}

/**
 * Two secrets of one environment whose names map to one store path (`DATABASE_PASSWORD` and
 * `DATABASE__PASSWORD`): one would overwrite the other in every store, and every grant on that path
 * would read both. Reported on each later name, naming the first.
 */
function pathCollisions(cfg: Partial<CatalogConfig>): Problem[] {
    if (typeof cfg.secrets !== "object" || cfg.secrets === null) return [];
    const first = new Map<string, string>();
    const problems: Problem[] = [];
    for (const [name, s] of Object.entries(cfg.secrets)) {
        if (typeof s !== "object" || s === null || !(s.kind in KINDS)) continue;
        if (Array.isArray(s.environments) && typeof cfg.environment === "string" && !s.environments.includes(cfg.environment)) continue;
        const path = secretPath(typeof cfg.environment === "string" ? cfg.environment : "<environment>", s.group ?? KINDS[s.kind].defaultGroup, name);
        const earlier = first.get(path);
        if (earlier === undefined) {
            first.set(path, name);
            continue;
        }
        problems.push({
            propertyPath: `secrets.${name}`,
            reason: `stored at ${path}, the same path as ${earlier} (a name becomes its path lower-cased, each run of "_" a "-"); rename one of them or put them in different groups`,
        });
    }
    return problems;
}

/**
 * In production a critical secret keeps a year of versions in Vault (components/vault/history.ts).
 * Without `stores.vault.maxVersions` the module raises its entry; a configured limit too low is refused.
 */
function historyProblems(cfg: Partial<CatalogConfig>, enabledStores: string[]): Problem[] {
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

function storeProblems(cfg: Partial<CatalogConfig>, isProduction: boolean): Problem[] {
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

function consumerProblems(name: string, consumer: ConsumerConfig): Problem[] {
    const problems: Problem[] = [];
    if (!consumer || typeof consumer !== "object") {
        return problems;
    }
    if (typeof consumer.namespace === "string" && !DNS_LABEL.test(consumer.namespace)) {
        problems.push({ propertyPath: `consumers.${name}.namespace`, reason: `"${consumer.namespace}" is not a valid Kubernetes namespace; use lower-case letters, digits and "-" (at most 63)` });
    }
    if (typeof consumer.serviceAccount === "string" && !DNS_SUBDOMAIN.test(consumer.serviceAccount)) {
        problems.push({ propertyPath: `consumers.${name}.serviceAccount`, reason: `"${consumer.serviceAccount}" is not a valid Kubernetes service account name; use lower-case letters, digits, "-" and "."` });
    }
    return problems;
}

interface SecretContext {
    known: Set<string>;
    enabledStores: StoreName[];
    consumerNames: string[];
    isProduction: boolean;
    environment?: string;
    stack: string;
    namespace: string;
    provided: boolean;
    now?: Date;
    awsBundled: boolean;
}

function secretProblems(name: string, secret: SecretConfig, ctx: SecretContext): Problem[] {
    const problems: Problem[] = [];
    const at = (field: string) => `secrets.${name}.${field}`;
    const kind = SECRET_KINDS.includes(secret.kind) ? secret.kind : undefined;
    if (kind && typeof secret.length === "number") {
        problems.push(...lengthProblems(kind, secret.length, at("length")));
    }
    if (typeof secret.rotationDays === "number" && secret.rotationDays < 1) {
        problems.push({ propertyPath: at("rotationDays"), reason: `must be a positive whole number of days, got ${secret.rotationDays}` });
    }
    if (typeof secret.format === "string") {
        const error = regexError(secret.format);
        if (kind && kind !== "external") {
            problems.push({ propertyPath: at("format"), reason: `format applies only to kind "external" (this is "${kind}"); remove it` });
        } else if (error) {
            problems.push({ propertyPath: at("format"), reason: `${JSON.stringify(secret.format)} is not a valid regular expression (${error}); fix the pattern` });
        }
    }
    if (kind === "basic-auth") {
        if (typeof secret.username !== "string" || secret.username === "") {
            problems.push({ propertyPath: at("username"), reason: `kind "basic-auth" needs a username; add username: <name>` });
        } else if (secret.username.includes(":")) {
            problems.push({ propertyPath: at("username"), reason: `a basic-auth username cannot contain ":"; choose another name` });
        }
    } else if (kind && secret.username !== undefined) {
        problems.push({ propertyPath: at("username"), reason: `username applies only to kind "basic-auth" (this is "${kind}"); remove it` });
    }
    if (kind && typeof secret.avoidCharacters === "string") {
        // Letters and digits cannot be excluded one by one by the generator; any other character is fine to list.
        const notSpecial = [...new Set(secret.avoidCharacters)].filter((c) => /[A-Za-z0-9]/.test(c));
        if (kind !== "password" && kind !== "basic-auth") {
            problems.push({ propertyPath: at("avoidCharacters"), reason: `avoidCharacters applies only to kinds "password" and "basic-auth"; remove it` });
        } else if (notSpecial.length > 0) {
            problems.push({ propertyPath: at("avoidCharacters"), reason: `only special characters can be avoided, not letters or digits; remove ${notSpecial.map((c) => JSON.stringify(c)).join(", ")}` });
        }
    }
    if (Array.isArray(secret.environments)) {
        secret.environments.forEach((env, i) => {
            if (typeof env === "string" && !ctx.known.has(env)) {
                problems.push({ propertyPath: `${at("environments")}[${i}]`, reason: `unknown environment "${env}"; use one of: ${[...ctx.known].join(", ")}, or add it to ${ctx.namespace}:environments` });
            }
        });
    }
    if (Array.isArray(secret.consumers)) {
        secret.consumers.forEach((consumer, i) => {
            if (typeof consumer === "string" && !ctx.consumerNames.includes(consumer)) {
                problems.push({ propertyPath: `${at("consumers")}[${i}]`, reason: `unknown consumer "${consumer}"; declare it under ${ctx.namespace}:consumers or use one of: ${listNames(ctx.consumerNames)}` });
            }
        });
    }
    if (Array.isArray(secret.stores)) {
        secret.stores.forEach((store, i) => {
            if (STORE_NAMES.includes(store) && !ctx.enabledStores.includes(store)) {
                problems.push({ propertyPath: `${at("stores")}[${i}]`, reason: `store "${store}" is not enabled in this stack; enable ${ctx.namespace}:stores.${store} or remove it from this secret's stores` });
            }
        });
        if (secret.stores.length === 0) {
            problems.push({ propertyPath: at("stores"), reason: `an empty list stores the secret nowhere; remove stores to use every enabled store` });
        }
    }
    problems.push(...rotationProblems(name, secret, kind, ctx));
    const presentHere = !Array.isArray(secret.environments) || ctx.environment === undefined || secret.environments.includes(ctx.environment);
    if (kind === "external" && presentHere && ctx.isProduction && secret.required !== false && !ctx.provided) {
        problems.push({
            propertyPath: `secrets.${name}`,
            reason: `required external secret has no value in production environment "${ctx.environment}"; set it (the CLI prompts for the value) with: pulumi config set --secret --stack ${ctx.stack} ${ctx.namespace}:${name}`,
        });
    }
    return problems;
}

function rotationProblems(name: string, secret: SecretConfig, kind: SecretKind | undefined, ctx: SecretContext): Problem[] {
    const problems: Problem[] = [];
    const at = (field: string) => `secrets.${name}.${field}`;
    const generated = kind !== undefined && KINDS[kind].generated;
    const awsRotation = secret.awsRotation && typeof secret.awsRotation === "object" ? secret.awsRotation : undefined;
    if (typeof secret.lastRotated === "string") {
        if (kind && kind !== "external") {
            problems.push({ propertyPath: at("lastRotated"), reason: `lastRotated applies only to kind "external" (a "${kind}" secret is rotated on schedule); remove it` });
        } else if (parseDay(secret.lastRotated) === undefined) {
            problems.push({ propertyPath: at("lastRotated"), reason: `${JSON.stringify(secret.lastRotated)} is not a calendar date; write the day you last rotated the value as YYYY-MM-DD` });
        } else if (ctx.now && secret.lastRotated > ctx.now.toISOString().slice(0, 10)) {
            // A future date would silently push the due date out by the gap.
            problems.push({ propertyPath: at("lastRotated"), reason: `"${secret.lastRotated}" is in the future (today is ${ctx.now.toISOString().slice(0, 10)} UTC); write the day you last rotated the value` });
        }
    }
    if (typeof secret.emergencyRotation === "string" && kind === "external") {
        problems.push({ propertyPath: at("emergencyRotation"), reason: `emergencyRotation applies only to generated kinds; rotate an external secret by setting a new value with: pulumi config set --secret --stack ${ctx.stack} ${ctx.namespace}:${name}` });
    } else if (typeof secret.emergencyRotation === "string" && awsRotation) {
        problems.push({ propertyPath: at("emergencyRotation"), reason: `the rotation Lambda owns this value, so Pulumi cannot replace it; remove emergencyRotation and run: aws secretsmanager rotate-secret --secret-id <the secret's name>` });
    }
    if (secret.keepPrevious === true && kind === "external") {
        problems.push({ propertyPath: at("keepPrevious"), reason: `keepPrevious applies only to generated kinds (an external secret holds the one value a person set); remove it` });
    }
    if (!awsRotation) {
        return problems;
    }
    if (kind && !generated) {
        problems.push({ propertyPath: at("awsRotation"), reason: `awsRotation applies only to generated kinds (Pulumi makes the initial value); remove it` });
    }
    if (!ctx.enabledStores.includes("aws")) {
        problems.push({ propertyPath: at("awsRotation"), reason: `needs AWS Secrets Manager, which is not enabled in this stack; enable ${ctx.namespace}:stores.aws or remove awsRotation` });
    } else if (ctx.awsBundled) {
        problems.push({ propertyPath: at("awsRotation"), reason: `a rotation Lambda rotates a whole AWS secret, not one key of a group bundle; set stores.aws.bundle to none or remove awsRotation` });
    } else if (!Array.isArray(secret.stores) || secret.stores.length !== 1 || secret.stores[0] !== "aws") {
        problems.push({ propertyPath: at("awsRotation"), reason: `the rotation Lambda updates only AWS Secrets Manager, so a copy in another store would go stale; add stores: [aws] to this secret` });
    }
    if (typeof awsRotation.lambdaRoleArn === "string") {
        const problem = principalArnProblem(awsRotation.lambdaRoleArn, at("awsRotation.lambdaRoleArn"));
        if (problem) problems.push(problem);
    }
    const schedules = [awsRotation.scheduleExpression, awsRotation.automaticallyAfterDays].filter((v) => v !== undefined).length;
    if (schedules !== 1) {
        problems.push({ propertyPath: at("awsRotation"), reason: `needs exactly one of scheduleExpression (e.g. "rate(30 days)") or automaticallyAfterDays` });
    }
    const days = awsRotation.automaticallyAfterDays;
    if (typeof days === "number" && (days < 1 || days > AWS_ROTATION_MAX_DAYS)) {
        problems.push({ propertyPath: at("awsRotation.automaticallyAfterDays"), reason: `${days} is outside what Secrets Manager accepts; use 1 to ${AWS_ROTATION_MAX_DAYS} days` });
    }
    if (secret.keepPrevious === true) {
        problems.push({ propertyPath: at("keepPrevious"), reason: `cannot be combined with awsRotation: Secrets Manager keeps the previous value itself (staging label AWSPREVIOUS); remove keepPrevious` });
    }
    return problems;
}

function lengthProblems(kind: SecretKind, length: number, propertyPath: string): Problem[] {
    const spec = KINDS[kind];
    if (!spec.generated) {
        return [{ propertyPath, reason: `length does not apply to kind "${kind}" (the value is provided, not generated); remove it` }];
    }
    if (spec.fixedLength && length !== spec.defaultLength) {
        return [{ propertyPath, reason: `a ${kind} key is exactly ${spec.defaultLength} ${spec.unit}; remove length` }];
    }
    if (length < spec.minLength) {
        return [{ propertyPath, reason: `${length} is below the minimum of ${spec.minLength} ${spec.unit} for kind "${kind}"; use at least ${spec.minLength}, or remove length for the default of ${spec.defaultLength}` }];
    }
    return [];
}

/**
 * Applies defaults and selects the secrets of this environment. Call only on a catalog
 * that `validateCatalog` accepted.
 */
export function resolveCatalog(config: CatalogConfig): ResolvedCatalog {
    const production = config.productionEnvironments ?? DEFAULT_PRODUCTION_ENVIRONMENTS;
    const isProduction = production.includes(config.environment);
    const enabled = STORE_NAMES.filter((s) => config.stores[s] !== undefined && config.stores[s] !== null);
    const owner = config.owner ?? "platform-team";
    const secrets: ResolvedSecret[] = [];
    const skipped: string[] = [];
    for (const [name, s] of Object.entries(config.secrets)) {
        if (s.environments && !s.environments.includes(config.environment)) {
            skipped.push(name);
            continue;
        }
        const spec = KINDS[s.kind];
        const criticality = s.criticality ?? "high";
        const group = s.group ?? spec.defaultGroup;
        secrets.push({
            name,
            kind: s.kind,
            group,
            description: s.description ?? `${name} (${s.kind})`,
            length: s.length ?? spec.defaultLength,
            criticality,
            required: s.required ?? true,
            format: s.format,
            username: s.username,
            rotationDays: s.rotationDays ?? defaultRotationDays(s.kind, criticality),
            // A rotation Lambda keeps AWSPREVIOUS itself; two Pulumi slots would only be stale copies.
            keepPrevious: s.awsRotation ? false : s.keepPrevious ?? defaultKeepPrevious(s.kind, name),
            consumers: s.consumers ?? [],
            stores: s.stores ?? enabled,
            avoidCharacters: s.avoidCharacters ?? "",
            owner: s.owner ?? owner,
            ...(s.emergencyRotation !== undefined ? { emergencyRotation: s.emergencyRotation } : {}),
            ...(s.lastRotated !== undefined ? { lastRotated: s.lastRotated } : {}),
            ...(s.awsRotation !== undefined ? { awsRotation: s.awsRotation } : {}),
            path: secretPath(config.environment, group, name),
        });
    }
    return {
        environment: config.environment,
        isProduction,
        protection: config.protection ?? (isProduction ? "protect" : "none"),
        owner,
        stores: config.stores,
        consumers: config.consumers ?? {},
        kubernetes: resolveKubernetes(config.kubernetes),
        secrets,
        skipped,
        rotationWarningDays: config.rotationWarningDays ?? DEFAULT_ROTATION_WARNING_DAYS,
    };
}

