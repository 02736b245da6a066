import { k8sConfigmapSecretData } from "../../policies/rules/k8s-configmap-secret-data";
import { k8sRolebindingSubjects } from "../../policies/rules/k8s-rolebinding-subjects";
import { k8sSecretNamespace } from "../../policies/rules/k8s-secret-namespace";
import { k8sSecretRbacLeastPrivilege } from "../../policies/rules/k8s-secret-rbac-least-privilege";
import { Res, WIRE_UNKNOWN, violations } from "./harness";

const RBAC = "kubernetes:rbac.authorization.k8s.io/v1";

describe("k8s-secret-rbac-least-privilege", () => {
    const role = (rules: unknown, kind = "Role"): Res => ({ type: `${RBAC}:${kind}`, props: { metadata: { name: "api", namespace: "shop-prod" }, rules } });
    const rule = (r: Record<string, unknown>) => ({ apiGroups: [""], resources: ["secrets"], verbs: ["get"], resourceNames: ["api-secrets"], ...r });
    const run = (r: Res, config = {}) => violations(k8sSecretRbacLeastPrivilege, r, config);

    test("baseline: get on named secrets; unrelated rules", () => {
        expect(run(role([rule({})]))).toEqual([]);
        expect(run(role([{ apiGroups: [""], resources: ["configmaps"], verbs: ["list"] }, { apiGroups: ["apps"], resources: ["*"], verbs: ["*"] }]))).toEqual([]);
        expect(run(role([{ apiGroups: [""], resources: ["pods"], verbs: ["list"] }], "ClusterRole"))).toEqual([]);
    });
    test("list, watch or * on secrets", () => {
        expect(run(role([rule({ verbs: ["get", "list", "watch"] })]))).toEqual(["rule 1 grants list, watch on Secrets: every value in the namespace"]);
        expect(run(role([rule({}), rule({ verbs: ["*"] })]))).toEqual(["rule 2 grants * on Secrets: every value in the namespace"]);
        expect(run(role([rule({ apiGroups: ["*"], resources: ["*"], verbs: ["list"] })]))).toHaveLength(1);
        expect(run(role([rule({ verbs: ["get"] })]), { forbiddenVerbs: ["get"] })).toEqual(["rule 1 grants get on Secrets: every value in the namespace"]);
    });
    test("get without resourceNames", () => {
        expect(run(role([rule({ resourceNames: undefined })]))).toEqual(["rule 1 grants get on every Secret in the namespace; name them in resourceNames"]);
        expect(run(role([rule({ resourceNames: [] })]))).toHaveLength(1);
    });
    test("any ClusterRole reaching secrets", () => {
        expect(run(role([rule({})], "ClusterRole"))).toEqual(["rule 1 of a ClusterRole reaches Secrets in every namespace; use a Role in the consumer's namespace"]);
    });
    test("unknown: no violation", () => {
        expect(run(role(WIRE_UNKNOWN))).toEqual([]);
        expect(run(role([rule({ resources: WIRE_UNKNOWN, verbs: ["list"] })]))).toEqual([]);
        expect(run(role([rule({ apiGroups: WIRE_UNKNOWN, verbs: ["list"] })]))).toEqual([]);
        expect(run(role([rule({ verbs: WIRE_UNKNOWN })]))).toEqual([]);
        expect(run(role([rule({ verbs: [WIRE_UNKNOWN, "list"] })]))).toEqual([]);
        expect(run(role([rule({ resourceNames: WIRE_UNKNOWN })]))).toEqual([]);
    });
});

describe("k8s-rolebinding-subjects", () => {
    const binding = (subjects: unknown, kind = "RoleBinding", namespace: unknown = "shop-prod"): Res => ({
        type: `${RBAC}:${kind}`, props: { metadata: { name: "api", namespace }, roleRef: { kind: "Role", name: "api" }, subjects },
    });
    const sa = (name: unknown, namespace: unknown = "shop-prod") => ({ kind: "ServiceAccount", name, namespace });
    const run = (r: Res, config = {}) => violations(k8sRolebindingSubjects, r, config);

    test("baseline: ServiceAccounts of the binding's namespace", () => {
        expect(run(binding([sa("api"), sa("web")]))).toEqual([]);
        expect(run(binding([{ kind: "ServiceAccount", name: "api" }]))).toEqual([]);
        expect(run(binding([{ kind: "Group", name: "ops", apiGroup: "rbac.authorization.k8s.io" }], "ClusterRoleBinding", undefined))).toEqual([]);
    });
    test("everyone", () => {
        expect(run(binding([{ kind: "Group", name: "system:authenticated" }]))).toEqual(["binds Group system:authenticated: every such caller gets the role"]);
        expect(run(binding([{ kind: "Group", name: "system:unauthenticated" }], "ClusterRoleBinding"))).toEqual(["binds Group system:unauthenticated: every such caller gets the role"]);
        expect(run(binding([{ kind: "User", name: "system:anonymous" }]))).toEqual(["binds User system:anonymous: every such caller gets the role"]);
        expect(run(binding([{ kind: "User", name: "intruder" }], "ClusterRoleBinding"), { forbiddenSubjects: ["intruder"] })).toHaveLength(1);
    });
    test("users, groups, and ServiceAccounts of another namespace", () => {
        expect(run(binding([{ kind: "User", name: "alice" }]))).toEqual(['binds User "alice": a RoleBinding may bind only ServiceAccounts']);
        expect(run(binding([sa("api"), sa("robot", "ci")]))).toEqual(["binds ServiceAccount ci/robot of another namespace than the binding's (shop-prod)"]);
    });
    test("unknown: no violation", () => {
        expect(run(binding(WIRE_UNKNOWN))).toEqual([]);
        expect(run(binding([sa(WIRE_UNKNOWN)]))).toEqual([]);
        expect(run(binding([sa("api", WIRE_UNKNOWN)]))).toEqual([]);
        expect(run(binding([sa("api")], "RoleBinding", WIRE_UNKNOWN))).toEqual([]);
        expect(run(binding([{ kind: WIRE_UNKNOWN, name: "x" }]))).toEqual([]);
    });
});

