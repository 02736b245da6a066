/**
 * A stack applied to the sandbox, with what the catalog says about it: which principal reads which
 * secret, where each secret is stored and projected. The tests judge the servers' answers against
 * this, never against what the suite itself wrote.
 */
import { K8S_ROLE, VAULT_POLICY } from "../policies/lib/types";
import { PREVIOUS_SUFFIX } from "../components/conventions";
import { previousKey } from "../components/kubernetes/layout";
import { ApplyPlan, applyPlan, planApply } from "../sandbox/apply";
import { mustKubectl } from "../sandbox/clients";
import { RecordedStack, recordStack } from "../sandbox/record";
import { SandboxState, readState } from "../sandbox/servers";
import { REPO, consumersOf } from "./stacks";
import * as path from "path";

export interface CatalogSecret {
    name: string;
    kind: string;
    /** The consumers the catalog lists for the secret. */
    consumers?: string[];
    stores: { vault: { mount: string; path: string } | null };
    kubernetes?: { key: string; namespace: string; secretName: string }[];
}

export interface AppliedStack {
    state: SandboxState;
    recorded: RecordedStack;
    plan: ApplyPlan;
    secrets: CatalogSecret[];
    consumers: { name: string; namespace: string; serviceAccount: string }[];
}

export function sandboxState(): SandboxState {
    const state = readState();
    if (!state) throw new Error("the sandbox is not up: the e2e suite's globalSetup starts it (npm run e2e)");
    return state;
}

/** Obviously fake text for an external secret that the stack file holds only as a `secure:` value. */
export const fakeExternal = (name: string) => `sandbox-fake-${name.toLowerCase()}-not-a-credential`;

/**
 * A stack recorded and planned, with the workloads' namespaces and service accounts created, but
 * nothing of the stack's own applied: for the real engine to create (e2e/engine.e2e.ts).
 */
export async function planStack(stack: string, configFile?: string): Promise<AppliedStack> {
    const state = sandboxState();
    const recorded = await recordStack({ programDir: REPO, stack, configFile });
    const secrets = recorded.report.secrets as unknown as CatalogSecret[];
    const consumers = consumersOf(configFile ?? path.join(REPO, `Pulumi.${stack}.yaml`));
    // The workloads' own objects, which a team's cluster has before the module's stack runs.
    const namespaces = [...new Set(consumers.map((c) => c.namespace))];
    mustKubectl(state, ["apply", "--server-side", "--field-manager", "e2e-workloads", "-f", "-"], JSON.stringify({
        apiVersion: "v1",
        kind: "List",
        items: [
            ...namespaces.map((name) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } })),
            ...consumers.map((c) => ({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: c.serviceAccount, namespace: c.namespace } })),
        ],
    }));
    const byPath = new Map(secrets.filter((s) => s.stores.vault).map((s) => [`${s.stores.vault?.mount}/${s.stores.vault?.path}`, s.name]));
    const plan = planApply(recorded.resources, {
        nameAtPath: (at) => byPath.get(at),
        secretKeys: (namespace, name) => secrets.flatMap((s) => (s.kubernetes ?? []).filter((k) => k.namespace === namespace && k.secretName === name).map((k) => k.key)),
        storedKey: (namespace, name, key) => storedKeyOf(secrets, namespace, name, key),
        fill: (name) => fakeExternal(name.replace(/_PREVIOUS$/, "")),
    });
    return { state, recorded, plan, secrets, consumers };
}

export async function applyStack(stack: string, configFile?: string): Promise<AppliedStack> {
    const planned = await planStack(stack, configFile);
    await applyPlan(planned.state, planned.plan);
    return planned;
}

/**
 * The stored key a projected key carries: `NAME`, or `NAME_PREVIOUS` when it is the previous key of
 * another key of the same secret in the same Secret (`encryption-key-previous` beside `encryption-key`).
 */
export function storedKeyOf(secrets: readonly CatalogSecret[], namespace: string, name: string, key: string): string | undefined {
    for (const s of secrets) {
        const keys = (s.kubernetes ?? []).filter((k) => k.namespace === namespace && k.secretName === name).map((k) => k.key);
        if (!keys.includes(key)) continue;
        return keys.some((k) => k !== key && previousKey(k) === key) ? `${s.name}${PREVIOUS_SUFFIX}` : s.name;
    }
    return undefined;
}

/** Secrets (by catalog NAME) each `kubernetes:<ns>/<sa>` principal reads, by kind of grant. */
export function expectedReads(applied: AppliedStack, via: "Role" | "Policy"): Map<string, Set<string>> {
    const reads = new Map<string, Set<string>>();
    for (const grant of applied.recorded.report.access) {
        // A URN's type part is the parent chain, `parent$child`: the resource's own type is the last.
        const type = (grant.via.split("::")[2] ?? "").split("$").pop();
        const matches = via === "Role" ? type === K8S_ROLE : type === VAULT_POLICY;
        if (!matches) continue;
        const set = reads.get(grant.principal) ?? new Set<string>();
        set.add(grant.secret);
        reads.set(grant.principal, set);
    }
    return reads;
}
