import { resolveCatalog } from "../../components/catalog/validate";
import { CatalogConfig } from "../../components/catalog/model";
import { catalogRotations, secretRotation } from "../../components/rotation/secretRotation";
import { entryMaxVersions } from "../../components/vault/history";
import { rotationAttention } from "../../offline/attention";

/** A template's rotation (templateRotation): derived from its inputs', never its own schedule. */

function catalog(lastRotated: string): CatalogConfig {
    return {
        environment: "prod",
        stores: { vault: { mount: "kv" } },
        secrets: {
            DATABASE_PASSWORD: { kind: "password", rotationDays: 30 },
            STRIPE_API_KEY: { kind: "external", lastRotated },
            WEBHOOK_URL: { kind: "template", template: "https://hooks.example.invalid/?k=${STRIPE_API_KEY:url}&p=${DATABASE_PASSWORD:url}" },
        },
    };
}

const at = (lastRotated: string, day: string) => {
    const resolved = resolveCatalog(catalog(lastRotated));
    return catalogRotations(resolved.secrets, "prod", new Date(`${day}T00:00:00Z`), 14);
};

test("due with the earliest input, as urgent as the most urgent, each input's dates listed", () => {
    const r = at("2026-01-01", "2027-03-10");
    const report = r.WEBHOOK_URL.report;
    expect(r.STRIPE_API_KEY.report.status).toBe("overdue");
    expect(report).toMatchObject({ periodDays: 30, keepPrevious: false, status: "overdue", nextRotation: r.STRIPE_API_KEY.report.nextRotation, rotatedBy: "person" });
    expect(report.lastRotation).toBe(r.DATABASE_PASSWORD.report.lastRotation);
    expect(report.inputs?.map((i) => i.name)).toEqual(["STRIPE_API_KEY", "DATABASE_PASSWORD"]);
    expect(r.WEBHOOK_URL.slots).toEqual([]);
    expect(r.WEBHOOK_URL.marks).toEqual({ "rotation-days": "30", "keep-previous": "false" });
});

test("the version changes exactly when an input's version does: a new lastRotated of an external input too", () => {
    expect(at("2026-01-01", "2027-03-10").WEBHOOK_URL.version).toBe(at("2026-01-01", "2027-03-10").WEBHOOK_URL.version);
    expect(at("2027-03-01", "2027-03-10").WEBHOOK_URL.version).not.toBe(at("2026-01-01", "2027-03-10").WEBHOOK_URL.version);
});

test("a template's rotation needs its inputs' first", () => {
    const resolved = resolveCatalog(catalog("2026-01-01"));
    const template = resolved.secrets.find((s) => s.name === "WEBHOOK_URL");
    expect(() => secretRotation(template!, "prod", new Date(), 14)).toThrow("WEBHOOK_URL: the rotation of STRIPE_API_KEY, DATABASE_PASSWORD is needed before this template's");
});

test("a critical template's Vault entry keeps a year of versions: one per rotation of any of its sources", () => {
    const resolved = resolveCatalog({
        environment: "prod",
        stores: { vault: { mount: "kv" } },
        secrets: {
            DATABASE_PASSWORD: { kind: "password", criticality: "critical" },
            JWT_SECRET_KEY: { kind: "jwt", criticality: "critical", rotationDays: 30 },
            DATABASE_URL: { kind: "template", template: "x://${DATABASE_PASSWORD:url}" },
            AUTH_CONFIG: { kind: "template", template: '{"db": "${DATABASE_URL}", "p": "${DATABASE_PASSWORD}", "jwt": "${JWT_SECRET_KEY}"}' },
        },
    });
    const byName = Object.fromEntries(resolved.secrets.map((s) => [s.name, s]));
    expect(byName.DATABASE_URL.sources).toEqual({ DATABASE_PASSWORD: 90 });
    // DATABASE_PASSWORD once, though referenced directly and through DATABASE_URL.
    expect(byName.AUTH_CONFIG.sources).toEqual({ DATABASE_PASSWORD: 90, JWT_SECRET_KEY: 30 });
    expect(entryMaxVersions(byName.DATABASE_URL, 10)).toBe(10);
    expect(entryMaxVersions(byName.AUTH_CONFIG, 10)).toBe(Math.ceil(365 / 90) + Math.ceil(365 / 30) + 1);
    expect(entryMaxVersions({ ...byName.AUTH_CONFIG, criticality: "high" }, 10)).toBe(10);
});

test("--fail-on names an overdue input, never the templates filled from it", () => {
    const r = at("2026-01-01", "2027-03-10");
    const secrets = ["STRIPE_API_KEY", "WEBHOOK_URL"].map((name) => ({ name, kind: name === "WEBHOOK_URL" ? "template" : "external", rotation: r[name].report }));
    const attention = rotationAttention({ environment: "prod", resources: [], secrets } as any, "overdue", ["prod"]);
    expect(r.WEBHOOK_URL.report.status).toBe("overdue");
    expect(attention.map((a) => a.name)).toEqual(["STRIPE_API_KEY"]);
});
