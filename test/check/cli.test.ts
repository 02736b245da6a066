import * as fs from "fs";
import * as path from "path";
import { mockState } from "../../offline/mockState";
import { toBase64Url } from "../../components/generation/generate";
import type { CheckReport, ReportResource } from "../../offline/report";
import { CheckRun, FIXTURES, REPO, npmRunCheck, runCheck, stackTraceLines } from "./run";

/** End to end: the command as a user runs it, one child process per scenario. */

jest.setTimeout(180_000);

const SECRET = "aws:secretsmanager/secret:Secret";
const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
const KV = "vault:kv/secretV2:SecretV2";

function ciphertexts(file: string): string[] {
    return [...fs.readFileSync(file, "utf8").matchAll(/^\s*secure:\s*(\S+)$/gm)].map((m) => m[1]);
}

/** What the mocks generated for each random resource, in every encoding a program derives. */
function mockValues(resources: ReportResource[]): string[] {
    return resources.filter((r) => r.type.startsWith("random:")).flatMap((r) => {
        const { state } = mockState({ type: r.type, name: r.name, inputs: r.inputs }, { defaultRegion: "us-east-1" });
        return [state.result, state.base64, state.hex, typeof state.base64 === "string" && toBase64Url(state.base64, false)]
            .filter((v): v is string => typeof v === "string");
    });
}

function ofType(report: CheckReport, type: string): ReportResource[] {
    return report.resources.filter((r) => r.type === type);
}

