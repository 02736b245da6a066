/**
 * The fallback where the real engine cannot run the program (no Node.js language host and
 * no random or vault provider from the module proxy, docs/sandbox.md): the resources a program
 * declares, as `check` records them, applied to the sandbox's own servers, so that the API server
 * evaluates the RBAC and the Vault server the policies. `planApply` turns recorded inputs into
 * Kubernetes manifests and Vault API calls in the shape the providers send them; it is pure and
 * unit-tested, and names every declared type it cannot apply rather than dropping it.
 */
import * as T from "../policies/lib/types";
import { Vault, mustKubectl } from "./clients";
import type { SandboxState } from "./servers";

/** A resource as recorded, inputs revealed (secrets unwrapped): never print one. */
export interface DeclaredResource {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

export interface VaultCall {
    method: "POST" | "PUT";
    path: string;
    body: Record<string, unknown>;
    /** The declaring resource, for error messages. */
    from: string;
}

/**
 * Values `check` cannot know (a `secure:` external it does not decrypt), by the catalog NAME of the
 * variable: the e2e suite fills them with obviously fake text. Keys are store entry paths
 * (`<mount>/<name>`) for Vault entries.
 */
export interface UnknownValues {
    /** NAME of the secret stored at `<mount>/<name>`. */
    nameAtPath(mountAndName: string): string | undefined;
    /** The keys the catalog projects into Secret `namespace/name` (for a stringData not known as a whole). */
    secretKeys(namespace: string, name: string): string[];
    /**
     * The stored key (`NAME`, `NAME_PREVIOUS`) that projected key `key` of Secret `namespace/name`
     * carries, when a `projection` renamed it (`password`). @default the key itself
     */
    storedKey?(namespace: string, name: string, key: string): string | undefined;
    fill(name: string): string;
}

export interface ApplyPlan {
    manifests: Record<string, unknown>[];
    /** In order: mounts and auth methods before what lives in them. */
    vault: VaultCall[];
    /** `type name` of declared resources that have no counterpart here (components, AWS, random). */
    notApplied: string[];
}

const str = (v: unknown): string => (typeof v === "string" ? v : String(v ?? ""));
const obj = (v: unknown): Record<string, unknown> => (typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {});
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Order of Vault calls: a mount or auth method exists before its config, entries and roles. */
const VAULT_PHASE: Record<string, number> = {
    [T.VAULT_MOUNT]: 0,
    [T.VAULT_AUTH_BACKEND]: 0,
    [T.VAULT_AUDIT]: 0,
    [T.VAULT_KV_BACKEND]: 1,
    [T.VAULT_POLICY]: 1,
    [T.VAULT_KV_SECRET]: 2,
    [T.VAULT_K8S_AUTH_ROLE]: 2,
};

function entryData(r: DeclaredResource, unknown: UnknownValues): Record<string, unknown> {
    const json = r.inputs.dataJson;
    if (typeof json === "string" && json !== "") return JSON.parse(json);
    const at = `${str(r.inputs.mount)}/${str(r.inputs.name)}`;
    const name = unknown.nameAtPath(at);
    if (!name) throw new Error(`${r.type} ${r.name}: its value is not known offline and no catalog secret is stored at ${at}`);
    return { [name]: unknown.fill(name) };
}

function vaultCalls(r: DeclaredResource, unknown: UnknownValues): VaultCall[] | undefined {
    const i = r.inputs;
    const from = `${r.type} ${r.name}`;
    switch (r.type) {
        case T.VAULT_MOUNT:
            return [{ method: "POST", path: `sys/mounts/${str(i.path)}`, body: defined({ type: i.type, description: i.description, options: i.options }), from }];
        case T.VAULT_AUTH_BACKEND:
            return [{ method: "POST", path: `sys/auth/${str(i.path ?? i.type)}`, body: defined({ type: i.type, description: i.description }), from }];
        case T.VAULT_AUDIT:
            return [{ method: "PUT", path: `sys/audit/${str(i.path)}`, body: defined({ type: i.type, options: i.options, description: i.description }), from }];
        case T.VAULT_KV_BACKEND:
            return [{ method: "POST", path: `${str(i.mount)}/config`, body: defined({ max_versions: i.maxVersions, cas_required: i.casRequired, delete_version_after: i.deleteVersionAfter }), from }];
        case T.VAULT_POLICY:
            return [{ method: "PUT", path: `sys/policies/acl/${str(i.name)}`, body: { policy: i.policy }, from }];
        case T.VAULT_KV_SECRET: {
            const meta = obj(i.customMetadata);
            return [
                { method: "POST", path: `${str(i.mount)}/data/${str(i.name)}`, body: { data: entryData(r, unknown) }, from },
                {
                    method: "POST",
                    path: `${str(i.mount)}/metadata/${str(i.name)}`,
                    body: defined({ custom_metadata: meta.data, max_versions: meta.maxVersions, delete_version_after: meta.deleteVersionAfter, cas_required: meta.casRequired }),
                    from,
                },
            ];
        }
        case T.VAULT_K8S_AUTH_ROLE:
            return [{
                method: "POST",
                path: `auth/${str(i.backend ?? "kubernetes")}/role/${str(i.roleName)}`,
                body: defined({
                    bound_service_account_names: i.boundServiceAccountNames,
                    bound_service_account_namespaces: i.boundServiceAccountNamespaces,
                    token_policies: i.tokenPolicies,
                    token_ttl: i.tokenTtl,
                    audience: i.audience,
                }),
                from,
            }];
        default:
            return undefined;
    }
}

/** Kubernetes objects carry apiVersion and kind in their inputs (the SDK adds them). */
function isKubernetesObject(r: DeclaredResource): boolean {
    return T.isKubernetes(r.type) && !r.type.startsWith("pulumi:providers:") && typeof r.inputs.kind === "string" && typeof r.inputs.apiVersion === "string";
}

/**
 * A Secret's stringData with each value that is not known offline taken from the Vault entry of the
 * same key (the module projects exactly the stored values), so both stores hold the same value.
 */
function filledSecret(manifest: Record<string, unknown>, stored: Map<string, unknown>, unknown: UnknownValues): Record<string, unknown> {
    if (manifest.kind !== "Secret" || !("stringData" in manifest)) return manifest;
    const meta = obj(manifest.metadata);
    const given = obj(manifest.stringData);
    const keys = manifest.stringData === undefined ? unknown.secretKeys(str(meta.namespace), str(meta.name)) : Object.keys(given);
    const storedKey = (k: string) => unknown.storedKey?.(str(meta.namespace), str(meta.name), k) ?? k;
    const value = (k: string) => given[k] ?? stored.get(storedKey(k)) ?? unknown.fill(storedKey(k));
    return { ...manifest, stringData: Object.fromEntries(keys.map((k) => [k, value(k)])) };
}

const NO_UNKNOWNS: UnknownValues = {
    nameAtPath: () => undefined,
    secretKeys: (namespace, name) => { throw new Error(`Secret ${namespace}/${name}: its keys are not known offline`); },
    fill: (name) => { throw new Error(`${name}: value not known offline`); },
};

export function planApply(resources: readonly DeclaredResource[], unknown: UnknownValues = NO_UNKNOWNS): ApplyPlan {
    const plan: ApplyPlan = { manifests: [], vault: [], notApplied: [] };
    const phased: { phase: number; calls: VaultCall[] }[] = [];
    for (const r of resources) {
        // Generated values are the recorded inputs of what stores them; there is no server for random.
        if (!r.type.includes(":") || r.type.startsWith("pulumi:pulumi:Stack") || r.type.startsWith("random:")) continue;
        if (isKubernetesObject(r)) {
            plan.manifests.push(r.inputs);
            continue;
        }
        const calls = vaultCalls(r, unknown);
        if (calls) phased.push({ phase: VAULT_PHASE[r.type], calls });
        else plan.notApplied.push(`${r.type} ${r.name}`);
    }
    plan.vault = phased.sort((a, b) => a.phase - b.phase).flatMap((p) => p.calls);
    const stored = new Map<string, unknown>();
    for (const call of plan.vault) {
        if (/\/data\//.test(call.path)) for (const [k, v] of Object.entries(obj(call.body.data))) stored.set(k, v);
    }
    plan.manifests = plan.manifests.map((m) => filledSecret(m, stored, unknown));
    return plan;
}

/** Whether the call enables a mount, auth method or audit device that exists with the same type. */
async function alreadyEnabled(vault: Vault, call: VaultCall): Promise<boolean> {
    const list = ["sys/mounts", "sys/auth", "sys/audit"].find((l) => call.path.startsWith(`${l}/`));
    if (!list) return false;
    const listed = await vault.must("GET", list);
    const existing = obj(obj(listed?.data ?? listed)[`${call.path.slice(list.length + 1)}/`]);
    return existing.type !== undefined && existing.type === obj(call.body).type;
}

/** Applies the plan: manifests server-side in one request, then the Vault calls in order. */
export async function applyPlan(state: SandboxState, plan: ApplyPlan): Promise<void> {
    if (plan.manifests.length > 0) {
        mustKubectl(state, ["apply", "--server-side", "--field-manager", "platform-secrets-e2e", "-f", "-"], JSON.stringify({ apiVersion: "v1", kind: "List", items: plan.manifests }));
    }
    const vault = Vault.root(state);
    for (const call of plan.vault) {
        try {
            // A mount, auth method or audit device is enabled once: re-applying a stack (as `pulumi up`
            // does without a diff) leaves one of the same type at the same path as it is; Vault refuses a second.
            if (await alreadyEnabled(vault, call)) continue;
            await vault.must(call.method, call.path, call.body);
        } catch (error) {
            throw new Error(`${call.from}: ${(error as Error).message}`);
        }
    }
}
