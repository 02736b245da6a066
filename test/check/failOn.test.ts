import * as fs from "fs";
import * as path from "path";
import { runCheck } from "./run";
import { tempProject } from "./tempProject";

/**
 * `check --fail-on overdue|due-soon` (contract section 2): exit 3 naming every secret that needs a
 * person, 1 and 2 winning over it, and the JSON document the same as without the flag. Prod's
 * catalog: STRIPE_API_KEY (critical, 90 days) last rotated 2026-09-15, so due 2026-12-14;
 * SENDGRID_API_KEY (high, 90 days) 2026-10-01, due 2026-12-30; PAGERDUTY_ROUTING_KEY has no
 * lastRotated. The warning window is the default 14 days.
 */

jest.setTimeout(180_000);

const PAGERDUTY = "  PAGERDUTY_ROUTING_KEY: rotation status unknown: an external secret in production with no lastRotated (owner: platform-team)";

/** stderr without the program's own warnings (an optional external not set). */
const attention = (stderr: string) => stderr.split("\n").filter((l) => l !== "" && !l.startsWith("warning: "));

test("overdue externals alone: exit 0 without --fail-on, 3 with it, every one named with its owner", async () => {
    const plain = await runCheck(["--stack", "prod", "--now", "2027-03-10", "--json"]);
    const failing = await runCheck(["--stack", "prod", "--now", "2027-03-10", "--fail-on", "overdue", "--json"]);
    expect(plain.status).toBe(0);
    expect(failing.status).toBe(3);
    expect(attention(failing.stderr)).toEqual([
        "rotation needs attention (--fail-on overdue): 3 secrets",
        "  STRIPE_API_KEY: overdue since 2026-12-14 (owner: platform-team)",
        "  SENDGRID_API_KEY: overdue since 2026-12-30 (owner: platform-team)",
        PAGERDUTY,
    ]);
    // The document is unchanged by the flag.
    expect(failing.stdout).toBe(plain.stdout);
    expect(JSON.parse(failing.stdout).violations).toEqual([]);
});

test("before any due date: overdue names only the production external with no lastRotated; due-soon adds the one due within 14 days", async () => {
    const overdue = await runCheck(["--stack", "prod", "--now", "2026-12-05", "--fail-on", "overdue"]);
    expect(overdue.status).toBe(3);
    expect(attention(overdue.stderr)).toEqual(["rotation needs attention (--fail-on overdue): 1 secret", PAGERDUTY]);
    const soon = await runCheck(["--stack", "prod", "--now", "2026-12-05", "--fail-on", "due-soon"]);
    expect(soon.status).toBe(3);
    expect(attention(soon.stderr)).toEqual([
        "rotation needs attention (--fail-on due-soon): 2 secrets",
        "  STRIPE_API_KEY: due 2026-12-14 (owner: platform-team)",
        PAGERDUTY,
    ]);
});

test("outside production an external with no lastRotated is not an alert: dev exits 0", async () => {
    const run = await runCheck(["--stack", "dev", "--now", "2027-03-10", "--fail-on", "due-soon"]);
    expect(attention(run.stderr)).toEqual([]);
    expect(run.status).toBe(0);
});

test("a mandatory violation (1) wins over 3, and the secrets are still named", async () => {
    const dir = tempProject({ "policy.json": JSON.stringify({ all: "mandatory", "vault-kv-versions": { enforcementLevel: "mandatory", minVersions: 1000 } }) });
    const run = await runCheck(["--stack", "prod", "--now", "2027-03-10", "--fail-on", "overdue", "--policy-config", path.join(dir, "policy.json")]);
    expect(run.status).toBe(1);
    expect(attention(run.stderr)[0]).toBe("rotation needs attention (--fail-on overdue): 3 secrets");
    fs.rmSync(dir, { recursive: true });
});

test("invalid configuration (2) wins over 3; an unknown --fail-on value is a usage error", async () => {
    const dir = tempProject({ "Pulumi.bad.yaml": fs.readFileSync(path.resolve(__dirname, "../../Pulumi.prod.yaml"), "utf8").replace("kind: basic-auth", "kind: basic-authx") });
    const bad = await runCheck(["--stack", "prod", "--config-file", path.join(dir, "Pulumi.bad.yaml"), "--now", "2027-03-10", "--fail-on", "overdue"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("basic-authx");
    expect(bad.stderr).not.toContain("rotation needs attention");
    const usage = await runCheck(["--stack", "prod", "--fail-on", "late"]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("error: option '--fail-on <when>' argument 'late' is invalid. Allowed choices are overdue, due-soon.");
    fs.rmSync(dir, { recursive: true });
});
