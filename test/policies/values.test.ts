import { productionSecretProtection } from "../../policies/rules/production-secret-protection";
import { randomSecretMinLength } from "../../policies/rules/random-secret-min-length";
import { secretInsecureValue } from "../../policies/rules/secret-insecure-value";
import { secretValueNotMarkedSecret } from "../../policies/rules/secret-value-not-marked-secret";
import { secretRotationRequired } from "../../policies/rules/secret-rotation-required";
import { Res, WIRE_UNKNOWN, secret, violations, withSecretMarkers } from "./harness";

const PASSWORD = "random:index/randomPassword:RandomPassword";
const STRING = "random:index/randomString:RandomString";
const BYTES = "random:index/randomBytes:RandomBytes";
const VERSION = "aws:secretsmanager/secretVersion:SecretVersion";

describe("random-secret-min-length", () => {
    const random = (type: string, length: unknown, keepers?: unknown): Res => ({ type, props: { length, ...(keepers !== undefined ? { keepers } : {}) } });
    const run = (r: Res, config = {}) => violations(randomSecretMinLength, r, config);

    test("baseline: at the kind's minimum", () => {
        expect(run(random(BYTES, 48, { kind: "jwt" }))).toEqual([]);
        expect(run(random(PASSWORD, 50, { kind: "django" }))).toEqual([]);
        expect(run(random(PASSWORD, 16))).toEqual([]);
        expect(run(random(BYTES, 16))).toEqual([]);
    });
    test("below the kind's minimum", () => {
        expect(run(random(BYTES, 47, { kind: "jwt" }))).toEqual(["length 47 is below the minimum of 48 bytes for kind jwt"]);
        expect(run(random(PASSWORD, 40, { kind: "django" }))).toEqual(["length 40 is below the minimum of 50 characters for kind django"]);
        expect(run(random(BYTES, 31, { kind: "fernet" }))).toHaveLength(1);
    });
    test("without a kind: the configured minimum by unit", () => {
        expect(run({ type: STRING, props: { length: 12, keepers: { kind: "custom" } } })).toEqual(["length 12 is below the minimum of 16 characters for a generated secret"]);
        expect(run(random(BYTES, 8, { kind: "external" }))).toEqual(["length 8 is below the minimum of 16 bytes for a generated secret"]);
        expect(run(random(PASSWORD, 20), { minCharacters: 24 })).toEqual(["length 20 is below the minimum of 24 characters for a generated secret"]);
        expect(run(random(BYTES, 20), { minBytes: 24 })).toHaveLength(1);
    });
    test("unknown: no violation", () => {
        expect(run(random(BYTES, WIRE_UNKNOWN, { kind: "jwt" }))).toEqual([]);
        expect(run(random(BYTES, 8, WIRE_UNKNOWN))).toEqual([]);
        expect(run(random(BYTES, 8, { kind: WIRE_UNKNOWN }))).toEqual([]);
        expect(run({ type: "aws:kms/key:Key", props: { length: 1 } })).toEqual([]);
    });
});

