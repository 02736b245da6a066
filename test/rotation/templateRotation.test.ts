import { resolveCatalog } from "../../components/catalog/validate";
import { CatalogConfig } from "../../components/catalog/model";
import { catalogRotations, secretRotation } from "../../components/rotation/secretRotation";

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
