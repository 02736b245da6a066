import Ajv2020 from "ajv/dist/2020";
import { validateEnvironment } from "../../runtime";
import { platformSecrets } from "./run";

jest.setTimeout(60_000);

/** A fixture unlike the repository's stacks: a production environment named "live", AWS bundles, a password without specials. */
const FILE = "test/fixtures/commands/Pulumi.live.yaml";

test("export refuses an environment that productionEnvironments declares production, whatever its name", () => {
    const run = platformSecrets(["export", "--format", "json", "--config-file", FILE]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`error: ${FILE}: environment "live" is a production environment`);
});

test("docs: bundled AWS paths and a password without specials", () => {
    const run = platformSecrets(["docs", "--config-file", FILE, "--no-dates"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("| `BILLING_DB_PASSWORD` | password: 24 characters of `A-Z a-z 0-9`, at least one upper-case letter, lower-case letter, digit | yes (generated) | high | every 90 days | aws: live/billing in eu-west-1 (key BILLING_DB_PASSWORD) |");
    expect(run.stdout).toContain("| `LEDGER_HMAC_KEY` | hex: 16 random bytes, hex (32 characters) |");
});

test("env-schema: the recipe's alphabet and length, checked by ajv and the runtime alike", () => {
    const schema = JSON.parse(platformSecrets(["env-schema", "--config-file", FILE, "--consumer", "billing"]).stdout);
    expect(schema.properties.BILLING_DB_PASSWORD).toMatchObject({ minLength: 24, pattern: "^[A-Za-z0-9]+$" });
    const ajv = new Ajv2020().compile(schema);
    const good = { BILLING_DB_PASSWORD: "Abcdefghijklmnopqrstuvw1", LEDGER_HMAC_KEY: "0123456789abcdef0123456789abcdef" };
    const bad = { BILLING_DB_PASSWORD: "Abcdefghijklmnopqrstuv!1", LEDGER_HMAC_KEY: "0123456789ABCDEF0123456789ABCDEF" };
    expect([ajv(good), validateEnvironment(schema, good)]).toEqual([true, []]);
    expect(ajv(bad)).toBe(false);
    expect(validateEnvironment(schema, bad).map((p) => `${p.variable} ${p.problem}`)).toEqual([
        "BILLING_DB_PASSWORD does not match ^[A-Za-z0-9]+$",
        "LEDGER_HMAC_KEY does not match ^[0-9abcdef]+$",
    ]);
});
