import { KINDS, SECRET_KINDS, SecretKind, defaultKeepPrevious } from "../kinds";
import { STORE_NAMES, SecretConfig, StoreName, UncheckedCatalog } from "../model";
import { Problem } from "../problems";
import { secretPath } from "../paths";
import { PREVIOUS_SUFFIX } from "../../conventions";
import { rotationProblems } from "./rotation";
import { accessKeyProblems } from "./accessKey";

/** Rules of one secret, and across secrets (one store path each, no name another's previous value). */

export const SECRET_NAME = /^[A-Z][A-Z0-9_]*$/;

export function upperSnake(name: string): string {
    const snake = name.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "").toUpperCase();
    return /^[A-Z]/.test(snake) ? snake : `S_${snake}`;
}

export function regexError(pattern: string): string | undefined {
    try {
        new RegExp(pattern);
        return undefined;
    } catch (e) {
        return (e as Error).message.replace(/^Invalid regular expression: /, "");
    }
}

export function listNames(names: string[]): string {
    return names.length ? names.join(", ") : "(none declared)";
}

export interface SecretContext {
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

export function secretProblems(name: string, secret: SecretConfig, ctx: SecretContext): Problem[] {
    const problems: Problem[] = [];
    const at = (field: string) => `secrets.${name}.${field}`;
    const kind = SECRET_KINDS.includes(secret.kind) ? secret.kind : undefined;
    // A template's fields are checked in rules/template.ts.
    if (kind && kind !== "template" && typeof secret.length === "number") {
        problems.push(...lengthProblems(kind, secret.length, at("length")));
    }
    if (kind !== "template" && typeof secret.rotationDays === "number" && secret.rotationDays < 1) {
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
    problems.push(...accessKeyProblems(name, secret, kind, ctx.environment));
    const presentHere = !Array.isArray(secret.environments) || ctx.environment === undefined || secret.environments.includes(ctx.environment);
    if (kind === "external" && presentHere && ctx.isProduction && secret.required !== false && !ctx.provided) {
        problems.push({
            propertyPath: `secrets.${name}`,
            reason: `required external secret has no value in production environment "${ctx.environment}"; set it (the CLI prompts for the value) with: pulumi config set --secret --stack ${ctx.stack} ${ctx.namespace}:${name}`,
        });
    }
    return problems;
}

export function lengthProblems(kind: SecretKind, length: number, propertyPath: string): Problem[] {
    const spec = KINDS[kind];
    if (kind === "aws-access-key") {
        return [{ propertyPath, reason: `length does not apply to kind "${kind}" (AWS makes the key); remove it` }];
    }
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
 * A secret named like another's previous value (`JWT_SECRET_KEY_PREVIOUS` beside a two-slot
 * `JWT_SECRET_KEY`): both would be one variable in every consumer's Secret and environment.
 */
export function previousKeyCollisions(cfg: UncheckedCatalog): Problem[] {
    if (typeof cfg.secrets !== "object" || cfg.secrets === null) return [];
    const active = Object.entries(cfg.secrets).filter(([, s]) => typeof s === "object" && s !== null && s.kind in KINDS
        && !(Array.isArray(s.environments) && typeof cfg.environment === "string" && !s.environments.includes(cfg.environment)));
    const names = new Set(active.map(([name]) => name));
    const problems: Problem[] = [];
    // An access key delivers its `keys` (and their `_PREVIOUS`), never `NAME_PREVIOUS`: accessKeyNameCollisions.
    for (const [name, s] of active.filter(([, a]) => a.kind !== "aws-access-key")) {
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
export function pathCollisions(cfg: UncheckedCatalog): Problem[] {
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
