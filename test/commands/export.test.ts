import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseDotenv } from "dotenv";
import { parse as parseYaml } from "yaml";
import { dotenvValue } from "../../offline/export";
import { REPO, platformSecrets } from "./run";

jest.setTimeout(60_000);

const GENERATED = [
    "JWT_SECRET_KEY", "JWT_SECRET_KEY_PREVIOUS", "SESSION_SECRET_KEY", "SESSION_SECRET_KEY_PREVIOUS", "CSRF_SECRET", "CSRF_SECRET_PREVIOUS",
    "DJANGO_SECRET_KEY", "DATABASE_PASSWORD", "REDIS_PASSWORD", "DATA_ENCRYPTION_KEY", "DATA_ENCRYPTION_KEY_PREVIOUS",
    "WEBHOOK_SIGNING_SECRET", "WEBHOOK_SIGNING_SECRET_PREVIOUS", "METRICS_BASIC_AUTH", "DEBUG_TOOLBAR_TOKEN",
];
const EXTERNAL = ["STRIPE_API_KEY", "SENDGRID_API_KEY", "SENTRY_DSN"];

describe("export --format env on the dev stack", () => {
    const first = platformSecrets(["export", "--format", "env"]);
    const second = platformSecrets(["export", "--format", "env"]);
    const env = parseDotenv(first.stdout);

    test("every variable of dev, _PREVIOUS of two-slot keys, externals empty; parsed by dotenv", () => {
        expect(first.status).toBe(0);
        expect(Object.keys(env).sort()).toEqual([...GENERATED, ...EXTERNAL].sort());
        for (const name of EXTERNAL) expect(env[name]).toBe("");
        expect(first.stdout).not.toMatch(/^export /m);
        expect(first.stdout).toContain("# SENDGRID_API_KEY: external, required; must match ^SG\\.. Transactional email. Use a development value from its provider; stack dev has none (a person sets it with: pulumi config set --secret --stack dev platform-secrets:SENDGRID_API_KEY)\nSENDGRID_API_KEY=\n");
    });

    test("values have their kind's form", () => {
        const fernet = Buffer.from(env.DATA_ENCRYPTION_KEY.replace(/-/g, "+").replace(/_/g, "/"), "base64");
        expect(fernet).toHaveLength(32);
        expect(env.DATA_ENCRYPTION_KEY).toMatch(/^[A-Za-z0-9_-]{43}=$/);
        expect(env.DJANGO_SECRET_KEY).toMatch(/^[a-z0-9!@#$%^&*(\-_=+)]{50}$/);
        for (const name of ["DATABASE_PASSWORD", "REDIS_PASSWORD"]) {
            for (const cls of [/[A-Z]/, /[a-z]/, /[0-9]/, /[!$%&*()\-_=+{}<>]/]) expect(env[name]).toMatch(cls);
            expect(env[name]).not.toMatch(/[:@/?#[\]]/);
        }
        expect(env.DATABASE_PASSWORD).toHaveLength(40);
        expect(Buffer.from(env.JWT_SECRET_KEY, "base64")).toHaveLength(64);
        expect(env.SESSION_SECRET_KEY).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(env.WEBHOOK_SIGNING_SECRET).toMatch(/^[0-9a-f]{64}$/);
        expect(env.METRICS_BASIC_AUTH).toMatch(/^prometheus:[^:]{32}$/);
        expect(env.JWT_SECRET_KEY_PREVIOUS).not.toBe(env.JWT_SECRET_KEY);
    });

    test("fresh on each call", () => {
        const again = parseDotenv(second.stdout);
        for (const name of GENERATED) expect(again[name]).not.toBe(env[name]);
    });
});

test(".env quoting: dotenv reads back every special character unchanged", () => {
    const values = ["a#b", " lead", "trail ", "it's", "q\"uote", "back`tick", "$HOME", "a=b", "x'y`z", "multi\nline", "", "plain-._/:@%+=!?*()[]{}<>&^"];
    const text = values.map((v, i) => `V${i}=${dotenvValue(v)}`).join("\n");
    const parsed = parseDotenv(text);
    values.forEach((v, i) => expect(parsed[`V${i}`]).toBe(v));
});

test("json and yaml carry the same variables; yaml comments the externals", () => {
    const json = platformSecrets(["export", "--format", "json", "--consumer", "worker"]);
    const yaml = platformSecrets(["export", "--format", "yaml", "--consumer", "worker"]);
    const expected = ["DATABASE_PASSWORD", "REDIS_PASSWORD", "DATA_ENCRYPTION_KEY", "DATA_ENCRYPTION_KEY_PREVIOUS", "STRIPE_API_KEY", "SENDGRID_API_KEY", "SENTRY_DSN"];
    expect(Object.keys(JSON.parse(json.stdout))).toEqual(expected);
    expect(json.stderr).toMatch(/^note: STRIPE_API_KEY: external, required/m);
    expect(Object.keys(parseYaml(yaml.stdout))).toEqual(expected);
    expect(yaml.stdout).toMatch(/^# SENTRY_DSN: external, optional; must match \^https:\/\/\. Error reporting DSN\./m);
});

describe("--output", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "export-"));
    const file = path.join(dir, ".env");

    test("writes a 0600 file, refuses to overwrite it without --force, replaces it with --force", () => {
        expect(platformSecrets(["export", "--format", "env", "--output", file]).status).toBe(0);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        const before = fs.readFileSync(file, "utf8");
        const refused = platformSecrets(["export", "--format", "env", "--output", file]);
        expect(refused.status).toBe(2);
        expect(refused.stderr).toBe(`error: --output ${file}: already exists; add --force to replace it\n`);
        expect(fs.readFileSync(file, "utf8")).toBe(before);
        expect(platformSecrets(["export", "--format", "env", "--output", file, "--force"]).status).toBe(0);
        expect(fs.readFileSync(file, "utf8")).not.toBe(before);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    });

    test("production is refused with exit 2 and nothing written", () => {
        const prod = path.join(dir, "prod.env");
        const run = platformSecrets(["export", "--format", "env", "--stack", "prod", "--output", prod]);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toBe('error: Pulumi.prod.yaml: environment "prod" is a production environment (platform-secrets:productionEnvironments); export makes local development values only and writes nothing for it. Applications in production read their values from the stores\n');
        expect(fs.existsSync(prod)).toBe(false);
    });
});

test("an invalid catalog exits 2 with check's messages, nothing on stdout", () => {
    const run = platformSecrets(["export", "--format", "env", "--config-file", "test/fixtures/check-config/Pulumi.broken.yaml"], REPO);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("error: Invalid secrets catalog in test/fixtures/check-config/Pulumi.broken.yaml (4 problems):");
    expect(run.stderr).toContain("test/fixtures/check-config/Pulumi.broken.yaml: platform-secrets:secrets.DATABASE_PASSWORD.length: 8 is below the minimum of 16 characters");
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toContain("FAKE0000");
});

test("a bad --format is a usage error, exit 2", () => {
    const run = platformSecrets(["export", "--format", "toml"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("error: option '--format <format>' argument 'toml' is invalid. Allowed choices are env, json, yaml.");
});
