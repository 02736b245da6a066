import { PlatformSecretsArgs } from "../../components/platformSecrets";
import { RecordedResource } from "../../offline/recorder";
import { Secret, ServiceAccount } from "kubernetes-models/v1";
import { Role, RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1";
import { ExternalSecret, SecretStore } from "@kubernetes-models/external-secrets/external-secrets.io/v1beta1";

export const ACCOUNT = "123456789012";
export const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT}:role/fake-platform-admin`;
export const OIDC = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/FAKE0000`;

/**
 * Consumers sharing a secret (JWT), one reading an AWS-only secret from another namespace, one
 * declared without secrets; a secret nobody consumes. Fake names only.
 */
export function accessCatalog(): PlatformSecretsArgs {
    return {
        environment: "prod",
        stores: {
            vault: { mount: "kv" },
            aws: { region: "us-east-1", replicaRegions: ["us-west-2"], adminPrincipalArns: [ADMIN_ROLE] },
        },
        kubernetes: {
            mode: "external-secrets",
            refreshInterval: "15m",
            vault: { server: "https://vault.fake.invalid:8200" },
            aws: { oidcProviderArn: OIDC },
        },
        consumers: {
            api: { namespace: "shop-prod", serviceAccount: "api", awsRoleName: "shop-prod-api" },
            web: { namespace: "shop-prod", serviceAccount: "web", awsRoleName: "shop-prod-web" },
            metrics: { namespace: "monitoring-prod", serviceAccount: "prometheus" },
            idle: { namespace: "shop-prod", serviceAccount: "idle" },
        },
        secrets: {
            JWT_SECRET_KEY: { kind: "jwt", group: "auth", consumers: ["api", "web"] },
            SESSION_KEY: { kind: "token", group: "auth", consumers: ["web"] },
            DATABASE_PASSWORD: { kind: "password", group: "database", consumers: ["api"] },
            AWS_ONLY_TOKEN: { kind: "hex", group: "keys", stores: ["aws"], consumers: ["api", "metrics"] },
            UNUSED_TOKEN: { kind: "token" },
        },
    };
}

/** Validates a recorded Kubernetes object against the Kubernetes or External Secrets schema; throws on the first error. */
export function validateKubernetesObject(r: RecordedResource, inputs: Record<string, any>): void {
    switch (r.type) {
        case "kubernetes:core/v1:Secret": return new Secret(inputs as any).validate();
        case "kubernetes:core/v1:ServiceAccount": return new ServiceAccount(inputs as any).validate();
        case "kubernetes:rbac.authorization.k8s.io/v1:Role": return new Role(inputs as any).validate();
        case "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding": return new RoleBinding(inputs as any).validate();
        // The operator's v1 kept v1beta1's schema: validate against it under that apiVersion.
        case "kubernetes:external-secrets.io/v1:ExternalSecret":
            expectApiVersion(inputs, "external-secrets.io/v1");
            return new ExternalSecret({ ...inputs, apiVersion: "external-secrets.io/v1beta1" } as any).validate();
        case "kubernetes:external-secrets.io/v1:SecretStore":
            expectApiVersion(inputs, "external-secrets.io/v1");
            return new SecretStore({ ...inputs, apiVersion: "external-secrets.io/v1beta1" } as any).validate();
        default:
            throw new Error(`no schema for ${r.type}`);
    }
}

function expectApiVersion(inputs: Record<string, any>, apiVersion: string): void {
    if (inputs.apiVersion !== apiVersion) throw new Error(`apiVersion ${inputs.apiVersion}, expected ${apiVersion}`);
}
