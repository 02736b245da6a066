import { PlatformSecrets, PlatformSecretsArgs } from "../../components/platformSecrets";
import { ANNOTATION } from "../../components/conventions";
import { CatalogConfig } from "../../components/catalog/model";
import { resolveCatalog, validateCatalog } from "../../components/catalog/validate";
import { consumerEnvironment, locations, variablesOf } from "../../offline/variables";
import { exportEntries } from "../../offline/export";
import { LoadedCatalog } from "../../offline/catalog";
import { versionHash } from "../../components/kubernetes/objects";
import { dockerConfigJson, previousKey } from "../../components/kubernetes/layout";
import { describeSecrets } from "../../offline/report";
import { iamGrants, rbacGrants, vaultGrants } from "../../offline/access";
import { Harness, setupHarness } from "../harness";
import { OIDC, validateKubernetesObject } from "../access/fixtures";
import { ESO_EXTERNAL_SECRET as EXTERNAL_SECRET, K8S_SECRET, K8S_ROLE as ROLE, K8S_ROLE_BINDING as BINDING } from "../types";

/**
 * The layouts the reference systems' deployments already read (`consumers.<name>.projection`):
 * Music Gen AI mounts `redis-auth/password`, `flower-auth/basic_auth`, `worker-secrets/encryption-key`
 * and pulls images with `registry-credentials`; AI-ETL reads `ai-etl-secrets` with kebab-case keys.
 * Fake values only.
 */
function referenceCatalog(mode: "external-secrets" | "secret"): PlatformSecretsArgs {
    return {
        environment: "prod",
        stores: { vault: { mount: "kv" }, aws: { region: "us-east-1" } },
        kubernetes: { mode, vault: { server: "https://vault.fake.invalid:8200" }, aws: { oidcProviderArn: OIDC } },
        consumers: {
            "music-gen": {
                namespace: "music-gen-prod", serviceAccount: "music-gen", awsRoleName: "music-gen-prod",
                projection: {
                    "redis-auth": { password: "REDIS_PASSWORD" },
                    "flower-auth": { basic_auth: "FLOWER_BASIC_AUTH" },
                    "worker-secrets": { "encryption-key": "ENCRYPTION_KEY" },
                    "registry-credentials": { type: "dockerconfigjson", registry: "registry.example.com", username: "fake-ci", password: "REGISTRY_PASSWORD" },
                },
            },
            "ai-etl": {
                namespace: "ai-etl-prod", serviceAccount: "ai-etl",
                projection: { "ai-etl-secrets": { "jwt-secret-key": "JWT_SECRET_KEY", "database-url": "DATABASE_URL" } },
            },
        },
        secrets: {
            REDIS_PASSWORD: { kind: "password", group: "redis", consumers: ["music-gen"] },
            FLOWER_BASIC_AUTH: { kind: "basic-auth", group: "flower", username: "flower", consumers: ["music-gen"] },
            ENCRYPTION_KEY: { kind: "fernet", group: "worker", consumers: ["music-gen"] },
            // AWS only, pulled by the kubelet only: no Vault policy and no IAM grant for the workload.
            REGISTRY_PASSWORD: { kind: "external", group: "registry", stores: ["aws"], consumers: ["music-gen"] },
            JWT_SECRET_KEY: { kind: "jwt", group: "auth", consumers: ["ai-etl"] },
            DATABASE_URL: { kind: "external", group: "database", consumers: ["ai-etl"] },
        },
        externalValues: { REGISTRY_PASSWORD: "fake-registry-password", DATABASE_URL: "postgres://fake:fake@db.example.com/etl" },
    };
}

let h: Harness;
async function build(args: PlatformSecretsArgs): Promise<PlatformSecrets> {
    h = setupHarness({ stack: args.environment });
    const platform = new PlatformSecrets("secrets", args);
    await h.settle();
    return platform;
}
const targets = (type: string) => h.ofType(type).map((r) => h.inputs(r)).map((i) => `${i.metadata.namespace}/${i.spec?.target?.name ?? i.metadata.name}`).sort();
function external(name: string): Record<string, any> {
    const found = h.ofType(EXTERNAL_SECRET).map((r) => h.inputs(r)).find((i) => i.metadata.name === name);
    if (!found) throw new Error(`no ExternalSecret ${name}`);
    return found;
}

