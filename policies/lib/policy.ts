import type { PolicyConfigSchema, ReportViolation, ResourceValidationArgs, StackValidationArgs } from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { KEEPER, LABEL, TAG } from "./marks";
import { AWS_SECRET, KMS_KEY, RANDOM_BYTES, RANDOM_PASSWORD, RANDOM_STRING, RANDOM_TYPES, VAULT_KV_SECRET, isKubernetes } from "./types";
import { Props, UNKNOWN_INPUT, Unknown, record } from "./values";

export type { PolicyConfigSchema, ReportViolation, ResourceValidationArgs, StackValidationArgs };

/**
 * The policy's configuration: the schema's defaults under what the pack config gives. The engine
 * fills defaults too, but `check` and direct calls in tests do not go through it.
 */
export function configOf<T>(schema: PolicyConfigSchema, args: { getConfig<C extends object>(): C }): T {
    const defaults = Object.fromEntries(Object.entries(schema.properties)
        .filter(([, p]) => p.default !== undefined)
        .map(([k, p]) => [k, p.default]));
    return { ...defaults, ...args.getConfig<object>() } as T;
}

export interface EnvironmentConfig {
    environment?: string;
    productionEnvironments: string[];
}

/** Shared by every policy that treats production differently or compares environments. */
export const ENVIRONMENT_SCHEMA: Record<keyof EnvironmentConfig, PolicyConfigJSONSchema> = {
    environment: {
        type: "string",
        pattern: "^[a-z][a-z0-9-]*$",
        description: "The stack's environment. Unset: each resource's own environment mark (tag, label or Vault metadata). `check` sets it from the program's `environment`.",
    },
    productionEnvironments: {
        type: "array",
        items: { type: "string" },
        default: ["prod", "production"],
        description: "Environments held to production rules.",
    },
};

/** `maxDays`: the longest rotation period, in days, per criticality (secret-rotation-period, aws-secret-rotation-schedule). */
export const MAX_DAYS_SCHEMA: PolicyConfigJSONSchema = {
    type: "object",
    description: "Longest rotation period, in days, per criticality.",
    additionalProperties: { type: "integer", minimum: 1 },
    default: { critical: 90, high: 90, medium: 180, low: 365 },
};

/**
 * The marks a resource carries, by kind of resource: AWS tags, Vault custom metadata, Kubernetes
 * labels. Unknown when the whole map is unknown in a preview.
 */
export function marksOf(type: string, props: Props): Record<string, unknown> | Unknown {
    const source = type.startsWith("aws:") ? props.tags
        : type === VAULT_KV_SECRET ? record(props.customMetadata).data
        : isKubernetes(type) ? record(props.metadata).labels
        : undefined;
    return source === UNKNOWN_INPUT ? UNKNOWN_INPUT : record(source);
}

/**
 * Where a secret's rotation is marked: a random resource's keepers (`KEEPER`), or a stored copy's
 * AWS tags or Vault metadata (`TAG`). Undefined for other resources and for marks unknown in a preview.
 */
export function rotationMarksOf(type: string, props: Props): { isRandom: boolean; marks: Record<string, unknown> } | undefined {
    const isRandom = RANDOM_TYPES.includes(type);
    if (!isRandom && type !== AWS_SECRET && type !== VAULT_KV_SECRET) return undefined;
    const marks = isRandom ? props.keepers : marksOf(type, props);
    return marks === UNKNOWN_INPUT ? undefined : { isRandom, marks: record(marks) };
}

export function mark(type: string, props: Props, key: string): unknown {
    const marks = marksOf(type, props);
    return marks === UNKNOWN_INPUT ? UNKNOWN_INPUT : marks[key];
}

/** The environment a resource says it belongs to: its environment tag, Vault metadata or label. */
export function resourceEnvironment(type: string, props: Props): string | Unknown | undefined {
    const key = isKubernetes(type) ? LABEL.environment : TAG.environment;
    const value = mark(type, props, key);
    return value === UNKNOWN_INPUT || typeof value === "string" ? value : undefined;
}

/** Whether production rules apply: the configured environment, else the resource's own. Unknown is not production. */
export function isProduction(config: EnvironmentConfig, type: string, props: Props): boolean {
    const env = config.environment ?? resourceEnvironment(type, props);
    return typeof env === "string" && config.productionEnvironments.includes(env);
}

/** Resources that hold secret values at rest: losing one loses the data. */
export const STORED_SECRET_TYPES = [AWS_SECRET, VAULT_KV_SECRET, KMS_KEY];

/**
 * A random resource whose result is a secret: RandomPassword and RandomBytes always; a RandomString
 * (often a name suffix) only with a `kind` keeper or its result kept secret.
 */
export function isGeneratedSecret(args: { type: string; opts?: { additionalSecretOutputs?: string[] } }, props: Props): boolean {
    if (args.type === RANDOM_PASSWORD || args.type === RANDOM_BYTES) return true;
    if (args.type !== RANDOM_STRING) return false;
    return record(props.keepers)[KEEPER.kind] !== undefined || (args.opts?.additionalSecretOutputs ?? []).includes("result");
}
