/**
 * The next day a Secrets Manager rotation Lambda runs, from its `scheduleExpression`, so `check`
 * reports a Lambda-rotated secret's `nextRotation` without reading AWS.
 *
 * `cron(minutes hours day-of-month month day-of-week year)` names calendar days: the next one is
 * known from the date alone. `rate(N days)` and `automaticallyAfterDays` count from the last
 * rotation, which only AWS knows (`aws secretsmanager describe-secret` shows `NextRotationDate`):
 * their next rotation stays null rather than a guess.
 */

const DAY_MS = 86_400_000;
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
/** AWS numbers days of the week 1 (SUN) to 7 (SAT). */
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
/** The year field spans at most this far: cron(... 2030) from 2026 is found, later years are not looked for. */
const SEARCH_DAYS = 366 * 10;

type Field = ((n: number) => boolean) | undefined;

function value(text: string, names: string[] | undefined, base: number): number | undefined {
    const named = names?.indexOf(text.toUpperCase()) ?? -1;
    if (named >= 0) return named + base;
    return /^\d+$/.test(text) ? Number(text) : undefined;
}

/**
 * One field: `*`, `?`, `5`, `1-5`, `MON-FRI`, `*\/2`, `1/3`, or a comma list of them. Undefined for
 * what this reader does not evaluate (`L`, `W`, `#`): the caller then reports no date.
 */
function field(text: string, names?: string[], base = 1): Field {
    if (text === "*" || text === "?") return () => true;
    const parts = text.split(",").map((item): Field => {
        const [range, stepText] = item.split("/");
        const step = stepText === undefined ? 1 : Number(stepText);
        if (!Number.isInteger(step) || step < 1) return undefined;
        if (range === "*") return (n) => (n - base) % step === 0;
        const [from, to] = range.split("-").map((t) => value(t, names, base));
        if (from === undefined) return undefined;
        let last: number;
        if (range.includes("-")) {
            if (to === undefined) return undefined;
            last = to;
        } else {
            last = stepText !== undefined ? Infinity : from;
        }
        return (n) => n >= from && n <= last && (n - from) % step === 0;
    });
    const known = parts.filter((p): p is NonNullable<Field> => p !== undefined);
    if (known.length !== parts.length) return undefined;
    return (n) => known.some((p) => p(n));
}

/** The first day after `today` (day numbers since the epoch) a `cron(...)` schedule runs on, or undefined. */
export function nextCronDay(expression: string, today: number): number | undefined {
    const match = /^cron\((.+)\)$/.exec(expression.trim());
    const fields = match?.[1].trim().split(/\s+/);
    if (!fields || fields.length !== 6) return undefined;
    const [dom, month, dow, year] = [field(fields[2]), field(fields[3], MONTHS), field(fields[4], WEEKDAYS), field(fields[5])];
    if (!dom || !month || !dow || !year) return undefined;
    for (let day = today + 1; day <= today + SEARCH_DAYS; day++) {
        const d = new Date(day * DAY_MS);
        if (year(d.getUTCFullYear()) && month(d.getUTCMonth() + 1) && dom(d.getUTCDate()) && dow(d.getUTCDay() + 1)) return day;
    }
    return undefined;
}

/** Days between runs of `rate(N days)` (or `rate(1 day)`), or undefined for other expressions. */
export function rateDays(expression: string): number | undefined {
    const match = /^rate\((\d+) days?\)$/.exec(expression.trim());
    return match ? Number(match[1]) : undefined;
}