describe("external-secrets mode: one ExternalSecret per Secret of the layout", () => {
    let platform: PlatformSecrets;
    beforeAll(async () => { platform = await build(referenceCatalog("external-secrets")); });

    test("exactly the layout's Secrets, each valid against the External Secrets schema", () => {
        expect(targets(EXTERNAL_SECRET)).toEqual([
            "ai-etl-prod/ai-etl-secrets",
            "music-gen-prod/flower-auth", "music-gen-prod/redis-auth", "music-gen-prod/registry-credentials", "music-gen-prod/worker-secrets",
        ]);
        for (const r of h.recorder.resources.filter((x) => x.custom && x.type.startsWith("kubernetes:"))) {
            expect(() => validateKubernetesObject(r, h.inputs(r))).not.toThrow();
        }
    });

    test("keys exact, read from the same store paths; a two-slot secret adds its previous key", () => {
        expect(external("redis-auth").spec.data).toEqual([{ secretKey: "password", remoteRef: { key: "prod/redis/redis-password", property: "REDIS_PASSWORD" } }]);
        expect(external("flower-auth").spec.data).toEqual([{ secretKey: "basic_auth", remoteRef: { key: "prod/flower/flower-basic-auth", property: "FLOWER_BASIC_AUTH" } }]);
        expect(external("worker-secrets").spec.data).toEqual([
            { secretKey: "encryption-key", remoteRef: { key: "prod/worker/encryption-key", property: "ENCRYPTION_KEY" } },
            { secretKey: "encryption-key-previous", remoteRef: { key: "prod/worker/encryption-key", property: "ENCRYPTION_KEY_PREVIOUS" } },
        ]);
        expect(external("ai-etl-secrets").spec.data).toEqual([
            { secretKey: "database-url", remoteRef: { key: "prod/database/database-url", property: "DATABASE_URL" } },
            { secretKey: "jwt-secret-key", remoteRef: { key: "prod/auth/jwt-secret-key", property: "JWT_SECRET_KEY" } },
            { secretKey: "jwt-secret-key-previous", remoteRef: { key: "prod/auth/jwt-secret-key", property: "JWT_SECRET_KEY_PREVIOUS" } },
        ]);
    });

    test("dockerconfigjson: a kubernetes.io/dockerconfigjson target templated from the password", () => {
        const spec = external("registry-credentials").spec;
        expect(spec.secretStoreRef).toEqual({ kind: "SecretStore", name: "platform-secrets-aws" });
        expect(spec.data).toEqual([{ secretKey: "password", remoteRef: { key: "prod/registry/registry-password", property: "REGISTRY_PASSWORD" } }]);
        expect(spec.target.template.type).toBe("kubernetes.io/dockerconfigjson");
        expect(spec.target.template.engineVersion).toBe("v2");
        expect(spec.target.template.data).toEqual({
            ".dockerconfigjson": `{"auths":{"registry.example.com":{"username":"fake-ci","password":{{ .password | toJson }},"auth":"{{ printf "%s:%s" "fake-ci" .password | b64enc }}"}}}`,
        });
    });

    test("the component names the layout's Secrets", () => {
        expect(platform.consumers["music-gen"].secretNames).toEqual(["redis-auth", "flower-auth", "worker-secrets", "registry-credentials"]);
        expect(platform.consumers["ai-etl"].secretNames).toEqual(["ai-etl-secrets"]);
    });

    test("the version annotation of each Secret hashes only its own members", () => {
        const worker = external("worker-secrets");
        expect(worker.metadata.annotations[ANNOTATION.version]).toBe(versionHash({ ENCRYPTION_KEY: platform.secrets.ENCRYPTION_KEY.version }));
        expect(worker.spec.target.template.metadata.annotations).toEqual(worker.metadata.annotations);
        expect(external("ai-etl-secrets").metadata.annotations[ANNOTATION.version])
            .toBe(versionHash({ JWT_SECRET_KEY: platform.secrets.JWT_SECRET_KEY.version, DATABASE_URL: platform.secrets.DATABASE_URL.version }));
    });

    test("RBAC: the Role names exactly the workload's Secrets, never the image-pull one", () => {
        const roles = h.ofType(ROLE).map((r) => h.inputs(r));
        expect(Object.fromEntries(roles.map((r) => [`${r.metadata.namespace}/${r.metadata.name}`, r.rules]))).toEqual({
            "music-gen-prod/music-gen-secrets-reader": [{ apiGroups: [""], resources: ["secrets"], resourceNames: ["flower-auth", "redis-auth", "worker-secrets"], verbs: ["get"] }],
            "ai-etl-prod/ai-etl-secrets-reader": [{ apiGroups: [""], resources: ["secrets"], resourceNames: ["ai-etl-secrets"], verbs: ["get"] }],
        });
        expect(Object.fromEntries(h.ofType(BINDING).map((r) => [h.inputs(r).metadata.name, [h.inputs(r).roleRef, h.inputs(r).subjects]]))).toEqual({
            "music-gen-secrets-reader": [{ apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "music-gen-secrets-reader" }, [{ kind: "ServiceAccount", name: "music-gen", namespace: "music-gen-prod" }]],
            "ai-etl-secrets-reader": [{ apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "ai-etl-secrets-reader" }, [{ kind: "ServiceAccount", name: "ai-etl", namespace: "ai-etl-prod" }]],
        });
    });

    test("the access list and the report follow the layout; no grant on an image-pull-only secret", () => {
        const secrets = describeSecrets(h.recorder);
        expect(secrets.find((s) => s.name === "ENCRYPTION_KEY")?.kubernetes).toEqual([
            { namespace: "music-gen-prod", secretName: "worker-secrets", key: "encryption-key" },
            { namespace: "music-gen-prod", secretName: "worker-secrets", key: "encryption-key-previous" },
        ]);
        expect(secrets.find((s) => s.name === "REGISTRY_PASSWORD")?.kubernetes).toEqual([
            { namespace: "music-gen-prod", secretName: "registry-credentials", key: ".dockerconfigjson" },
        ]);
        const all = [...rbacGrants(h.recorder, secrets), ...iamGrants(h.recorder, secrets), ...vaultGrants(h.recorder, secrets)];
        const workload = all.filter((g) => !g.principal.includes("reader"));
        // The workload's own grants: RBAC, its IAM role, its Vault role; none on the pull secret.
        const via = (secret: string) => workload.filter((g) => g.secret === secret).map((g) => `${g.principal} ${g.via.split("::").pop()}`).sort();
        expect(via("REDIS_PASSWORD")).toEqual([
            "aws:role/music-gen-prod secrets-consumer-music-gen-iam-policy",
            "kubernetes:music-gen-prod/music-gen secrets-consumer-music-gen-role",
            "kubernetes:music-gen-prod/music-gen secrets-consumer-music-gen-vault-policy",
        ]);
        expect(via("REGISTRY_PASSWORD")).toEqual([]);
        const rbac = rbacGrants(h.recorder, secrets).filter((g) => g.principal === "kubernetes:music-gen-prod/music-gen").map((g) => g.secret).sort();
        expect(rbac).toEqual(["ENCRYPTION_KEY", "FLOWER_BASIC_AUTH", "REDIS_PASSWORD"]);
        // The operator's reader still reads it: it builds the pull Secret.
        expect(iamGrants(h.recorder, secrets).filter((g) => g.secret === "REGISTRY_PASSWORD").map((g) => g.principal))
            .toEqual([expect.stringContaining("music-gen-prod-reader")]);
        expect(rbacGrants(h.recorder, secrets).filter((g) => g.principal === "kubernetes:ai-etl-prod/ai-etl").map((g) => g.secret).sort())
            .toEqual(["DATABASE_URL", "JWT_SECRET_KEY"]);
    });
});

