import { execFileSync } from "child_process";
import * as path from "path";
import { Harness, setupHarness, unwrap } from "../harness";

const ROOT = path.resolve(__dirname, "../..");
let h: Harness;
let program: any;

beforeAll(async () => {
    h = setupHarness({ stack: "staging" });
    // Loaded once the mocks are set: the program registers its resources as it loads.
    program = await import("../fixtures/composition");
    await h.settle();
});

function providerOf(type: string, nameSuffix: string): string | null {
    return h.one(type, nameSuffix).provider;
}

test("a second program imports the library and builds its own catalog", async () => {
    expect(Object.keys(program.payments.secrets).sort()).toEqual(["LEDGER_DB_PASSWORD", "LEDGER_SIGNING_KEY"]);
    expect(program.references.LEDGER_SIGNING_KEY.vaultDataPath).toBe("payments-kv/data/staging/auth/ledger-signing-key");
    expect(await unwrap(program.webhookPath)).toBe("payments-kv/data/staging/webhooks/psp-webhook-secret");
});

test("the consumer's providers reach every child, however deep", () => {
    const awsRef = h.one("pulumi:providers:aws", "payments-aws");
    const vaultRef = h.one("pulumi:providers:vault", "payments-vault");
    expect(providerOf("aws:secretsmanager/secret:Secret", "ledger-signing-key-aws")).toMatch(new RegExp(`^${awsRef.urn}::`));
    expect(providerOf("aws:kms/key:Key", "payments-kms-key")).toMatch(new RegExp(`^${awsRef.urn}::`));
    expect(providerOf("vault:kv/secretV2:SecretV2", "ledger-db-password-vault")).toMatch(new RegExp(`^${vaultRef.urn}::`));
    expect(providerOf("vault:index/mount:Mount", "payments-kv-mount")).toMatch(new RegExp(`^${vaultRef.urn}::`));
    expect(providerOf("vault:kv/secretV2:SecretV2", "psp-webhook-vault")).toMatch(new RegExp(`^${vaultRef.urn}::`));
    // Random values need no cloud provider: the default one is fine.
    expect(providerOf("random:index/randomPassword:RandomPassword", "ledger-db-password-value")).toBeNull();
});

test("type tokens follow platform-secrets:<module>:<Name>", () => {
    const types = new Set(h.recorder.resources.filter((r) => !r.custom).map((r) => r.type));
    expect(types).toEqual(new Set(["platform-secrets:index:PlatformSecrets", "platform-secrets:index:SecretGroup", "platform-secrets:index:ManagedSecret", "platform-secrets:access:SecretConsumer"]));
});

test("the published entry point (package.json exports) loads and exports the components", () => {
    const out = execFileSync(process.execPath, ["-e", "const m = require('platform-secrets'); console.log(Object.keys(m).filter((k) => /^[A-Z]/.test(k)).sort().join(','))"], { cwd: ROOT, encoding: "utf8" });
    expect(out.trim().split(",")).toEqual(expect.arrayContaining(["CatalogValidationError", "ManagedSecret", "PlatformSecrets", "SecretBundle"]));
});
