import { PlatformSecrets, PlatformSecretsArgs } from "../../components/platformSecrets";
import { CatalogConfig } from "../../components/catalog/model";
import { validateCatalog } from "../../components/catalog/validate";
import { entryMaxVersions, versionsForYear, versionsForYearArithmetic } from "../../components/vault/history";
import { context, validCatalog } from "../catalog/fixtures";
import { setupHarness } from "../harness";
import { VAULT_KV_BACKEND, VAULT_KV_SECRET } from "../types";

/** A year of Vault history for critical secrets: ceil(365 / rotationDays) + 1 versions. */

test("the arithmetic: one version per rotation in 365 days, plus the one current a year ago", () => {
    expect([1, 7, 30, 40, 41, 90, 365, 366].map((d) => [d, versionsForYear(d)])).toEqual([
        [1, 366], [7, 54], [30, 14], [40, 11], [41, 10], [90, 6], [365, 2], [366, 2],
    ]);
    expect(versionsForYearArithmetic(7)).toBe("ceil(365 / 7) + 1 = 54");
});

test("only critical entries are raised, and never lowered below the store's limit", () => {
    expect(entryMaxVersions({ criticality: "critical", rotationDays: 7 }, 10)).toBe(54);
    expect(entryMaxVersions({ criticality: "critical", rotationDays: 90 }, 10)).toBe(10);
    expect(entryMaxVersions({ criticality: "high", rotationDays: 7 }, 10)).toBe(10);
});

describe("catalog", () => {
    const problems = (mutate: (c: any) => void) => {
        const c = validCatalog() as any;
        mutate(c);
        return validateCatalog(c as CatalogConfig, context());
    };
    test("baseline: a configured maximum that holds a year (critical JWT key, 90 days: 6 versions)", () => {
        expect(problems((c) => { c.stores.vault.maxVersions = 6; })).toEqual([]);
        // No maximum configured: the module raises the entry itself.
        expect(problems((c) => { c.secrets.JWT_SECRET_KEY.rotationDays = 7; })).toEqual([]);
    });
    test("a configured maximum below a critical secret's year is refused with the arithmetic", () => {
        expect(problems((c) => { c.stores.vault.maxVersions = 10; c.secrets.JWT_SECRET_KEY.rotationDays = 7; })).toEqual([{
            propertyPath: "stores.vault.maxVersions",
            reason: "10 cannot hold a year of JWT_SECRET_KEY's history: a critical secret rotated every 7 days needs ceil(365 / 7) + 1 = 54 versions; raise maxVersions to 54 or more, or remove it (the module then raises each critical entry itself)",
        }]);
    });
    test("outside production the configured maximum stands (a stack that keeps 3 versions is accepted)", () => {
        expect(problems((c) => { c.productionEnvironments = ["live"]; c.stores.vault.maxVersions = 3; })).toEqual([]);
        expect(problems((c) => { c.stores.vault.maxVersions = 3; }).map((p) => p.reason)).toEqual([
            "3 cannot hold a year of JWT_SECRET_KEY's history: a critical secret rotated every 90 days needs ceil(365 / 90) + 1 = 6 versions; raise maxVersions to 6 or more, or remove it (the module then raises each critical entry itself)",
        ]);
    });
    test("not refused when the secret is not in Vault, not critical, or not in this environment", () => {
        const short = (c: any) => { c.stores.vault.maxVersions = 10; c.secrets.JWT_SECRET_KEY.rotationDays = 7; };
        expect(problems((c) => { short(c); c.secrets.JWT_SECRET_KEY.stores = ["aws"]; })).toEqual([]);
        expect(problems((c) => { short(c); c.secrets.JWT_SECRET_KEY.criticality = "high"; })).toEqual([]);
        expect(problems((c) => { short(c); c.secrets.JWT_SECRET_KEY.environments = ["dev"]; })).toEqual([]);
    });
});

test("resources: a weekly critical key's entry and the mount keep 54 versions, others the store's 10; no delete_version_after", async () => {
    const h = setupHarness({ stack: "prod" });
    const args: PlatformSecretsArgs = {
        environment: "prod",
        stores: { vault: { mount: "kv" } },
        consumers: { api: { namespace: "shop-prod", serviceAccount: "api" } },
        secrets: {
            WEEKLY_SIGNING_KEY: { kind: "hex", criticality: "critical", rotationDays: 7, consumers: ["api"] },
            SESSION_TOKEN: { kind: "token", consumers: ["api"] },
        },
    };
    new PlatformSecrets("secrets", args);
    await h.settle();
    const entries = Object.fromEntries(h.ofType(VAULT_KV_SECRET).map((r) => [r.name, h.inputs(r).customMetadata.maxVersions]));
    expect(entries).toEqual({ "secrets-weekly-signing-key-vault": 54, "secrets-session-token-vault": 10 });
    const backend = h.inputs(h.one(VAULT_KV_BACKEND));
    expect(backend.maxVersions).toBe(54);
    // Unset means never: versions are only pruned by count, so a year is kept.
    expect(backend.deleteVersionAfter).toBeUndefined();
    for (const r of h.ofType(VAULT_KV_SECRET)) expect(h.inputs(r).customMetadata.deleteVersionAfter).toBeUndefined();
});