describe("a consumed secret the layout leaves out", () => {
    beforeAll(async () => {
        const args = referenceCatalog("external-secrets");
        // Read by ai-etl through Vault directly (Vault Agent), not from a Kubernetes Secret.
        args.secrets.ETL_AGENT_TOKEN = { kind: "token", group: "etl", stores: ["vault"], consumers: ["ai-etl"] };
        await build(args);
    });

    test("is in no Secret and not read by the operator, but the workload keeps its Vault grant", () => {
        const secrets = describeSecrets(h.recorder);
        expect(secrets.find((s) => s.name === "ETL_AGENT_TOKEN")?.kubernetes).toEqual([]);
        expect(external("ai-etl-secrets").spec.data.map((d: { secretKey: string }) => d.secretKey)).toEqual(["database-url", "jwt-secret-key", "jwt-secret-key-previous"]);
        const readers = vaultGrants(h.recorder, secrets).filter((g) => g.secret === "ETL_AGENT_TOKEN").map((g) => `${g.principal} ${g.via.split("::").pop()}`);
        expect(readers).toEqual(["kubernetes:ai-etl-prod/ai-etl secrets-consumer-ai-etl-vault-policy"]);
    });
});

describe("secret mode: native Secrets carry the layout", () => {
    beforeAll(async () => { await build(referenceCatalog("secret")); });

    test("exactly the layout's Secrets and keys, valid against the Kubernetes schema", () => {
        expect(targets(K8S_SECRET)).toEqual([
            "ai-etl-prod/ai-etl-secrets",
            "music-gen-prod/flower-auth", "music-gen-prod/redis-auth", "music-gen-prod/registry-credentials", "music-gen-prod/worker-secrets",
        ]);
        const byName = Object.fromEntries(h.ofType(K8S_SECRET).map((r) => [h.inputs(r).metadata.name, h.inputs(r)]));
        expect(Object.keys(byName["redis-auth"].stringData)).toEqual(["password"]);
        expect(Object.keys(byName["flower-auth"].stringData)).toEqual(["basic_auth"]);
        expect(Object.keys(byName["worker-secrets"].stringData)).toEqual(["encryption-key", "encryption-key-previous"]);
        expect(Object.keys(byName["ai-etl-secrets"].stringData).sort()).toEqual(["database-url", "jwt-secret-key", "jwt-secret-key-previous"]);
        expect(byName["ai-etl-secrets"].stringData["database-url"]).toBe("postgres://fake:fake@db.example.com/etl");
        expect(byName["registry-credentials"].type).toBe("kubernetes.io/dockerconfigjson");
        expect(byName["registry-credentials"].stringData).toEqual({ ".dockerconfigjson": dockerConfigJson("registry.example.com", "fake-ci", "fake-registry-password") });
        expect(JSON.parse(byName["registry-credentials"].stringData[".dockerconfigjson"])).toEqual({
            auths: { "registry.example.com": { username: "fake-ci", password: "fake-registry-password", auth: Buffer.from("fake-ci:fake-registry-password").toString("base64") } },
        });
        for (const r of h.recorder.resources.filter((x) => x.custom && x.type.startsWith("kubernetes:"))) {
            expect(() => validateKubernetesObject(r, h.inputs(r))).not.toThrow();
        }
    });
});

