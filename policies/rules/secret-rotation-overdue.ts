import type { ResourceValidationPolicy } from "@pulumi/policy";
import { KEEPER } from "../lib/marks";
import { configOf, rotationMarksOf } from "../lib/policy";
import { integer, isoDayTime, propsOf } from "../lib/values";

interface Config {
    now?: string;
}

const schema = {
    properties: {
        now: { type: "string" as const, format: "date-time", description: "The time due dates are compared with. Unset: the current time. `check` sets it from `--now`." },
    },
};

const DAY_MS = 86_400_000;

/** A slot start that is not a real `YYYY-MM-DD` day has no due date: it is secret-rotation-required's finding. */
function dueDate(start: unknown, days: unknown): Date | undefined {
    const t = isoDayTime(start);
    const n = integer(days);
    return t === undefined || n === undefined ? undefined : new Date(t + n * DAY_MS);
}

/**
 * Generated values only: the slot in the keepers has ended, so the value is older than its period
 * (the program was not run since it was due). Only what this deploy controls is judged: an overdue
 * external value (a person rotates it) or a Lambda-rotated one (AWS rotates it; its keeper is fixed)
 * cannot be fixed by `pulumi up`, and blocking the deploy for it would stop every generated secret
 * from rotating. Those are reported by `check` (`rotation.status`) and alerted with `--fail-on overdue`.
 */
export const secretRotationOverdue: ResourceValidationPolicy = {
    name: "secret-rotation-overdue",
    description: "No generated secret is past its rotation date (its keeper slot has ended). External and Lambda-rotated values are not judged: this deploy cannot rotate them (`check --fail-on overdue` alerts on them).",
    remediationSteps: "Run `pulumi up`: the schedule rotates the value.",
    enforcementLevel: "advisory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        const rotation = rotationMarksOf(args.type, propsOf(args));
        // Stored copies (AWS, Vault) carry the marks of externals too: only random values are judged.
        if (!rotation?.isRandom) return;
        const { marks: m } = rotation;
        // A Lambda-rotated value's keeper is "aws-lambda", not a date: no due date, not judged.
        const start = m[KEEPER.rotation];
        // A two-slot value is current for one period, then previous for one more.
        const slots = integer(m[KEEPER.slots]) ?? 1;
        const period = integer(m[KEEPER.rotationDays]);
        const days = period === undefined ? undefined : period * slots;
        const due = dueDate(start, days);
        const { now } = configOf<Config>(schema, args);
        const at = now === undefined ? Date.now() : Date.parse(now);
        if (due !== undefined && due.getTime() <= at) {
            const since = due.toISOString().slice(0, 10);
            reportViolation(`overdue since ${since}: the rotation slot starting ${start} lasted ${days} days${slots > 1 ? ` (${slots} slots of ${period})` : ""}; run pulumi up to rotate`);
        }
    },
};
