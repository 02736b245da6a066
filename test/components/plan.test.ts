import { CatalogConfig } from "../../components/catalog/model";
import { resolveCatalog } from "../../components/catalog/validate";
import { CatalogPlan, PlanContext, bundleRotationTags, planCatalog } from "../../components/plan";
import { validCatalog } from "../catalog/fixtures";

/** The planner decides every wiring before a resource exists; these pin each decision. */

function plan(config: CatalogConfig, overrides: Partial<PlanContext> = {}): CatalogPlan {
    return planCatalog(resolveCatalog(config), {
        name: "prod",
        providedExternals: new Set(["STRIPE_API_KEY"]),
        environmentsOf: (n) => config.secrets[n]?.environments ?? [],
        keyPrefix: "platform-secrets:",
        ...overrides,
    });
}

const byName = (p: CatalogPlan) => Object.fromEntries(p.secrets.map((s) => [s.secret.name, s]));

test("one record per present secret, in catalog order, with its resource name and stores", () => {
    const p = plan(validCatalog());
    expect(p.secrets.map((s) => [s.secret.name, s.resourceName, s.vault, s.aws])).toEqual([
        ["JWT_SECRET_KEY", "prod-jwt-secret-key", true, { kind: "own" }],
        ["DATABASE_PASSWORD", "prod-database-password", true, { kind: "own" }],
        ["METRICS_AUTH", "prod-metrics-auth", true, { kind: "own" }],
        ["STRIPE_API_KEY", "prod-stripe-api-key", true, { kind: "own" }],
    ]);
    expect(p.bundles).toEqual([]);
    expect(p.missingExternals).toEqual([]);
    expect(p.skippedBecause).toEqual({});
});

test("a secret's stores follow its own `stores` and the enabled ones", () => {
    const config = validCatalog();
    config.secrets.DATABASE_PASSWORD.stores = ["vault"];
    delete config.stores.vault;
    config.secrets.DATABASE_PASSWORD.stores = ["aws"];
    const s = byName(plan(config));
    expect([s.DATABASE_PASSWORD.vault, s.DATABASE_PASSWORD.aws]).toEqual([false, { kind: "own" }]);
    expect(s.JWT_SECRET_KEY.vault).toBe(false);
});

test("an external secret without a value is left out, with the config command that sets it", () => {
    const p = plan(validCatalog(), { providedExternals: new Set() });
    expect(p.secrets.map((s) => s.secret.name)).not.toContain("STRIPE_API_KEY");
    expect(p.missingExternals).toEqual(["STRIPE_API_KEY"]);
    expect(p.skippedBecause).toEqual({ STRIPE_API_KEY: "external, no value in this stack (pulumi config set --secret platform-secrets:STRIPE_API_KEY)" });
});

test("a secret of other environments is left out, naming them", () => {
    const config = validCatalog();
    config.environments = ["dev", "prod"];
    config.secrets.METRICS_AUTH.environments = ["dev"];
    expect(plan(config).skippedBecause).toEqual({ METRICS_AUTH: "not in environment prod (the secret's environments: dev)" });
});

test("bundle: group plans one AWS secret per group with a member in AWS, the highest criticality, the shortest period", () => {
    const config = validCatalog();
    config.stores.aws = { region: "us-east-1", bundle: "group" };
    config.secrets.SESSION_KEY = { kind: "token", group: "auth", criticality: "medium", rotationDays: 30 };
    config.secrets.CACHE_PASSWORD = { kind: "password", group: "cache", stores: ["vault"] };
    const p = plan(config);
    expect(byName(p).JWT_SECRET_KEY.aws).toEqual({ kind: "bundle", group: "auth", secretName: "prod/auth" });
    expect(byName(p).CACHE_PASSWORD.aws).toBeUndefined();
    expect(p.bundles.map((b) => [b.group, b.secretName, b.members.map((m) => m.name), b.criticality])).toEqual([
        ["auth", "prod/auth", ["JWT_SECRET_KEY", "SESSION_KEY"], "critical"],
        // Without a `group`, a secret's group is its kind's.
        ["passwords", "prod/passwords", ["DATABASE_PASSWORD"], "high"],
        ["basic-auth", "prod/basic-auth", ["METRICS_AUTH"], "medium"],
        ["api-keys", "prod/api-keys", ["STRIPE_API_KEY"], "high"],
    ]);
    expect(p.bundles[0].rotationTags).toEqual({ "rotation-days": "30", "keep-previous": "true" });
});

test("a bundle of one kind carries the kind, so the pack judges it by that kind's limit", () => {
    const config = validCatalog();
    const secrets = resolveCatalog({ ...config, secrets: { A_KEY: { kind: "fernet" }, B_KEY: { kind: "fernet", rotationDays: 200 } } }).secrets;
    expect(bundleRotationTags(secrets)).toEqual({ "rotation-days": String(Math.min(...secrets.map((s) => s.rotationDays))), "keep-previous": "true", kind: "fernet" });
});

test("projection: one placement per consumer, only with Kubernetes configured", () => {
    const config = validCatalog();
    expect(byName(plan(config)).DATABASE_PASSWORD.projection).toEqual([]);
    config.kubernetes = { mode: "secret" };
    expect(byName(plan(config)).DATABASE_PASSWORD.projection).toEqual([
        { namespace: "shop-prod", secretName: "api-secrets" },
        { namespace: "shop-prod", secretName: "worker-secrets" },
    ]);
});

test("the KV mount keeps a year of a critical entry's versions in production, the configured count elsewhere", () => {
    const config = validCatalog();
    config.stores.vault = { mount: "kv", maxVersions: 3 };
    // JWT_SECRET_KEY is critical with the 90-day default: ceil(365 / 90) + 1 = 6 versions.
    expect(plan(config).kvMountMaxVersions).toBe(6);
    config.environment = "dev";
    config.environments = ["dev", "prod"];
    expect(plan(config).kvMountMaxVersions).toBe(3);
});