test("previous keys: `_PREVIOUS` for upper-case keys, `-previous` otherwise", () => {
    expect(previousKey("JWT_SECRET_KEY")).toBe("JWT_SECRET_KEY_PREVIOUS");
    expect(previousKey("jwt-secret-key")).toBe("jwt-secret-key-previous");
    expect(previousKey("basic_auth")).toBe("basic_auth-previous");
});

describe("validation: every problem at once, with its fix", () => {
    const context = { providedExternals: new Set(["REGISTRY_PASSWORD", "DATABASE_URL"]), stack: "prod" };
    function problemsAfter(mutate: (c: any) => void) {
        const { externalValues: _v, ...config } = referenceCatalog("external-secrets");
        mutate(config);
        return validateCatalog(config as CatalogConfig, context);
    }
    const music = (c: any) => c.consumers["music-gen"].projection;

    test("the reference layouts are valid", () => {
        expect(problemsAfter(() => undefined)).toEqual([]);
    });

    const cases: Array<[string, (c: any) => void, Array<{ propertyPath: string; reason: string }>]> = [
        ["a Secret name that is not a DNS-1123 subdomain", (c) => { music(c)["Redis_Auth"] = music(c)["redis-auth"]; delete music(c)["redis-auth"]; }, [
            { propertyPath: "consumers.music-gen.projection.Redis_Auth", reason: `"Redis_Auth" is not a valid Kubernetes Secret name; use lower-case letters, digits, "-" and ".", starting and ending with a letter or digit (at most 253)` },
        ]],
        ["an invalid Secret key", (c) => { music(c)["redis-auth"] = { "redis password": "REDIS_PASSWORD" }; }, [
            { propertyPath: "consumers.music-gen.projection.redis-auth.redis password", reason: `"redis password" is not a valid Secret key; use letters, digits, "-", "_" and "." (at most 253)` },
        ]],
        ["a Secret key over 253 characters", (c) => { music(c)["redis-auth"] = { ["k".repeat(254)]: "REDIS_PASSWORD" }; }, [
            { propertyPath: `consumers.music-gen.projection.redis-auth.${"k".repeat(254)}`, reason: `"${"k".repeat(254)}" is not a valid Secret key; use letters, digits, "-", "_" and "." (at most 253)` },
        ]],
        ["a secret the consumer does not consume", (c) => { music(c)["redis-auth"].jwt = "JWT_SECRET_KEY"; }, [
            { propertyPath: "consumers.music-gen.projection.redis-auth.jwt", reason: `JWT_SECRET_KEY is not consumed by music-gen; add music-gen to secrets.JWT_SECRET_KEY.consumers, or map a secret music-gen consumes` },
        ]],
        ["a name that is not in the catalog", (c) => { music(c)["redis-auth"].password = "REDIS_PASWORD"; }, [
            { propertyPath: "consumers.music-gen.projection.redis-auth.password", reason: `REDIS_PASWORD is not a secret of the catalog; map one of secrets.* that music-gen consumes` },
        ]],
        ["two consumers of one namespace claim one Secret", (c) => { c.consumers["ai-etl"].namespace = "music-gen-prod"; c.consumers["ai-etl"].projection = { "redis-auth": { "jwt-secret-key": "JWT_SECRET_KEY" } }; }, [
            { propertyPath: "consumers.ai-etl.projection.redis-auth", reason: `Secret "redis-auth" in namespace music-gen-prod is also projected for consumer music-gen; one Secret has one owner: rename it in one of the two projections` },
        ]],
        ["a projection claims another consumer's default Secret", (c) => { c.consumers.worker = { namespace: "music-gen-prod", serviceAccount: "worker" }; c.secrets.REDIS_PASSWORD.consumers.push("worker"); music(c)["worker-secrets"] = music(c)["worker-secrets"]; }, [
            { propertyPath: "consumers.worker", reason: `Secret "worker-secrets" in namespace music-gen-prod is also projected for consumer music-gen; one Secret has one owner: rename it in one of the two projections` },
        ]],
        ["a previous key that is also a mapped key", (c) => { music(c)["worker-secrets"]["encryption-key-previous"] = "REDIS_PASSWORD"; }, [
            { propertyPath: "consumers.music-gen.projection.worker-secrets.encryption-key-previous", reason: `key "encryption-key-previous" of Secret worker-secrets would hold both the previous value of ENCRYPTION_KEY and REDIS_PASSWORD; a Secret holds each key once: rename one of them` },
        ]],
        ["an incomplete dockerconfigjson entry, with an unknown field", (c) => { music(c)["registry-credentials"] = { type: "dockerconfigjson", registry: "registry.example.com", password: "REGISTRY_PASSWORD", email: "ci@example.com" }; }, [
            { propertyPath: "consumers.music-gen.projection.registry-credentials.username", reason: `is required in a dockerconfigjson entry; add it` },
            { propertyPath: "consumers.music-gen.projection.registry-credentials.email", reason: `unknown field of a dockerconfigjson entry; remove it or use one of: type, registry, username, password` },
        ]],
        ["a dockerconfigjson password the consumer does not consume", (c) => { music(c)["registry-credentials"].password = "JWT_SECRET_KEY"; }, [
            { propertyPath: "consumers.music-gen.projection.registry-credentials.password", reason: `JWT_SECRET_KEY is not consumed by music-gen; add music-gen to secrets.JWT_SECRET_KEY.consumers, or map a secret music-gen consumes` },
        ]],
        ["the environment rules apply unchanged", (c) => { c.consumers["ai-etl"].namespace = "ai-etl-dev"; }, [
            { propertyPath: "consumers.ai-etl.namespace", reason: `namespace "ai-etl-dev" belongs to environment "dev", not "prod", so the prod secrets ai-etl consumes (JWT_SECRET_KEY, DATABASE_URL) are never delivered there: move consumers.ai-etl.namespace to a prod namespace or remove "ai-etl" from those secrets' consumers` },
        ]],
        ["an unknown type", (c) => { music(c)["registry-credentials"].type = "dockercfg"; }, [
            { propertyPath: "consumers.music-gen.projection.registry-credentials.type", reason: `unknown type "dockercfg"; use dockerconfigjson, or map the key "type" to a secret's NAME` },
        ]],
        ["a Secret that maps no key", (c) => { music(c)["redis-auth"] = {}; }, [
            { propertyPath: "consumers.music-gen.projection.redis-auth", reason: `maps no key; map at least one key to a secret (key: NAME), or remove the Secret` },
        ]],
        ["an aws-access-key secret (two variables) mapped to one key", (c) => {
            c.secrets.UPLOAD_KEY = { kind: "aws-access-key", user: "fake-uploader", policyArns: ["arn:aws:iam::123456789012:policy/fake-upload"], keys: { id: "UPLOAD_KEY_ID", secret: "UPLOAD_KEY_SECRET" }, consumers: ["ai-etl"] };
            c.consumers["ai-etl"].projection["ai-etl-secrets"]["upload-key"] = "UPLOAD_KEY";
        }, [
            { propertyPath: "consumers.ai-etl.projection.ai-etl-secrets.upload-key", reason: `UPLOAD_KEY is an aws-access-key, which delivers two variables (its keys.id and keys.secret), not one key; leave it out of the projection (its variables then reach ai-etl through Vault or AWS), or drop the projection` },
        ]],
        ["a projection that is not a mapping of strings", (c) => { music(c)["redis-auth"] = { password: 42 }; }, [
            { propertyPath: "consumers.music-gen.projection.redis-auth.password", reason: `must be a string, got 42` },
        ]],
    ];
    test.each(cases)("%s", (_label, mutate, expected) => {
        expect(problemsAfter(mutate)).toEqual(expected);
    });

    test("every problem at once", () => {
        const problems = problemsAfter((c) => {
            music(c)["Redis_Auth"] = { "bad key": "NOPE" };
            music(c)["registry-credentials"].password = "JWT_SECRET_KEY";
        });
        expect(problems.map((p) => p.propertyPath)).toEqual([
            "consumers.music-gen.projection.registry-credentials.password",
            "consumers.music-gen.projection.Redis_Auth",
            "consumers.music-gen.projection.Redis_Auth.bad key",
            "consumers.music-gen.projection.Redis_Auth.bad key",
        ]);
    });
});

