import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import { PlatformSecrets, PlatformSecretsArgs } from "../../components/platformSecrets";
import { ANNOTATION, LABEL } from "../../components/conventions";
import { versionHash } from "../../components/kubernetes/objects";
import { containsSecret } from "../../offline/recorder";
import { Harness, setupHarness } from "../harness";
import { describeSecrets } from "../../offline/report";
import { accessCatalog, validateKubernetesObject } from "./fixtures";
import { ESO_EXTERNAL_SECRET as EXTERNAL_SECRET, ESO_SECRET_STORE as STORE, K8S_SECRET, K8S_ROLE as ROLE, K8S_ROLE_BINDING as BINDING, K8S_SERVICE_ACCOUNT as SA, VAULT_POLICY, VAULT_KUBERNETES_ROLE as VAULT_ROLE } from "../types";


let h: Harness;

async function build(args: PlatformSecretsArgs, opts?: pulumi.ComponentResourceOptions): Promise<PlatformSecrets> {
    h = setupHarness({ stack: args.environment });
    const platform = new PlatformSecrets("secrets", args, opts);
    await h.settle();
    return platform;
}

const byName = (type: string, name: string) => h.inputs(h.one(type, name));
const kubernetesObjects = () => h.recorder.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));

describe("external-secrets mode, Vault and AWS", () => {
    let platform: PlatformSecrets;
    beforeAll(async () => { platform = await build(accessCatalog()); });

    test("every Kubernetes object validates against the Kubernetes and External Secrets schemas", () => {
        const objects = kubernetesObjects();
        expect(new Set(objects.map((r) => r.type))).toEqual(new Set([EXTERNAL_SECRET, STORE, ROLE, BINDING, SA]));
        for (const r of objects) expect(() => validateKubernetesObject(r, h.inputs(r))).not.toThrow();
    });

    test("one ExternalSecret per consumer with secrets, holding all its keys; none for a consumer without", () => {
        expect(h.ofType(EXTERNAL_SECRET).map((r) => `${h.inputs(r).metadata.namespace}/${h.inputs(r).metadata.name}`).sort())
            .toEqual(["monitoring-prod/metrics-secrets", "shop-prod/api-secrets", "shop-prod/web-secrets"]);
        const api = byName(EXTERNAL_SECRET, "consumer-api-external-secret");
        expect(api.spec).toEqual({
            refreshInterval: "15m",
            secretStoreRef: { kind: "SecretStore", name: "platform-secrets-vault" },
            target: {
                name: "api-secrets",
                creationPolicy: "Owner",
                template: { type: "Opaque", metadata: { labels: api.metadata.labels, annotations: { [ANNOTATION.version]: api.metadata.annotations[ANNOTATION.version] } } },
            },
            data: [
                { secretKey: "AWS_ONLY_TOKEN", remoteRef: { key: "prod/keys/aws-only-token", property: "AWS_ONLY_TOKEN" }, sourceRef: { storeRef: { kind: "SecretStore", name: "platform-secrets-aws" } } },
                { secretKey: "DATABASE_PASSWORD", remoteRef: { key: "prod/database/database-password", property: "DATABASE_PASSWORD" } },
                { secretKey: "JWT_SECRET_KEY", remoteRef: { key: "prod/auth/jwt-secret-key", property: "JWT_SECRET_KEY" } },
                // A signing key keeps its previous value (two-slot rotation): both keys come from the same entry.
                { secretKey: "JWT_SECRET_KEY_PREVIOUS", remoteRef: { key: "prod/auth/jwt-secret-key", property: "JWT_SECRET_KEY_PREVIOUS" } },
            ],
        });
        expect(h.recorder.resources.filter((r) => r.name.includes("idle"))).toEqual([]);
    });

    test("labelled with environment, managed-by and consumer; the version annotation hashes the members' versions", () => {
        const web = byName(EXTERNAL_SECRET, "consumer-web-external-secret");
        expect(web.metadata.labels).toEqual({ [LABEL.managedBy]: "platform-secrets", [LABEL.environment]: "prod", [LABEL.consumer]: "web" });
        expect(web.metadata.annotations[ANNOTATION.version]).toBe(versionHash({ JWT_SECRET_KEY: platform.secrets.JWT_SECRET_KEY.version, SESSION_KEY: platform.secrets.SESSION_KEY.version }));
        expect(web.spec.target.template.metadata.annotations).toEqual(web.metadata.annotations);
    });

    test("namespaced stores authenticate as the namespace's reader account; AWS through IRSA", () => {
        expect(h.recorder.resources.some((r) => r.type.includes("ClusterSecretStore") || r.type.includes("ClusterRole"))).toBe(false);
        expect(byName(STORE, "ns-shop-prod-vault-store").spec).toEqual({
            provider: { vault: { server: "https://vault.fake.invalid:8200", path: "kv", version: "v2", auth: { kubernetes: { mountPath: "kubernetes", role: "platform-secrets-secrets-prod-shop-prod-reader", serviceAccountRef: { name: "platform-secrets-reader" } } } } },
        });
        expect(byName(STORE, "ns-shop-prod-aws-store").spec).toEqual({
            provider: { aws: { service: "SecretsManager", region: "us-east-1", auth: { jwt: { serviceAccountRef: { name: "platform-secrets-reader" } } } } },
        });
        // monitoring-prod reads only an AWS secret: no Vault store, no Vault grant there.
        expect(h.ofType(STORE).map((r) => h.inputs(r).metadata.namespace + "/" + h.inputs(r).metadata.name).sort())
            .toEqual(["monitoring-prod/platform-secrets-aws", "shop-prod/platform-secrets-aws", "shop-prod/platform-secrets-vault"]);
        const reader = byName(SA, "ns-shop-prod-reader");
        expect(reader.metadata.annotations).toEqual({ "eks.amazonaws.com/role-arn": `arn:aws:iam::123456789012:role/platform-secrets-secrets-prod-shop-prod-reader` });
        expect(reader.automountServiceAccountToken).toBe(false);
    });

    test("the AWS SecretStore waits until its reader role may read (policy attached)", () => {
        const attachment = h.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ns-shop-prod-reader-iam-attachment");
        expect(h.one(STORE, "ns-shop-prod-aws-store").dependencies).toContain(attachment.urn);
        expect(h.one(STORE, "ns-shop-prod-aws-store").dependencies).toContain(h.one(SA, "ns-shop-prod-reader").urn);
    });

    test("RBAC: get only, on exactly the consumer's Secret, bound only to its service account", () => {
        expect(h.ofType(ROLE)).toHaveLength(3);
        for (const role of h.ofType(ROLE)) {
            const { metadata, rules } = h.inputs(role);
            expect(rules).toEqual([{ apiGroups: [""], resources: ["secrets"], resourceNames: [metadata.name.replace(/-reader$/, "")], verbs: ["get"] }]);
        }
        expect(byName(BINDING, "consumer-web-role-binding")).toMatchObject({
            metadata: { name: "web-secrets-reader", namespace: "shop-prod" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "web-secrets-reader" },
            subjects: [{ kind: "ServiceAccount", name: "web", namespace: "shop-prod" }],
        });
        expect(byName(BINDING, "consumer-metrics-role-binding").subjects).toEqual([{ kind: "ServiceAccount", name: "prometheus", namespace: "monitoring-prod" }]);
    });

    test("Vault: read on exactly the consumer's data paths, handed to its service account only", () => {
        expect(byName(VAULT_POLICY, "consumer-api-vault-policy")).toEqual({
            name: "platform-secrets-secrets-prod-api",
            policy: `# platform-secrets: api (shop-prod/api, prod) reads its secrets\npath "kv/data/prod/auth/jwt-secret-key" {\n  capabilities = ["read"]\n}\n\npath "kv/data/prod/database/database-password" {\n  capabilities = ["read"]\n}\n`,
        });
        expect(byName(VAULT_ROLE, "consumer-api-vault-role")).toEqual({
            backend: "kubernetes", roleName: "platform-secrets-secrets-prod-api", boundServiceAccountNames: ["api"], boundServiceAccountNamespaces: ["shop-prod"],
            tokenPolicies: ["platform-secrets-secrets-prod-api"], tokenTtl: 3600,
        });
        // The reader of shop-prod reads what the namespace's consumers read from Vault, and nothing else.
        expect(byName(VAULT_POLICY, "ns-shop-prod-reader-vault-policy").policy.match(/path "[^"]+"/g)).toEqual([
            `path "kv/data/prod/auth/jwt-secret-key"`, `path "kv/data/prod/auth/session-key"`, `path "kv/data/prod/database/database-password"`,
        ]);
        // metrics reads only an AWS secret: no Vault grant at all.
        expect(h.recorder.resources.filter((r) => r.type.startsWith("vault:") && r.name.includes("metrics"))).toEqual([]);
    });

    test("each ExternalSecret waits for the stored values it reads (so a rotation is stored before the operator syncs it), and only those", () => {
        const reported = (secret: string) => describeSecrets(h.recorder).find((s) => s.name === secret)!.resources.map((urn) => h.recorder.get(urn)!);
        const stored = (secret: string) => reported(secret)
            .filter((r) => r.custom && (r.type.startsWith("vault:kv/") || r.type.startsWith("aws:secretsmanager/secret")) && r.type !== "aws:secretsmanager/secretPolicy:SecretPolicy")
            .map((r) => r.urn);
        const deps = (consumer: string) => h.one(EXTERNAL_SECRET, `consumer-${consumer}-external-secret`).dependencies ?? [];
        for (const secret of ["JWT_SECRET_KEY", "DATABASE_PASSWORD", "AWS_ONLY_TOKEN"]) {
            expect(stored(secret).length).toBeGreaterThan(0);
            expect(deps("api")).toEqual(expect.arrayContaining(stored(secret)));
        }
        expect(deps("metrics")).toEqual(expect.arrayContaining(stored("AWS_ONLY_TOKEN")));
        for (const urn of [...stored("JWT_SECRET_KEY"), ...stored("SESSION_KEY")]) expect(deps("metrics")).not.toContain(urn);
    });

    test("each secret's resources include its environment fence (contract: secrets[].resources)", () => {
        const reported = Object.fromEntries(describeSecrets(h.recorder).map((s) => [s.name, s.resources]));
        const fence = h.one("aws:secretsmanager/secretPolicy:SecretPolicy", "fence-prod-auth-jwt-secret-key");
        expect(reported.JWT_SECRET_KEY).toContain(fence.urn);
        expect(reported.SESSION_KEY).not.toContain(fence.urn);
        for (const f of h.ofType("aws:secretsmanager/secretPolicy:SecretPolicy")) {
            expect(Object.values(reported).filter((resources) => resources.includes(f.urn))).toHaveLength(1);
        }
    });

    test("each secret reports where it is projected (contract: secrets[].kubernetes)", () => {
        const reported = (secret: string) => describeSecrets(h.recorder).find((s) => s.name === secret)!;
        expect(reported("JWT_SECRET_KEY").kubernetes).toEqual([
            { namespace: "shop-prod", secretName: "api-secrets", key: "JWT_SECRET_KEY" },
            { namespace: "shop-prod", secretName: "api-secrets", key: "JWT_SECRET_KEY_PREVIOUS" },
            { namespace: "shop-prod", secretName: "web-secrets", key: "JWT_SECRET_KEY" },
            { namespace: "shop-prod", secretName: "web-secrets", key: "JWT_SECRET_KEY_PREVIOUS" },
        ]);
        expect(reported("UNUSED_TOKEN").kubernetes).toEqual([]);
    });

    test("values never reach Kubernetes or Pulumi state on this path", () => {
        for (const r of kubernetesObjects()) expect(containsSecret(r.wireInputs)).toBe(false);
    });
});