describe("--stack prod --json", () => {
    let run: CheckRun;
    let report: CheckReport;
    beforeAll(async () => {
        run = await runCheck(["--stack", "prod", "--json"]);
        report = JSON.parse(run.stdout);
    });

    test("exactly one JSON document on stdout; mandatory violations only for the rotation marks still to come", () => {
        expect(run.stderr).not.toMatch(/^error:/m);
        expect(() => JSON.parse(run.stdout)).not.toThrow();
        expect(Object.keys(report)).toEqual(["project", "stack", "environment", "resources", "secrets", "access", "violations"]);
        expect(report).toMatchObject({ project: "platform-secrets", stack: "prod", environment: "prod", violations: [] });
    });

    test("lists the secrets present in prod: not dev-only ones, not the optional external without a value", () => {
        expect(report.secrets.map((s) => s.name).sort()).toEqual([
            "CSRF_SECRET", "DATABASE_PASSWORD", "DATA_ENCRYPTION_KEY", "DJANGO_SECRET_KEY", "JWT_SECRET_KEY", "METRICS_BASIC_AUTH",
            "PAGERDUTY_ROUTING_KEY", "REDIS_PASSWORD", "SENDGRID_API_KEY", "SESSION_SECRET_KEY", "STRIPE_API_KEY", "WEBHOOK_SIGNING_SECRET",
        ]);
        expect(run.stderr).toMatch(/^warning: SENTRY_DSN: external secret not set in prod; skipped/m);
    });

    test("each secret has its kind, consumers and store paths", () => {
        const jwt = report.secrets.find((s) => s.name === "JWT_SECRET_KEY")!;
        expect(jwt).toMatchObject({
            kind: "jwt", criticality: "critical", consumers: ["api", "web"], rotation: { periodDays: 90, keepPrevious: true },
            kubernetes: [
                { namespace: "shop-prod", secretName: "api-secrets", key: "JWT_SECRET_KEY" },
                { namespace: "shop-prod", secretName: "api-secrets", key: "JWT_SECRET_KEY_PREVIOUS" },
                { namespace: "shop-prod", secretName: "web-secrets", key: "JWT_SECRET_KEY" },
                { namespace: "shop-prod", secretName: "web-secrets", key: "JWT_SECRET_KEY_PREVIOUS" },
            ],
        });
        for (const secret of report.secrets) {
            const path = secret.stores.vault?.path;
            expect(path).toMatch(new RegExp(`^prod/[a-z-]+/${secret.name.toLowerCase().replace(/_/g, "-")}$`));
            expect(secret.stores).toEqual({ vault: { mount: "kv", path }, aws: { name: path, region: "us-east-1" } });
        }
    });

    test("each secret lists its own resources, and every one of them is in the document", () => {
        const urns = new Set(report.resources.map((r) => r.urn));
        for (const secret of report.secrets) {
            const own = secret.resources.map((urn) => report.resources.find((r) => r.urn === urn)!);
            expect(secret.resources.every((u) => urns.has(u))).toBe(true);
            const generated = secret.kind === "external" ? [] : [expect.stringMatching(/^random:/)];
            expect(own.map((r) => r.type).sort()).toEqual(expect.arrayContaining([
                SECRET, VERSION, KV, ...generated,
            ]));
            expect(own.filter((r) => r.type === SECRET).map((r) => r.inputs.name)).toEqual([secret.stores.aws!.name]);
        }
    });

    test("the Stack is the only root, and every other resource has a recorded parent", () => {
        const urns = new Set(report.resources.map((r) => r.urn));
        expect(report.resources.filter((r) => r.parent === null).map((r) => r.type)).toEqual(["pulumi:pulumi:Stack"]);
        expect(report.resources.every((r) => r.parent === null || urns.has(r.parent))).toBe(true);
        expect(report.resources.every((r) => r.urn.startsWith("urn:pulumi:prod::platform-secrets::"))).toBe(true);
    });

    test("AWS ARNs are realistic: account, region, key and secret ids", () => {
        for (const secret of ofType(report, SECRET)) {
            expect(secret.inputs.kmsKeyId).toMatch(/^arn:aws:kms:us-east-1:\d{12}:key\/mrk-[0-9a-f]{32}$/);
            expect(secret.inputs.replicas).toEqual([{ region: "us-west-2", kmsKeyId: expect.stringMatching(/^arn:aws:kms:us-west-2:\d{12}:key\/mrk-[0-9a-f]{32}$/) }]);
            expect(secret.protect).toBe(true);
        }
        for (const version of ofType(report, VERSION)) {
            expect(version.inputs.secretId).toMatch(/^arn:aws:secretsmanager:us-east-1:\d{12}:secret:prod\/[a-z-]+\/[a-z-]+-[A-Za-z0-9]{6}$/);
        }
    });

    test("stored values are redacted, provided ones included", () => {
        expect(ofType(report, VERSION).map((r) => r.inputs.secretString)).toEqual(Array(12).fill("[secret]"));
        expect(ofType(report, KV).map((r) => r.inputs.dataJson)).toEqual(Array(12).fill("[secret]"));
    });

    test("no secret value anywhere: neither the stack file's ciphertexts nor the generated values", () => {
        const output = run.stdout + run.stderr;
        const secure = ciphertexts(path.join(REPO, "Pulumi.prod.yaml"));
        expect(secure).toHaveLength(3);
        const generated = mockValues(report.resources);
        expect(generated.length).toBeGreaterThanOrEqual(9);
        for (const value of [...secure, ...generated]) {
            expect(output).not.toContain(value);
        }
        expect(output).not.toContain("FAKE0000");
    });
});

test("through `npm run -s`, as the contract writes it, stdout is still exactly one JSON document", async () => {
    // npm prints its "> script" banner on stdout unless -s: the repository no longer silences npm
    // (.npmrc), so that an `npm ci` failure in the README's commands is seen.
    expect(fs.existsSync(path.join(REPO, ".npmrc")) ? fs.readFileSync(path.join(REPO, ".npmrc"), "utf8") : "").not.toMatch(/loglevel/);
    const run = await npmRunCheck(["--stack", "prod", "--json"], REPO);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ project: "platform-secrets", stack: "prod" });
});

