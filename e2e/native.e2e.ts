/**
 * The repository's dev stack (Vault store, native Secrets) applied to the sandbox, judged by the
 * Vault server and the Kubernetes API server themselves.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { Vault, mustKubectl } from "../sandbox/clients";
import { AppliedStack, applyStack } from "./applied";
import { VaultEntry, canI, consumption, expectedVaultReads, kubernetesLogin, describeRbac, readableEntries, storedEntries, vaultRoles } from "./judge";
import { REPO } from "./stacks";

let applied: AppliedStack;
let entries: Map<string, VaultEntry>;
const catalog = (parse(fs.readFileSync(path.join(REPO, "Pulumi.dev.yaml"), "utf8")) as { config: Record<string, Record<string, Record<string, unknown>>> }).config["platform-secrets:secrets"];

beforeAll(async () => {
    applied = await applyStack("dev");
    entries = await storedEntries(applied);
});

test("every stored secret is in Vault at <mount>/data/dev/<group>/<name> with its custom metadata and max_versions", () => {
    const declared = applied.recorded.resources.filter((r) => r.type === "vault:kv/secretV2:SecretV2");
    expect(entries.size).toBe(declared.length);
    expect(entries.size).toBeGreaterThanOrEqual(10);
    for (const r of declared) {
        const entry = [...entries.values()].find((e) => e.path === `${r.inputs.mount}/data/${r.inputs.name}`);
        expect(entry).toBeDefined();
        expect(String(r.inputs.name)).toMatch(/^dev\/[a-z0-9-]+\/[a-z0-9-]+$/);
        const meta = r.inputs.customMetadata as { data: Record<string, string>; maxVersions: number };
        expect(entry?.metadata.custom_metadata).toEqual(meta.data);
        expect(entry?.metadata.max_versions).toBe(meta.maxVersions);
        expect(entry?.metadata.current_version).toBe(1);
    }
});

test("each generated value has its kind's form, as the server stores it", () => {
    const value = (name: string) => entries.get(name)?.data[name] ?? "";
    const fernet = Buffer.from(value("DATA_ENCRYPTION_KEY").replace(/-/g, "+").replace(/_/g, "/"), "base64");
    expect(fernet.length).toBe(32);
    expect(value("JWT_SECRET_KEY").length).toBeGreaterThanOrEqual(64);
    expect(value("DJANGO_SECRET_KEY")).toMatch(/^[a-z0-9!@#$%^&*(\-_=+)]{50}$/);
    expect(value("WEBHOOK_SIGNING_SECRET")).toMatch(/^[0-9a-f]{64,}$/);
    expect(value("DATABASE_PASSWORD")).toHaveLength(Number(catalog.DATABASE_PASSWORD.length));
    for (const name of ["DATABASE_PASSWORD", "REDIS_PASSWORD"]) {
        for (const c of String(catalog[name].avoidCharacters)) expect(value(name)).not.toContain(c);
    }
    expect(value("METRICS_BASIC_AUTH")).toMatch(new RegExp(`^${catalog.METRICS_BASIC_AUTH.username}:[^:]+$`));
    // Two-slot keys hold a previous value from the first deploy, different from the current one.
    expect(entries.get("JWT_SECRET_KEY")?.data.JWT_SECRET_KEY_PREVIOUS).toHaveLength(value("JWT_SECRET_KEY").length);
    expect(entries.get("JWT_SECRET_KEY")?.data.JWT_SECRET_KEY_PREVIOUS).not.toBe(value("JWT_SECRET_KEY"));
});

test("native Secrets hold exactly the catalog's keys, with the values Vault holds", () => {
    const vaultValue = new Map([...entries.values()].flatMap((e) => Object.entries(e.data)));
    const projected = new Map<string, string[]>();
    for (const s of applied.secrets) for (const k of s.kubernetes ?? []) projected.set(`${k.namespace}/${k.secretName}`, [...(projected.get(`${k.namespace}/${k.secretName}`) ?? []), k.key]);
    expect(projected.size).toBeGreaterThanOrEqual(4);
    for (const [object, keys] of projected) {
        const [ns, name] = object.split("/");
        const secret = JSON.parse(mustKubectl(applied.state, ["get", "secret", name, "-n", ns, "-o", "json"])) as { data: Record<string, string> };
        expect(Object.keys(secret.data).sort()).toEqual([...keys].sort());
        for (const [key, encoded] of Object.entries(secret.data)) {
            expect(Buffer.from(encoded, "base64").toString("utf8")).toBe(vaultValue.get(key));
        }
    }
});

describeRbac(() => applied, 16);

test("no consumer can list, watch or write Secrets", () => {
    for (const c of applied.consumers) {
        for (const verb of ["list", "watch", "create", "update", "delete"]) {
            expect(`${c.namespace}/${c.serviceAccount} ${verb}: ${canI(applied, c.serviceAccount, c.namespace, verb, "secrets")}`).toBe(`${c.namespace}/${c.serviceAccount} ${verb}: false`);
        }
    }
});

test("Vault policies as the Vault server evaluates them: a token of each consumer's policy reads exactly its paths", async () => {
    const roles = vaultRoles(applied);
    // One role per consumer that reads anything (a consumer of no secret gets none).
    const readers = applied.consumers.filter((c) => expectedVaultReads(applied, `kubernetes:${c.namespace}/${c.serviceAccount}`).length > 0);
    expect(roles.map((r) => r.principal).sort()).toEqual(readers.map((c) => `kubernetes:${c.namespace}/${c.serviceAccount}`).sort());
    for (const role of roles) {
        const created = await Vault.root(applied.state).must("POST", "auth/token/create", { policies: role.policies, no_default_policy: true, ttl: "10m" });
        const token = (created?.auth as { client_token: string }).client_token;
        const { readable, refused } = await readableEntries(applied, token);
        expect({ principal: role.principal, readable }).toEqual({ principal: role.principal, readable: expectedVaultReads(applied, role.principal) });
        expect(readable.length + refused.length).toBe(entries.size);
    }
});

test("a Kubernetes login with each consumer's real service-account token reads exactly what the catalog says it consumes", async () => {
    const reads = consumption(applied);
    for (const role of vaultRoles(applied)) {
        const consumer = applied.consumers.find((c) => c.namespace === role.namespace && c.serviceAccount === role.serviceAccount);
        const token = await kubernetesLogin(applied, role);
        const { readable } = await readableEntries(applied, token);
        // Judged against the catalog's own consumers lists, and against check's access list.
        expect({ consumer: consumer?.name, readable }).toEqual({ consumer: consumer?.name, readable: reads.get(consumer?.name ?? "") ?? [] });
        expect(readable).toEqual(expectedVaultReads(applied, role.principal));
    }
});

test("a service account bound to no role cannot log in to Vault", async () => {
    const other = applied.consumers[0];
    const wrongRole = vaultRoles(applied).find((r) => r.serviceAccount !== other.serviceAccount || r.namespace !== other.namespace);
    if (!wrongRole) throw new Error("the dev stack has a single consumer role");
    await expect(kubernetesLogin(applied, { ...wrongRole, serviceAccount: other.serviceAccount, namespace: other.namespace })).rejects.toThrow(/HTTP 403/);
});

test("no generated value appears in the servers' logs or in what the sandbox CLI prints", () => {
    const values = [...entries.values()].flatMap((e) => Object.values(e.data)).filter((v) => v.length >= 16);
    expect(values.length).toBeGreaterThanOrEqual(10);
    const logs = ["vault.log", "kube-apiserver.log", "etcd.log"].map((f) => fs.readFileSync(path.join(applied.state.stateDir, "logs", f), "utf8"));
    const cli = spawnSync("npm", ["run", "-s", "sandbox", "--", "up", "--json"], { cwd: REPO, encoding: "utf8" });
    expect(cli.status).toBe(0);
    for (const text of [...logs, cli.stdout, cli.stderr]) {
        for (const value of values) expect(text.includes(value)).toBe(false);
    }
});