describe("secret mode", () => {
    beforeAll(async () => {
        const args = { ...accessCatalog(), stores: { vault: { mount: "kv" } }, kubernetes: { mode: "secret" as const } };
        delete args.secrets.AWS_ONLY_TOKEN.stores;
        await build(args);
    });

    test("a native Secret per consumer, every value a Pulumi secret; no operator resources", () => {
        const secrets = h.ofType(K8S_SECRET);
        expect(secrets.map((r) => h.inputs(r).metadata.name).sort()).toEqual(["api-secrets", "metrics-secrets", "web-secrets"]);
        const web = h.one(K8S_SECRET, "consumer-web-secret");
        expect(Object.keys(h.inputs(web).stringData).sort()).toEqual(["JWT_SECRET_KEY", "JWT_SECRET_KEY_PREVIOUS", "SESSION_KEY", "SESSION_KEY_PREVIOUS"]);
        expect(h.redacted(web).stringData).toBe("[secret]");
        expect(h.inputs(web).type).toBe("Opaque");
        expect(h.ofType(EXTERNAL_SECRET)).toEqual([]);
        expect(h.ofType(STORE)).toEqual([]);
        for (const r of kubernetesObjects()) expect(() => validateKubernetesObject(r, h.inputs(r))).not.toThrow();
    });

    test("the shared secret has the same value in both consumers' Secrets", () => {
        const api = h.inputs(h.one(K8S_SECRET, "consumer-api-secret")).stringData;
        const web = h.inputs(h.one(K8S_SECRET, "consumer-web-secret")).stringData;
        expect(api.JWT_SECRET_KEY).toBe(web.JWT_SECRET_KEY);
        expect(api.JWT_SECRET_KEY.length).toBeGreaterThan(60);
    });

    test("needs no store at all", async () => {
        await build({ environment: "dev", stores: {}, kubernetes: { mode: "secret" }, consumers: { app: { namespace: "app-dev", serviceAccount: "app" } }, secrets: { TOKEN: { kind: "token", consumers: ["app"] } } });
        expect(h.recorder.resources.filter((r) => r.type.startsWith("vault:") || r.type.startsWith("aws:"))).toEqual([]);
        expect(h.ofType(K8S_SECRET)).toHaveLength(1);
    });
});

