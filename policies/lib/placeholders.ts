/**
 * Placeholder values that are never acceptable secrets. The pack's `secret-insecure-value` rule
 * takes them as its configurable defaults, and `env-schema` writes them into every variable's
 * schema, so an application rejects at start-up what the pack rejects at deployment. Pure and
 * import-free: the pack publishes alone, and the generated schema carries no code.
 */

/** Whole values (case-insensitive, surrounding blanks ignored). */
export const INSECURE_VALUES: readonly string[] = [
    "changeme", "change-me", "change_me", "change-this", "changethis", "example", "password", "secret", "default", "admin", "test", "123456", "letmein",
];

/** Prefixes (case-insensitive), e.g. Django's generated `django-insecure-...` key. */
export const INSECURE_PREFIXES: readonly string[] = ["django-insecure", "changeme", "change-this", "change-me"];
