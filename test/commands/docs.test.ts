import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { REPO, cleanEnv, platformSecrets } from "./run";

jest.setTimeout(60_000);

const ciphertexts = (file: string) => [...fs.readFileSync(path.join(REPO, file), "utf8").matchAll(/^\s*secure:\s*(\S+)$/gm)].map((m) => m[1]);

describe.each(["dev", "prod"])("docs/secrets/%s.md", (stack) => {
    const run = platformSecrets(["docs", "--stack", stack, "--no-dates"]);

    test("is what `npm run docs:secrets` generates from the stack today (regenerate it when this fails)", () => {
        expect(run.status).toBe(0);
        expect(run.stdout).toBe(fs.readFileSync(path.join(REPO, `docs/secrets/${stack}.md`), "utf8"));
    });

    test("holds no value and no ciphertext", () => {
        for (const c of ciphertexts(`Pulumi.${stack}.yaml`)) expect(run.stdout).not.toContain(c);
        expect(run.stdout).not.toMatch(/FAKE0000/);
        expect(run.stdout).not.toContain("undefined");
    });
});

test("an external's due date comes from lastRotated, with or without dates", () => {
    const prod = fs.readFileSync(path.join(REPO, "docs/secrets/prod.md"), "utf8");
    expect(prod).toContain("| critical | every 90 days, by a person; last 2026-09-15, next 2026-12-14 |");
});

describe("docs --stack dev", () => {
    const dated = platformSecrets(["docs", "--stack", "dev", "--now", "2027-01-01"]);
    const out = dated.stdout;

    test("one table per consumer, with its variables only", () => {
        const section = out.split("## Consumer `admin`")[1].split("## ")[0];
        expect(section.match(/^\| `[A-Z_]+` /gm)).toEqual(["| `DJANGO_SECRET_KEY` ", "| `DATABASE_PASSWORD` "]);
    });

    test("kind and format, required, rotation and paths of a two-slot secret and its _PREVIOUS", () => {
        expect(out).toContain("| `DATA_ENCRYPTION_KEY` | fernet: 32 random bytes, URL-safe base64 (44 characters) | yes (generated) | critical | every 365 days; two slots, the previous value stays valid as `_PREVIOUS`; next ");
        expect(out).toMatch(/^\| `DATA_ENCRYPTION_KEY_PREVIOUS` \| fernet: .* \| vault: kv\/dev\/encryption\/data-encryption-key \(key DATA_ENCRYPTION_KEY_PREVIOUS\); kubernetes: shop-dev\/api-secrets; kubernetes: shop-dev\/worker-secrets \|/m);
        expect(out).toContain("Next rotations are computed for 2027-01-01.");
    });

    test("externals: format with escaped pipes, set or not set, where the value comes from; prod-only secrets listed apart", () => {
        expect(out).toContain("| `STRIPE_API_KEY` | external, must match `^sk_(test\\|live)_[A-Za-z0-9]+$` | yes, set in this stack |");
        expect(out).toContain("| `SENDGRID_API_KEY` | external, must match `^SG\\.` | yes, **not set** in this stack |");
        expect(out).toContain("- `SENDGRID_API_KEY` (not set in this stack): Transactional email. A person with access obtains it from its provider and sets it with `pulumi config set --secret --stack dev platform-secrets:SENDGRID_API_KEY`.");
        expect(out).toContain("## Not in this environment\n\n- `PAGERDUTY_ROUTING_KEY`\n");
    });

    test("the next rotation follows --now", () => {
        const later = platformSecrets(["docs", "--stack", "dev", "--now", "2027-06-01"]).stdout;
        const next = (text: string) => /\| `JWT_SECRET_KEY` \|[^\n]*; next (\d{4}-\d{2}-\d{2})/.exec(text)![1];
        expect(next(out) > "2027-01-01").toBe(true);
        expect(next(later) > "2027-06-01").toBe(true);
    });
});

test("an invalid catalog exits 2 with check's messages; npm run docs resolves --config-file from the caller's directory", () => {
    const run = spawnSync("npm", ["run", "docs", "--", "--config-file", "Pulumi.broken.yaml"], { cwd: path.join(REPO, "test/fixtures/check-config"), env: cleanEnv(), encoding: "utf8" });
    expect(run.status).toBe(2);
    // Nothing of ours on stdout; npm's own "> platform-secrets@... docs" banner is shown (npm is not silenced).
    expect(run.stdout.split("\n").filter((l) => l !== "" && !l.startsWith("> "))).toEqual([]);
    expect(run.stderr).toContain("error: Invalid secrets catalog in Pulumi.broken.yaml (4 problems):\n  - Pulumi.broken.yaml: platform-secrets:secrets.JWT_SECRET_KEY.kind: unknown kind \"jwtt\"");
    expect(run.stderr).not.toMatch(/^\s+at /m);
});

test("--cwd names the project from anywhere; --output is relative to the caller", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "docs-"));
    const run = platformSecrets(["docs", "--cwd", REPO, "--stack", "prod", "--no-dates", "--output", "prod.md"], dir);
    expect(run.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "prod.md"), "utf8")).toBe(fs.readFileSync(path.join(REPO, "docs/secrets/prod.md"), "utf8"));
    expect(fs.statSync(path.join(dir, "prod.md")).mode & 0o777).toBe(0o600);
});
