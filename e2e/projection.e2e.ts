/**
 * The dev stack with a custom layout for one consumer (`consumers.worker.projection`) applied to
 * the sandbox: the API server holds exactly the layout's Secrets and keys, and answers `get` for
 * the workload on exactly those names.
 */
import { mustKubectl } from "../sandbox/clients";
import { AppliedStack, applyStack } from "./applied";
import { VaultEntry, canI, describeRbac, storedEntries } from "./judge";
import { LAYOUT_NAMESPACE, WORKER_PROJECTION, devWithProjection } from "./stacks";

let applied: AppliedStack;
let entries: Map<string, VaultEntry>;

beforeAll(async () => {
    applied = await applyStack("dev", devWithProjection());
    entries = await storedEntries(applied);
});

const secretIn = (name: string) => JSON.parse(mustKubectl(applied.state, ["get", "secret", name, "-n", LAYOUT_NAMESPACE, "-o", "json"])) as { type: string; data: Record<string, string> };

test("the worker's Secrets are exactly the layout's, with exactly its keys (a two-slot secret's -previous key included)", () => {
    const names = applied.secrets.flatMap((s) => (s.kubernetes ?? []).filter((k) => k.namespace === LAYOUT_NAMESPACE && k.secretName.startsWith("worker")).map((k) => k.secretName));
    expect([...new Set(names)].sort()).toEqual(Object.keys(WORKER_PROJECTION).sort());
    expect(Object.keys(secretIn("worker-redis").data)).toEqual(["password"]);
    const present = new Set(applied.secrets.map((s) => s.name));
    const expected = ["database-password", "encryption-key", "encryption-key-previous", ...(present.has("STRIPE_API_KEY") ? ["STRIPE_API_KEY"] : []), ...(present.has("SENDGRID_API_KEY") ? ["sendgrid-api-key"] : [])];
    expect(Object.keys(secretIn("worker-config").data).sort()).toEqual(expected.sort());
    expect(secretIn("worker-config").type).toBe("Opaque");
    const none = JSON.parse(mustKubectl(applied.state, ["get", "secrets", "-n", LAYOUT_NAMESPACE, "-o", "json"])) as { items: { metadata: { name: string } }[] };
    expect(none.items.map((i) => i.metadata.name)).not.toContain("worker-secrets");
});

test("each projected key holds the value Vault holds for the catalog secret it maps", () => {
    const value = (secret: string, key: string) => Buffer.from(secretIn(secret).data[key], "base64").toString("utf8");
    expect(value("worker-redis", "password")).toBe(entries.get("REDIS_PASSWORD")?.data.REDIS_PASSWORD);
    expect(value("worker-config", "database-password")).toBe(entries.get("DATABASE_PASSWORD")?.data.DATABASE_PASSWORD);
    expect(value("worker-config", "encryption-key")).toBe(entries.get("DATA_ENCRYPTION_KEY")?.data.DATA_ENCRYPTION_KEY);
    expect(value("worker-config", "encryption-key-previous")).toBe(entries.get("DATA_ENCRYPTION_KEY")?.data.DATA_ENCRYPTION_KEY_PREVIOUS);
});

test("the worker's service account gets exactly its layout's Secrets, nothing else of the namespace", () => {
    for (const name of Object.keys(WORKER_PROJECTION)) expect(`${name}: ${canI(applied, "worker", LAYOUT_NAMESPACE, "get", `secrets/${name}`)}`).toBe(`${name}: true`);
    for (const name of ["worker-secrets", "api-secrets", "web-secrets"]) expect(`${name}: ${canI(applied, "worker", LAYOUT_NAMESPACE, "get", `secrets/${name}`)}`).toBe(`${name}: false`);
    expect(canI(applied, "api", LAYOUT_NAMESPACE, "get", "secrets/worker-redis")).toBe(false);
});

describeRbac(() => applied, 16);
