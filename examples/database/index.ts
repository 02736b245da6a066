// A team's stack for its PostgreSQL database: the catalog's DATABASE_PASSWORD becomes the password
// of a login role, and the application gets DATABASE_URL, a template filled from that password.
// One `pulumi up` on a rotation day replaces the value, writes the store, changes the role's
// password, then the projected Secret, and the pods restart (docs/rotation.md, "Database credentials").
// Fake addresses only.
import * as pulumi from "@pulumi/pulumi";
import * as k8s from "@pulumi/kubernetes";
import * as postgresql from "@pulumi/postgresql";
import * as vault from "@pulumi/vault";
import { LABEL, PlatformSecrets } from "platform-secrets";

const config = new pulumi.Config("database");
const environment = pulumi.getStack();
const namespace = `app-${environment}`;
const host = config.require("host");
const port = config.requireNumber("port");
const databaseName = config.require("databaseName");
const roleName = config.require("roleName");

const cluster = new k8s.Provider("app-cluster", { kubeconfig: config.get("kubeconfig") });
const vaultProvider = new vault.Provider("app-vault", { address: config.require("vaultAddress") });
// The role is managed with an administrator's login; its password is stack config, a Pulumi secret
// (`pulumi config set --secret database:adminPassword`), never a catalog value delivered to pods.
const db = new postgresql.Provider("app-db", {
    host,
    port,
    username: config.require("adminUsername"),
    password: config.requireSecret("adminPassword"),
    sslmode: "require",
    // A managed server's administrator (RDS, Cloud SQL) is not a superuser.
    superuser: false,
});

// The projection (the consumer's Secret) waits for the role: on rotation the role has the new
// password before the Secret delivers it, so a restarted pod never holds a password the server refuses.
let roleDeclared: (role: postgresql.Role) => void = () => undefined;
const roleReady = new Promise<postgresql.Role>((resolve) => { roleDeclared = resolve; });
const PROJECTIONS = ["kubernetes:core/v1:Secret", "kubernetes:external-secrets.io/v1:ExternalSecret"];
const afterRole: pulumi.ResourceTransformation = ({ type, props, opts }) =>
    PROJECTIONS.includes(type) ? { props, opts: pulumi.mergeOptions(opts, { dependsOn: [roleReady] }) } : undefined;

const platform = new PlatformSecrets("app", {
    environment,
    stores: { vault: { mount: "app-kv" } },
    // Native Secrets: Pulumi writes the Secret, after the role. In external-secrets mode the operator
    // copies the new value from Vault on its own schedule, possibly before the role has it.
    kubernetes: { mode: "secret" },
    consumers: { app: { namespace, serviceAccount: "app" } },
    secrets: {
        // Read by the role only: the application gets the URL.
        DATABASE_PASSWORD: { kind: "password", group: "database", criticality: "high" },
        DATABASE_URL: {
            kind: "template",
            group: "database",
            // `:url` percent-encodes the password, so it may hold any character.
            template: `postgresql://${roleName}:\${DATABASE_PASSWORD:url}@${host}:${port}/${databaseName}`,
            consumers: ["app"],
        },
    },
}, { providers: { kubernetes: cluster, vault: vaultProvider }, transformations: [afterRole] });

// After the stored copies (the group holds DATABASE_PASSWORD's random value and both Vault
// entries): the store is written before the server accepts the new password, so what Vault holds
// is never older than what the server checks.
export const role = new postgresql.Role("app", {
    name: roleName,
    login: true,
    password: platform.secrets.DATABASE_PASSWORD.value,
}, { provider: db, dependsOn: [platform.groups.database] });
roleDeclared(role);

const consumer = platform.consumers.app;
const labels = { "app.kubernetes.io/name": "app", [LABEL.environment]: environment };

new k8s.core.v1.ServiceAccount("app", { metadata: { name: "app", namespace, labels } }, { provider: cluster });

export const deployment = new k8s.apps.v1.Deployment("app", {
    metadata: {
        name: "app",
        namespace,
        labels,
        // Stakater Reloader restarts the pods when the Secret changes (its version annotation does on rotation).
        annotations: { "reloader.stakater.com/auto": "true" },
    },
    spec: {
        replicas: 2,
        selector: { matchLabels: { "app.kubernetes.io/name": "app" } },
        template: {
            metadata: { labels },
            spec: {
                serviceAccountName: "app",
                containers: [{
                    name: "app",
                    image: config.require("image"),
                    // Read once at start: the pods restart when the Secret changes (the annotation above).
                    env: [{ name: "DATABASE_URL", valueFrom: { secretKeyRef: { name: consumer.secretName, key: "DATABASE_URL" } } }],
                }],
            },
        },
    },
}, { provider: cluster, dependsOn: [consumer] });

export const secretName = consumer.secretName;
export const references = platform.references;
