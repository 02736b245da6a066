import { nextCronDay, rateDays } from "../../components/rotation/awsSchedule";
import { dayNumber, isoDay, rotationReport } from "../../components/rotation/schedule";

/** A Lambda-rotated secret's next rotation, from its Secrets Manager schedule expression. */

const day = (iso: string) => dayNumber(new Date(`${iso}T00:00:00Z`));
const next = (expression: string, from: string) => {
    const d = nextCronDay(expression, day(from));
    return d === undefined ? undefined : isoDay(d);
};

test("cron: the first matching day after today", () => {
    // 2026-12-02 is a Wednesday.
    expect(next("cron(0 4 1 * ? *)", "2026-12-02")).toBe("2027-01-01");
    expect(next("cron(0 4 1 * ? *)", "2026-12-01")).toBe("2027-01-01");
    expect(next("cron(0 4 ? * SUN *)", "2026-12-02")).toBe("2026-12-06");
    expect(next("cron(0 4 ? * 2 *)", "2026-12-02")).toBe("2026-12-07");
    expect(next("cron(0 4 ? * MON-FRI *)", "2026-12-04")).toBe("2026-12-07");
    expect(next("cron(0 4 15 JAN,JUL ? *)", "2026-12-02")).toBe("2027-01-15");
    expect(next("cron(0 4 1 */3 ? *)", "2026-12-02")).toBe("2027-01-01");
    expect(next("cron(0 4 1 2/6 ? *)", "2026-12-02")).toBe("2027-02-01");
    expect(next("cron(0 4 29 2 ? *)", "2026-12-02")).toBe("2028-02-29");
    expect(next("cron(0 4 1 1 ? 2030)", "2026-12-02")).toBe("2030-01-01");
});

test("what is not a calendar schedule, or not evaluated, gives no date", () => {
    expect(next("rate(30 days)", "2026-12-02")).toBeUndefined();
    expect(next("cron(0 4 L * ? *)", "2026-12-02")).toBeUndefined();
    expect(next("cron(0 4 ? * 2#1 *)", "2026-12-02")).toBeUndefined();
    expect(next("cron(0 4 1 * ?)", "2026-12-02")).toBeUndefined();
    expect(next("cron(0 4 1 1 ? 2020)", "2026-12-02")).toBeUndefined();
});

test("rate(N days) gives the period; other rates none", () => {
    expect(rateDays("rate(30 days)")).toBe(30);
    expect(rateDays("rate(1 day)")).toBe(1);
    expect(rateDays("rate(4 hours)")).toBeUndefined();
});

test("the report: a Lambda's next run from cron, status unknown (only AWS knows the runs' outcome)", () => {
    expect(rotationReport({ periodDays: 30, keepPrevious: false, rotatedBy: "aws-lambda", nextRotation: day("2027-01-01") }, day("2026-12-02"), 14))
        .toEqual({ periodDays: 30, keepPrevious: false, nextRotation: "2027-01-01T00:00:00Z", status: "unknown", rotatedBy: "aws-lambda", lastRotation: null });
});
