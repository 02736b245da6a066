import {
    dayNumber, isoDay, isoMidnight, parseDay, planRotation, rotationMarks, rotationReport, slotKeepers, staggerOffset,
} from "../../components/rotation/schedule";

const DAY = 86_400_000;
const START = Date.UTC(2027, 0, 1);

/** Every day from 2027-01-01 for `days` days. */
function walk(days: number): Date[] {
    return Array.from({ length: days }, (_, i) => new Date(START + i * DAY));
}

const single = { environment: "prod", name: "DATABASE_PASSWORD", periodDays: 30, keepPrevious: false };
const twoSlot = { environment: "prod", name: "JWT_SECRET_KEY", periodDays: 30, keepPrevious: true };

describe("dates", () => {
    test("days are whole UTC days, whatever the time of day", () => {
        expect(dayNumber(new Date("2027-01-05T00:00:00Z"))).toBe(dayNumber(new Date("2027-01-05T23:59:59.999Z")));
        expect(dayNumber(new Date("2027-01-06T00:00:00Z")) - dayNumber(new Date("2027-01-05T23:59:59Z"))).toBe(1);
        expect(isoDay(dayNumber(new Date("2027-01-05T13:00:00+02:00")))).toBe("2027-01-05");
        expect(isoMidnight(parseDay("2027-01-05")!)).toBe("2027-01-05T00:00:00Z");
    });

    test("parseDay accepts calendar dates only", () => {
        expect(parseDay("2028-02-29")).toBe(dayNumber(new Date("2028-02-29")));
        expect(parseDay("2027-02-29")).toBeUndefined();
        expect(parseDay("2027-13-01")).toBeUndefined();
        expect(parseDay("2027-1-1")).toBeUndefined();
    });
});

describe("one slot", () => {
    test("the keeper changes exactly on due days, every period, and nowhere else", () => {
        const days = walk(200);
        const plans = days.map((d) => planRotation(single, d));
        const changes = plans.flatMap((p, i) => (i > 0 && p.slots[0].rotation !== plans[i - 1].slots[0].rotation ? [isoDay(dayNumber(days[i]))] : []));
        expect(changes.length).toBeGreaterThanOrEqual(6);
        // Each change happens on the day the previous day announced as next rotation.
        for (const changed of changes) {
            const before = plans[days.findIndex((d) => isoDay(dayNumber(d)) === changed) - 1];
            expect(isoDay(before.nextRotation)).toBe(changed);
        }
        expect(changes.map((d, i) => (i > 0 ? parseDay(d)! - parseDay(changes[i - 1])! : 30))).toEqual(changes.map(() => 30));
        // The keeper is the slot's start: the day it last changed.
        for (const plan of plans) {
            expect(plan.slots).toEqual([{ id: "a", rotation: isoDay(plan.lastRotation) }]);
            expect(plan.nextRotation - plan.lastRotation).toBe(30);
        }
    });

    test("the same date gives the same plan: nothing changes when nothing changes", () => {
        const at = new Date("2027-04-10T08:00:00Z");
        expect(planRotation(single, at)).toEqual(planRotation({ ...single }, new Date("2027-04-10T22:00:00Z")));
    });
});

describe("two slots", () => {
    const days = walk(400);
    const plans = days.map((d) => planRotation(twoSlot, d));
    const keeper = (i: number, id: "a" | "b") => plans[i].slots.find((s) => s.id === id)!.rotation;

    test("each slot lives two periods, the slots offset by one, so they alternate", () => {
        const renewals = { a: [] as number[], b: [] as number[] };
        plans.forEach((_, i) => {
            for (const id of ["a", "b"] as const) {
                if (i > 0 && keeper(i, id) !== keeper(i - 1, id)) renewals[id].push(i);
            }
        });
        expect(renewals.a.length).toBeGreaterThanOrEqual(6);
        for (const id of ["a", "b"] as const) {
            expect(renewals[id].slice(1).map((d, j) => d - renewals[id][j])).toEqual(renewals[id].slice(1).map(() => 60));
        }
        const all = [...renewals.a, ...renewals.b].sort((x, y) => x - y);
        expect(all.slice(1).map((d, j) => d - all[j])).toEqual(all.slice(1).map(() => 30));
        // Never both on the same day: one value always survives a rotation.
        expect(renewals.a.filter((d) => renewals.b.includes(d))).toEqual([]);
    });

    test("the slot just renewed is current; the other is the previous value; they swap every period", () => {
        plans.forEach((plan, i) => {
            const current = keeper(i, plan.current);
            const previous = keeper(i, plan.current === "a" ? "b" : "a");
            expect(current).toBe(isoDay(plan.lastRotation));
            expect(parseDay(current)! - parseDay(previous)!).toBe(30);
            if (i > 0 && plan.lastRotation !== plans[i - 1].lastRotation) {
                expect(plan.current).not.toBe(plans[i - 1].current);
                // Yesterday's current value is today's previous one, unchanged: consumers never lose it.
                expect(keeper(i, plans[i - 1].current)).toBe(keeper(i - 1, plans[i - 1].current));
            }
        });
    });
});

