// The orders team's stack: its own catalog (two generated secrets), projected by the External
// Secrets Operator into its namespace, and a Deployment that mounts them and restarts on rotation.
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import * as vault from "@pulumi/vault";
import { LABEL, PlatformSecrets } from "platform-secrets";

const config = new pulumi.Config("orders-app");
const environment = pulumi.getStack();
const namespace = `orders-${environment}`;
const vaultAddress = config.require("vaultAddress");

// The team's own cluster and Vault: every child of PlatformSecrets inherits them.
const cluster = new k8s.Provider("orders-cluster", { kubeconfig: config.get("kubeconfig") });
const vaultProvider = new vault.Provider("orders-vault", { address: vaultAddress });

const platform = new PlatformSecrets("orders", {
    environment,
    stores: { vault: { mount: "orders-kv" } },
    kubernetes: {
        mode: "external-secrets",
        refreshInterval: "10m",
        vault: { server: vaultAddress, authMount: `kubernetes-${environment}` },
    },
    consumers: { "orders-api": { namespace, serviceAccount: "orders-api" } },
    secrets: {
        ORDERS_DB_PASSWORD: { kind: "password", group: "database", avoidCharacters: ":@/?#[]", consumers: ["orders-api"] },
        ORDERS_SIGNING_KEY: { kind: "jwt", group: "auth", criticality: "critical", consumers: ["orders-api"] },
    },
}, { providers: { kubernetes: cluster, vault: vaultProvider } });

const consumer = platform.consumers["orders-api"];
// The Secret the catalog above projects into the cluster (in either Kubernetes mode).
const consumerSecretName = consumer.secretName;
const labels = { "app.kubernetes.io/name": "orders-api", [LABEL.environment]: environment };

const serviceAccount = new k8s.core.v1.ServiceAccount("orders-api", {
    metadata: { name: "orders-api", namespace, labels },
}, { provider: cluster });

export const deployment = new k8s.apps.v1.Deployment("orders-api", {
    metadata: {
        name: "orders-api",
        namespace,
        labels,
        // Stakater Reloader restarts the pods when the Secret changes (its version annotation does on rotation).
        annotations: { "reloader.stakater.com/auto": "true" },
    },
    spec: {
        replicas: 2,
        selector: { matchLabels: { "app.kubernetes.io/name": "orders-api" } },
        template: {
            metadata: { labels },
            spec: {
                serviceAccountName: serviceAccount.metadata.name,
                containers: [{
                    name: "api",
                    image: config.require("image"),
                    // Files, not environment variables: the kubelet refreshes them after a rotation,
                    // and they do not leak into crash dumps or child processes.
                    volumeMounts: [{ name: "secrets", mountPath: "/var/run/secrets/orders", readOnly: true }],
                }],
                volumes: [{ name: "secrets", secret: { secretName: consumerSecretName, defaultMode: 0o400 } }],
            },
        },
    },
}, { provider: cluster, dependsOn: [consumer] });

export const secretName = consumer.secretName;
export const references = platform.references;
