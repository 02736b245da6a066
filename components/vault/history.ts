/**
 * A year of history for critical secrets in Vault KV v2: enough versions that the value of any day
 * of the last year can still be read (and restored) after rotations replaced it.
 *
 * One rotation writes one version (a two-slot secret rewrites its entry once per period too: both
 * values live in the same entry), so a period of `rotationDays` writes `ceil(365 / rotationDays)`
 * versions a year, plus the one that was current a year ago.
 */

export const HISTORY_DAYS = 365;

/** Versions a critical entry keeps: `ceil(365 / rotationDays) + 1`. */
export function versionsForYear(rotationDays: number): number {
    return Math.ceil(HISTORY_DAYS / rotationDays) + 1;
}

/** The arithmetic, for messages and docs: `ceil(365 / 7) + 1 = 54`. */
export function versionsForYearArithmetic(rotationDays: number): string {
    return `ceil(${HISTORY_DAYS} / ${rotationDays}) + 1 = ${versionsForYear(rotationDays)}`;
}

/**
 * Versions a critical template's entry keeps: it is rewritten whenever one of its sources rotates,
 * so the sum of their rotations in a year, plus the one current a year ago.
 */
export function templateVersionsForYear(sourcePeriods: number[]): number {
    return sourcePeriods.reduce((n, days) => n + Math.ceil(HISTORY_DAYS / days), 0) + 1;
}

/** An entry's `max_versions`: the store's, raised for a critical secret to hold a year. */
export function entryMaxVersions(secret: { criticality: string; rotationDays: number; sources?: Record<string, number> }, storeMaxVersions: number): number {
    if (secret.criticality !== "critical") return storeMaxVersions;
    const year = secret.sources ? templateVersionsForYear(Object.values(secret.sources)) : versionsForYear(secret.rotationDays);
    return Math.max(storeMaxVersions, year);
}
