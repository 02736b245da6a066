/**
 * What `up` sets up once the servers answer: the External Secrets Operator's CRDs (from the
 * external-secrets Go module's own bundle, applied server-side, so the API server validates the
 * module's ExternalSecrets and SecretStores against the real schemas) and Vault's Kubernetes auth
 * method at `kubernetes/`, reviewing tokens against the sandbox's API server with a real
 * service-account token of its own.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Vault, mustKubectl } from "./clients";
import { SandboxState, ServerError } from "./servers";

export const ESO_MODULE = "github.com/external-secrets/external-secrets";
export const ESO_VERSION = "v0.16.2";

/** The CRD bundle inside the module (downloaded into Go's module cache on first use). */
export function esoCrdBundle(): string {
    const download = spawnSync("go", ["mod", "download", "-json", `${ESO_MODULE}@${ESO_VERSION}`], { encoding: "utf8", cwd: "/" });
    let dir: string | undefined;
    try {
        dir = (JSON.parse(download.stdout) as { Dir?: string; Error?: string }).Dir;
    } catch {
        dir = undefined;
    }
    const bundle = dir && path.join(dir, "deploy/crds/bundle.yaml");
    if (download.status !== 0 || !bundle || !fs.existsSync(bundle)) {
        throw new ServerError(`external-secrets CRDs: \`go mod download ${ESO_MODULE}@${ESO_VERSION}\` failed: ${(download.stdout + download.stderr).trim().slice(0, 400)}`);
    }
    return bundle;
}

export function applyEsoCrds(state: SandboxState): void {
    mustKubectl(state, ["apply", "--server-side", "--force-conflicts", "-f", esoCrdBundle()]);
    mustKubectl(state, ["wait", "--for", "condition=established", "--timeout=60s", "crd", "--all"]);
}

export const VAULT_REVIEWER = { namespace: "kube-system", serviceAccount: "vault-auth" };

export async function enableVaultKubernetesAuth(state: SandboxState): Promise<void> {
    const { namespace, serviceAccount } = VAULT_REVIEWER;
    mustKubectl(state, ["apply", "--server-side", "-f", "-"], JSON.stringify({
        apiVersion: "v1",
        kind: "List",
        items: [
            { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: serviceAccount, namespace } },
            {
                apiVersion: "rbac.authorization.k8s.io/v1",
                kind: "ClusterRoleBinding",
                metadata: { name: "platform-secrets-sandbox-vault-auth" },
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "system:auth-delegator" },
                subjects: [{ kind: "ServiceAccount", name: serviceAccount, namespace }],
            },
        ],
    }));
    const reviewerJwt = mustKubectl(state, ["create", "token", serviceAccount, "-n", namespace, "--duration", "24h"]).trim();
    const vault = Vault.root(state);
    const mounts = await vault.must("GET", "sys/auth");
    if (!mounts?.["kubernetes/"]) await vault.must("POST", "sys/auth/kubernetes", { type: "kubernetes" });
    await vault.must("POST", "auth/kubernetes/config", {
        kubernetes_host: `https://127.0.0.1:${state.ports.kubeApiserver}`,
        kubernetes_ca_cert: fs.readFileSync(path.join(state.stateDir, "pki/ca.crt"), "utf8"),
        token_reviewer_jwt: reviewerJwt,
        disable_local_ca_jwt: true,
    });
}
