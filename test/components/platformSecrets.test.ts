import * as pulumi from "@pulumi/pulumi";
import { PlatformSecrets, PlatformSecretsArgs } from "../../components/platformSecrets";
import { SecretGroup } from "../../components/secretGroup";
import { CatalogValidationError } from "../../components/catalog/problems";
import { containsSecret, reveal } from "../../offline/recorder";
import { Harness, setupHarness, unwrap } from "../harness";
import { AWS_SECRET as SECRET, AWS_SECRET_VERSION as VERSION, VAULT_KV_SECRET as KV, KMS_KEY as KEY, AWS_REPLICA_KEY as REPLICA_KEY, VAULT_MOUNT as MOUNT, AWS_SECRET_POLICY as FENCE, MANAGED_SECRET_TYPE, SECRET_GROUP_TYPE } from "../types";


const AUDIT_DEVICE = "vault:index/audit:Audit";
const AUDIT_BUCKET = "aws:s3/bucket:Bucket";

function prodArgs(): PlatformSecretsArgs {
    return {
        environment: "prod",
        stores: { vault: { mount: "kv" }, aws: { region: "us-east-1", replicaRegions: ["us-west-2"] } },
        consumers: { api: { namespace: "shop-prod", serviceAccount: "api" } },
        secrets: {
            JWT_SECRET_KEY: { kind: "jwt", group: "auth", criticality: "critical", consumers: ["api"] },
            SESSION_KEY: { kind: "token", group: "auth" },
            DATABASE_PASSWORD: { kind: "password", group: "database", criticality: "medium" },
            DEV_ONLY_TOKEN: { kind: "token", environments: ["dev"] },
            VAULT_ONLY: { kind: "hex", stores: ["vault"] },
            STRIPE_API_KEY: { kind: "external", group: "api-keys", format: "^fake_" },
        },
        externalValues: { STRIPE_API_KEY: pulumi.secret("fake_stripe_value_for_tests") },
    };
}

let h: Harness;

async function build(args: PlatformSecretsArgs, stack = "prod"): Promise<PlatformSecrets> {
    h = setupHarness({ stack });
    const platform = new PlatformSecrets("secrets", args);
    await h.settle();
    return platform;
}

