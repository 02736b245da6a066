/**
 * The stacks the e2e suite applies to the sandbox: this repository's dev stack as it is (Vault
 * store, native Secrets) and its prod stack in external-secrets mode with the AWS store removed
 * (the AWS provider cannot be built from modules, docs/sandbox.md) and ESO pointed at the
 * sandbox's Vault and Kubernetes auth mount.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";

export const REPO = path.resolve(__dirname, "..");

type Config = Record<string, unknown>;
const record = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {});

/** Pulumi.prod.yaml without AWS, its Vault mount and ESO server the sandbox's; written to a temp file. */
export function prodWithoutAws(vaultAddress: string, auditLog: string): string {
    const doc = parse(fs.readFileSync(path.join(REPO, "Pulumi.prod.yaml"), "utf8")) as { config: Config };
    const config = doc.config;
    const stores = record(config["platform-secrets:stores"]);
    delete stores.aws;
    // Its own mount: the dev stack's `kv` lives in the same sandbox Vault.
    record(stores.vault).mount = "kv-prod";
    // The production default audit device, logging where the sandbox's Vault may write.
    record(stores.vault).audit = { options: { file_path: auditLog } };
    const kubernetes = record(config["platform-secrets:kubernetes"]);
    delete kubernetes.aws;
    kubernetes.vault = { ...record(kubernetes.vault), server: vaultAddress, authMount: "kubernetes" };
    for (const consumer of Object.values(record(config["platform-secrets:consumers"]))) delete record(consumer).awsRoleName;
    for (const secret of Object.values(record(config["platform-secrets:secrets"]))) {
        const s = record(secret);
        if (Array.isArray(s.stores)) s.stores = s.stores.filter((x) => x !== "aws");
        if (Array.isArray(s.stores) && s.stores.length === 0) s.stores = ["vault"];
        delete s.awsRotation;
    }
    delete config["aws:region"];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ps-e2e-"));
    const file = path.join(dir, "Pulumi.prod.yaml");
    fs.writeFileSync(file, stringify(doc));
    return file;
}

/** Consumers of a stack file: the namespaces and service accounts the e2e suite creates first. */
export function consumersOf(configFile: string): { name: string; namespace: string; serviceAccount: string }[] {
    const doc = parse(fs.readFileSync(configFile, "utf8")) as { config: Config };
    return Object.entries(record(doc.config["platform-secrets:consumers"])).map(([name, c]) => ({
        name,
        namespace: String(record(c).namespace),
        serviceAccount: String(record(c).serviceAccount),
    }));
}

/**
 * Pulumi.dev.yaml with a custom layout for `worker` (`consumers.worker.projection`): two Secrets
 * with kebab-case and upper-case keys instead of `worker-secrets`; written to a temp file.
 */
export const WORKER_PROJECTION = {
    "worker-redis": { password: "REDIS_PASSWORD" },
    "worker-config": { "database-password": "DATABASE_PASSWORD", "encryption-key": "DATA_ENCRYPTION_KEY", STRIPE_API_KEY: "STRIPE_API_KEY", "sendgrid-api-key": "SENDGRID_API_KEY" },
};

/** Where the layout stack's `shop-dev` consumers live: apart from the dev stack's, which other suites apply. */
export const LAYOUT_NAMESPACE = "layout-shop-dev";

/**
 * The dev stack with WORKER_PROJECTION, on its own mount and in its own namespaces, so that it and
 * the plain dev stack (e2e/native.e2e.ts) can be applied to one sandbox in either order.
 */
export function devWithProjection(): string {
    const doc = parse(fs.readFileSync(path.join(REPO, "Pulumi.dev.yaml"), "utf8")) as { config: Config };
    record(record(doc.config["platform-secrets:stores"]).vault).mount = "kv-layout";
    const consumers = record(doc.config["platform-secrets:consumers"]);
    for (const consumer of Object.values(consumers)) record(consumer).namespace = `layout-${String(record(consumer).namespace)}`;
    record(consumers.worker).projection = WORKER_PROJECTION;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ps-e2e-"));
    const file = path.join(dir, "Pulumi.dev.yaml");
    fs.writeFileSync(file, stringify(doc));
    return file;
}
