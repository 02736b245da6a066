import * as pulumi from "@pulumi/pulumi";
import { CatalogConfig } from "../../components/catalog/model";
import { CatalogValidationError } from "../../components/catalog/problems";
import { validateCatalog } from "../../components/catalog/validate";
import { namespaceEnvironment, projectionSource } from "../../components/kubernetes/namespaces";
import { PlatformSecrets } from "../../components/platformSecrets";
import { SecretConsumer } from "../../components/access/secretConsumer";
import { context, validCatalog } from "../catalog/fixtures";
import { setupHarness } from "../harness";

type Mutate = (c: any) => void;

function problemsAfter(mutate: Mutate) {
    const config = validCatalog();
    config.kubernetes = { mode: "external-secrets", vault: { server: "https://vault.fake.invalid" } };
    mutate(config);
    return validateCatalog(config as CatalogConfig, context());
}

test("the baseline with a projection is valid", () => {
    expect(problemsAfter(() => undefined)).toEqual([]);
});

describe("separation: a secret is never delivered into another environment's namespace", () => {
    const cases: Array<[string, Mutate, Array<{ propertyPath: string; reason: string }>]> = [
        ["a prod secret for a consumer in a dev namespace", (c) => { c.consumers.worker.namespace = "shop-dev"; }, [{ propertyPath: "consumers.worker.namespace", reason: `namespace "shop-dev" belongs to environment "dev", not "prod", so the prod secret worker consumes (DATABASE_PASSWORD) is never delivered there: move consumers.worker.namespace to a prod namespace or remove "worker" from that secret's consumers` }]],
        ["a namespace the rule cannot place", (c) => { c.consumers.api.namespace = "shop"; }, [{
            propertyPath: "consumers.api.namespace",
            reason: `cannot tell which environment namespace "shop" belongs to: under the namespace rule "suffix" it must end with "-<environment>" (environments: dev, staging, prod, production); rename it or declare it under platform-secrets:kubernetes.namespaces (e.g. shop: prod)`,
        }]],
        ["the prefix rule", (c) => { c.kubernetes.namespaceRule = "prefix"; c.consumers.api.namespace = "staging-shop"; c.consumers.worker.namespace = "prod-shop"; }, [
            // One mistake, one problem: the three secrets api would receive are listed in it.
            { propertyPath: "consumers.api.namespace", reason: `namespace "staging-shop" belongs to environment "staging", not "prod", so the prod secrets api consumes (JWT_SECRET_KEY, DATABASE_PASSWORD, STRIPE_API_KEY) are never delivered there: move consumers.api.namespace to a prod namespace or remove "api" from those secrets' consumers` },
        ]],
        ["a declared namespace wins over its name", (c) => { c.kubernetes.namespaces = { "shop-prod": "staging" }; c.consumers.api.namespace = "payments"; c.kubernetes.namespaces.payments = "prod"; }, [
            { propertyPath: "consumers.worker.namespace", reason: `namespace "shop-prod" belongs to environment "staging", not "prod", so the prod secret worker consumes (DATABASE_PASSWORD) is never delivered there: move consumers.worker.namespace to a prod namespace or remove "worker" from that secret's consumers` },
        ]],
        ["the declared rule needs every namespace declared", (c) => { c.kubernetes.namespaceRule = "declared"; c.kubernetes.namespaces = { "shop-prod": "prod" }; c.consumers.worker.namespace = "workers-prod"; }, [{
            propertyPath: "consumers.worker.namespace",
            reason: `cannot tell which environment namespace "workers-prod" belongs to: under the namespace rule "declared" it must be declared (environments: dev, staging, prod, production); rename it or declare it under platform-secrets:kubernetes.namespaces (e.g. workers-prod: prod)`,
        }]],
        ["a declared namespace in an unknown environment", (c) => { c.kubernetes.namespaces = { "shop-prod": "prdo" }; }, [
            { propertyPath: "kubernetes.namespaces.shop-prod", reason: `unknown environment "prdo"; use one of: dev, staging, prod, production` },
            { propertyPath: "consumers.api.namespace", reason: `namespace "shop-prod" belongs to environment "prdo", not "prod", so the prod secrets api consumes (JWT_SECRET_KEY, DATABASE_PASSWORD, STRIPE_API_KEY) are never delivered there: move consumers.api.namespace to a prod namespace or remove "api" from those secrets' consumers` },
            { propertyPath: "consumers.worker.namespace", reason: `namespace "shop-prod" belongs to environment "prdo", not "prod", so the prod secret worker consumes (DATABASE_PASSWORD) is never delivered there: move consumers.worker.namespace to a prod namespace or remove "worker" from that secret's consumers` },
        ]],
        ["a secret of another environment only is not delivered here, so not judged", (c) => { c.consumers.worker.namespace = "shop-dev"; c.secrets.DATABASE_PASSWORD.environments = ["dev"]; }, []],
    ];
    test.each(cases)("%s", (_title, mutate, expected) => {
        expect(problemsAfter(mutate)).toEqual(expected);
    });
});

