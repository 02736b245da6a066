import { Problem } from "../catalog/problems";

/**
 * The `platform-secrets:*` keys a stack file may hold: the catalog's own keys, and one value per
 * `external` secret. Anything else is a mistake that would otherwise pass silently (a typo such as
 * `kubernetse` drops every Kubernetes resource), so each is a problem naming the nearest key.
 */
export const CATALOG_KEYS = [
    "environment", "productionEnvironments", "environments", "stores", "kubernetes",
    "consumers", "secrets", "owner", "protection", "rotationWarningDays",
] as const;

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        }
        previous = current;
    }
    return previous[b.length];
}

/**
 * The candidate closest to `name` (case-insensitive), if it is close enough to be a typo: within
 * `tolerance` of the name's length in edits (at least 2).
 */
export function nearest(name: string, candidates: readonly string[], tolerance = 1 / 3): string | undefined {
    let best: { candidate: string; distance: number } | undefined;
    for (const candidate of candidates) {
        const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
        if (!best || distance < best.distance) best = { candidate, distance };
    }
    return best && best.distance <= Math.max(2, Math.floor(name.length * tolerance)) ? best.candidate : undefined;
}

/** What decides whether a plain-text external value is refused: production stacks only. */
export interface KeyContext {
    production: boolean;
    /** Whether the full key (`platform-secrets:NAME`) holds a `secure:` value. */
    isSecret(key: string): boolean;
    /** The stack, for the fix's `--stack`. */
    stack: string;
}

/** A key written as a secret's name would be (`STRIPE_API_KEY`), not as a catalog key. */
const SECRET_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * Problems of the namespace's keys (names without the `platform-secrets:` prefix), given the
 * catalog's secrets as declared (kind by name). `prefix` is what the user types before each key.
 */
export function configKeyProblems(keys: readonly string[], secrets: Readonly<Record<string, { kind?: unknown } | undefined>>, prefix: string, plain: KeyContext = { production: false, isSecret: () => true, stack: "" }): Problem[] {
    const known = new Set<string>(CATALOG_KEYS);
    const problems: Problem[] = [];
    for (const key of keys) {
        if (known.has(key)) continue;
        const secret = Object.prototype.hasOwnProperty.call(secrets, key) ? secrets[key] : undefined;
        if (secret?.kind === "external") {
            // In production the value must be encrypted in the stack file, not readable by all who read it.
            if (plain.production && !plain.isSecret(prefix + key)) {
                problems.push({
                    propertyPath: key,
                    reason: `the value is stored in plain text in a production stack file; store it encrypted with \`pulumi config set --secret --stack ${plain.stack} ${prefix}${key}\``,
                });
            }
            continue;
        }
        if (secret !== undefined) {
            problems.push({ propertyPath: key, reason: `${key} is generated (kind ${String(secret.kind)}), so this value is never read; remove it with \`pulumi config rm ${prefix}${key}\`` });
        } else if (SECRET_NAME.test(key)) {
            // Secret names are long and made of words: a dropped word (STRIPE_KEY) is still the one meant.
            const guess = nearest(key, Object.keys(secrets).filter((n) => secrets[n]?.kind === "external"), 1 / 2);
            problems.push({
                propertyPath: key,
                reason: `no secret ${key} in ${prefix}secrets, so this value is never read; ${guess ? `did you mean ${prefix}${guess}? ` : ""}declare ${key} with kind: external, or remove the value with \`pulumi config rm ${prefix}${key}\``,
            });
        } else {
            const guess = nearest(key, CATALOG_KEYS);
            problems.push({
                propertyPath: key,
                reason: `unknown key; ${guess ? `did you mean ${prefix}${guess}?` : `the keys are ${CATALOG_KEYS.map((k) => prefix + k).join(", ")}`}`,
            });
        }
    }
    return problems;
}
