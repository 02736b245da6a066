import * as pulumi from "@pulumi/pulumi";
import { resolveCatalog } from "../../components/catalog/validate";
import { SecretConfig } from "../../components/catalog/model";
import { ManagedSecret, formatMismatch } from "../../components/managedSecret";
import { toBase64Url } from "../../components/generation/generate";
import { Harness, setupHarness, unwrap } from "../harness";

const URL_SAFE = /^[A-Za-z0-9_-]+$/;
const DJANGO_ALPHABET = /^[a-z0-9!@#$%^&*(\-_=+)]+$/;

let harness: Harness;
beforeEach(() => {
    harness = setupHarness({ allowedTypes: /^(random:|platform-secrets:)/ });
});

/** One secret, generated only (no store), and the random resource behind it. */
async function generate(secret: SecretConfig, name = "SOME_SECRET") {
    const [resolved] = resolveCatalog({ environment: "dev", stores: { vault: { mount: "kv" } }, secrets: { [name]: secret } }).secrets;
    const managed = new ManagedSecret("s", { secret: resolved, environment: "dev" });
    const value = await unwrap(managed.value);
    await harness.settle();
    const random = harness.recorder.resources.find((r) => r.type.startsWith("random:"))!;
    // Keepers are the rotation schedule's, tested in test/rotation.
    const { keepers, ...inputs } = harness.inputs(random);
    expect(keepers).toMatchObject({ kind: resolved.kind, "rotation-days": String(resolved.rotationDays) });
    return { value, secret: await pulumi.isSecret(managed.value), random, inputs };
}

test("password: 32 characters by default, every class required, random's specials", async () => {
    const { value, secret, random, inputs } = await generate({ kind: "password" });
    expect(random.type).toBe("random:index/randomPassword:RandomPassword");
    expect(inputs).toEqual({
        length: 32, upper: true, lower: true, numeric: true, special: true,
        minUpper: 1, minLower: 1, minNumeric: 1, minSpecial: 1, overrideSpecial: "!@#$%&*()-_=+[]{}<>:?",
    });
    expect(value).toHaveLength(32);
    expect(value).toMatch(/[A-Z]/);
    expect(value).toMatch(/[a-z]/);
    expect(value).toMatch(/[0-9]/);
    expect(secret).toBe(true);
});

test("password: avoided characters never reach the generator", async () => {
    const { value, inputs } = await generate({ kind: "password", length: 40, avoidCharacters: ":@/?#[]" });
    expect(inputs.overrideSpecial).toBe("!$%&*()-_=+{}<>");
    expect(value).toHaveLength(40);
    expect(value).not.toMatch(/[:@/?#[\]]/);
});

test("password: avoiding every special character generates letters and digits only", async () => {
    const { inputs } = await generate({ kind: "password", avoidCharacters: "!@#$%&*()-_=+[]{}<>:?" });
    expect(inputs).toMatchObject({ special: false, minSpecial: 0 });
    expect(inputs.overrideSpecial).toBeUndefined();
});

test("token: 32 random bytes as unpadded URL-safe base64, like secrets.token_urlsafe(32)", async () => {
    const { value, secret, random, inputs } = await generate({ kind: "token" });
    expect(random.type).toBe("random:index/randomBytes:RandomBytes");
    expect(inputs).toEqual({ length: 32 });
    expect(value).toHaveLength(43);
    expect(value).toMatch(URL_SAFE);
    expect(Buffer.from(value, "base64url")).toHaveLength(32);
    expect(secret).toBe(true);
});

test("jwt: 64 random bytes, standard base64 of at least 64 characters", async () => {
    const { value, inputs } = await generate({ kind: "jwt" });
    expect(inputs).toEqual({ length: 64 });
    expect(value.length).toBeGreaterThanOrEqual(64);
    expect(Buffer.from(value, "base64")).toHaveLength(64);
    expect(Buffer.from(value, "base64").toString("base64")).toBe(value);
});

test("fernet: 32 bytes in padded URL-safe base64, exactly 44 characters", async () => {
    const { value, inputs } = await generate({ kind: "fernet" });
    expect(inputs).toEqual({ length: 32 });
    expect(value).toHaveLength(44);
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    expect(Buffer.from(value, "base64url")).toHaveLength(32);
});

test("django: 50 characters from get_random_secret_key's alphabet", async () => {
    const { value, inputs } = await generate({ kind: "django" });
    expect(inputs).toEqual({ length: 50, upper: false, lower: true, numeric: true, special: true, overrideSpecial: "!@#$%^&*(-_=+)" });
    expect(value).toHaveLength(50);
    expect(value).toMatch(DJANGO_ALPHABET);
});

test("hex: N random bytes as 2N lower-case hex digits", async () => {
    const { value, inputs } = await generate({ kind: "hex", length: 24 });
    expect(inputs).toEqual({ length: 24 });
    expect(value).toMatch(/^[0-9a-f]{48}$/);
});

test("basic-auth: username:password, the password never containing a colon", async () => {
    const { value, secret, inputs } = await generate({ kind: "basic-auth", username: "prometheus" });
    expect(inputs.overrideSpecial).not.toContain(":");
    const [user, password, ...rest] = value.split(":");
    expect([user, rest]).toEqual(["prometheus", []]);
    expect(password).toHaveLength(32);
    expect(secret).toBe(true);
});

test("external: the provided value, marked secret even when given plain", async () => {
    const [resolved] = resolveCatalog({ environment: "dev", stores: { vault: { mount: "kv" } }, secrets: { API_KEY: { kind: "external", format: "^fake_" } } }).secrets;
    const managed = new ManagedSecret("s", { secret: resolved, environment: "dev", value: "fake_value_for_tests" });
    expect(await unwrap(managed.value)).toBe("fake_value_for_tests");
    expect(await pulumi.isSecret(managed.value)).toBe(true);
    await harness.settle();
    expect(harness.recorder.resources.filter((r) => r.type.startsWith("random:"))).toEqual([]);
});

test("external: a value that does not match format is refused without showing the value", () => {
    const secret = { name: "API_KEY", format: "^fake_" };
    expect(formatMismatch(secret, "fake_ok")).toBeUndefined();
    expect(formatMismatch({ name: "API_KEY", format: undefined }, "anything")).toBeUndefined();
    expect(formatMismatch(secret, "WRONG-fake-value")).toBe(
        `secrets.API_KEY.format: the provided value does not match "^fake_" (value not shown); set the right value with pulumi config set --secret`);
});

test("toBase64Url maps the two non-URL-safe characters and strips padding only when asked", () => {
    expect(toBase64Url("ab+/cd==", false)).toBe("ab-_cd");
    expect(toBase64Url("ab+/cd==", true)).toBe("ab-_cd==");
});
