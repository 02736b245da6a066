import type { CheckReport } from "../../offline/report";
import { FIXTURES, runCheck } from "./run";
import * as path from "path";

/**
 * `check --now` on a production stack with templates (test/fixtures/template): reported like the
 * other secrets, due with their earliest input, no policy violation; the input's keepers (and so
 * the template) change exactly on the input's slot boundary.
 */

jest.setTimeout(180_000);

const CONFIG = path.join(FIXTURES, "template/Pulumi.prod.yaml");
// DATABASE_PASSWORD's slot starts on 2027-03-31 (its stagger offset in prod).
const DATES = ["2027-03-29", "2027-03-30", "2027-03-31"];

const reports: Record<string, CheckReport> = {};
const statuses: Record<string, number | null> = {};

beforeAll(async () => {
    for (const date of DATES) {
        const run = await runCheck(["--stack", "prod", "--config-file", CONFIG, "--now", date, "--json"]);
        statuses[date] = run.status;
        reports[date] = JSON.parse(run.stdout);
    }
});

const secret = (date: string, name: string) => {
    const found = reports[date].secrets.find((s) => s.name === name);
    if (!found) throw new Error(`${name} not reported`);
    return found;
};
const keepers = (date: string, name: string) => reports[date].resources.find((r) => r.type.startsWith("random:") && r.name === name)?.inputs.keepers;

test("templates are reported like the others, with no violation", () => {
    for (const date of DATES) {
        expect([date, statuses[date], reports[date].violations]).toEqual([date, 0, []]);
    }
    const url = secret("2027-03-30", "DATABASE_URL");
    expect(url).toMatchObject({
        kind: "template",
        criticality: "critical",
        consumers: ["api"],
        stores: { vault: { mount: "kv", path: "prod/database/database-url" }, aws: { name: "prod/database/database-url", region: "us-east-1" } },
        kubernetes: [{ namespace: "shop-prod", secretName: "api-secrets", key: "DATABASE_URL" }],
    });
    expect(url.resources.some((u) => u.includes("random:"))).toBe(false);
    expect(url.rotation).toEqual({
        periodDays: 90, keepPrevious: false, nextRotation: "2027-03-31T00:00:00Z", status: "due-soon", rotatedBy: "pulumi", lastRotation: "2026-12-31T00:00:00Z",
        inputs: [{ name: "DATABASE_PASSWORD", nextRotation: "2027-03-31T00:00:00Z", lastRotation: "2026-12-31T00:00:00Z", status: "due-soon" }],
    });
    const auth = secret("2027-03-30", "AUTH_CONFIG");
    expect(auth.kubernetes.map((k: any) => k.key)).toEqual(["AUTH_CONFIG", "AUTH_CONFIG_PREVIOUS"]);
    expect((auth.rotation as any).inputs.map((i: any) => [i.name, i.nextRotation])).toEqual([
        ["DATABASE_URL", "2027-03-31T00:00:00Z"], ["JWT_SECRET_KEY", "2027-04-12T00:00:00Z"],
    ]);
    expect((auth.rotation as any).nextRotation).toBe("2027-03-31T00:00:00Z");
});

test("the template follows its input's slot: unchanged between two days of one slot, new on the input's rotation day", () => {
    const password = "secrets-database-password-value";
    expect(keepers("2027-03-30", password)).toEqual(keepers("2027-03-29", password));
    expect(keepers("2027-03-31", password)).not.toEqual(keepers("2027-03-30", password));
    expect(secret("2027-03-29", "DATABASE_URL").rotation).toEqual({ ...secret("2027-03-30", "DATABASE_URL").rotation as object, status: "due-soon" });
    const after = secret("2027-03-31", "DATABASE_URL").rotation as any;
    expect([after.status, after.lastRotation, after.nextRotation]).toEqual(["due", "2027-03-31T00:00:00Z", "2027-06-29T00:00:00Z"]);
});
