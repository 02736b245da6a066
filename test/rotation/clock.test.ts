import * as pulumi from "@pulumi/pulumi";
import { NOW_ENV, rotationNow } from "../../components/rotation/clock";

const fixed = () => new Date("2026-11-24T10:00:00Z");

test("the system clock when PLATFORM_SECRETS_NOW is unset or empty", () => {
    expect(rotationNow({}, fixed)).toEqual(fixed());
    expect(rotationNow({ [NOW_ENV]: "" }, fixed)).toEqual(fixed());
});

test("PLATFORM_SECRETS_NOW as an ISO-8601 date or time", () => {
    expect(rotationNow({ [NOW_ENV]: "2027-03-01" }, fixed).toISOString()).toBe("2027-03-01T00:00:00.000Z");
    expect(rotationNow({ [NOW_ENV]: "2027-03-01T23:30:00+02:00" }, fixed).toISOString()).toBe("2027-03-01T21:30:00.000Z");
});

test("anything else is a run error naming the variable, without a stack trace", () => {
    const read = () => rotationNow({ [NOW_ENV]: "next tuesday" }, fixed);
    expect(read).toThrow(pulumi.RunError);
    expect(read).toThrow(`PLATFORM_SECRETS_NOW="next tuesday" is not an ISO-8601 date or time; use e.g. 2027-03-01 or unset it to use today's date`);
});

test("a date outside the calendar is refused, never rolled over into the next month", () => {
    const read = () => rotationNow({ [NOW_ENV]: "2026-02-30" }, fixed);
    expect(read).toThrow(pulumi.RunError);
    expect(read).toThrow(`PLATFORM_SECRETS_NOW="2026-02-30" is not an ISO-8601 date or time; use e.g. 2027-03-01 or unset it to use today's date`);
    expect(() => rotationNow({ [NOW_ENV]: "2027-04-31T08:00:00Z" }, fixed)).toThrow(`PLATFORM_SECRETS_NOW="2027-04-31T08:00:00Z" is not`);
});
