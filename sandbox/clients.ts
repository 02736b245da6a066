/**
 * The two ways the sandbox and the e2e suite talk to its servers: Vault's HTTP API, and kubectl
 * (built from the same release as the API server) with the sandbox's kubeconfig. Nothing here
 * prints a request body: entries hold generated values.
 */
import { spawnSync } from "child_process";
import * as path from "path";
import type { SandboxState } from "./servers";

export interface VaultResponse {
    status: number;
    body: Record<string, unknown> | undefined;
}

export class Vault {
    constructor(private readonly address: string, readonly token: string) {}

    static root(state: SandboxState): Vault {
        return new Vault(`http://127.0.0.1:${state.ports.vault}`, state.rootToken);
    }

    withToken(token: string): Vault {
        return new Vault(this.address, token);
    }

    async request(method: string, apiPath: string, body?: unknown): Promise<VaultResponse> {
        const res = await fetch(`${this.address}/v1/${apiPath}`, {
            method,
            headers: { "X-Vault-Token": this.token, "Content-Type": "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
    }

    /** Like request, but a status other than 2xx is an error naming the path (never the body sent). */
    async must(method: string, apiPath: string, body?: unknown): Promise<Record<string, unknown> | undefined> {
        const res = await this.request(method, apiPath, body);
        if (res.status >= 300) {
            const errors = (res.body?.errors as string[] | undefined)?.join("; ") ?? "";
            throw new Error(`vault ${method} ${apiPath}: HTTP ${res.status} ${errors}`);
        }
        return res.body;
    }
}

export interface KubectlRun {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** kubectl with the sandbox's kubeconfig; `input` goes to stdin (manifests for apply). */
export function kubectl(state: SandboxState, args: string[], input?: string): KubectlRun {
    const run = spawnSync(path.join(state.stateDir, "bin", "kubectl"), args, {
        input,
        encoding: "utf8",
        env: { ...process.env, KUBECONFIG: path.join(state.stateDir, "kubeconfig.yaml") },
        maxBuffer: 64 * 1024 * 1024,
    });
    return { status: run.status, stdout: run.stdout ?? "", stderr: run.stderr ?? run.error?.message ?? "" };
}

export function mustKubectl(state: SandboxState, args: string[], input?: string): string {
    const run = kubectl(state, args, input);
    if (run.status !== 0) throw new Error(`kubectl ${args.slice(0, 3).join(" ")}: exit ${run.status}: ${run.stderr.trim()}`);
    return run.stdout;
}
