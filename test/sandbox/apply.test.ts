import { DeclaredResource, planApply } from "../../sandbox/apply";
import { storedKeyOf } from "../../e2e/applied";

/** The sandbox's fallback apply (sandbox/apply.ts): recorded inputs to Vault calls and manifests. */

const entry = (name: string, dataJson: string | undefined): DeclaredResource => ({
    type: "vault:kv/secretV2:SecretV2",
    name: `secrets-${name}-vault`,
    inputs: { mount: "kv", name: `dev/auth/${name}`, dataJson, customMetadata: { data: { kind: "jwt" }, maxVersions: 3 } },
});
const mount: DeclaredResource = { type: "vault:index/mount:Mount", name: "secrets-kv", inputs: { path: "kv", type: "kv", options: { version: "2" }, description: "d" } };
const policy: DeclaredResource = { type: "vault:index/policy:Policy", name: "p", inputs: { name: "reader", policy: 'path "kv/data/x" { capabilities = ["read"] }' } };
const role: DeclaredResource = {
    type: "vault:kubernetes/authBackendRole:AuthBackendRole",
    name: "r",
    inputs: { backend: "kubernetes", roleName: "api", boundServiceAccountNames: ["api"], boundServiceAccountNamespaces: ["shop-dev"], tokenPolicies: ["reader"], tokenTtl: 3600 },
};
const secret = (stringData: Record<string, unknown> | undefined): DeclaredResource => ({
    type: "kubernetes:core/v1:Secret",
    name: "api-secret",
    inputs: { apiVersion: "v1", kind: "Secret", metadata: { name: "api-secrets", namespace: "shop-dev" }, type: "Opaque", stringData },
});

test("mounts come before the entries and roles that live in them, whatever the declaration order", () => {
    const plan = planApply([role, entry("jwt-secret-key", '{"JWT_SECRET_KEY":"fake-jwt-value"}'), policy, mount]);
    expect(plan.vault.map((c) => `${c.method} ${c.path}`)).toEqual([
        "POST sys/mounts/kv",
        "PUT sys/policies/acl/reader",
        "POST auth/kubernetes/role/api",
        "POST kv/data/dev/auth/jwt-secret-key",
        "POST kv/metadata/dev/auth/jwt-secret-key",
    ]);
});

test("an entry is written as the provider writes it: data, then custom metadata and max_versions", () => {
    const plan = planApply([entry("jwt-secret-key", '{"JWT_SECRET_KEY":"fake-jwt-value","JWT_SECRET_KEY_PREVIOUS":"fake-old"}')]);
    expect(plan.vault).toEqual([
        { method: "POST", path: "kv/data/dev/auth/jwt-secret-key", body: { data: { JWT_SECRET_KEY: "fake-jwt-value", JWT_SECRET_KEY_PREVIOUS: "fake-old" } }, from: "vault:kv/secretV2:SecretV2 secrets-jwt-secret-key-vault" },
        { method: "POST", path: "kv/metadata/dev/auth/jwt-secret-key", body: { custom_metadata: { kind: "jwt" }, max_versions: 3 }, from: "vault:kv/secretV2:SecretV2 secrets-jwt-secret-key-vault" },
    ]);
});

test("the Kubernetes auth role keeps its bindings and policies under Vault's own field names", () => {
    expect(planApply([role]).vault[0].body).toEqual({
        bound_service_account_names: ["api"], bound_service_account_namespaces: ["shop-dev"], token_policies: ["reader"], token_ttl: 3600,
    });
});

test("a value not known offline is filled by name, and a Secret takes each key's value from the Vault entry", () => {
    const unknown = {
        nameAtPath: (at: string) => (at === "kv/dev/auth/stripe-api-key" ? "STRIPE_API_KEY" : undefined),
        secretKeys: () => ["JWT_SECRET_KEY", "STRIPE_API_KEY"],
        fill: (name: string) => `fake-${name}`,
    };
    const plan = planApply([entry("stripe-api-key", undefined), entry("jwt-secret-key", '{"JWT_SECRET_KEY":"fake-jwt-value"}'), secret(undefined)], unknown);
    expect(plan.vault[0].body).toEqual({ data: { STRIPE_API_KEY: "fake-STRIPE_API_KEY" } });
    expect(plan.manifests[0].stringData).toEqual({ JWT_SECRET_KEY: "fake-jwt-value", STRIPE_API_KEY: "fake-STRIPE_API_KEY" });
});

test("a custom layout's keys take the value of the stored key they carry (consumers.<name>.projection)", () => {
    const placements = [
        { name: "JWT_SECRET_KEY", kind: "jwt", stores: { vault: null }, kubernetes: [
            { namespace: "shop-dev", secretName: "api-secrets", key: "jwt-secret-key" },
            { namespace: "shop-dev", secretName: "api-secrets", key: "jwt-secret-key-previous" },
        ] },
        { name: "STRIPE_API_KEY", kind: "external", stores: { vault: null }, kubernetes: [{ namespace: "shop-dev", secretName: "api-secrets", key: "stripe" }] },
    ];
    const unknown = {
        nameAtPath: (at: string) => (at === "kv/dev/auth/stripe-api-key" ? "STRIPE_API_KEY" : undefined),
        secretKeys: () => ["jwt-secret-key", "jwt-secret-key-previous", "stripe"],
        storedKey: (namespace: string, name: string, key: string) => storedKeyOf(placements, namespace, name, key),
        fill: (name: string) => `fake-${name}`,
    };
    const plan = planApply([entry("stripe-api-key", undefined), entry("jwt-secret-key", '{"JWT_SECRET_KEY":"fake-jwt-value","JWT_SECRET_KEY_PREVIOUS":"fake-old"}'), secret(undefined)], unknown);
    expect(plan.manifests[0].stringData).toEqual({ "jwt-secret-key": "fake-jwt-value", "jwt-secret-key-previous": "fake-old", stripe: "fake-STRIPE_API_KEY" });
});

test("an unknown value with no catalog secret at its path is an error naming the resource", () => {
    expect(() => planApply([entry("stripe-api-key", undefined)])).toThrow(
        "vault:kv/secretV2:SecretV2 secrets-stripe-api-key-vault: its value is not known offline and no catalog secret is stored at kv/dev/auth/stripe-api-key");
});

test("types with no server here are named, not dropped; random values and the Stack are neither; an audit device is applied", () => {
    const plan = planApply([
        { type: "pulumi:pulumi:Stack", name: "s", inputs: {} },
        { type: "random:index/randomBytes:RandomBytes", name: "b", inputs: { length: 32 } },
        { type: "aws:secretsmanager/secret:Secret", name: "a", inputs: {} },
        { type: "vault:index/audit:Audit", name: "audit", inputs: { type: "file", path: "platform-secrets-prod", options: { file_path: "/tmp/fake-audit.log" } } },
    ]);
    expect(plan.notApplied).toEqual(["aws:secretsmanager/secret:Secret a"]);
    expect(plan.vault).toEqual([{ method: "PUT", path: "sys/audit/platform-secrets-prod", body: { type: "file", options: { file_path: "/tmp/fake-audit.log" } }, from: "vault:index/audit:Audit audit" }]);
    expect(plan.manifests).toEqual([]);
});