describe("docs and env-schema work per Secret of the layout", () => {
    const { externalValues: _v, ...config } = referenceCatalog("external-secrets");
    const catalog = resolveCatalog(config);
    const variables = (name: string) => catalog.secrets.filter((s) => s.name === name).flatMap(variablesOf);

    test("each variable's location names the Secret and the key it lands under", () => {
        const worker = variables("ENCRYPTION_KEY");
        expect(worker.map((v) => locations(catalog, v).filter((l) => l.startsWith("kubernetes:")))).toEqual([
            ["kubernetes: music-gen-prod/worker-secrets (key encryption-key)"],
            ["kubernetes: music-gen-prod/worker-secrets (key encryption-key-previous)"],
        ]);
        const registry = variables("REGISTRY_PASSWORD");
        expect(locations(catalog, registry[0])).toEqual([
            "aws: prod/registry/registry-password in us-east-1 (key REGISTRY_PASSWORD)",
            "kubernetes: music-gen-prod/registry-credentials (key .dockerconfigjson)",
        ]);
    });

    test("the workload's environment: the keys of its Opaque Secrets, not the image-pull one", () => {
        expect(consumerEnvironment(catalog, "music-gen").map((e) => `${e.name}=${e.variable.name}`)).toEqual([
            "password=REDIS_PASSWORD",
            "basic_auth=FLOWER_BASIC_AUTH",
            "encryption-key=ENCRYPTION_KEY",
            "encryption-key-previous=ENCRYPTION_KEY_PREVIOUS",
        ]);
        expect(consumerEnvironment(catalog, "ai-etl").map((e) => e.name)).toEqual(["jwt-secret-key", "jwt-secret-key-previous", "database-url"]);
    });

    test("export --consumer names the variables as the layout does, one value per variable", () => {
        const loaded = { catalog, program: { stack: "prod" }, provided: new Set(["REGISTRY_PASSWORD", "DATABASE_URL"]) } as unknown as LoadedCatalog;
        const entries = exportEntries(loaded, "ai-etl");
        expect(entries.map((e) => e.name)).toEqual(["jwt-secret-key", "jwt-secret-key-previous", "database-url"]);
        expect(entries[0].value).not.toBe(entries[1].value);
        const twice = { ...catalog, consumers: { ...catalog.consumers, "ai-etl": { ...catalog.consumers["ai-etl"], projection: { "ai-etl-secrets": { a: "JWT_SECRET_KEY", b: "JWT_SECRET_KEY" } } } } };
        const [a, b, aPrevious, bPrevious] = exportEntries({ ...loaded, catalog: twice }, "ai-etl");
        expect([a.name, b.name, aPrevious.name, bPrevious.name]).toEqual(["a", "b", "a-previous", "b-previous"]);
        expect([b.value, bPrevious.value]).toEqual([a.value, aPrevious.value]);
    });
});