describe("secret-value-not-marked-secret", () => {
    const run = (r: Res) => violations(secretValueNotMarkedSecret, r);
    const marked = (type: string, props: Record<string, unknown>): Res => ({ type, props: withSecretMarkers(props) });

    test("baseline: secret values, as check sees them", () => {
        expect(run(marked(VERSION, { secretId: "arn", secretString: secret('{"A":"generated"}') }))).toEqual([]);
        expect(run(marked("kubernetes:core/v1:Secret", { data: secret({ A: "Zm9v" }), stringData: { B: secret("bar") } }))).toEqual([]);
        expect(run(marked("aws:lambda/function:Function", { environment: { variables: { DB_PASSWORD: secret("x"), LOG_LEVEL: "info" } } }))).toEqual([]);
        expect(run(marked("aws:ssm/parameter:Parameter", { type: "String", value: "plain config" }))).toEqual([]);
        expect(run(marked(VERSION, { secretString: "" }))).toEqual([]);
    });
    test("literal values in secret-bearing properties", () => {
        expect(run(marked(VERSION, { secretString: '{"A":"literal"}' }))).toEqual(["secretString holds a value that is not a Pulumi secret: it would be stored in plain text in the state"]);
        expect(run(marked("vault:kv/secretV2:SecretV2", { dataJson: "{}" }))).toEqual(["dataJson holds a value that is not a Pulumi secret: it would be stored in plain text in the state"]);
        expect(run(marked("vault:generic/secret:Secret", { dataJson: "{}" }))).toHaveLength(1);
        expect(run(marked("kubernetes:core/v1:Secret", { data: { A: "Zm9v" }, stringData: { B: "bar" } }))).toEqual([
            "data.A holds a value that is not a Pulumi secret: it would be stored in plain text in the state",
            "stringData.B holds a value that is not a Pulumi secret: it would be stored in plain text in the state",
        ]);
        expect(run(marked("aws:ssm/parameter:Parameter", { type: "SecureString", value: "x" }))).toEqual(["value holds a value that is not a Pulumi secret: it would be stored in plain text in the state"]);
        expect(run(marked("aws:lambda/function:Function", { environment: { variables: { DB_PASSWORD: "x", LOG_LEVEL: "info" } } })))
            .toEqual(["environment.variables.DB_PASSWORD holds a value that is not a Pulumi secret: it would be stored in plain text in the state"]);
    });
    test("a real preview hides secret markers: not judged there", () => {
        expect(run({ type: VERSION, props: { secretString: '{"A":"literal"}' } })).toEqual([]);
    });
    test("unknown: no violation", () => {
        expect(run(marked(VERSION, { secretString: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(marked("kubernetes:core/v1:Secret", { stringData: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(marked("aws:lambda/function:Function", { environment: WIRE_UNKNOWN }))).toEqual([]);
    });
});

describe("secret-insecure-value", () => {
    const run = (r: Res, config = {}) => violations(secretInsecureValue, r, config);
    const version = (secretString: unknown): Res => ({ type: VERSION, props: { secretString } });

    test("baseline: values that are not placeholders", () => {
        expect(run(version(JSON.stringify({ A: "fake-but-not-a-placeholder-0001" })))).toEqual([]);
        expect(run({ type: "kubernetes:core/v1:Secret", props: { data: { A: Buffer.from("fake-value-0002").toString("base64") } } })).toEqual([]);
        expect(run({ type: "kubernetes:core/v1:ConfigMap", props: { data: { A: "changeme" } } })).toEqual([]);
    });
    test("known placeholders, whole value or prefix, any case", () => {
        expect(run(version(JSON.stringify({ DB: "ChangeMe" })))).toEqual(['secretString holds a known insecure value (matches "changeme")']);
        expect(run(version("django-insecure-0000fake"))).toEqual(['secretString holds a known insecure value (matches "django-insecure")']);
        expect(run(version(JSON.stringify({ A: "password", B: "secret" })))).toEqual([
            'secretString holds a known insecure value (matches "password")',
            'secretString holds a known insecure value (matches "secret")',
        ]);
        expect(run({ type: "vault:kv/secretV2:SecretV2", props: { dataJson: JSON.stringify({ A: " example " }) } })).toEqual(['dataJson holds a known insecure value (matches "example")']);
        expect(run({ type: "kubernetes:core/v1:Secret", props: { data: { A: Buffer.from("change-this").toString("base64") } } })).toEqual(['data.A holds a known insecure value (matches "change-this")']);
        expect(run({ type: "aws:lambda/function:Function", props: { environment: { variables: { API_TOKEN: "changeme-later" } } } })).toEqual(['environment.variables.API_TOKEN holds a known insecure value (matches "changeme")']);
    });
    test("configurable lists", () => {
        expect(run(version("hunter2"), { insecureValues: ["hunter2"] })).toEqual(['secretString holds a known insecure value (matches "hunter2")']);
        expect(run(version("password"), { insecureValues: [] })).toEqual([]);
        expect(run(version("acme-placeholder-1"), { insecurePrefixes: ["ACME-PLACEHOLDER"] })).toHaveLength(1);
    });
    test("unknown: no violation", () => {
        expect(run(version(WIRE_UNKNOWN))).toEqual([]);
        expect(run({ type: "kubernetes:core/v1:Secret", props: { stringData: { A: WIRE_UNKNOWN } } })).toEqual([]);
    });
});

describe("production-secret-protection", () => {
    const stored = (type: string, extra: Partial<Res> = {}, environment: unknown = "prod"): Res => ({
        type, props: type === "vault:kv/secretV2:SecretV2" ? { customMetadata: { data: { environment } } } : { tags: { environment } }, ...extra,
    });
    const run = (r: Res, config = {}) => violations(productionSecretProtection, r, config);
    const TYPES = ["aws:secretsmanager/secret:Secret", "vault:kv/secretV2:SecretV2", "aws:kms/key:Key"];

    test("baseline: protected, or retained on delete", () => {
        for (const type of TYPES) {
            expect(run(stored(type, { protect: true }))).toEqual([]);
            expect(run(stored(type, { retainOnDelete: true }))).toEqual([]);
        }
    });
    test("unprotected stores in production", () => {
        for (const type of TYPES) {
            expect(run(stored(type))).toEqual(["holds secrets in production without protect or retainOnDelete: a destroy or a rename would delete it"]);
        }
        expect(run(stored(TYPES[0], {}, undefined), { environment: "prod" })).toHaveLength(1);
    });
    test("outside production, other types, unknown environment: not judged", () => {
        expect(run(stored(TYPES[0], {}, "dev"))).toEqual([]);
        expect(run(stored(TYPES[0]), { environment: "dev" })).toEqual([]);
        expect(run(stored("aws:secretsmanager/secretVersion:SecretVersion"))).toEqual([]);
        expect(run(stored(TYPES[0], {}, WIRE_UNKNOWN))).toEqual([]);
        expect(run({ type: TYPES[0], props: { tags: WIRE_UNKNOWN } })).toEqual([]);
    });
});

describe("RandomString: judged only when used as a secret", () => {
    const str = (props: Record<string, unknown>, additionalSecretOutputs: string[] = []) => ({ type: STRING, props, additionalSecretOutputs });
    const run = (policy: any, r: ReturnType<typeof str>) => {
        const messages: string[] = [];
        policy.validateResource({
            type: r.type, props: r.props, urn: "urn:x", name: "x", stackTags: new Map(),
            opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: {}, additionalSecretOutputs: r.additionalSecretOutputs },
            getConfig: () => ({}), isType: () => false, asType: () => undefined, notApplicable: () => undefined,
        }, (m: string) => messages.push(m));
        return messages;
    };
    test("a name suffix is not a secret", () => {
        expect(run(randomSecretMinLength, str({ length: 6 }))).toEqual([]);
        expect(run(secretRotationRequired, str({ length: 6 }))).toEqual([]);
    });
    test("a secret result or a kind keeper makes it one", () => {
        expect(run(randomSecretMinLength, str({ length: 6 }, ["result"]))).toEqual(["length 6 is below the minimum of 16 characters for a generated secret"]);
        expect(run(secretRotationRequired, str({ length: 20, keepers: { kind: "password" } }))).toEqual(['no rotation schedule: keepers "rotation" and "rotation-days" are missing, so the value never changes']);
        expect(run(randomSecretMinLength, str({ length: 6 }, ["other"]))).toEqual([]);
    });
});