test("bundle: group grants whole bundle ARNs, and fences each bundle once", async () => {
    const args = accessCatalog();
    args.stores.aws!.bundle = "group";
    await build(args);
    const policy = JSON.parse(byName("aws:iam/policy:Policy", "consumer-web-iam-policy").policy);
    expect(policy.Statement[0].Resource).toEqual([
        expect.stringMatching(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:prod\/auth-\w{6}$/),
        expect.stringMatching(/^arn:aws:secretsmanager:us-west-2:123456789012:secret:prod\/auth-\w{6}$/),
    ]);
    expect(h.ofType("aws:secretsmanager/secretPolicy:SecretPolicy").map((r) => r.name).sort()).toEqual([
        "secrets-fence-prod-auth", "secrets-fence-prod-database", "secrets-fence-prod-keys", "secrets-fence-prod-tokens",
    ]);
    // Each bundle's fence belongs to every member of the bundle (contract: secrets[].resources).
    const reported = Object.fromEntries(describeSecrets(h.recorder).map((s) => [s.name, s.resources]));
    const authFence = h.one("aws:secretsmanager/secretPolicy:SecretPolicy", "fence-prod-auth").urn;
    expect(reported.JWT_SECRET_KEY).toContain(authFence);
    expect(reported.SESSION_KEY).toContain(authFence);
    expect(reported.DATABASE_PASSWORD).not.toContain(authFence);
    // The projection waits for the bundle that holds the value.
    const bundleSecret = h.one("aws:secretsmanager/secret:Secret", "bundle-keys-aws");
    expect(h.one(EXTERNAL_SECRET, "consumer-metrics-external-secret").dependencies).toContain(bundleSecret.urn);
    // The operator reads one key of the bundle: the property selects it.
    expect(byName(EXTERNAL_SECRET, "consumer-metrics-external-secret").spec.data).toEqual([
        { secretKey: "AWS_ONLY_TOKEN", remoteRef: { key: "prod/keys", property: "AWS_ONLY_TOKEN" } },
    ]);
});

