import * as pulumi from "@pulumi/pulumi";
import { parseDay } from "./schedule";

/**
 * The date rotation is computed from. `check --now` sets it for the program it runs; set it
 * yourself for a what-if: `PLATFORM_SECRETS_NOW=2027-03-01 pulumi preview` shows what would
 * rotate that day. Never set it for `pulumi up` in CI: a frozen date freezes rotation.
 */
export const NOW_ENV = "PLATFORM_SECRETS_NOW";

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * `PLATFORM_SECRETS_NOW` when set (ISO-8601 date or time), else the current time.
 * @param env the environment to read. @default process.env
 * @param clock the current time. @default the system clock
 * @throws pulumi.RunError (message only, no stack trace) when the variable is not ISO-8601.
 */
export function rotationNow(env: NodeJS.ProcessEnv = process.env, clock: () => Date = () => new Date()): Date {
    const text = env[NOW_ENV];
    if (text === undefined || text === "") return clock();
    const time = parseIsoInstant(text);
    if (time === undefined) {
        throw new pulumi.RunError(`${NOW_ENV}=${JSON.stringify(text)} is not an ISO-8601 date or time; use e.g. 2027-03-01 or unset it to use today's date`);
    }
    return time;
}

/**
 * An ISO-8601 date (`2027-03-01`) or time (`2027-03-01T12:00:00Z`) as an instant, or undefined.
 * A date that is not in the calendar (`2026-02-30`) is refused: `Date.parse` would silently roll
 * it over into March, and rotation would then be judged on a day nobody asked for.
 */
export function parseIsoInstant(text: string): Date | undefined {
    if (!ISO_8601.test(text) || parseDay(text.slice(0, 10)) === undefined) return undefined;
    const time = Date.parse(text);
    return Number.isNaN(time) ? undefined : new Date(time);
}
