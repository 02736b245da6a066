import { k8sBuiltinRoleBinding } from "../../policies/rules/k8s-builtin-role-binding";
import { k8sClusterSecretStore } from "../../policies/rules/k8s-cluster-secret-store";
import { k8sWorkloadLiteralCredentials } from "../../policies/rules/k8s-workload-literal-credentials";
import { Res, WIRE_UNKNOWN, violations } from "./harness";

const RBAC = "kubernetes:rbac.authorization.k8s.io/v1";

describe("k8s-builtin-role-binding", () => {
    const binding = (roleRef: unknown, kind = "RoleBinding", metadata: unknown = { name: "api", namespace: "shop-prod" }, provider?: Record<string, unknown>): Res => ({
        type: `${RBAC}:${kind}`, props: { metadata, roleRef, subjects: [{ kind: "ServiceAccount", name: "api", namespace: "shop-prod" }] }, provider,
    });
    const ref = (name: unknown, kind: unknown = "ClusterRole") => ({ apiGroup: "rbac.authorization.k8s.io", kind, name });
    const run = (r: Res, config = {}) => violations(k8sBuiltinRoleBinding, r, config);

    test("baseline: a Role of the namespace, or a custom ClusterRole", () => {
        expect(run(binding(ref("api-secrets", "Role")))).toEqual([]);
        expect(run(binding(ref("view")))).toEqual([]);
        expect(run(binding(ref("pod-reader"), "ClusterRoleBinding", { name: "api" }))).toEqual([]);
        expect(run(binding(ref("edit", "Role")))).toEqual([]);
        expect(run({ type: `${RBAC}:Role`, props: { metadata: { namespace: "shop-prod" }, roleRef: ref("admin") } })).toEqual([]);
    });
    test("a RoleBinding of a built-in ClusterRole: every Secret of its namespace", () => {
        expect(run(binding(ref("edit")))).toEqual(['binds ClusterRole "edit", which reads every Secret in namespace "shop-prod"; bind a Role that names its Secrets in resourceNames']);
        expect(run(binding(ref("admin")))).toEqual(['binds ClusterRole "admin", which reads every Secret in namespace "shop-prod"; bind a Role that names its Secrets in resourceNames']);
        expect(run(binding(ref("cluster-admin"), "RoleBinding", { name: "api" }))).toEqual(['binds ClusterRole "cluster-admin", which reads every Secret in namespace "default"; bind a Role that names its Secrets in resourceNames']);
        expect(run(binding(ref("edit"), "RoleBinding", { name: "api" }, { namespace: "shop-dev" }))).toEqual(['binds ClusterRole "edit", which reads every Secret in namespace "shop-dev"; bind a Role that names its Secrets in resourceNames']);
    });
    test("a ClusterRoleBinding of a built-in ClusterRole: every Secret in the cluster", () => {
        expect(run(binding(ref("cluster-admin"), "ClusterRoleBinding", { name: "api" }))).toEqual(['binds ClusterRole "cluster-admin", which reads every Secret in the cluster; bind a Role that names its Secrets in resourceNames']);
        expect(run(binding(ref("edit"), "ClusterRoleBinding", { name: "api" }))).toHaveLength(1);
    });
    test("configured roles", () => {
        expect(run(binding(ref("edit")), { roles: ["secret-reader"] })).toEqual([]);
        expect(run(binding(ref("secret-reader")), { roles: ["secret-reader"] })).toEqual(['binds ClusterRole "secret-reader", which reads every Secret in namespace "shop-prod"; bind a Role that names its Secrets in resourceNames']);
    });
    test("unknown: no violation", () => {
        expect(run(binding(WIRE_UNKNOWN))).toEqual([]);
        expect(run(binding(ref(WIRE_UNKNOWN)))).toEqual([]);
        expect(run(binding(ref("edit", WIRE_UNKNOWN)))).toEqual([]);
        expect(run(binding(ref("edit"), "RoleBinding", WIRE_UNKNOWN))).toEqual([]);
        expect(run(binding(ref("edit"), "RoleBinding", { name: "api", namespace: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(binding(ref("edit"), "RoleBinding", { name: "api" }, { namespace: WIRE_UNKNOWN }))).toEqual([]);
    });
});

describe("k8s-cluster-secret-store", () => {
    const store = (type: string, metadata: unknown = { name: "vault" }): Res => ({
        type, props: { apiVersion: "external-secrets.io/v1", kind: type.split(":")[2], metadata, spec: { provider: { vault: { server: "https://vault.example.internal" } } } },
    });
    const run = (r: Res, config = {}) => violations(k8sClusterSecretStore, r, config);
    const MESSAGE = "a ClusterSecretStore lets an ExternalSecret in any namespace read the store: use a SecretStore per namespace";

    test("baseline: a SecretStore per namespace", () => {
        expect(run(store("kubernetes:external-secrets.io/v1:SecretStore", { name: "vault", namespace: "shop-prod" }))).toEqual([]);
        expect(run(store("kubernetes:external-secrets.io/v1beta1:SecretStore", { name: "vault", namespace: "shop-prod" }))).toEqual([]);
        expect(run(store("kubernetes:external-secrets.io/v1:ExternalSecret", { name: "api", namespace: "shop-prod" }))).toEqual([]);
    });
    test("any ClusterSecretStore, v1 or v1beta1", () => {
        expect(run(store("kubernetes:external-secrets.io/v1:ClusterSecretStore"))).toEqual([MESSAGE]);
        expect(run(store("kubernetes:external-secrets.io/v1beta1:ClusterSecretStore"))).toEqual([MESSAGE]);
        expect(run(store("kubernetes:external-secrets.io/v1:ClusterSecretStore", {}))).toEqual([MESSAGE]);
    });
    test("allowed stores", () => {
        expect(run(store("kubernetes:external-secrets.io/v1:ClusterSecretStore"), { allowedStores: ["vault"] })).toEqual([]);
        expect(run(store("kubernetes:external-secrets.io/v1:ClusterSecretStore", { name: "aws" }), { allowedStores: ["vault"] })).toEqual([MESSAGE]);
    });
    test("unknown: no violation", () => {
        expect(run(store("kubernetes:external-secrets.io/v1:ClusterSecretStore", WIRE_UNKNOWN), { allowedStores: ["vault"] })).toEqual([]);
        expect(run(store("kubernetes:external-secrets.io/v1:ClusterSecretStore", { name: WIRE_UNKNOWN }), { allowedStores: ["vault"] })).toEqual([]);
        // Nothing unknown decides it when no store is allowed: the resource type alone is the violation.
        expect(run(store("kubernetes:external-secrets.io/v1:ClusterSecretStore", WIRE_UNKNOWN))).toEqual([MESSAGE]);
    });
});

describe("k8s-workload-literal-credentials", () => {
    const podSpec = (env: unknown, extra: Record<string, unknown> = {}) => ({
        serviceAccountName: "api",
        containers: [{ name: "api", image: "registry.example.internal/api:1.0", env }],
        ...extra,
    });
    const workload = (type: string, spec: unknown): Res => {
        const props = type === "kubernetes:core/v1:Pod" ? { spec }
            : type === "kubernetes:batch/v1:CronJob" ? { spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: { spec } } } } }
                : { spec: { selector: { matchLabels: { app: "api" } }, template: { metadata: { labels: { app: "api" } }, spec } } };
        return { type, props: { metadata: { name: "api", namespace: "shop-prod" }, ...props } };
    };
    const deployment = (env: unknown, extra: Record<string, unknown> = {}) => workload("kubernetes:apps/v1:Deployment", podSpec(env, extra));
    const fromSecret = (name: string) => ({ name, valueFrom: { secretKeyRef: { name: "api-secrets", key: name } } });
    const message = (c: string, name: string) => `container "${c}" env ${name} holds a literal value: read it from a Secret (valueFrom.secretKeyRef)`;
    const run = (r: Res, config = {}) => violations(k8sWorkloadLiteralCredentials, r, config);
    // Obviously fake values: each is a known prefix followed by text no real credential has, so no
    // line of this file reads like a credential.
    const fake = (prefix: string) => `${prefix}NOT-A-REAL-CREDENTIAL`;
    const FAKE_STRIPE = fake("sk_live_");

    test("baseline: credentials from Secrets, plain settings literal", () => {
        const env = [fromSecret("DATABASE_PASSWORD"), fromSecret("STRIPE_API_KEY"), { name: "LOG_LEVEL", value: "info" }, { name: "DATABASE_HOST", value: "db.shop-prod.svc.cluster.local" }];
        for (const type of ["Pod", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]) {
            const token = type === "Pod" ? "kubernetes:core/v1:Pod" : type.endsWith("Job") ? `kubernetes:batch/v1:${type}` : `kubernetes:apps/v1:${type}`;
            expect(run(workload(token, podSpec(env)))).toEqual([]);
        }
        expect(run(deployment(undefined))).toEqual([]);
        expect(run({ type: "kubernetes:core/v1:ConfigMap", props: { data: { DATABASE_PASSWORD: "x" } } })).toEqual([]);
    });
    test("empty values are not credentials", () => {
        expect(run(deployment([{ name: "DATABASE_PASSWORD", value: "" }]))).toEqual([]);
        expect(run(deployment([{ name: "DATABASE_PASSWORD" }]))).toEqual([]);
    });
    test("a secret-named variable with a literal value", () => {
        expect(run(deployment([{ name: "LOG_LEVEL", value: "info" }, { name: "DATABASE_PASSWORD", value: "fake-not-a-real-password" }]))).toEqual([message("api", "DATABASE_PASSWORD")]);
        for (const name of ["api_key", "SESSION_SECRET", "AUTH_TOKEN", "DB_PASSWD", "AWS_CREDENTIALS", "signingKey"]) {
            expect(run(deployment([{ name, value: "x" }]))).toEqual([message("api", name)]);
        }
        expect(run(deployment([{ name: "DATABASE_PASSWORD", value: "x" }]), { namePattern: "^NOPE$" })).toEqual([]);
        expect(run(deployment([{ name: "LOG_LEVEL", value: "x" }]), { namePattern: "level" })).toEqual([message("api", "LOG_LEVEL")]);
    });
    test("a known key prefix whatever the name", () => {
        expect(run(deployment([{ name: "STRIPE", value: FAKE_STRIPE }]))).toEqual([message("api", "STRIPE")]);
        for (const value of [fake("sk_test_"), fake("AKIA"), fake("ghp_"), fake("xoxb-"), fake("-----BEGIN ")]) {
            expect(run(deployment([{ name: "UPSTREAM", value }]))).toEqual([message("api", "UPSTREAM")]);
        }
        expect(run(deployment([{ name: "UPSTREAM", value: "akiafake" }]))).toEqual([]);
        expect(run(deployment([{ name: "UPSTREAM", value: FAKE_STRIPE }]), { valuePrefixes: [] })).toEqual([]);
        // An empty prefix in the configuration would match every value: it is ignored.
        expect(run(deployment([{ name: "LOG_LEVEL", value: "info" }]), { valuePrefixes: ["", "pat-"] })).toEqual([]);
        expect(run(deployment([{ name: "UPSTREAM", value: "pat-FAKE" }]), { valuePrefixes: ["pat-"] })).toEqual([message("api", "UPSTREAM")]);
    });
    test("the value never appears in the message", () => {
        const [m] = run(deployment([{ name: "STRIPE_KEY", value: FAKE_STRIPE }]));
        expect(m).toBe(message("api", "STRIPE_KEY"));
        expect(m).not.toContain("sk_live_");
    });
    test("every workload kind, init containers too", () => {
        const env = [{ name: "API_TOKEN", value: "fake-token" }];
        expect(run(workload("kubernetes:core/v1:Pod", podSpec(env)))).toEqual([message("api", "API_TOKEN")]);
        expect(run(workload("kubernetes:apps/v1:StatefulSet", podSpec(env)))).toEqual([message("api", "API_TOKEN")]);
        expect(run(workload("kubernetes:apps/v1:DaemonSet", podSpec(env)))).toEqual([message("api", "API_TOKEN")]);
        expect(run(workload("kubernetes:batch/v1:Job", podSpec(env)))).toEqual([message("api", "API_TOKEN")]);
        expect(run(workload("kubernetes:batch/v1:CronJob", podSpec(env)))).toEqual([message("api", "API_TOKEN")]);
        expect(run(deployment([], { initContainers: [{ name: "migrate", image: "registry.example.internal/migrate:1.0", env }] }))).toEqual([message("migrate", "API_TOKEN")]);
        expect(run(deployment(env, { initContainers: [{ name: "migrate", env: [{ name: "DB_PASSWORD", value: "fake" }] }] })))
            .toEqual([message("migrate", "DB_PASSWORD"), message("api", "API_TOKEN")]);
    });
    test("unknown: no violation", () => {
        expect(run(deployment([{ name: "DATABASE_PASSWORD", value: WIRE_UNKNOWN }]))).toEqual([]);
        expect(run(deployment([{ name: WIRE_UNKNOWN, value: FAKE_STRIPE }]))).toEqual([]);
        expect(run(deployment(WIRE_UNKNOWN))).toEqual([]);
        expect(run(deployment([WIRE_UNKNOWN]))).toEqual([]);
        expect(run(workload("kubernetes:apps/v1:Deployment", WIRE_UNKNOWN))).toEqual([]);
        expect(run(workload("kubernetes:apps/v1:Deployment", { containers: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(workload("kubernetes:apps/v1:Deployment", { containers: [{ name: WIRE_UNKNOWN, env: [{ name: "API_TOKEN", value: "x" }] }] }))).toEqual([]);
        expect(run({ type: "kubernetes:apps/v1:Deployment", props: { spec: WIRE_UNKNOWN } })).toEqual([]);
        expect(run({ type: "kubernetes:batch/v1:CronJob", props: { spec: { jobTemplate: WIRE_UNKNOWN } } })).toEqual([]);
    });
});