describe("production catalog with both stores", () => {
    let platform: PlatformSecrets;
    beforeAll(async () => { platform = await build(prodArgs()); });

    test("each secret is stored at <environment>/<group>/<name> in both stores", () => {
        expect(h.ofType(SECRET).map((r) => h.inputs(r).name).sort()).toEqual([
            "prod/api-keys/stripe-api-key", "prod/auth/jwt-secret-key", "prod/auth/session-key", "prod/database/database-password",
        ]);
        expect(h.ofType(KV).map((r) => [h.inputs(r).mount, h.inputs(r).name]).sort()).toEqual([
            ["kv", "prod/api-keys/stripe-api-key"], ["kv", "prod/auth/jwt-secret-key"], ["kv", "prod/auth/session-key"],
            ["kv", "prod/database/database-password"], ["kv", "prod/keys/vault-only"],
        ]);
    });

    test("secrets of other environments are skipped, not created", () => {
        expect(platform.catalog.skipped).toEqual(["DEV_ONLY_TOKEN"]);
        expect(Object.keys(platform.secrets)).not.toContain("DEV_ONLY_TOKEN");
        expect(h.recorder.resources.some((r) => r.name.includes("dev-only"))).toBe(false);
    });

    test("the KV v2 mount keeps previous versions", () => {
        expect(h.inputs(h.one(MOUNT))).toMatchObject({ path: "kv", type: "kv", options: { version: "2" } });
        expect(h.inputs(h.one("vault:kv/secretBackendV2:SecretBackendV2")).maxVersions).toBe(10);
        expect(h.inputs(h.one(KV, "jwt-secret-key-vault")).customMetadata).toEqual({
            maxVersions: 10,
            data: {
                environment: "prod", criticality: "critical", owner: "platform-team", kind: "jwt", "managed-by": "platform-secrets",
                "rotation-days": "90", "keep-previous": "true",
            },
        });
    });

    test("AWS secrets use the module's customer-managed key, rotated, multi-Region with a replica key", () => {
        expect(h.inputs(h.one(KEY))).toMatchObject({ enableKeyRotation: true, multiRegion: true, region: "us-east-1" });
        const replicaKey = h.one(REPLICA_KEY);
        expect(h.inputs(replicaKey).region).toBe("us-west-2");
        const secret = h.inputs(h.one(SECRET, "jwt-secret-key-aws"));
        expect(secret.kmsKeyId).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\/mrk-/);
        expect(secret.replicas).toEqual([{ region: "us-west-2", kmsKeyId: expect.stringMatching(/^arn:aws:kms:us-west-2:/) }]);
        expect(secret.recoveryWindowInDays).toBe(30);
        expect(secret.tags).toEqual({
            environment: "prod", criticality: "critical", owner: "platform-team", "managed-by": "platform-secrets", "secret-name": "JWT_SECRET_KEY",
            kind: "jwt", "rotation-days": "90", "keep-previous": "true",
        });
    });

    test("stored secrets, keys and the mount are protected in production; values stay replaceable", () => {
        const protectedTypes = h.recorder.resources.filter((r) => r.protect).map((r) => r.type);
        // The fence too: a protected secret keeps its environment fence; and the audit's device and log bucket.
        expect(new Set(protectedTypes)).toEqual(new Set([SECRET, KV, KEY, REPLICA_KEY, MOUNT, FENCE, AUDIT_DEVICE, AUDIT_BUCKET]));
        expect(h.recorder.resources.filter((r) => r.type.startsWith("random:")).every((r) => !r.protect)).toBe(true);
        expect(h.ofType(VERSION).every((r) => !r.protect)).toBe(true);
    });

    test("stored values are secrets on the wire, JSON objects keyed by the secret's name", () => {
        for (const r of [...h.ofType(VERSION), ...h.ofType(KV)]) {
            const field = r.type === VERSION ? "secretString" : "dataJson";
            expect(containsSecret(r.wireInputs[field])).toBe(true);
            expect(h.redacted(r)[field]).toBe("[secret]");
        }
        const stored = JSON.parse(h.inputs(h.one(VERSION, "stripe-api-key-aws-version")).secretString);
        expect(stored).toEqual({ STRIPE_API_KEY: "fake_stripe_value_for_tests" });
    });

    test("a secret limited to one store is stored only there", () => {
        expect(h.recorder.resources.filter((r) => r.name.startsWith("secrets-vault-only-")).map((r) => r.type).sort())
            .toEqual(["random:index/randomBytes:RandomBytes", KV]);
    });

    test("references carry paths and ARNs, never values", async () => {
        const ref = platform.references.JWT_SECRET_KEY;
        expect(ref.path).toBe("prod/auth/jwt-secret-key");
        expect(ref.vaultDataPath).toBe("kv/data/prod/auth/jwt-secret-key");
        expect(ref.awsSecretName).toBe("prod/auth/jwt-secret-key");
        expect(await unwrap(ref.awsSecretArn!)).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:prod\/auth\/jwt-secret-key-/);
        expect(await pulumi.isSecret(ref.awsSecretArn!)).toBe(false);
    });

    test("KV entries are written after the mount's KV v2 configuration (maxVersions holds from the first write)", () => {
        const config = h.one("vault:kv/secretBackendV2:SecretBackendV2");
        expect(h.ofType(KV).length).toBeGreaterThan(0);
        for (const entry of h.ofType(KV)) expect(entry.dependencies).toContain(config.urn);
    });

    test("children are parented and named after the component: one SecretGroup per catalog group, no component per secret", () => {
        const root = h.one("platform-secrets:index:PlatformSecrets");
        const groups = h.ofType(SECRET_GROUP_TYPE);
        expect(h.ofType(MANAGED_SECRET_TYPE)).toEqual([]);
        expect(groups.map((g) => g.name).sort()).toEqual(["secrets-group-api-keys", "secrets-group-auth", "secrets-group-database", "secrets-group-keys"]);
        expect(groups.every((g) => g.parent === root.urn)).toBe(true);
        const auth = groups.find((g) => g.name === "secrets-group-auth")!;
        const jwt = (reveal(auth.wireOutputs) as { secrets: Record<string, { resources: string[]; kind: string }> }).secrets.JWT_SECRET_KEY;
        expect(jwt.kind).toBe("jwt");
        // The environment fence belongs to the secret it guards; every resource of the secret is a child of its group.
        const byUrn = new Map(h.recorder.resources.map((r) => [r.urn, r]));
        expect(jwt.resources.map((urn) => byUrn.get(urn)!.name).sort()).toEqual([
            "secrets-fence-prod-auth-jwt-secret-key", "secrets-jwt-secret-key-aws", "secrets-jwt-secret-key-aws-version", "secrets-jwt-secret-key-value", "secrets-jwt-secret-key-value-b",
            "secrets-jwt-secret-key-vault",
        ]);
        expect(jwt.resources.every((urn) => byUrn.get(urn)!.parent === auth.urn)).toBe(true);
    });
});

test("dev stays disposable: nothing protected or retained", async () => {
    const args = { ...prodArgs(), environment: "dev", consumers: { api: { namespace: "shop-dev", serviceAccount: "api" } } };
    await build(args, "dev");
    expect(h.recorder.resources.filter((r) => r.protect || r.retainOnDelete)).toEqual([]);
    expect(h.ofType(KV).map((r) => h.inputs(r).name)).toContain("dev/tokens/dev-only-token");
});

