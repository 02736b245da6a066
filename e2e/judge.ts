/**
 * Judgements the e2e suite asks of the sandbox's servers for an applied stack: Vault holds each
 * entry with its metadata, the API server's RBAC lets exactly the catalog's consumers read exactly
 * their Secrets, and Vault's policies (through tokens and through a Kubernetes login with a real
 * service-account token) let each consumer read exactly its paths.
 */
import { VAULT_K8S_AUTH_ROLE } from "../policies/lib/types";
import { Vault, kubectl, mustKubectl } from "../sandbox/clients";
import { AppliedStack, expectedReads } from "./applied";

export interface VaultEntry {
    path: string;
    data: Record<string, string>;
    metadata: Record<string, unknown>;
}

/** Every SecretV2 entry of the stack as the Vault server returns it (data and metadata). */
export async function storedEntries(applied: AppliedStack): Promise<Map<string, VaultEntry>> {
    const vault = Vault.root(applied.state);
    const entries = new Map<string, VaultEntry>();
    for (const secret of applied.secrets) {
        const at = secret.stores.vault;
        if (!at) continue;
        const data = await vault.must("GET", `${at.mount}/data/${at.path}`);
        const metadata = await vault.must("GET", `${at.mount}/metadata/${at.path}`);
        entries.set(secret.name, {
            path: `${at.mount}/data/${at.path}`,
            data: (data?.data as { data: Record<string, string> }).data,
            metadata: metadata?.data as Record<string, unknown>,
        });
    }
    return entries;
}

/** What the API server answers to `kubectl auth can-i VERB RESOURCE --as <service account>`. */
export function canI(applied: AppliedStack, serviceAccount: string, namespace: string, verb: string, resource: string): boolean {
    const run = kubectl(applied.state, ["auth", "can-i", verb, resource, "-n", namespace, "--as", `system:serviceaccount:${namespace}:${serviceAccount}`]);
    const answer = run.stdout.trim();
    if (answer !== "yes" && answer !== "no") throw new Error(`kubectl auth can-i ${verb} ${resource} -n ${namespace}: ${run.stderr.trim()}`);
    return answer === "yes";
}

/**
 * Every Secret of the stack's namespaces, as `namespace/name`: those that exist and those the
 * catalog projects (in external-secrets mode no operator runs here to create them, and RBAC is
 * judged by name either way).
 */
export function secretObjects(applied: AppliedStack): string[] {
    const namespaces = [...new Set(applied.consumers.map((c) => c.namespace))];
    const existing = namespaces.flatMap((ns) => {
        const list = JSON.parse(mustKubectl(applied.state, ["get", "secrets", "-n", ns, "-o", "json"])) as { items: { metadata: { name: string } }[] };
        return list.items.map((i) => `${ns}/${i.metadata.name}`);
    });
    const projected = applied.secrets.flatMap((s) => (s.kubernetes ?? []).map((k) => `${k.namespace}/${k.secretName}`));
    return [...new Set([...existing, ...projected])].sort();
}

export interface RbacRow {
    consumer: string;
    /** `namespace/name` of the Secret. */
    object: string;
    /** What the API server answers to `get` by the consumer's service account. */
    allowed: boolean;
    /** Catalog secrets projected into the Secret. */
    inObject: string[];
    /** Catalog secrets the consumer consumes (the catalog's `consumers` lists). */
    reads: string[];
}

/** Catalog secrets each consumer consumes, by consumer name, from the catalog itself. */
export function consumption(applied: AppliedStack): Map<string, string[]> {
    const reads = new Map<string, string[]>();
    for (const s of applied.secrets) for (const c of s.consumers ?? []) reads.set(c, [...(reads.get(c) ?? []), s.name].sort());
    return reads;
}

/** For each consumer and each Secret of its namespace: the API server's answer, and what the catalog says. */
export function rbacRows(applied: AppliedStack): RbacRow[] {
    const reads = consumption(applied);
    const inObject = (object: string) => applied.secrets
        .filter((s) => (s.kubernetes ?? []).some((k) => `${k.namespace}/${k.secretName}` === object)).map((s) => s.name).sort();
    const objects = secretObjects(applied);
    return applied.consumers.flatMap((c) => objects.filter((o) => o.startsWith(`${c.namespace}/`)).map((object) => ({
        consumer: c.name,
        object,
        allowed: canI(applied, c.serviceAccount, c.namespace, "get", `secret/${object.split("/")[1]}`),
        inObject: inObject(object),
        reads: reads.get(c.name) ?? [],
    })));
}

