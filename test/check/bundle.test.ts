import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { REPO, runCheck } from "./run";

/**
 * The shipped prod stack with `stores.aws.bundle: group` passes the module's own pack: a bundle
 * carries the marks the rotation policies judge (one kind for a group of one kind, e.g. Fernet keys).
 */
test("Pulumi.prod.yaml with bundle: group has no policy violation", async () => {
    const doc = parse(fs.readFileSync(path.join(REPO, "Pulumi.prod.yaml"), "utf8")) as { config: Record<string, { aws: Record<string, unknown> }> };
    doc.config["platform-secrets:stores"].aws.bundle = "group";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ps-bundle-"));
    const file = path.join(dir, "Pulumi.prod.yaml");
    fs.writeFileSync(file, stringify(doc));
    try {
        const run = await runCheck(["--stack", "prod", "--config-file", file, "--json"]);
        expect(run.stderr).not.toMatch(/^error:/m);
        const report = JSON.parse(run.stdout) as { violations: unknown[]; resources: { type: string; inputs: { tags?: Record<string, string> } }[] };
        expect(report.violations).toEqual([]);
        expect(run.status).toBe(0);
        const bundles = report.resources.filter((r) => r.type === "aws:secretsmanager/secret:Secret" && r.inputs.tags?.["secret-name"] === undefined);
        expect(bundles.length).toBeGreaterThanOrEqual(5);
        const encryption = bundles.find((b) => b.inputs.tags?.kind === "fernet");
        expect(encryption?.inputs.tags).toMatchObject({ kind: "fernet", "rotation-days": "365", criticality: "critical" });
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});
