import { CatalogConfig } from "../../components/catalog/model";
import { ValidationContext } from "../../components/catalog/validate";

/** A compliant catalog: each failing case changes one thing. */
export function validCatalog(): CatalogConfig {
    return {
        environment: "prod",
        stores: { vault: { mount: "kv" }, aws: { region: "us-east-1", replicaRegions: ["us-west-2"] } },
        consumers: {
            api: { namespace: "shop-prod", serviceAccount: "api", awsRoleName: "shop-prod-api" },
            worker: { namespace: "shop-prod", serviceAccount: "worker" },
        },
        secrets: {
            JWT_SECRET_KEY: { kind: "jwt", group: "auth", criticality: "critical", consumers: ["api"] },
            DATABASE_PASSWORD: { kind: "password", consumers: ["api", "worker"] },
            METRICS_AUTH: { kind: "basic-auth", username: "prometheus", criticality: "medium" },
            STRIPE_API_KEY: { kind: "external", group: "api-keys", format: "^sk_", consumers: ["api"] },
        },
    };
}

export function context(overrides: Partial<ValidationContext> = {}): ValidationContext {
    return { providedExternals: new Set(["STRIPE_API_KEY"]), stack: "prod", ...overrides };
}
