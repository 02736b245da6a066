import * as pulumi from "@pulumi/pulumi";
import { PlatformSecrets, PlatformSecretsArgs } from "../../components/platformSecrets";
import { percentEncode } from "../../components/generation/template";
import { catalogRotations } from "../../components/rotation/secretRotation";
import { resolveCatalog } from "../../components/catalog/validate";
import { Harness, setupHarness, unwrap } from "../harness";
import { VAULT_KV_SECRET as KV } from "../types";

/**
 * `kind: template` in `PlatformSecrets`: stored and projected like any secret, its value a Pulumi
 * secret filled from its inputs' values, declared after them, `_PREVIOUS` from two-slot inputs.
 */

const KUBE_SECRET = "kubernetes:core/v1:Secret";

function args(now: Date): PlatformSecretsArgs {
    return {
        environment: "dev",
        stores: { vault: { mount: "kv" } },
        kubernetes: { mode: "secret" },
        consumers: { api: { namespace: "shop-dev", serviceAccount: "api" } },
        secrets: {
            // Declared before its inputs on purpose: the component orders the declarations.
            AUTH_CONFIG: { kind: "template", template: '{"db": "${DATABASE_URL}", "jwt": "${JWT_SECRET_KEY}", "key": "${STRIPE_API_KEY}"}', consumers: ["api"] },
            DATABASE_URL: { kind: "template", group: "database", template: "postgresql+asyncpg://app:${DATABASE_PASSWORD:url}@db.internal:5432/app", consumers: ["api"] },
            DATABASE_PASSWORD: { kind: "password", group: "database", consumers: ["api"] },
            JWT_SECRET_KEY: { kind: "jwt", group: "auth" },
            STRIPE_API_KEY: { kind: "external", group: "api-keys" },
        },
        externalValues: { STRIPE_API_KEY: pulumi.secret('fake_"stripe"_key') },
        now,
    };
}

let h: Harness;

async function build(now: Date): Promise<PlatformSecrets> {
    h = setupHarness({ stack: "dev" });
    const platform = new PlatformSecrets("secrets", args(now));
    await h.settle();
    return platform;
}

describe("a stack with templates", () => {
    let platform: PlatformSecrets;
    beforeAll(async () => { platform = await build(new Date("2027-03-10T00:00:00Z")); });

    test("values are Pulumi secrets filled from the inputs' values", async () => {
        const s = platform.secrets;
        const password = await unwrap(s.DATABASE_PASSWORD.value);
        const url = await unwrap(s.DATABASE_URL.value);
        expect(url).toBe(`postgresql+asyncpg://app:${percentEncode(password)}@db.internal:5432/app`);
        expect(await pulumi.isSecret(s.DATABASE_URL.value)).toBe(true);
        expect(await pulumi.isSecret(s.AUTH_CONFIG.value)).toBe(true);
        const jwt = await unwrap(s.JWT_SECRET_KEY.values.JWT_SECRET_KEY);
        const jwtPrevious = await unwrap(s.JWT_SECRET_KEY.values.JWT_SECRET_KEY_PREVIOUS);
        expect(JSON.parse(await unwrap(s.AUTH_CONFIG.value))).toEqual({ db: url, jwt, key: 'fake_"stripe"_key' });
        // Two-slot input: the template has a previous value too, filled from the input's previous value.
        expect(Object.keys(s.AUTH_CONFIG.values)).toEqual(["AUTH_CONFIG", "AUTH_CONFIG_PREVIOUS"]);
        expect(JSON.parse(await unwrap(s.AUTH_CONFIG.values.AUTH_CONFIG_PREVIOUS))).toEqual({ db: url, jwt: jwtPrevious, key: 'fake_"stripe"_key' });
        expect(Object.keys(s.DATABASE_URL.values)).toEqual(["DATABASE_URL"]);
    });

    test("stored in Vault and projected like any secret, with no random resource of its own", () => {
        const entry = h.inputs(h.one(KV, "database-url-vault"));
        expect(entry.name).toBe("dev/database/database-url");
        expect(Object.keys(JSON.parse(entry.dataJson))).toEqual(["DATABASE_URL"]);
        expect(h.inputs(h.one(KV, "auth-config-vault")).customMetadata.data).toMatchObject({ kind: "template", "rotation-days": "90", "keep-previous": "true" });
        expect(h.recorder.resources.filter((r) => r.type.startsWith("random:") && /database-url|auth-config/.test(r.name))).toEqual([]);
        const projected = h.ofType(KUBE_SECRET).flatMap((r) => Object.keys(h.inputs(r).stringData ?? {}));
        expect(projected).toEqual(expect.arrayContaining(["DATABASE_URL", "AUTH_CONFIG", "AUTH_CONFIG_PREVIOUS"]));
    });

    test("catalog order is kept for everything reported", () => {
        expect(Object.keys(platform.secrets)).toEqual(["AUTH_CONFIG", "DATABASE_URL", "DATABASE_PASSWORD", "JWT_SECRET_KEY", "STRIPE_API_KEY"]);
    });
});

test("the template's version changes exactly when an input's slot changes", async () => {
    const versions = async (day: string) => {
        const p = await build(new Date(`${day}T00:00:00Z`));
        return Object.fromEntries(Object.entries(p.secrets).map(([n, d]) => [n, d.version]));
    };
    // Slots of DATABASE_PASSWORD and JWT_SECRET_KEY on these dates come from their stagger offsets:
    // find two adjacent days across which exactly one input changes.
    const days = Array.from({ length: 200 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10));
    const { now: _now, externalValues: _values, ...config } = args(new Date());
    const catalog = resolveCatalog(config);
    const at = (day: string) => catalogRotations(catalog.secrets, "dev", new Date(`${day}T00:00:00Z`), 14);
    let pair: [string, string] | undefined;
    for (let i = 1; i < days.length && !pair; i++) {
        const [a, b] = [at(days[i - 1]), at(days[i])];
        if (a.DATABASE_PASSWORD.version !== b.DATABASE_PASSWORD.version && a.JWT_SECRET_KEY.version === b.JWT_SECRET_KEY.version) pair = [days[i - 1], days[i]];
    }
    expect(pair).toBeDefined();
    const [before, after] = pair as [string, string];
    const [v1, v2] = [await versions(before), await versions(after)];
    expect(v2.DATABASE_PASSWORD).not.toBe(v1.DATABASE_PASSWORD);
    expect(v2.DATABASE_URL).not.toBe(v1.DATABASE_URL);
    expect(v2.AUTH_CONFIG).not.toBe(v1.AUTH_CONFIG);
    expect(v2.JWT_SECRET_KEY).toBe(v1.JWT_SECRET_KEY);
    // The day before: nothing changes, so neither does any template.
    const previousDay = new Date(Date.parse(`${before}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    const v0 = await versions(previousDay);
    expect(v0.DATABASE_URL).toBe(v1.DATABASE_URL);
    expect(v0.AUTH_CONFIG).toBe(v1.AUTH_CONFIG);
});
