import { createHash } from "crypto";
import { shortHash } from "../hash";
import { KEEPER, TAG } from "../conventions";

/**
 * The rotation schedule: pure functions of the configuration and a date, so `pulumi preview`,
 * `pulumi up` and `check --now` agree on which value is current without reading any state.
 *
 * Time is counted in whole UTC days since 1970-01-01. A secret's slots start every `periodDays`
 * days from its stagger offset; the random resource's `rotation` keeper is the start of its
 * slot, so it changes (and the value is replaced) on the first `pulumi up` of a new slot.
 */

const DAY_MS = 86_400_000;

/** What the schedule reads from a secret. */
export interface ScheduleInput {
    environment: string;
    name: string;
    /** Rotation period in days, at least 1. */
    periodDays: number;
    /** Two slots (current and previous), each living two periods, offset by one. */
    keepPrevious: boolean;
}

/** Whole UTC days since the epoch; the time of day is ignored. */
export function dayNumber(date: Date): number {
    return Math.floor(date.getTime() / DAY_MS);
}

/** `YYYY-MM-DD` of a day number. */
export function isoDay(day: number): string {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Midnight UTC of a day number, as the contract writes `nextRotation` (`2027-01-05T00:00:00Z`). */
export function isoMidnight(day: number): string {
    return `${isoDay(day)}T00:00:00Z`;
}

/** The day number of a `YYYY-MM-DD` date, or undefined when it is not a calendar date. */
export function parseDay(text: string): number | undefined {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
    const time = Date.parse(`${text}T00:00:00Z`);
    // Date.parse rolls 2027-02-30 over to March; a real date prints back unchanged.
    return Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== text ? undefined : time / DAY_MS;
}

/**
 * Where in its period a secret's slots start, in days: a hash of `<environment>/<NAME>`, so the
 * secrets of one stack (and one secret across stacks) are not all due the same day, and the
 * offset never moves unless the name, the environment or the period does.
 */
export function staggerOffset(environment: string, name: string, periodDays: number): number {
    const hash = createHash("sha256").update(`${environment}/${name}`).digest();
    return hash.readUInt32BE(0) % periodDays;
}

function mod(a: number, n: number): number {
    return ((a % n) + n) % n;
}

/** One random resource of a secret: `a` always exists, `b` only with `keepPrevious`. */
export type SlotId = "a" | "b";

export interface SlotPlan {
    id: SlotId;
    /** Start of this slot's value (`YYYY-MM-DD`): its `rotation` keeper. */
    rotation: string;
}

export interface RotationPlan {
    periodDays: number;
    keepPrevious: boolean;
    /** The random resources and their keeper dates; `a` first. */
    slots: SlotPlan[];
    /** The slot delivered as `NAME`; the other one (two-slot only) is `NAME_PREVIOUS`. */
    current: SlotId;
    /** Start of the current period: the day the current value was made (by a daily `pulumi up`). */
    lastRotation: number;
    /** Start of the next period: the first day a `pulumi up` makes a new value. */
    nextRotation: number;
}

/**
 * The slots of a secret on a date. Period `k` starts at `offset + k * periodDays`.
 * One slot: its keeper is the start of period `k`. Two slots: slot `a` is renewed at even
 * periods and `b` at odd ones, each keeping its value for two periods; the one renewed last is
 * current, the other is the previous value. A rotation thus replaces only the older value,
 * and the value that was current stays valid as previous for one more period.
 */
export function planRotation(input: ScheduleInput, now: Date): RotationPlan {
    const { periodDays } = input;
    const offset = staggerOffset(input.environment, input.name, periodDays);
    const k = Math.floor((dayNumber(now) - offset) / periodDays);
    const start = (period: number) => offset + period * periodDays;
    const base = { periodDays, keepPrevious: input.keepPrevious, lastRotation: start(k), nextRotation: start(k + 1) };
    if (!input.keepPrevious) {
        return { ...base, slots: [{ id: "a", rotation: isoDay(start(k)) }], current: "a" };
    }
    const evenStart = k - mod(k, 2);
    const oddStart = k - mod(k - 1, 2);
    return {
        ...base,
        slots: [{ id: "a", rotation: isoDay(start(evenStart)) }, { id: "b", rotation: isoDay(start(oddStart)) }],
        current: mod(k, 2) === 0 ? "a" : "b",
    };
}

/**
 * `keepers` of one random resource (conventions: `KEEPER`). Any change replaces the value:
 * a new slot, another kind, another period, or a new emergency token.
 * `rotation` is the slot start, or `"aws-lambda"` (fixed: the value is only the initial one)
 * when a Secrets Manager rotation Lambda owns the value.
 */
export function slotKeepers(kind: string, periodDays: number, rotation: string, emergency?: string, slots = 1): Record<string, string> {
    return {
        [KEEPER.kind]: kind,
        [KEEPER.rotation]: rotation,
        [KEEPER.rotationDays]: String(periodDays),
        ...(emergency !== undefined ? { [KEEPER.emergency]: emergency } : {}),
        ...(slots > 1 ? { [KEEPER.slots]: String(slots) } : {}),
    };
}

/**
 * A token that changes exactly when a delivered value changes: a hash of everything that
 * replaces a random resource (its plain inputs and keepers), never of a value. Projections
 * copy it into an annotation so workloads restart on rotation.
 */
export function versionToken(parts: unknown): string {
    return shortHash(JSON.stringify(parts));
}

/** Who makes a new value: the schedule in this module, a person (external), or an AWS rotation Lambda. */
export type RotatedBy = "pulumi" | "person" | "aws-lambda";

/** Rotation marks in AWS tags and Vault custom metadata (conventions: `TAG`). */
export function rotationMarks(input: { periodDays: number; keepPrevious: boolean; lastRotated?: string; rotatedBy: RotatedBy }): Record<string, string> {
    return {
        [TAG.rotationDays]: String(input.periodDays),
        [TAG.keepPrevious]: String(input.keepPrevious),
        ...(input.lastRotated !== undefined ? { [TAG.lastRotated]: input.lastRotated } : {}),
        ...(input.rotatedBy === "aws-lambda" ? { [TAG.rotatedBy]: "aws-lambda" } : {}),
    };
}

/**
 * `ok`: not due within the warning window. `due-soon`: due within it. `due`: a new value is made
 * on this date's `pulumi up` (generated) or is due today (external). `overdue`: an external
 * secret whose period has passed. `unknown`: no date to judge from (an external secret without
 * `lastRotated`, or a value an AWS rotation Lambda owns).
 */
export type RotationStatus = "ok" | "due-soon" | "due" | "overdue" | "unknown";

/** The contract's `rotation` field of `check`, plus the status and provenance. */
export interface RotationReport {
    periodDays: number;
    keepPrevious: boolean;
    /** Midnight UTC of the next due date, or null when unknown. */
    nextRotation: string | null;
    status: RotationStatus;
    rotatedBy: RotatedBy;
    /** Midnight UTC of the last rotation (the current slot's start, or `lastRotated`), or null. */
    lastRotation: string | null;
    /** For a template: the dates of each secret it references (it is due with the earliest). */
    inputs?: { name: string; nextRotation: string | null; lastRotation: string | null; status: RotationStatus }[];
}

export interface ReportInput {
    periodDays: number;
    keepPrevious: boolean;
    rotatedBy: RotatedBy;
    /** Day numbers; either or both unknown. */
    lastRotation?: number;
    nextRotation?: number;
}

/** Judges a schedule on `today` with a warning window of `warningDays`. */
export function rotationReport(input: ReportInput, today: number, warningDays: number): RotationReport {
    const { nextRotation: next, lastRotation: last } = input;
    let status: RotationStatus;
    if (next === undefined || input.rotatedBy === "aws-lambda") {
        status = "unknown";
    } else if (input.rotatedBy === "pulumi") {
        // The schedule renews generated values itself: today is due when today starts a period.
        status = last === today ? "due" : next - today <= warningDays ? "due-soon" : "ok";
    } else {
        status = today > next ? "overdue" : today === next ? "due" : next - today <= warningDays ? "due-soon" : "ok";
    }
    return {
        periodDays: input.periodDays,
        keepPrevious: input.keepPrevious,
        // A Lambda's cron schedule gives its next run; its status stays unknown (only AWS knows whether runs succeed).
        nextRotation: next !== undefined ? isoMidnight(next) : null,
        status,
        rotatedBy: input.rotatedBy,
        lastRotation: last !== undefined ? isoMidnight(last) : null,
    };
}
