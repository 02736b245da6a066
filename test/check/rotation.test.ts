import type { CheckReport, ReportResource } from "../../offline/report";
import { CheckRun, runCheck } from "./run";

/** `check --now` simulates dates: the rotation fields and which values a `pulumi up` would replace. */

jest.setTimeout(180_000);

const KINDS_GENERATED = ["jwt", "token", "django", "password", "fernet", "hex", "basic-auth"];

function randomKeepers(report: CheckReport): Record<string, Record<string, string>> {
    return Object.fromEntries(report.resources
        .filter((r: ReportResource) => r.type.startsWith("random:"))
        .map((r) => [r.name, r.inputs.keepers as Record<string, string>]));
}

describe("--stack prod --now, JSON", () => {
    const runs: Record<string, CheckRun> = {};
    const reports: Record<string, CheckReport> = {};
    beforeAll(async () => {
        for (const date of ["2027-03-09", "2027-03-10"]) {
            runs[date] = await runCheck(["--stack", "prod", "--now", date, "--json"]);
            reports[date] = JSON.parse(runs[date].stdout);
        }
    });

    test("every generated secret has periodDays, keepPrevious and nextRotation (midnight UTC, after the date)", () => {
        const report = reports["2027-03-10"];
        // The external keys are overdue on that date, but the deploy cannot rotate them: reported, never a violation.
        expect(report.violations).toEqual([]);
        expect(runs["2027-03-10"].status).toBe(0);
        const generated = report.secrets.filter((s) => KINDS_GENERATED.includes(s.kind!));
        expect(generated).toHaveLength(9);
        for (const secret of generated) {
            const rotation = secret.rotation as any;
            expect(rotation).toEqual({
                periodDays: expect.any(Number),
                keepPrevious: expect.any(Boolean),
                nextRotation: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/),
                status: expect.stringMatching(/^(ok|due-soon|due)$/),
                rotatedBy: "pulumi",
                lastRotation: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/),
            });
            expect(Date.parse(rotation.nextRotation)).toBeGreaterThan(Date.parse("2027-03-10T00:00:00Z"));
            expect(Date.parse(rotation.lastRotation)).toBeLessThanOrEqual(Date.parse("2027-03-10T00:00:00Z"));
        }
        const byName = Object.fromEntries(report.secrets.map((s) => [s.name, s.rotation as any]));
        expect(byName.JWT_SECRET_KEY).toMatchObject({ periodDays: 90, keepPrevious: true });
        expect(byName.DATA_ENCRYPTION_KEY).toMatchObject({ periodDays: 365, keepPrevious: true });
        expect(byName.METRICS_BASIC_AUTH).toMatchObject({ periodDays: 180, keepPrevious: false });
        expect(byName.REDIS_PASSWORD).toMatchObject({ status: "due", lastRotation: "2027-03-10T00:00:00Z", nextRotation: "2027-06-08T00:00:00Z" });
    });

    test("external secrets: due dates from lastRotated, unknown without it", () => {
        const byName = Object.fromEntries(reports["2027-03-10"].secrets.map((s) => [s.name, s.rotation as any]));
        expect(byName.STRIPE_API_KEY).toEqual({
            periodDays: 90, keepPrevious: false, nextRotation: "2026-12-14T00:00:00Z", status: "overdue", rotatedBy: "person", lastRotation: "2026-09-15T00:00:00Z",
        });
        expect(byName.SENDGRID_API_KEY).toMatchObject({ status: "overdue", nextRotation: "2026-12-30T00:00:00Z" });
        expect(byName.PAGERDUTY_ROUTING_KEY).toMatchObject({ status: "unknown", nextRotation: null, lastRotation: null });
    });

    test("from one day to the next, only the due secret's random resource gets new keepers", () => {
        const before = randomKeepers(reports["2027-03-09"]);
        const after = randomKeepers(reports["2027-03-10"]);
        expect(Object.keys(after)).toEqual(Object.keys(before));
        const changed = Object.keys(after).filter((name) => JSON.stringify(after[name]) !== JSON.stringify(before[name]));
        expect(changed).toEqual(["secrets-redis-password-value"]);
        expect(after[changed[0]]).toEqual({ kind: "password", rotation: "2027-03-10", "rotation-days": "90" });
        expect(reports["2027-03-09"].secrets.find((s) => s.name === "REDIS_PASSWORD")!.rotation).toMatchObject({ status: "due-soon" });
    });
});

test("human output marks what rotates on the date, what is due soon and what is overdue", async () => {
    const run = await runCheck(["--stack", "prod", "--now", "2027-03-10"]);
    expect(run.status).toBe(0);
    expect(run.stdout).not.toContain("secret-rotation-overdue");
    expect(run.stdout).toContain("    rotation: every 90 days, next 2027-06-08  << ROTATES NOW (due)\n");
    expect(run.stdout).toContain("    rotation: every 90 days, keeps previous (JWT_SECRET_KEY_PREVIOUS), next 2027-04-12\n");
    expect(run.stdout).toContain([
        "Rotation on 2027-03-10:",
        "  rotates now (next pulumi up): REDIS_PASSWORD",
        "  due soon:  none",
        "  overdue:   STRIPE_API_KEY (2026-12-14), SENDGRID_API_KEY (2026-12-30)",
        "  unknown:   PAGERDUTY_ROUTING_KEY",
    ].join("\n"));
});
