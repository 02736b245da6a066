/**
 * The repository's prod stack in external-secrets mode (AWS store removed: it cannot be built
 * here) applied to the sandbox: the API server validates the ExternalSecrets and SecretStores
 * against the External Secrets Operator's own CRDs, and RBAC and Vault grants are judged as for
 * native Secrets. No operator runs in the sandbox, so the Secrets themselves are not synced.
 */
import * as fs from "fs";
import * as path from "path";
import { Vault, kubectl, mustKubectl } from "../sandbox/clients";
import { AppliedStack, applyStack, sandboxState } from "./applied";
import { expectedVaultReads, kubernetesLogin, describeRbac, readableEntries, vaultRoles } from "./judge";
import { prodWithoutAws } from "./stacks";

let applied: AppliedStack;

let auditLog: string;

beforeAll(async () => {
    const state = sandboxState();
    auditLog = path.join(state.stateDir, "logs", "vault-audit.log");
    applied = await applyStack("prod", prodWithoutAws(`http://127.0.0.1:${state.ports.vault}`, auditLog));
});

type Manifest = { kind: string; metadata: { name: string; namespace: string }; spec: Record<string, unknown> };
const declared = (kind: string) => applied.plan.manifests.filter((m) => m.kind === kind) as unknown as Manifest[];

test("the API server accepted every ExternalSecret and SecretStore against ESO's CRDs, spec as declared", () => {
    for (const kind of ["ExternalSecret", "SecretStore"]) {
        const mine = declared(kind);
        expect(mine.length).toBeGreaterThanOrEqual(kind === "SecretStore" ? 2 : 6);
        for (const m of mine) {
            const live = JSON.parse(mustKubectl(applied.state, ["get", kind.toLowerCase(), m.metadata.name, "-n", m.metadata.namespace, "-o", "json"])) as Manifest;
            expect(live.spec).toMatchObject(m.spec);
        }
    }
});

test("the CRDs really validate: an ExternalSecret with a wrong field type is refused by the API server", () => {
    const [good] = declared("ExternalSecret");
    const bad = { ...good, metadata: { ...good.metadata, name: "e2e-invalid" }, spec: { ...good.spec, refreshInterval: 5, target: { creationPolicy: "Sometimes" } } };
    const run = kubectl(applied.state, ["apply", "--server-side", "--dry-run=server", "-f", "-"], JSON.stringify(bad));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/creationPolicy|refreshInterval/);
});

test("each SecretStore points at the sandbox's Vault and a Kubernetes auth role that exists there", async () => {
    for (const store of declared("SecretStore")) {
        const vaultProvider = (store.spec.provider as { vault: { server: string; path: string; auth: { kubernetes: { mountPath: string; role: string } } } }).vault;
        expect(vaultProvider.server).toBe(`http://127.0.0.1:${applied.state.ports.vault}`);
        const role = await Vault.root(applied.state).request("GET", `auth/${vaultProvider.auth.kubernetes.mountPath}/role/${vaultProvider.auth.kubernetes.role}`);
        expect(role.status).toBe(200);
    }
});

describeRbac(() => applied, 12);

test("Vault grants: a Kubernetes login with each role's real service-account token reads exactly its paths", async () => {
    const roles = vaultRoles(applied);
    expect(roles.length).toBeGreaterThanOrEqual(2);
    for (const role of roles) {
        const token = await kubernetesLogin(applied, role);
        const { readable, refused } = await readableEntries(applied, token);
        expect({ principal: role.principal, readable }).toEqual({ principal: role.principal, readable: expectedVaultReads(applied, role.principal) });
        expect(refused.length + readable.length).toBe(applied.secrets.filter((s) => s.stores.vault).length);
    }
});

test("the production audit device logs every read of a secret, with the value hashed, never in clear", async () => {
    const devices = await Vault.root(applied.state).must("GET", "sys/audit");
    expect(Object.keys(devices ?? {})).toContain("platform-secrets-prod/");
    const [secret] = applied.secrets.filter((s) => s.stores.vault);
    const at = secret.stores.vault;
    const read = await Vault.root(applied.state).must("GET", `${at?.mount}/data/${at?.path}`);
    const value = Object.values((read?.data as { data: Record<string, string> }).data)[0];
    const log = fs.readFileSync(auditLog, "utf8");
    const entries = log.trim().split("\n").map((l) => JSON.parse(l) as { type: string; request?: { path?: string } });
    expect(entries.some((e) => e.type === "response" && e.request?.path === `${at?.mount}/data/${at?.path}`)).toBe(true);
    expect(log).not.toContain(value);
    expect(log).toMatch(/hmac-sha256:/);
});
