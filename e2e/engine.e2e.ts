/**
 * The real Pulumi engine (CLI v3.276.0, YAML language host v1.25.0, the Kubernetes provider built from
 * the served provider/v4 pseudo-version) against the sandbox's API server: the Kubernetes objects the
 * dev stack declares, as `check` records them, deployed by `pulumi up`, previewed again with
 * `--expect-no-changes`, and previewed under the policy pack through the engine's analyzer protocol.
 * Judged by kubectl and by the CLI's own output and exit codes.
 *
 * Opt-in build: the three binaries take a long cold build (docs/sandbox.md), so these tests build
 * them only with PLATFORM_SECRETS_E2E_ENGINE=1; without it they run when the binaries are already in
 * the cache and are skipped (named as skipped in the results) otherwise.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { K8S_ROLE_BINDING } from "../policies/lib/types";
import { mustKubectl } from "../sandbox/clients";
import { EngineResource, PulumiRun, engineResources, pulumi, writePolicyLauncher, writeProgram } from "../sandbox/engine";
import { ENGINE_PIECES, binaryPath, ensureBuilt, isBuilt } from "../sandbox/toolchain";
import { AppliedStack, planStack } from "./applied";
import { describeRbac } from "./judge";
import { REPO } from "./stacks";

const wanted = process.env.PLATFORM_SECRETS_E2E_ENGINE === "1";
const enabled = wanted || ENGINE_PIECES.every((p) => isBuilt(p));
const describeEngine = enabled ? describe : describe.skip;
if (!enabled) {
    // Never silent: the run's output and .ci/run's summary name what was not run, and how to run it.
    process.stderr.write(`real-engine e2e tests SKIPPED: ${ENGINE_PIECES.filter((p) => !isBuilt(p)).map((p) => p.name).join(", ")} not built; `
        + "run PLATFORM_SECRETS_E2E_ENGINE=1 npm run e2e to build them (about 40 min cold, docs/sandbox.md)\n");
}

const kindOf = (type: string) => type.split(":").pop() ?? "";
const resourceOf: Record<string, string> = { Role: "role.rbac.authorization.k8s.io", RoleBinding: "rolebinding.rbac.authorization.k8s.io", Secret: "secret" };
const meta = (r: EngineResource) => r.properties.metadata as { name: string; namespace: string };
const show = (run: PulumiRun) => `exit ${run.status} after ${run.seconds.toFixed(0)} s\n${run.stdout.slice(-4000)}\n${run.stderr.slice(-2000)}`;

describeEngine("the real Pulumi engine on the dev stack's Kubernetes objects", () => {
    let applied: AppliedStack;
    let objects: EngineResource[];
    let work: string;
    let bin: string;
    let env: Record<string, string>;
    let up: PulumiRun;
    let destroyed = false;
    const inProject = (dir: string, args: string[]) => pulumi(bin, dir, env, args);

    beforeAll(async () => {
        const progress = (line: string) => process.stderr.write(`engine: ${line}\n`);
        for (const piece of ENGINE_PIECES) await ensureBuilt(piece, progress);
        work = fs.mkdtempSync(path.join(os.tmpdir(), "ps-engine-"));
        // One directory on PATH with the CLI, its language host and the provider plugin.
        bin = path.join(work, "bin");
        fs.mkdirSync(bin);
        for (const [piece, binary] of [["pulumi", "pulumi"], ["pulumi-yaml", "pulumi-language-yaml"], ["pulumi-kubernetes", "pulumi-resource-kubernetes"]]) {
            fs.symlinkSync(binaryPath(piece, binary), path.join(bin, binary));
        }
        applied = await planStack("dev");
        const state = applied.state;
        env = {
            PULUMI_HOME: path.join(work, "home"),
            PULUMI_BACKEND_URL: `file://${path.join(work, "state")}`,
            PULUMI_CONFIG_PASSPHRASE: state.passphrase,
        };
        fs.mkdirSync(path.join(work, "state"));
        objects = engineResources(applied.recorded.resources, applied.plan);
        // The same objects may exist from the kubectl-applied suite (native.e2e.ts): the engine creates its own.
        for (const o of objects) mustKubectl(state, ["delete", resourceOf[kindOf(o.type)], meta(o).name, "-n", meta(o).namespace, "--ignore-not-found"]);
        writeProgram(path.join(work, "dev"), "platform-secrets-engine", state.env.env.KUBECONFIG, objects);
        const init = inProject(path.join(work, "dev"), ["stack", "init", "dev", "--non-interactive"]);
        if (init.status !== 0) throw new Error(`pulumi stack init: ${show(init)}`);
        up = inProject(path.join(work, "dev"), ["up", "--yes", "--non-interactive", "--skip-preview"]);
    }, 90 * 60_000);

    afterAll(() => {
        if (!work) return;
        // After a failure before the destroy test: leave no object for the kubectl-applied suite to collide with.
        if (!destroyed && up) {
            const destroy = pulumi(bin, path.join(work, "dev"), env, ["destroy", "--yes", "--non-interactive", "--skip-preview"], 180_000);
            if (destroy.status !== 0) process.stderr.write(`engine: pulumi destroy: ${show(destroy)}\n`);
        }
        fs.rmSync(work, { recursive: true, force: true });
    });

    test("pulumi up creates every Kubernetes object the stack declares", () => {
        expect(up.status).toBe(0);
        expect(objects.length).toBeGreaterThanOrEqual(15);
        // The objects, the explicit provider and the stack.
        expect(up.stdout).toMatch(new RegExp(`\\+ ${objects.length + 2} created`));
    });

    test("the API server holds each object as declared, written by the Kubernetes provider", () => {
        for (const o of objects) {
            const live = JSON.parse(mustKubectl(applied.state, ["get", resourceOf[kindOf(o.type)], meta(o).name, "-n", meta(o).namespace, "-o", "json", "--show-managed-fields"]));
            expect(live.metadata.labels).toEqual((o.properties.metadata as { labels: unknown }).labels);
            expect(live.metadata.deletionTimestamp).toBeUndefined();
            // Server-side apply by the provider: its field manager is `pulumi-kubernetes-<random suffix>`.
            expect((live.metadata.managedFields as { manager: string }[]).map((m) => m.manager)).toEqual([expect.stringMatching(/^pulumi-kubernetes-[0-9a-f]+$/)]);
            if (kindOf(o.type) === "Role") expect(live.rules).toEqual(o.properties.rules);
            if (kindOf(o.type) === "RoleBinding") {
                expect(live.roleRef).toEqual(o.properties.roleRef);
                expect(live.subjects).toEqual(o.properties.subjects);
            }
            if (kindOf(o.type) === "Secret") {
                const declared = o.properties.stringData as Record<string, { "fn::secret": string }>;
                const data = Object.fromEntries(Object.entries(live.data as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, "base64").toString("utf8")]));
                expect(Object.keys(data).sort()).toEqual(Object.keys(declared).sort());
                for (const [k, v] of Object.entries(declared)) expect(data[k]).toBe(v["fn::secret"].replace(/\$\$/g, "$"));
            }
        }
    });

    test("the engine's state holds the Secrets' values only encrypted", () => {
        const exported = inProject(path.join(work, "dev"), ["stack", "export"]);
        expect(exported.status).toBe(0);
        const values = objects.filter((o) => kindOf(o.type) === "Secret").flatMap((o) => Object.values(o.properties.stringData as Record<string, { "fn::secret": string }>).map((v) => v["fn::secret"].replace(/\$\$/g, "$")));
        expect(values.length).toBeGreaterThan(0);
        expect(exported.stdout).toContain("4dabf18193072939515e22adb298388d"); // the secret signature of encrypted values
        for (const v of values) expect(exported.stdout).not.toContain(v);
    });

    test("a second preview shows no changes: no perpetual diff", () => {
        const preview = inProject(path.join(work, "dev"), ["preview", "--expect-no-changes", "--non-interactive"]);
        expect(preview.status).toBe(0);
        expect(preview.stdout).toMatch(new RegExp(`${objects.length + 2} unchanged`));
    });

    test("the policy pack, under the engine's analyzer protocol with dev.json, passes the stack's objects", () => {
        const launcher = writePolicyLauncher(path.join(work, "pack"), path.join(REPO, "policies"), path.join(REPO, "node_modules"));
        const preview = inProject(path.join(work, "dev"), ["preview", "--non-interactive", "--policy-pack", launcher, "--policy-pack-config", path.join(REPO, "policies", "config", "dev.json")]);
        expect({ status: preview.status, out: preview.stdout }).toMatchObject({ status: 0 });
        expect(preview.stdout).toMatch(/Policies:\n\s+✅ platform-secrets@v0\.1\.0 \(local: /);
        expect(preview.stdout).not.toContain("[mandatory]");
        expect(preview.stdout).toMatch(new RegExp(`${objects.length + 2} unchanged`));
    }, 600_000);

    test("a RoleBinding to ClusterRole edit fails the preview with the pack's message", () => {
        const dir = path.join(work, "violation");
        const binding = objects.find((o) => o.type === K8S_ROLE_BINDING) as EngineResource;
        const bad: EngineResource = {
            name: "edit-binding",
            type: K8S_ROLE_BINDING,
            properties: { ...binding.properties, metadata: { ...meta(binding), name: "binds-edit" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" } },
        };
        writeProgram(dir, "platform-secrets-engine-violation", applied.state.env.env.KUBECONFIG, [bad]);
        expect(inProject(dir, ["stack", "init", "dev", "--non-interactive"]).status).toBe(0);
        const launcher = writePolicyLauncher(path.join(work, "pack"), path.join(REPO, "policies"), path.join(REPO, "node_modules"));
        const preview = inProject(dir, ["preview", "--non-interactive", "--policy-pack", launcher, "--policy-pack-config", path.join(REPO, "policies", "config", "dev.json")]);
        expect(preview.status).toBe(1);
        expect(preview.stdout).toContain("❌ platform-secrets@v0.1.0");
        expect(preview.stdout).toMatch(/\[mandatory\]\s+k8s-builtin-role-binding\s+\(kubernetes:rbac.authorization.k8s.io\/v1:RoleBinding: edit-binding\)/);
        expect(preview.stdout).toContain('binds ClusterRole "edit"');
        // Nothing was created: a preview never writes, and the binding is not on the server.
        expect(mustKubectl(applied.state, ["get", "rolebindings", "-n", meta(binding).namespace, "-o", "name"])).not.toContain("binds-edit");
    }, 600_000);

    // RBAC as the API server evaluates it, on the objects the engine created.
    describeRbac(() => applied, 10);

    test("pulumi destroy removes every object it created from the API server", () => {
        const destroy = inProject(path.join(work, "dev"), ["destroy", "--yes", "--non-interactive", "--skip-preview"]);
        destroyed = destroy.status === 0;
        expect(destroy.status).toBe(0);
        expect(destroy.stdout).toMatch(new RegExp(`- ${objects.length + 2} deleted`));
        for (const o of objects) {
            const left = mustKubectl(applied.state, ["get", resourceOf[kindOf(o.type)], "-n", meta(o).namespace, "-o", "name", "--field-selector", `metadata.name=${meta(o).name}`]);
            expect(left.trim()).toBe("");
        }
    });
});