describe("--stack dev, human output", () => {
    let run: CheckRun;
    beforeAll(async () => {
        run = await runCheck(["--stack", "dev"]);
    });

    test("shows the header, each secret with its store path and consumers, counts and a summary", () => {
        expect(run.stderr).not.toMatch(/^error:/m);
        expect(run.status).toBe(0);
        expect(run.stdout).toMatch(/^project: +platform-secrets$/m);
        expect(run.stdout).toMatch(/^stack: +dev$/m);
        expect(run.stdout).toMatch(/^environment: +dev$/m);
        expect(run.stdout).toContain(`program:     ${REPO}`);
        expect(run.stdout).toContain("  DEBUG_TOOLBAR_TOKEN  token, low\n    vault: kv/dev/app/debug-toolbar-token\n    protection: none\n    consumers: web\n");
        expect(run.stdout).toMatch(/^ {2}vault:kv\/secretV2:SecretV2 +11$/m);
        expect(run.stdout).toMatch(/^11 secrets, \d+ resources, \d+ policy violations? \(0 mandatory\)$/m);
    });

    test("lists each skipped secret with why, and the protection of stored copies", () => {
        expect(run.stdout).toContain([
            "Skipped (3):",
            "  PAGERDUTY_ROUTING_KEY: not in environment dev (the secret's environments: prod)",
            "  SENDGRID_API_KEY: external, no value in this stack (pulumi config set --secret platform-secrets:SENDGRID_API_KEY)",
            "  SENTRY_DSN: external, no value in this stack (pulumi config set --secret platform-secrets:SENTRY_DSN)",
        ].join("\n"));
        expect(run.stdout).toContain("    vault: kv/dev/auth/jwt-secret-key\n    protection: none\n");
    });

    test("dev has no AWS store and no prod-only secret; skipped externals are warnings on stderr", () => {
        expect(run.stdout).not.toContain("aws:");
        // Only under "Skipped", with why: never as a secret of this stack.
        expect(run.stdout.split("\nSkipped (")[0]).not.toContain("PAGERDUTY_ROUTING_KEY");
        expect(run.stderr).toMatch(/^warning: SENDGRID_API_KEY: external secret not set in dev/m);
        expect(run.stdout + run.stderr).not.toContain(ciphertexts(path.join(REPO, "Pulumi.dev.yaml"))[0]);
    });
});

