import { CatalogConfig, UncheckedCatalog } from "./model";
import { Problem } from "./problems";
import { DEFAULT_ENVIRONMENTS, DEFAULT_PRODUCTION_ENVIRONMENTS, ENVIRONMENT_NAME } from "../environments";
import { STORE_NAMES } from "./model";
import { kubernetesProblems } from "../kubernetes/validate";
import { checkSchema } from "./rules/schemaProblems";
import { historyProblems, storeProblems } from "./rules/stores";
import { consumerProblems, projectionProblems } from "./rules/consumers";
import { templateProblems } from "./rules/template";
import { SECRET_NAME, pathCollisions, previousKeyCollisions, secretProblems, upperSnake } from "./rules/secret";
import { accessKeyNameCollisions } from "./rules/accessKey";
import { KINDS, defaultKeepPrevious } from "./kinds";

/**
 * The catalog's validation: the schema step, then one family of rules per file in rules/
 * (stores, consumers, secret, rotation; Kubernetes in ../kubernetes/validate.ts), every problem at
 * once. Defaults are applied by rules/resolve.ts.
 */
export { resolveCatalog, DEFAULT_ROTATION_WARNING_DAYS } from "./rules/resolve";
export { principalArnProblem } from "./rules/stores";

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

/** A catalog with no problem, typed; or every problem found. */
export type CatalogCheck = { valid: true; config: CatalogConfig } | { valid: false; problems: Problem[] };

/**
 * Checks the whole catalog: the input typed as `CatalogConfig` when it has no problem, else every
 * problem found. Pure: reads no config and creates no resources.
 */
export function checkCatalog(input: unknown, ctx: ValidationContext): CatalogCheck {
    const schema = checkSchema(input);
    // Cross-field rules only read fields whose structure is sound, so one mistake is reported once.
    const problems = [...(schema.valid ? [] : schema.problems), ...ruleProblems(unchecked(input), ctx)];
    return schema.valid && problems.length === 0 ? { valid: true, config: schema.config } : { valid: false, problems };
}

/** Checks the whole catalog and returns every problem found; an empty list means valid. */
export function validateCatalog(input: unknown, ctx: ValidationContext): Problem[] {
    const result = checkCatalog(input, ctx);
    return result.valid ? [] : result.problems;
}

function unchecked(input: unknown): UncheckedCatalog {
    return typeof input === "object" && input !== null ? input : {};
}

function ruleProblems(cfg: UncheckedCatalog, ctx: ValidationContext): Problem[] {
    const problems: Problem[] = [];
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
    problems.push(...templateProblems(cfg, {
        known, providedExternals: ctx.providedExternals, stack: ctx.stack, namespace,
        environment: typeof cfg.environment === "string" ? cfg.environment : undefined,
    }));
    problems.push(...pathCollisions(cfg));
    problems.push(...previousKeyCollisions(cfg));
    problems.push(...accessKeyNameCollisions(cfg, (n, s) => s.kind in KINDS && (s.keepPrevious ?? defaultKeepPrevious(s.kind, n))));
    problems.push(...projectionProblems(cfg));
    problems.push(...kubernetesProblems(cfg, { known, enabledStores, namespace }));
    return problems;
}
