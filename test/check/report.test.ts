import * as pulumi from "@pulumi/pulumi";
import { PlatformSecrets } from "../../components/platformSecrets";
import { formatHuman, resourceCounts, summaryLine } from "../../offline/human";
import { CheckReport, ReportContext, ReportSection, buildReport, environmentOf, reportExitCode } from "../../offline/report";
import { Harness, setupHarness } from "../harness";

/** The document from recorded registrations, in-process: the component itself, under the test harness. */

let h: Harness;
let report: CheckReport;

function context(overrides: Partial<ReportContext> = {}): ReportContext {
    return {
        project: "platform-secrets", stack: "staging", recorder: h.recorder, stackOutputs: {},
        config: {}, secretKeys: [], now: new Date("2026-11-23T00:00:00Z"), ...overrides,
    };
}

beforeAll(async () => {
    h = setupHarness({ stack: "staging" });
    new PlatformSecrets("secrets", {
        environment: "staging",
        stores: { vault: { mount: "kv" }, aws: { region: "eu-west-1", bundle: "group" } },
        consumers: { api: { namespace: "shop-staging", serviceAccount: "api" } },
        secrets: {
            JWT_SECRET_KEY: { kind: "jwt", group: "auth", criticality: "critical", consumers: ["api"] },
            SESSION_KEY: { kind: "token", group: "auth" },
            VAULT_ONLY: { kind: "hex", group: "auth", stores: ["vault"] },
            STRIPE_API_KEY: { kind: "external", group: "api-keys", consumers: ["api"] },
        },
        externalValues: { STRIPE_API_KEY: pulumi.secret("fake_value_for_tests") },
    });
    await h.settle();
    report = buildReport(context());
});

function secret(name: string) {
    return report.secrets.find((s) => s.name === name)!;
}

test("every registration is a resource, secrets redacted", () => {
    expect(report.resources).toHaveLength(h.recorder.resources.length);
    const version = report.resources.find((r) => r.name === "secrets-bundle-auth-aws-version")!;
    expect(version.inputs.secretString).toBe("[secret]");
    expect(JSON.stringify(report)).not.toContain("fake_value_for_tests");
});

test("a bundled secret owns its values, its store entries and its group's bundle, fence included", () => {
    const jwt = secret("JWT_SECRET_KEY");
    const names = jwt.resources.map((urn) => report.resources.find((r) => r.urn === urn)!.name).sort();
    expect(names).toEqual([
        "secrets-bundle-auth", "secrets-bundle-auth-aws", "secrets-bundle-auth-aws-version", "secrets-fence-staging-auth",
        "secrets-jwt-secret-key-value", "secrets-jwt-secret-key-value-b", "secrets-jwt-secret-key-vault",
    ]);
    expect(jwt.stores).toEqual({ vault: { mount: "kv", path: "staging/auth/jwt-secret-key" }, aws: { name: "staging/auth", region: "eu-west-1" } });
});

test("a secret outside AWS has no AWS store and no bundle", () => {
    const vaultOnly = secret("VAULT_ONLY");
    expect(vaultOnly.stores.aws).toBeNull();
    expect(vaultOnly.resources.some((urn) => urn.includes("bundle"))).toBe(false);
    expect(secret("STRIPE_API_KEY").resources.some((urn) => urn.endsWith("::secrets-bundle-api-keys"))).toBe(true);
});

test("kind, criticality, consumers, kubernetes and rotation come from the component's outputs", () => {
    expect(secret("JWT_SECRET_KEY")).toMatchObject({ kind: "jwt", criticality: "critical", consumers: ["api"], kubernetes: [], rotation: { periodDays: 90, keepPrevious: true, rotatedBy: "pulumi" } });
    expect(secret("SESSION_KEY")).toMatchObject({ kind: "token", criticality: "high", consumers: [] });
});

test("environment: the stack output, else the project's config, never a secret", () => {
    const base = { project: "p", config: { "p:environment": "qa" }, secretKeys: [] as string[], recorder: { resources: [] } as never };
    expect(environmentOf({ ...base, stackOutputs: { environment: "prod" } })).toBe("prod");
    expect(environmentOf({ ...base, stackOutputs: {} })).toBe("qa");
    expect(environmentOf({ ...base, stackOutputs: { environment: "[secret]" }, secretKeys: ["p:environment"] })).toBeNull();
});

test("later capabilities add sections; a mandatory violation makes the exit status 1", () => {
    const policy: ReportSection = (ctx, doc) => {
        doc.violations.push({ policy: "fake-policy", enforcementLevel: "mandatory", urn: doc.secrets[0].resources[0], message: `checked at ${ctx.now.toISOString()}` });
    };
    const withViolation = buildReport(context(), [policy]);
    expect(withViolation.violations[0].message).toBe("checked at 2026-11-23T00:00:00.000Z");
    expect(reportExitCode(withViolation)).toBe(1);
    expect(reportExitCode({ violations: [{ ...withViolation.violations[0], enforcementLevel: "advisory" }] })).toBe(0);
    expect(reportExitCode(report)).toBe(0);
});

describe("human output", () => {
    test("a block per secret: kind, criticality, store paths, consumers", () => {
        const text = formatHuman({ ...report, environment: "staging" }, "/srv/program");
        expect(text).toContain("environment: staging\nprogram:     /srv/program\n");
        expect(text).toContain("  JWT_SECRET_KEY  jwt, critical\n    vault: kv/staging/auth/jwt-secret-key\n    aws:   staging/auth (eu-west-1)\n    protection: none\n    consumers: api\n");
        expect(text).toContain("  SESSION_KEY  token, high\n");
        expect(text.trimEnd().split("\n").pop()).toBe(summaryLine(report));
    });

    test("counts by type, sorted; violations listed when present", () => {
        expect(resourceCounts({ resources: [{ type: "b" }, { type: "a" }, { type: "b" }] as any })).toEqual([["a", 1], ["b", 2]]);
        const withViolation = { ...report, violations: [{ policy: "fake-policy", enforcementLevel: "mandatory", urn: "urn:x", message: "fix it" }] };
        expect(formatHuman(withViolation, "/p")).toContain("Policy violations (1):\n  fake-policy [mandatory] (1)\n    urn:x\n      fix it\n");
        expect(summaryLine(withViolation)).toBe(`4 secrets, ${report.resources.length} resources, 1 policy violation (1 mandatory)`);
    });
});
