import * as path from "path";
import { loadCatalog } from "../../offline/catalog";
import { exportEntries, formatExport } from "../../offline/export";
import { envSchema } from "../../offline/envSchema";
import { renderDocs } from "../../offline/docs";
import { percentEncode } from "../../components/generation/template";
import { REPO } from "./run";

/** `export`, `env-schema` and `docs` on a stack with templates (test/fixtures/template/Pulumi.dev.yaml). */

const loaded = loadCatalog({ programDir: REPO, stack: "dev", configFile: path.join(REPO, "test/fixtures/template/Pulumi.dev.yaml"), now: new Date("2027-03-10T00:00:00Z") });

test("export fills each template from the freshly generated values of its inputs", () => {
    const entries = Object.fromEntries(exportEntries(loaded).map((e) => [e.name, e]));
    const password = entries.DATABASE_PASSWORD.value;
    expect(password).toHaveLength(32);
    expect(entries.DATABASE_URL.value).toBe(`postgresql+asyncpg://app:${percentEncode(password)}@db.internal:5432/app`);
    expect(JSON.parse(entries.AUTH_CONFIG.value)).toEqual({ db: entries.DATABASE_URL.value, jwt: entries.JWT_SECRET_KEY.value });
    expect(JSON.parse(entries.AUTH_CONFIG_PREVIOUS.value)).toEqual({ db: entries.DATABASE_URL.value, jwt: entries.JWT_SECRET_KEY_PREVIOUS.value });
    // An external input is never decrypted: the template is left for a person to fill.
    expect(entries.STRIPE_WEBHOOK_URL).toEqual({
        name: "STRIPE_WEBHOOK_URL", value: "",
        comment: "STRIPE_WEBHOOK_URL: template of STRIPE_API_KEY, which needs an external value; fill it by hand: https://hooks.example.invalid/stripe?key=${STRIPE_API_KEY:url}",
    });
});

test("export for one consumer fills templates whose inputs that consumer does not receive", () => {
    const api = exportEntries(loaded, "api");
    expect(api.map((e) => e.name)).toEqual(["DATABASE_URL", "AUTH_CONFIG", "AUTH_CONFIG_PREVIOUS", "STRIPE_WEBHOOK_URL"]);
    expect(api[0].value).toMatch(/^postgresql\+asyncpg:\/\/app:[A-Za-z0-9%_.~-]+@db\.internal:5432\/app$/);
    expect(formatExport(loaded, api, "env")).toContain("DATABASE_URL=postgresql+asyncpg://app:");
});

test("env-schema describes a template: not empty, JSON ones marked application/json", () => {
    const schema = envSchema(loaded, "api") as any;
    expect(schema.required).toEqual(["DATABASE_URL", "AUTH_CONFIG", "AUTH_CONFIG_PREVIOUS", "STRIPE_WEBHOOK_URL"]);
    expect(schema.properties.DATABASE_URL).toEqual({
        type: "string",
        title: "DATABASE_URL: template of DATABASE_PASSWORD: postgresql+asyncpg://app:${DATABASE_PASSWORD:url}@db.internal:5432/app",
        description: "SQLAlchemy URL of the shop database. Filled by platform-secrets from DATABASE_PASSWORD: in Kubernetes it comes from the Secret; locally, run platform-secrets export --format env --consumer api",
        minLength: 1,
        not: { $ref: "#/$defs/placeholder" },
    });
    expect(schema.properties.AUTH_CONFIG.contentMediaType).toBe("application/json");
});

test("docs: kind and template, filled from its inputs, due with the earliest of them", () => {
    const docs = renderDocs(loaded, { now: new Date("2027-03-10T00:00:00Z") });
    const row = docs.split("\n").find((l) => l.startsWith("| `DATABASE_URL` |")) ?? "";
    expect(row).toContain("| template of `DATABASE_PASSWORD`: `postgresql+asyncpg://app:${DATABASE_PASSWORD:url}@db.internal:5432/app` | yes (filled from DATABASE_PASSWORD) |");
    expect(row).toMatch(/\| when DATABASE_PASSWORD rotates \(every 90 days\); next \d{4}-\d{2}-\d{2} \|/);
    const auth = docs.split("\n").find((l) => l.startsWith("| `AUTH_CONFIG` |")) ?? "";
    expect(auth).toContain("JSON template of `DATABASE_URL`, `JWT_SECRET_KEY`");
    expect(auth).toContain("when DATABASE_URL or JWT_SECRET_KEY rotates (the earliest every 90 days); `_PREVIOUS` filled from its inputs' previous values; next ");
});
