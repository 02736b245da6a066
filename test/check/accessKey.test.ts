import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { REPO, runCheck } from "./run";

jest.setTimeout(60_000);

/**
 * The shipped prod stack plus an `aws-access-key` secret, through `check` as a user runs it: no
 * violation, the secret's four variables in the report, and `--now` on a rotation day changing
 * exactly the rotated slot's key entry (its replacement trigger).
 */

interface Report {
    violations: unknown[];
    resources: { urn: string; type: string; name: string; protect: boolean; inputs: Record<string, unknown>; replacementTrigger?: Record<string, string> }[];
    secrets: { name: string; kind: string; variables?: string[]; kubernetes: { key: string; secretName: string }[]; rotation: { nextRotation: string; status: string } }[];
    access: { principal: string; secret: string }[];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ps-access-key-"));
const file = path.join(dir, "Pulumi.prod.yaml");
beforeAll(() => {
    const doc = parse(fs.readFileSync(path.join(REPO, "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, Record<string, unknown>> };
    doc.config["platform-secrets:secrets"].ARTIFACT_UPLOADER = {
        kind: "aws-access-key",
        description: "Uploads build artifacts from the Vercel deployment (fixture)",
        user: "artifact-uploader",
        policyArns: ["arn:aws:iam::123456789012:policy/fake-artifact-upload"],
        policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:PutObject"], Resource: ["arn:aws:s3:::fake-artifacts/*"] }] },
        keys: { id: "AWS_ACCESS_KEY_ID", secret: "AWS_SECRET_ACCESS_KEY" },
        consumers: ["web"],
    };
    fs.writeFileSync(file, stringify(doc));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function check(now: string): Promise<Report> {
    const run = await runCheck(["--stack", "prod", "--config-file", file, "--now", now, "--json"]);
    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.status).toBe(0);
    return JSON.parse(run.stdout) as Report;
}

test("no violation; the report lists both variables (and _PREVIOUS), the user, two keys and who reads them", async () => {
    const report = await check("2027-01-01T00:00:00Z");
    expect(report.violations).toEqual([]);
    const secret = report.secrets.find((s) => s.name === "ARTIFACT_UPLOADER");
    expect(secret?.kind).toBe("aws-access-key");
    const variables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID_PREVIOUS", "AWS_SECRET_ACCESS_KEY_PREVIOUS"];
    expect(secret?.variables).toEqual(variables);
    expect(secret?.kubernetes.map((k) => [k.secretName, k.key])).toEqual(variables.map((v) => ["web-secrets", v]));
    expect(report.access.filter((a) => a.secret === "ARTIFACT_UPLOADER").map((a) => a.principal)).toContain("kubernetes:shop-prod/web");
    const user = report.resources.filter((r) => r.type === "aws:iam/user:User");
    expect(user.map((u) => [u.inputs.name, u.protect])).toEqual([["prod-artifact-uploader", true]]);
    const keys = report.resources.filter((r) => r.type === "aws:iam/accessKey:AccessKey");
    expect(keys.map((k) => k.name)).toEqual(["secrets-artifact-uploader-key-a", "secrets-artifact-uploader-key-b"]);
});

test("check --now on the rotation day: only the older slot's key entry changes (plus the projection's version annotation)", async () => {
    const before = await check("2027-01-01T00:00:00Z");
    const next = before.secrets.find((s) => s.name === "ARTIFACT_UPLOADER")?.rotation.nextRotation ?? "";
    const after = await check(next);
    const byUrn = new Map(before.resources.map((r) => [r.urn, JSON.stringify(r)]));
    const changed = after.resources.filter((r) => byUrn.get(r.urn) !== JSON.stringify(r));
    const keys = changed.filter((r) => r.type === "aws:iam/accessKey:AccessKey");
    expect(keys).toHaveLength(1);
    expect(keys[0].replacementTrigger).toEqual({ generation: next.slice(0, 10) });
    // Other entries that change on that day: other secrets due then, and ExternalSecrets whose version annotation moves.
    expect(changed.filter((r) => r.type.startsWith("aws:iam/")).map((r) => r.name)).toEqual([keys[0].name]);
});