describe("k8s-secret-namespace", () => {
    const secret = (metadata: unknown, type = "kubernetes:core/v1:Secret", provider?: Record<string, unknown>): Res => ({ type, props: { metadata, stringData: {} }, provider });
    const run = (r: Res, config = {}) => violations(k8sSecretNamespace, r, config);

    test("baseline: the consumer's namespace", () => {
        expect(run(secret({ name: "api", namespace: "shop-prod" }))).toEqual([]);
        expect(run(secret({ name: "api" }, "kubernetes:core/v1:Secret", { namespace: "shop-prod" }))).toEqual([]);
        expect(run(secret({ namespace: "default" }, "kubernetes:core/v1:ConfigMap"))).toEqual([]);
    });
    test("default, named or implied", () => {
        expect(run(secret({ name: "api", namespace: "default" }))).toEqual(['Secret in the "default" namespace; put it in its consumer\'s namespace']);
        expect(run(secret({ name: "api" }))).toEqual(['Secret in the "default" namespace (no metadata.namespace); put it in its consumer\'s namespace']);
        expect(run(secret({ name: "api", namespace: "" }))).toHaveLength(1);
        expect(run(secret({ namespace: "default" }, "kubernetes:external-secrets.io/v1beta1:ExternalSecret"))).toHaveLength(1);
        expect(run(secret({ namespace: "default" }, "kubernetes:external-secrets.io/v1:ExternalSecret"))).toHaveLength(1);
        expect(run(secret({ namespace: "kube-system" }), { forbiddenNamespaces: ["kube-system"] })).toEqual(['Secret in the "kube-system" namespace; put it in its consumer\'s namespace']);
    });
    test("unknown: no violation", () => {
        expect(run(secret(WIRE_UNKNOWN))).toEqual([]);
        expect(run(secret({ namespace: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(secret({ name: "api" }, "kubernetes:core/v1:Secret", { namespace: WIRE_UNKNOWN }))).toEqual([]);
    });
});

describe("k8s-configmap-secret-data", () => {
    const configMap = (data: unknown): Res => ({ type: "kubernetes:core/v1:ConfigMap", props: { metadata: { namespace: "shop-prod" }, data } });
    const run = (r: Res, config = {}) => violations(k8sConfigmapSecretData, r, config);
    // Obviously fake: the alphabet in order, long enough to look random by entropy alone.
    const RANDOM_LOOKING = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789";

    test("baseline: plain configuration", () => {
        expect(run(configMap({ LOG_LEVEL: "info", DATABASE_HOST: "db.shop-prod.svc.cluster.local", GREETING: "a sentence with spaces that is long enough to judge" }))).toEqual([]);
        expect(run(configMap({ FEATURE_FLAGS: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }))).toEqual([]);
    });
    test("secret-looking key names", () => {
        expect(run(configMap({ DB_PASSWORD: "x" }))).toEqual(['key "DB_PASSWORD" names a secret; ConfigMaps are not for secrets']);
        for (const key of ["api_key", "STRIPE_APIKEY", "SESSION_SECRET", "AUTH_TOKEN", "TLS_PRIVATE_KEY", "CREDENTIALS", "passwd"]) {
            expect(run(configMap({ [key]: "x" }))).toHaveLength(1);
        }
        expect(run(configMap({ DB_PASSWORD: "x" }), { keyPattern: "^NOPE$" })).toEqual([]);
    });
    test("high-entropy values", () => {
        expect(run(configMap({ BLOB: RANDOM_LOOKING }))).toEqual(['value of key "BLOB" looks randomly generated (5.5 bits per character); ConfigMaps are not for secrets']);
        expect(run(configMap({ BLOB: RANDOM_LOOKING.slice(0, 20) }))).toEqual([]);
        expect(run(configMap({ BLOB: RANDOM_LOOKING.slice(0, 20) }), { entropyMinLength: 20 })).toHaveLength(1);
        expect(run(configMap({ BLOB: RANDOM_LOOKING }), { entropyBitsPerChar: 6 })).toEqual([]);
    });
    test("unknown: no violation", () => {
        expect(run(configMap(WIRE_UNKNOWN))).toEqual([]);
        expect(run(configMap({ BLOB: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(configMap(undefined))).toEqual([]);
    });
});
