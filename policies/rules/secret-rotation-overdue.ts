import type { ResourceValidationPolicy } from "@pulumi/policy";
import { KEEPER, TAG } from "../lib/marks";
import { configOf, rotationMarksOf } from "../lib/policy";
import { integer, propsOf } from "../lib/values";

interface Config {
    now?: string;
}

const schema = {
    properties: {
        now: { type: "string" as const, format: "date-time", description: "The time due dates are compared with. Unset: the current time. `check` sets it from `--now`." },
    },
};

const DAY_MS = 86_400_000;

function dueDate(start: unknown, days: unknown): Date | undefined {
    const n = integer(days);
    if (typeof start !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(start) || n === undefined) return undefined;
    const t = Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start);
    return Number.isNaN(t) ? undefined : new Date(t + n * DAY_MS);
}

/**
 * Generated values: the slot in the keepers has ended, so the value is older than its period
 * (the program was not run since it was due). External values: a person's last rotation, from the
 * `last-rotated` tag, plus the period is in the past.
 */
export const secretRotationOverdue: ResourceValidationPolicy = {
    name: "secret-rotation-overdue",
    description: "No secret is past its rotation date: the keeper slot of a generated value, or `last-rotated` plus `rotation-days` of an external one.",
    remediationSteps: "Generated: run `pulumi up` (the schedule rotates it). External: rotate it at its issuer, `pulumi config set --secret` the new value and update its last-rotated date.",
    enforcementLevel: "advisory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        const rotation = rotationMarksOf(args.type, propsOf(args));
        if (!rotation) return;
        const { isRandom, marks: m } = rotation;
        const start = m[isRandom ? KEEPER.rotation : TAG.lastRotated];
        // A two-slot value is current for one period, then previous for one more.
        const slots = isRandom ? integer(m[KEEPER.slots]) ?? 1 : 1;
        const period = integer(m[isRandom ? KEEPER.rotationDays : TAG.rotationDays]);
        const days = period === undefined ? undefined : period * slots;
        const due = dueDate(start, days);
        const { now } = configOf<Config>(schema, args);
        const at = now === undefined ? Date.now() : Date.parse(now);
        if (due !== undefined && due.getTime() <= at) {
            const since = due.toISOString().slice(0, 10);
            reportViolation(isRandom
                ? `overdue since ${since}: the rotation slot starting ${start} lasted ${days} days${slots > 1 ? ` (${slots} slots of ${period})` : ""}; run pulumi up to rotate`
                : `overdue since ${since}: last rotated ${start}, every ${days} days`);
        }
    },
};
