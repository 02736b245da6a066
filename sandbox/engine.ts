/**
 * The real Pulumi engine against the sandbox, for what the module proxy lets us build (docs/sandbox.md):
 * the Pulumi CLI, the YAML language host and the Kubernetes provider. The Node.js language host and the
 * random and vault providers are refused, so this repository's TypeScript program cannot run under the
 * engine; instead the Kubernetes objects `check` records for a stack become a Pulumi YAML program, which
 * the real engine deploys with the real Kubernetes provider, previews again (no perpetual diff) and
 * previews under the policy pack with the real analyzer protocol.
 *
 * The pack itself is Node.js: the CLI would start it through the Node.js language host. It also
 * accepts an executable as `--policy-pack`; `writePolicyLauncher` writes one that runs the pack with
 * `@pulumi/pulumi/cmd/run-policy-pack` (what the Node.js host runs), so the analyzer is the pack's own
 * code speaking the engine's gRPC protocol, only started differently.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { isKubernetes } from "../policies/lib/types";
import type { ApplyPlan, DeclaredResource } from "./apply";

/** The provider resource's name in generated programs. */
export const PROVIDER = "sandbox-kubernetes";

const isKubernetesObject = (r: DeclaredResource) =>
    isKubernetes(r.type) && !r.type.startsWith("pulumi:providers:") && typeof r.inputs.kind === "string" && typeof r.inputs.apiVersion === "string";

/** Pulumi YAML interpolates `${...}`; `$$` is a literal `$`. Values are generated text: escape every `$`. */
function escapeYaml(value: unknown): unknown {
    if (typeof value === "string") return value.replace(/\$/g, "$$$$");
    if (Array.isArray(value)) return value.map(escapeYaml);
    if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeYaml(v)]));
    return value;
}

export interface EngineResource {
    /** The logical name (as the TypeScript program names it). */
    name: string;
    type: string;
    /** Inputs without apiVersion and kind (the type says them), Secret values wrapped in fn::secret. */
    properties: Record<string, unknown>;
}

/**
 * The Kubernetes objects of an apply plan, paired with the declared resources they come from (same
 * order: planApply keeps it), as engine resources. A Secret's stringData values are marked secret, as
 * the TypeScript program marks them, so the engine encrypts them in its state.
 */
export function engineResources(resources: readonly DeclaredResource[], plan: ApplyPlan): EngineResource[] {
    const declared = resources.filter((r) => !r.type.startsWith("pulumi:pulumi:Stack") && isKubernetesObject(r));
    if (declared.length !== plan.manifests.length) {
        throw new Error(`${declared.length} Kubernetes objects declared but ${plan.manifests.length} manifests planned`);
    }
    return declared.map((r, i) => {
        const { apiVersion: _a, kind, ...rest } = plan.manifests[i];
        const properties = escapeYaml(rest) as Record<string, unknown>;
        // The provider deletes with propagation Foreground by default, which leaves a foregroundDeletion
        // finalizer that only the garbage collector (kube-controller-manager, not in the sandbox)
        // removes: `pulumi destroy` would wait forever. Background deletion needs no collector here.
        const metadata = { ...(properties.metadata as Record<string, unknown>) };
        metadata.annotations = { ...(metadata.annotations as Record<string, unknown> | undefined), "pulumi.com/deletionPropagationPolicy": "background" };
        properties.metadata = metadata;
        if (kind === "Secret" && typeof properties.stringData === "object" && properties.stringData !== null) {
            properties.stringData = Object.fromEntries(Object.entries(properties.stringData).map(([k, v]) => [k, { "fn::secret": v }]));
        }
        return { name: r.name, type: r.type, properties };
    });
}

/** A Pulumi YAML program: an explicit Kubernetes provider on the sandbox's kubeconfig, and the objects. */
export function yamlProgram(project: string, kubeconfig: string, resources: readonly EngineResource[]): string {
    const doc = {
        name: project,
        runtime: "yaml",
        description: "platform-secrets: the Kubernetes objects check records for a stack, under the real engine (sandbox only)",
        resources: {
            [PROVIDER]: { type: "pulumi:providers:kubernetes", properties: { kubeconfig } },
            ...Object.fromEntries(resources.map((r) => [r.name, { type: r.type, properties: r.properties, options: { provider: `\${${PROVIDER}}` } }])),
        },
    };
    return stringify(doc, { lineWidth: 0 });
}

/** Writes Pulumi.yaml into a fresh project directory. */
export function writeProgram(dir: string, project: string, kubeconfig: string, resources: readonly EngineResource[]): void {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yamlProgram(project, kubeconfig, resources));
}

/**
 * An executable analyzer for the Node.js pack in `packDir`, in `dir` (with a copy of the pack's
 * PulumiPolicy.yaml, which the CLI reads next to it). The CLI starts it with the engine's address;
 * it runs the pack from its own directory, so `new PolicyPack` finds the pack's package.json, and
 * modules resolve as they do for the pack (from the repository's node_modules).
 */
export function writePolicyLauncher(dir: string, packDir: string, nodeModules: string): string {
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(packDir, "PulumiPolicy.yaml"), path.join(dir, "PulumiPolicy.yaml"));
    const runner = path.join(nodeModules, "@pulumi", "pulumi", "cmd", "run-policy-pack");
    const launcher = path.join(dir, "pulumi-analyzer-policy-platform-secrets");
    fs.writeFileSync(launcher, [
        "#!/bin/sh",
        "# Starts the platform-secrets policy pack as the analyzer (written by sandbox/engine.ts).",
        `cd ${JSON.stringify(packDir)} || exit 1`,
        `exec node ${JSON.stringify(runner)} "$1" .`,
        "",
    ].join("\n"), { mode: 0o755 });
    return launcher;
}

export interface PulumiRun {
    status: number | null;
    stdout: string;
    stderr: string;
    seconds: number;
}

/** Runs the CLI in `cwd` with the engine's environment (binaries first on PATH, local backend). */
export function pulumi(binDir: string, cwd: string, env: Record<string, string>, args: string[], timeoutMs = 600_000): PulumiRun {
    const started = Date.now();
    const run = spawnSync(path.join(binDir, "pulumi"), args, {
        cwd,
        encoding: "utf8",
        timeout: timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
        env: {
            ...process.env,
            ...env,
            PATH: `${binDir}:${process.env.PATH ?? ""}`,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
            NO_COLOR: "1",
        },
    });
    return { status: run.status, stdout: run.stdout ?? "", stderr: run.stderr ?? "", seconds: (Date.now() - started) / 1000 };
}