test("--stack prod, human output: replica regions and protection of each stored secret", async () => {
    const run = await runCheck(["--stack", "prod"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("  JWT_SECRET_KEY  jwt, critical\n    vault: kv/prod/auth/jwt-secret-key\n    aws:   prod/auth/jwt-secret-key (us-east-1; replicas: us-west-2)\n    protection: protect\n");
    expect(run.stdout).toContain("Skipped (2):\n  DEBUG_TOOLBAR_TOKEN: not in environment prod (the secret's environments: dev)\n");
});

describe("invalid configuration", () => {
    let broken: CheckRun;
    let missing: CheckRun;
    beforeAll(async () => {
        [broken, missing] = await Promise.all([
            // Typed from the fixture's directory: the path is relative to where the user is.
            npmRunCheck(["--config-file", "Pulumi.broken.yaml"], path.join(FIXTURES, "check-config")),
            runCheck(["--stack", "qa"]),
        ]);
    });

    test("a stack file with several mistakes exits 2 and names the file, secret and field of each", () => {
        expect(broken.status).toBe(2);
        // Nothing of ours on stdout; npm's own "> platform-secrets@... check" banner is shown.
        expect(broken.stdout).toMatch(/^\n> platform-secrets@[^\n]+ check\n/);
        expect(broken.stdout.split("\n").filter((l) => l !== "" && !l.startsWith("> "))).toEqual([]);
        for (const field of [
            "secrets.JWT_SECRET_KEY.kind", "secrets.DATABASE_PASSWORD.length",
            "secrets.STRIPE_API_KEY.consumers[0]", "secrets.REDIS_PASSWORD.lenght",
        ]) {
            expect(broken.stderr).toContain(`Pulumi.broken.yaml: platform-secrets:${field}: `);
        }
        expect(broken.stderr).toContain("Invalid secrets catalog in Pulumi.broken.yaml (4 problems)");
        expect(stackTraceLines(broken.stderr)).toEqual([]);
        expect(broken.stderr).not.toContain("FAKE0000");
    });

    test("a missing stack file exits 2 and names the path", () => {
        expect(missing.status).toBe(2);
        expect(missing.stderr).toContain(`error: Pulumi.qa.yaml: stack configuration file not found (looked for ${path.join(REPO, "Pulumi.qa.yaml")})`);
        expect(stackTraceLines(missing.stderr)).toEqual([]);
    });
});

describe("--cwd: another Pulumi program", () => {
    let run: CheckRun;
    let report: CheckReport;
    beforeAll(async () => {
        run = await runCheck(["--cwd", "test/fixtures/check-app", "--stack", "test", "--json"]);
        report = JSON.parse(run.stdout);
    });

    test("reports its project, stack and resources, the entry point taken from its package.json", () => {
        expect(run.status).toBe(0);
        expect(report).toMatchObject({ project: "check-fixture-app", stack: "test", environment: null, secrets: [] });
        const stackUrn = "urn:pulumi:test::check-fixture-app::pulumi:pulumi:Stack::check-fixture-app-test";
        expect(report.resources.map((r) => [r.type, r.name, r.parent]).sort()).toEqual([
            ["aws:s3/bucket:Bucket", "assets", stackUrn],
            ["aws:ssm/parameter:Parameter", "admin-password", stackUrn],
            ["aws:ssm/parameter:Parameter", "api-token", stackUrn],
            ["pulumi:pulumi:Stack", "check-fixture-app-test", null],
            ["random:index/randomPassword:RandomPassword", "admin-password", stackUrn],
        ]);
    });

    test("config: stack values over Pulumi.yaml defaults, invokes answered, secure values unknown secrets", () => {
        const bucket = ofType(report, "aws:s3/bucket:Bucket")[0];
        expect(bucket.inputs).toEqual({
            bucket: "fixture-assets-test",
            tags: { replicas: "3", account: "123456789012", databaseHost: "db.fixture.example.invalid" },
        });
        expect(ofType(report, "aws:ssm/parameter:Parameter").map((r) => r.inputs.value)).toEqual(["[secret]", "[secret]"]);
        expect(run.stdout + run.stderr).not.toContain("FAKE0000");
        expect(run.stdout + run.stderr).not.toContain(mockValues(report.resources)[0]);
    });

    test("the program's output and warnings go to stderr", () => {
        expect(run.stderr).toContain("fixture program output on stdout");
        expect(run.stderr).toMatch(/^warning: fixture warning: replicas is only a tag here$/m);
    });
});

describe("a program that fails", () => {
    const runs: Record<string, CheckRun> = {};
    beforeAll(async () => {
        for (const mode of ["throw", "apply", "resource", "late-rejection", "late-apply", "duplicate"]) {
            runs[mode] = await runCheck(["--cwd", path.join(FIXTURES, "check-failing"), "--stack", mode, "--json"]);
        }
    });

    test.each([
        ["throw", "fixture failure: widgetCount is missing (fake)"],
        ["apply", "fixture failure inside apply (fake)"],
        ["resource", "fixture failure: pet is not allowed here (fake)"],
        ["late-rejection", "fixture failure: late rejection after a timer (fake)"],
        ["late-apply", "fixture failure inside a late apply (fake)"],
        // As the engine refuses it: `check` must not pass a program `pulumi preview` fails.
        ["duplicate", "Duplicate resource URN 'urn:pulumi:duplicate::check-failing::random:index/randomPet:RandomPet::pet'; try giving it a unique name"],
    ])("%s: exits 2 with the message once, no stack trace, nothing on stdout", (mode, message) => {
        const run = runs[mode];
        expect(run.status).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr.split(message)).toHaveLength(2);
        expect(run.stderr).toMatch(/^error: /);
        expect(stackTraceLines(run.stderr)).toEqual([]);
    });
});

test("invalid arguments exit 2 before running anything", async () => {
    const run = await runCheck(["--now", "next tuesday", "--json"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`error: --now: "next tuesday" is not an ISO-8601 date or time; use e.g. 2026-11-23 or 2026-11-23T12:00:00Z\n`);
});