/** Secrets a consumer may get that hold a catalog secret it does not consume: must be none. */
export function rbacLeaks(rows: readonly RbacRow[]): string[] {
    return rows.filter((r) => r.allowed && !r.inObject.every((s) => r.reads.includes(s)))
        .map((r) => `${r.consumer} can get ${r.object}, which holds ${r.inObject.filter((s) => !r.reads.includes(s)).join(", ")}`);
}

/**
 * Secrets a consumer consumes, projected in its namespace, that it cannot get in any Secret: must be
 * none. Per secret, not per Secret: a custom layout (`consumers.<name>.projection`) spreads a
 * consumer's secrets over several Secrets.
 */
export function rbacMissing(rows: readonly RbacRow[]): string[] {
    const consumers = [...new Set(rows.map((r) => r.consumer))];
    return consumers.flatMap((c) => {
        const mine = rows.filter((r) => r.consumer === c);
        const projected = (mine[0]?.reads ?? []).filter((s) => mine.some((r) => r.inObject.includes(s)));
        return projected.filter((s) => !mine.some((r) => r.allowed && r.inObject.includes(s)))
            .map((s) => `${c} cannot get a Secret holding ${s}`);
    });
}

/** The Vault role of each consumer: the module's AuthBackendRole bound to its service account. */
export function vaultRoles(applied: AppliedStack): { principal: string; backend: string; role: string; policies: string[]; namespace: string; serviceAccount: string }[] {
    return applied.recorded.resources
        .filter((r) => r.type === VAULT_K8S_AUTH_ROLE)
        .map((r) => {
            const namespace = (r.inputs.boundServiceAccountNamespaces as string[])[0];
            const serviceAccount = (r.inputs.boundServiceAccountNames as string[])[0];
            return {
                principal: `kubernetes:${namespace}/${serviceAccount}`,
                backend: String(r.inputs.backend ?? "kubernetes"),
                role: String(r.inputs.roleName),
                policies: r.inputs.tokenPolicies as string[],
                namespace,
                serviceAccount,
            };
        });
}

/** For a Vault token, which of the stack's entries it may read (HTTP 200) and which it is refused (403). */
export async function readableEntries(applied: AppliedStack, token: string): Promise<{ readable: string[]; refused: string[] }> {
    const vault = Vault.root(applied.state).withToken(token);
    const readable: string[] = [];
    const refused: string[] = [];
    for (const secret of applied.secrets) {
        const at = secret.stores.vault;
        if (!at) continue;
        const res = await vault.request("GET", `${at.mount}/data/${at.path}`);
        if (res.status === 200) readable.push(secret.name);
        else if (res.status === 403) refused.push(secret.name);
        else throw new Error(`GET ${at.mount}/data/${at.path}: unexpected HTTP ${res.status}`);
    }
    return { readable: readable.sort(), refused: refused.sort() };
}

/** A Vault token from the Kubernetes auth method, logging in with a real service-account token. */
export async function kubernetesLogin(applied: AppliedStack, role: { backend: string; role: string; namespace: string; serviceAccount: string }): Promise<string> {
    const jwt = mustKubectl(applied.state, ["create", "token", role.serviceAccount, "-n", role.namespace, "--duration", "10m"]).trim();
    const login = await Vault.root(applied.state).withToken("").request("POST", `auth/${role.backend}/login`, { role: role.role, jwt });
    const auth = login.body?.auth as { client_token?: string } | undefined;
    if (login.status !== 200 || !auth?.client_token) throw new Error(`login to auth/${role.backend} as role ${role.role}: HTTP ${login.status} ${JSON.stringify(login.body?.errors ?? "")}`);
    return auth.client_token;
}

export function expectedVaultReads(applied: AppliedStack, principal: string): string[] {
    return [...(expectedReads(applied, "Policy").get(principal) ?? [])].sort();
}

/**
 * The two RBAC judgements of an applied stack, as tests: no leak, nothing missing. `minRows` guards
 * against a suite that judges nothing (every consumer against every Secret of its namespace).
 */
export function describeRbac(stack: () => AppliedStack, minRows: number): void {
    test("RBAC as the API server evaluates it: no service account can get a Secret holding a secret it does not consume", () => {
        const rows = rbacRows(stack());
        expect(rows.length).toBeGreaterThanOrEqual(minRows);
        expect(rbacLeaks(rows)).toEqual([]);
    });

    test("RBAC as the API server evaluates it: each consumer can get a Secret holding every secret it consumes", () => {
        const rows = rbacRows(stack());
        expect(rbacMissing(rows)).toEqual([]);
        expect(rows.filter((r) => r.allowed).length).toBeGreaterThanOrEqual(new Set(rows.filter((r) => r.reads.length > 0).map((r) => r.consumer)).size);
    });
}