test("staggering spreads a stack's due dates over the period", () => {
    const names = Array.from({ length: 60 }, (_, i) => `SECRET_${i}`);
    const offsets = names.map((name) => staggerOffset("prod", name, 90));
    expect(new Set(offsets).size).toBeGreaterThanOrEqual(30);
    expect(offsets.every((o) => o >= 0 && o < 90)).toBe(true);
    const due = new Set(names.map((name) => planRotation({ ...single, name, periodDays: 90 }, new Date(START)).nextRotation));
    expect(due.size).toBeGreaterThanOrEqual(30);
    // The same secret in another environment is due on another day as well.
    expect(staggerOffset("dev", "JWT_SECRET_KEY", 90)).not.toBe(staggerOffset("prod", "JWT_SECRET_KEY", 90));
});

test("a period longer than the epoch's age still has a slot", () => {
    const plan = planRotation({ ...twoSlot, periodDays: 40_000 }, new Date(START));
    expect(plan.lastRotation).toBeLessThanOrEqual(dayNumber(new Date(START)));
    expect(plan.nextRotation).toBeGreaterThan(dayNumber(new Date(START)));
    expect(plan.slots.map((s) => s.id)).toEqual(["a", "b"]);
});

test("keepers and marks use the shared convention names", () => {
    expect(slotKeepers("jwt", 90, "2027-01-05")).toEqual({ kind: "jwt", rotation: "2027-01-05", "rotation-days": "90" });
    expect(slotKeepers("jwt", 90, "2027-01-05", "incident-42")).toEqual({ kind: "jwt", rotation: "2027-01-05", "rotation-days": "90", emergency: "incident-42" });
    expect(rotationMarks({ periodDays: 90, keepPrevious: true, rotatedBy: "pulumi" })).toEqual({ "rotation-days": "90", "keep-previous": "true" });
    expect(rotationMarks({ periodDays: 30, keepPrevious: false, rotatedBy: "aws-lambda" })).toEqual({ "rotation-days": "30", "keep-previous": "false", "rotated-by": "aws-lambda" });
    expect(rotationMarks({ periodDays: 90, keepPrevious: false, lastRotated: "2026-12-01", rotatedBy: "person" }))
        .toEqual({ "rotation-days": "90", "keep-previous": "false", "last-rotated": "2026-12-01" });
});

describe("status", () => {
    const day = parseDay("2027-03-01")!;
    const person = { periodDays: 90, keepPrevious: false, rotatedBy: "person" as const };
    test.each([
        ["overdue", day - 1, "overdue"],
        ["due today", day, "due"],
        ["due within the window", day + 14, "due-soon"],
        ["beyond the window", day + 15, "ok"],
    ])("external, next rotation %s", (_t, next, status) => {
        expect(rotationReport({ ...person, lastRotation: next - 90, nextRotation: next }, day, 14)).toEqual({
            periodDays: 90, keepPrevious: false, nextRotation: isoMidnight(next), status, rotatedBy: "person", lastRotation: isoMidnight(next - 90),
        });
    });

    test("generated: due on the day a slot starts, due-soon within the window, never overdue", () => {
        const pulumi = { periodDays: 30, keepPrevious: true, rotatedBy: "pulumi" as const };
        expect(rotationReport({ ...pulumi, lastRotation: day, nextRotation: day + 30 }, day, 14).status).toBe("due");
        expect(rotationReport({ ...pulumi, lastRotation: day - 20, nextRotation: day + 10 }, day, 14).status).toBe("due-soon");
        expect(rotationReport({ ...pulumi, lastRotation: day - 1, nextRotation: day + 29 }, day, 14).status).toBe("ok");
    });

    test("unknown without a date, or when a Lambda owns the value", () => {
        expect(rotationReport(person, day, 14)).toMatchObject({ status: "unknown", nextRotation: null, lastRotation: null });
        expect(rotationReport({ periodDays: 30, keepPrevious: false, rotatedBy: "aws-lambda" }, day, 14))
            .toEqual({ periodDays: 30, keepPrevious: false, nextRotation: null, status: "unknown", rotatedBy: "aws-lambda", lastRotation: null });
    });
});
