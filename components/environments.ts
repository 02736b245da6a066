/**
 * The environment conventions, in one place: the name pattern, the environments a catalog may
 * name by default, and those treated as production unless `productionEnvironments` says otherwise.
 * Import-free, so `check` and the catalog share them cheaply. The policy pack keeps its own copy
 * of the production default in its config schema (policies/lib/policy.ts), as it ships alone.
 */

/** Lower-case letters, digits and `-`, starting with a letter: it prefixes every store path. */
export const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]*$/;

/** `environments` when the catalog does not list them. */
export const DEFAULT_ENVIRONMENTS: readonly string[] = ["dev", "staging", "prod"];

/** `productionEnvironments` when the catalog does not list them. */
export const DEFAULT_PRODUCTION_ENVIRONMENTS: readonly string[] = ["prod", "production"];

/** Whether `environment` is a production one, given the catalog's `productionEnvironments` (if any). */
export function isProductionEnvironment(environment: unknown, productionEnvironments?: unknown): boolean {
    const production = Array.isArray(productionEnvironments) ? productionEnvironments : DEFAULT_PRODUCTION_ENVIRONMENTS;
    return typeof environment === "string" && production.includes(environment);
}