test("a Kubernetes provider passed to the component reaches every Kubernetes object", async () => {
    h = setupHarness({ stack: "prod" });
    const cluster = new k8s.Provider("fake-cluster", { kubeconfig: "fake" });
    new PlatformSecrets("secrets", accessCatalog(), { providers: { kubernetes: cluster } });
    await h.settle();
    const ref = h.one("pulumi:providers:kubernetes", "fake-cluster");
    const objects = kubernetesObjects().filter((r) => !r.type.startsWith("pulumi:"));
    expect(objects.length).toBeGreaterThan(0);
    for (const r of objects) expect(r.provider).toMatch(new RegExp(`^${ref.urn}::`));
});

test("AWS as the only store: the operator reads AWS through IRSA, and no Vault grant exists", async () => {
    const args = accessCatalog();
    delete args.stores.vault;
    delete args.kubernetes!.vault;
    await build(args);
    expect(h.recorder.resources.filter((r) => r.type.startsWith("vault:"))).toEqual([]);
    expect(h.ofType(STORE).map((r) => h.inputs(r).metadata.name)).toEqual(["platform-secrets-aws", "platform-secrets-aws"]);
    expect(byName(EXTERNAL_SECRET, "consumer-web-external-secret").spec).toMatchObject({
        secretStoreRef: { kind: "SecretStore", name: "platform-secrets-aws" },
        data: [
            { secretKey: "JWT_SECRET_KEY", remoteRef: { key: "prod/auth/jwt-secret-key", property: "JWT_SECRET_KEY" } },
            { secretKey: "JWT_SECRET_KEY_PREVIOUS", remoteRef: { key: "prod/auth/jwt-secret-key", property: "JWT_SECRET_KEY_PREVIOUS" } },
            { secretKey: "SESSION_KEY", remoteRef: { key: "prod/auth/session-key", property: "SESSION_KEY" } },
            { secretKey: "SESSION_KEY_PREVIOUS", remoteRef: { key: "prod/auth/session-key", property: "SESSION_KEY_PREVIOUS" } },
        ],
    });
    const reader = JSON.parse(byName("aws:iam/policy:Policy", "ns-shop-prod-reader-iam-policy").policy);
    expect(reader.Statement[0].Resource.filter((a: string) => a.includes(":us-east-1:")).map((a: string) => a.replace(/-\w{6}$/, "")).sort()).toEqual([
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/auth/jwt-secret-key",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/auth/session-key",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/database/database-password",
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/keys/aws-only-token",
    ]);
    for (const r of kubernetesObjects()) expect(() => validateKubernetesObject(r, h.inputs(r))).not.toThrow();
});
