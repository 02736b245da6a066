import * as path from "path";
import { Deployment } from "kubernetes-models/apps/v1";
import { loadProgramConfig } from "../../offline/config";
import { Harness, setupHarness } from "../harness";
import { validateKubernetesObject } from "../access/fixtures";

/** The example application stack, run as the CLI would configure it, under the harness. */

const EXAMPLE = path.resolve(__dirname, "../../examples/orders-app");
let h: Harness;
let program: any;

beforeAll(async () => {
    const loaded = loadProgramConfig({ programDir: EXAMPLE, stack: "staging" });
    h = setupHarness({ stack: "staging", qualifiedConfig: loaded.config, qualifiedSecretKeys: loaded.secretKeys });
    // Loaded once the mocks are set: the program registers its resources as it loads.
    program = await import("../../examples/orders-app");
    await h.settle();
});

test("the Deployment mounts the consumer's Secret, runs as the bound service account, and restarts on rotation", () => {
    const deployment = h.inputs(h.one("kubernetes:apps/v1:Deployment", "orders-api"));
    expect(() => new Deployment(deployment).validate()).not.toThrow();
    const pod = deployment.spec.template.spec;
    expect(pod.volumes).toEqual([{ name: "secrets", secret: { secretName: "orders-api-secrets", defaultMode: 0o400 } }]);
    expect(pod.serviceAccountName).toBe("orders-api");
    expect(deployment.metadata.annotations).toEqual({ "reloader.stakater.com/auto": "true" });
    const binding = h.inputs(h.one("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"));
    expect(binding.subjects).toEqual([{ kind: "ServiceAccount", name: "orders-api", namespace: "orders-staging" }]);
    expect(program.secretName).toBe("orders-api-secrets");
});

test("the ExternalSecret and the store read the team's own Vault; every object goes to the team's cluster", () => {
    const es = h.inputs(h.one("kubernetes:external-secrets.io/v1:ExternalSecret"));
    expect(es.spec.data.map((d: any) => d.remoteRef.key)).toEqual([
        "staging/database/orders-db-password",
        // A signing key is delivered with its previous value too, from the same entry.
        "staging/auth/orders-signing-key", "staging/auth/orders-signing-key",
    ]);
    const store = h.inputs(h.one("kubernetes:external-secrets.io/v1:SecretStore"));
    expect(store.spec.provider.vault).toMatchObject({ server: "https://vault.orders.example.invalid:8200", path: "orders-kv", auth: { kubernetes: { mountPath: "kubernetes-staging" } } });
    const cluster = h.one("pulumi:providers:kubernetes", "orders-cluster");
    const vaultRef = h.one("pulumi:providers:vault", "orders-vault");
    for (const r of h.recorder.resources.filter((x) => x.custom && x.type.startsWith("kubernetes:"))) {
        expect(r.provider).toMatch(new RegExp(`^${cluster.urn}::`));
        if (r.type !== "kubernetes:apps/v1:Deployment") expect(() => validateKubernetesObject(r, h.inputs(r))).not.toThrow();
    }
    for (const r of h.recorder.resources.filter((x) => x.custom && x.type.startsWith("vault:"))) {
        expect(r.provider).toMatch(new RegExp(`^${vaultRef.urn}::`));
    }
});