describe("projection settings", () => {
    const cases: Array<[string, Mutate, string, string]> = [
        ["unknown mode", (c) => { c.kubernetes.mode = "configmap"; }, "kubernetes.mode", `unknown value "configmap"; use one of: external-secrets, secret`],
        ["refresh interval that is no Go duration", (c) => { c.kubernetes.refreshInterval = "1 hour"; }, "kubernetes.refreshInterval", `"1 hour" is not valid here; it must match ^([0-9]+(\\.[0-9]+)?(ns|us|ms|s|m|h))+$`],
        ["external-secrets reading Vault without its address", (c) => { delete c.kubernetes.vault; }, "kubernetes.vault.server",
            "is required in external-secrets mode when secrets are read from Vault; set it to Vault's address as the cluster reaches it (e.g. https://vault.example.internal:8200)"],
        ["external-secrets reading AWS without the OIDC provider", (c) => { c.kubernetes.source = "aws"; }, "kubernetes.aws.oidcProviderArn",
            "is required in external-secrets mode when secrets are read from AWS; set it to the cluster's IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer>)"],
        ["a consumer name that cannot name a Secret", (c) => { c.consumers.Api_1 = { namespace: "shop-prod", serviceAccount: "api" }; c.secrets.JWT_SECRET_KEY.consumers = ["Api_1"]; }, "consumers.Api_1",
            `"Api_1" cannot name its Kubernetes Secret "Api_1-secrets"; use lower-case letters, digits and "-" (at most 55)`],
        ["a workload running as the operator's reader account", (c) => { c.consumers.worker.serviceAccount = "platform-secrets-reader"; }, "consumers.worker.serviceAccount",
            `"platform-secrets-reader" is the operator's reader account, which reads every secret of the namespace; run the workload as its own service account, or rename the reader with platform-secrets:kubernetes.readerServiceAccount`],
        ["no store and no native Secrets", (c) => { c.stores = {}; delete c.secrets.JWT_SECRET_KEY.stores; }, "stores",
            "no store is enabled; enable stores.vault (with a mount) or stores.aws (with a region), or set kubernetes.mode: secret"],
    ];
    test.each(cases)("%s", (_title, mutate, propertyPath, reason) => {
        expect(problemsAfter(mutate)).toEqual([{ propertyPath, reason }]);
    });
});

test("the component refuses a cross-environment delivery, naming the file, the secret and the field", () => {
    setupHarness({ stack: "prod" });
    const config = { ...validCatalog(), kubernetes: { mode: "secret" as const } };
    config.consumers!.worker.namespace = "shop-staging";
    const build = () => new PlatformSecrets("secrets", {
        ...config,
        externalValues: { STRIPE_API_KEY: pulumi.secret("sk_fake") },
        configSource: { file: "Pulumi.prod.yaml", keyPrefix: "platform-secrets:" },
    });
    expect(build).toThrow(CatalogValidationError);
    expect(build).toThrow([
        "Invalid secrets catalog in Pulumi.prod.yaml (1 problem):",
        `  - Pulumi.prod.yaml: platform-secrets:consumers.worker.namespace: namespace "shop-staging" belongs to environment "staging", not "prod", so the prod secret worker consumes (DATABASE_PASSWORD) is never delivered there: move consumers.worker.namespace to a prod namespace or remove "worker" from that secret's consumers`,
    ].join("\n"));
});

test("SecretConsumer validates its args up front and reports every problem at once", () => {
    setupHarness({ stack: "prod" });
    const value = pulumi.secret("fake");
    const build = () => new SecretConsumer("c", {
        consumer: "api", environment: "prod",
        config: { namespace: "shop-prod", serviceAccount: "api", awsRoleName: "arn:aws:iam::123456789012:role/api" },
        kubernetes: { mode: "external-secrets", refreshInterval: "1h", namespaceRule: "suffix", namespaces: {}, source: "vault", vaultAuthMount: "kubernetes", readerServiceAccount: "r" },
        secrets: [
            { name: "A", values: { A: value }, version: "", source: "vault" },
            { name: "B", values: { A: value }, version: "", vault: { mount: "kv", path: "prod/x/b" }, source: "vault" },
        ],
    });
    let error: any;
    try { build(); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(CatalogValidationError);
    expect(error.problems).toEqual([
        { propertyPath: "secrets.A.source", reason: "external-secrets mode reads from a store, but this secret has no vault copy; store it in Vault or AWS" },
        { propertyPath: "secrets.B", reason: "key A is also delivered by A; a consumer's Secret holds each key once" },
        { propertyPath: "consumers.api.awsRoleName", reason: `"arn:aws:iam::123456789012:role/api" is not an IAM role name (1 to 64 of letters, digits and +=,.@_-); give the name, not the ARN` },
    ]);
});

test("namespace rules and the operator's source store", () => {
    const envs = ["dev", "staging", "prod", "prod-eu"];
    expect(namespaceEnvironment("shop-prod-eu", "suffix", {}, envs)).toBe("prod-eu");
    expect(namespaceEnvironment("shop-prod", "suffix", {}, envs)).toBe("prod");
    expect(namespaceEnvironment("shopprod", "suffix", {}, envs)).toBeUndefined();
    expect(namespaceEnvironment("prod-eu-shop", "prefix", {}, envs)).toBe("prod-eu");
    expect(namespaceEnvironment("shop-prod", "declared", {}, envs)).toBeUndefined();
    expect(namespaceEnvironment("shop-prod", "suffix", { "shop-prod": "dev" }, envs)).toBe("dev");
    expect(projectionSource(["vault", "aws"], "aws")).toBe("aws");
    expect(projectionSource(["vault"], "aws")).toBe("vault");
    expect(projectionSource([], "vault")).toBeUndefined();
});