test("protection: retain keeps stored secrets on delete instead of refusing it", async () => {
    await build({ ...prodArgs(), protection: "retain" });
    const kept = h.recorder.resources.filter((r) => r.retainOnDelete).map((r) => r.type);
    expect(new Set(kept)).toEqual(new Set([SECRET, KV, KEY, REPLICA_KEY, MOUNT, FENCE, AUDIT_DEVICE, AUDIT_BUCKET]));
    expect(h.recorder.resources.some((r) => r.protect)).toBe(false);
});

test("a given KMS key is used as is and no key is created", async () => {
    const args = prodArgs();
    args.stores.aws = { region: "eu-west-1", kmsKeyId: "alias/shop-secrets", recoveryWindowDays: 7 };
    await build(args);
    expect(h.ofType(KEY)).toEqual([]);
    const secret = h.inputs(h.one(SECRET, "jwt-secret-key-aws"));
    expect(secret).toMatchObject({ kmsKeyId: "alias/shop-secrets", region: "eu-west-1", recoveryWindowInDays: 7, replicas: [] });
});

test("an unmanaged Vault mount is written to but not created", async () => {
    const args = prodArgs();
    args.stores.vault = { mount: "shared-kv", manageMount: false, maxVersions: 7 };
    await build(args);
    expect(h.ofType(MOUNT)).toEqual([]);
    expect(h.inputs(h.one(KV, "jwt-secret-key-vault"))).toMatchObject({ mount: "shared-kv", customMetadata: { maxVersions: 7 } });
});

test("bundle: group stores one AWS secret per group, one key per secret", async () => {
    const args = prodArgs();
    args.stores.aws = { region: "us-east-1", bundle: "group" };
    const platform = await build(args);
    expect(h.ofType(SECRET).map((r) => h.inputs(r).name).sort()).toEqual(["prod/api-keys", "prod/auth", "prod/database"]);
    const auth = JSON.parse(h.inputs(h.one(VERSION, "bundle-auth-aws-version")).secretString);
    expect(Object.keys(auth).sort()).toEqual(["JWT_SECRET_KEY", "JWT_SECRET_KEY_PREVIOUS", "SESSION_KEY", "SESSION_KEY_PREVIOUS"]);
    expect(h.inputs(h.one(SECRET, "bundle-auth-aws")).tags).toMatchObject({ criticality: "critical", "rotation-days": "90", "keep-previous": "true" });
    expect(h.inputs(h.one(SECRET, "bundle-database-aws")).tags).toMatchObject({ "rotation-days": "180", "keep-previous": "false" });
    expect(platform.references.SESSION_KEY.awsSecretName).toBe("prod/auth");
    expect(await unwrap(platform.references.SESSION_KEY.awsSecretArn!)).toMatch(/:secret:prod\/auth-/);
});

test("an invalid catalog registers nothing and reports every problem", async () => {
    h = setupHarness({ stack: "prod" });
    const args = prodArgs();
    args.secrets.JWT_SECRET_KEY.length = 8;
    args.externalValues = {};
    let error: unknown;
    try {
        new PlatformSecrets("secrets", { ...args, configSource: { file: "Pulumi.prod.yaml", keyPrefix: "platform-secrets:" } });
    } catch (e) {
        error = e;
    }
    await h.settle();
    expect(error).toBeInstanceOf(CatalogValidationError);
    expect((error as CatalogValidationError).problems.map((p) => p.propertyPath)).toEqual(["secrets.JWT_SECRET_KEY.length", "secrets.STRIPE_API_KEY"]);
    expect((error as Error).message).toContain("Pulumi.prod.yaml: platform-secrets:secrets.STRIPE_API_KEY: required external secret has no value");
    expect(h.recorder.resources).toEqual([]);
});

test("a SecretGroup registers its members once; a second call is an error, not a silent no-op", () => {
    const group = new SecretGroup("secrets-group-auth", { group: "auth" });
    group.complete({});
    expect(() => group.complete({})).toThrow("SecretGroup auth: its members were already registered");
});

test("the recorder keeps each registration's ignoreChanges and additionalSecretOutputs", async () => {
    class Bucket extends pulumi.CustomResource {
        constructor(name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
            super("aws:s3/bucket:Bucket", name, props, opts);
        }
    }
    h = setupHarness({ stack: "prod" });
    new Bucket("probe", { x: "a", y: null }, { ignoreChanges: ["x"], additionalSecretOutputs: ["y"] });
    new Bucket("plain", { x: "a" });
    await h.settle();
    const probe = h.one("aws:s3/bucket:Bucket", "probe");
    expect(probe.ignoreChanges).toEqual(["x"]);
    expect(probe.additionalSecretOutputs).toEqual(["y"]);
    const plain = h.one("aws:s3/bucket:Bucket", "plain");
    expect(plain.ignoreChanges).toEqual([]);
    expect(plain.additionalSecretOutputs).toEqual([]);
});
