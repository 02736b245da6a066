import { k8sClusterRoleBindingSecrets } from "../../policies/rules/k8s-cluster-role-binding-secrets";
import { k8sConfigmapSecretData } from "../../policies/rules/k8s-configmap-secret-data";
import { k8sPodCreateSecretNamespace } from "../../policies/rules/k8s-pod-create-secret-namespace";
import { k8sRolebindingSubjects } from "../../policies/rules/k8s-rolebinding-subjects";
import { k8sSecretNamespace } from "../../policies/rules/k8s-secret-namespace";
import { k8sSecretRbacLeastPrivilege } from "../../policies/rules/k8s-secret-rbac-least-privilege";
import { Res, WIRE_UNKNOWN, stackViolations, violations } from "./harness";

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
    test("the entropy threshold is inclusive", () => {
        // 16 letters twice over: exactly 4 bits per character.
        const fourBits = "abcdefghijklmnop".repeat(2);
        expect(run(configMap({ BLOB: fourBits }))).toEqual([]);
        expect(run(configMap({ BLOB: fourBits }), { entropyBitsPerChar: 4 })).toEqual(['value of key "BLOB" looks randomly generated (4.0 bits per character); ConfigMaps are not for secrets']);
        expect(run(configMap({ BLOB: fourBits }), { entropyBitsPerChar: 4.01 })).toEqual([]);
    });
    test("unknown: no violation", () => {
        expect(run(configMap(WIRE_UNKNOWN))).toEqual([]);
        expect(run(configMap({ BLOB: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(configMap(undefined))).toEqual([]);
    });
});

/** RBAC objects as a stack declares them, for the stack policies. */
const clusterRole = (name: unknown, rules: unknown, resource = "reader"): Res => ({ type: `${RBAC}:ClusterRole`, name: resource, props: { metadata: name === undefined ? {} : { name }, rules } });
const bindingTo = (kind: string, roleName: unknown, resource: string, metadata: unknown = { name: resource }, provider?: Record<string, unknown>): Res => ({
    type: `${RBAC}:${kind}`, name: resource, provider,
    props: { metadata, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: roleName }, subjects: [{ kind: "ServiceAccount", name: "api", namespace: "shop-prod" }] },
});

describe("k8s-cluster-role-binding-secrets", () => {
    const reads = (r: Record<string, unknown> = {}) => ({ apiGroups: [""], resources: ["secrets"], verbs: ["get"], ...r });
    const stack = (rules: unknown, roleRef: unknown = "secret-reader", roleName: unknown = "secret-reader"): Res[] => [
        clusterRole(roleName, rules), bindingTo("ClusterRoleBinding", roleRef, "api-reader"),
    ];
    const run = (resources: Res[], config = {}) => stackViolations(k8sClusterRoleBindingSecrets, resources, config);
    const message = (verbs: string, name = "secret-reader") =>
        `binds ClusterRole "${name}", which reads Secrets (${verbs}) in every namespace; bind a namespaced Role that names its Secrets in resourceNames @ api-reader`;

    test("baseline: a bound ClusterRole that does not read Secrets; a Secret-reading ClusterRole bound only in a namespace", () => {
        expect(run(stack([{ apiGroups: [""], resources: ["pods", "configmaps"], verbs: ["get", "list"] }, { apiGroups: ["apps"], resources: ["*"], verbs: ["*"] }]))).toEqual([]);
        expect(run(stack([reads({ verbs: ["create", "update", "delete"] })]))).toEqual([]);
        expect(run([clusterRole("secret-reader", [reads()]), bindingTo("RoleBinding", "secret-reader", "api-reader", { name: "api-reader", namespace: "shop-prod" })])).toEqual([]);
    });
    test("a ClusterRoleBinding to a stack ClusterRole that reads Secrets", () => {
        expect(run(stack([reads()]))).toEqual([message("get")]);
        expect(run(stack([{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }, reads({ verbs: ["list", "watch"], resourceNames: ["api"] })]))).toEqual([message("list, watch")]);
        expect(run(stack([reads({ apiGroups: ["*"], resources: ["*"], verbs: ["*"] })]))).toEqual([message("*")]);
        expect(run(stack([reads({ verbs: ["get"] }), reads({ verbs: ["get", "list"] })]))).toEqual([message("get, list")]);
        expect(run(stack([reads({ verbs: ["patch"] })]), { readVerbs: ["patch"] })).toEqual([message("patch")]);
        expect(run([...stack([reads()]), clusterRole("secret-reader", [reads({ verbs: ["get", "watch"] })], "reader-again")])).toEqual([message("get, watch")]);
    });
    test("built-in roles, accepted roles, roles the stack does not declare: not judged", () => {
        expect(run(stack([reads()], "edit", "edit"))).toEqual([]);
        expect(run(stack([reads()], "cluster-admin", "cluster-admin"))).toEqual([]);
        expect(run(stack([reads()]), { allowedRoles: ["secret-reader"] })).toEqual([]);
        expect(run(stack([reads()], "other-reader"))).toEqual([]);
        expect(run([clusterRole(undefined, [reads()]), bindingTo("ClusterRoleBinding", "reader", "api-reader")])).toEqual([]);
    });
    test("unknown: no violation", () => {
        expect(run(stack([reads()], WIRE_UNKNOWN))).toEqual([]);
        expect(run(stack([reads()], "secret-reader", WIRE_UNKNOWN))).toEqual([]);
        expect(run(stack(WIRE_UNKNOWN))).toEqual([]);
        expect(run(stack([reads({ verbs: WIRE_UNKNOWN })]))).toEqual([]);
        expect(run(stack([reads({ resources: [WIRE_UNKNOWN] })]))).toEqual([]);
        expect(run(stack([reads({ apiGroups: WIRE_UNKNOWN })]))).toEqual([]);
    });
});

describe("k8s-pod-create-secret-namespace", () => {
    const secretIn = (metadata: unknown, type = "kubernetes:core/v1:Secret", provider?: Record<string, unknown>): Res => ({ type, name: "api-secrets", props: { metadata, stringData: {} }, provider });
    const role = (rules: unknown, metadata: unknown = { name: "deployer", namespace: "shop-prod" }, provider?: Record<string, unknown>): Res => ({ type: `${RBAC}:Role`, name: "deployer", props: { metadata, rules }, provider });
    const pods = (r: Record<string, unknown> = {}) => ({ apiGroups: [""], resources: ["pods"], verbs: ["create"], ...r });
    const SECRET = secretIn({ name: "api-secrets", namespace: "shop-prod" });
    const run = (resources: Res[], config = {}) => stackViolations(k8sPodCreateSecretNamespace, resources, config);
    const inShop = 'in namespace "shop-prod", which holds Secrets';
    const mount = "a pod it creates can mount any of them";
    const pod = `rule 1 grants create on pods ${inShop}: ${mount} @ deployer`;

    test("baseline: no pod access where Secrets live; pod access where none do", () => {
        expect(run([SECRET, role([{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["create", "update"] }, pods({ verbs: ["get", "list", "delete"] }), pods({ resources: ["pods/log"], verbs: ["get"] })])])).toEqual([]);
        expect(run([SECRET, role([pods({ apiGroups: ["batch"], resources: ["*"] })])])).toEqual([]);
        expect(run([SECRET, role([pods()], { name: "deployer", namespace: "ci" })])).toEqual([]);
        expect(run([role([pods()])])).toEqual([]);
        expect(run([clusterRole("pod-runner", [pods()]), bindingTo("ClusterRoleBinding", "pod-runner", "runner")])).toEqual([]);
        expect(run([SECRET, clusterRole("pod-runner", [pods()]), bindingTo("RoleBinding", "pod-runner", "runner", { name: "runner", namespace: "ci" })])).toEqual([]);
    });
    test("a Role in a namespace holding Secrets", () => {
        expect(run([SECRET, role([pods()])])).toEqual([pod]);
        expect(run([SECRET, role([{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }, pods({ apiGroups: ["*"], resources: ["*"], verbs: ["*"] })])]))
            .toEqual([`rule 2 grants create on pods ${inShop}: ${mount} @ deployer`]);
        expect(run([SECRET, role([pods({ resources: ["pods/exec"], verbs: ["get", "create"] })])]))
            .toEqual([`rule 1 grants create, get on pods/exec ${inShop}: a command it runs in a pod reads the Secrets the pod mounts @ deployer`]);
        expect(run([SECRET, role([pods({ resources: ["*/attach"], verbs: ["get"] })])]))
            .toEqual([`rule 1 grants get on pods/attach ${inShop}: attached to a pod it reads the Secrets the pod mounts @ deployer`]);
        expect(run([SECRET, role([pods({ resources: ["pods/ephemeralcontainers"], verbs: ["patch"] })])]))
            .toEqual([`rule 1 grants patch on pods/ephemeralcontainers ${inShop}: a container it adds to a pod reads the Secrets the pod mounts @ deployer`]);
    });
    test("the namespace: an ExternalSecret's; the provider's, else default", () => {
        expect(run([secretIn({ name: "api", namespace: "shop-prod" }, "kubernetes:external-secrets.io/v1:ExternalSecret"), role([pods()])])).toEqual([pod]);
        expect(run([secretIn({ name: "api" }, "kubernetes:core/v1:Secret", { namespace: "shop-prod" }), role([pods()])])).toEqual([pod]);
        expect(run([SECRET, role([pods()], { name: "deployer" }, { namespace: "shop-prod" })])).toEqual([pod]);
        expect(run([secretIn({ name: "api" }), role([pods()], { name: "deployer", namespace: "default" })]))
            .toEqual([`rule 1 grants create on pods in namespace "default", which holds Secrets: ${mount} @ deployer`]);
    });
    test("a ClusterRole bound in a namespace holding Secrets, or cluster-wide", () => {
        const runner = clusterRole("pod-runner", [pods()]);
        expect(run([SECRET, runner, bindingTo("RoleBinding", "pod-runner", "runner", { name: "runner", namespace: "shop-prod" })]))
            .toEqual([`binds ClusterRole "pod-runner", whose rule 1 grants create on pods ${inShop}: ${mount} @ runner`]);
        expect(run([SECRET, runner, bindingTo("RoleBinding", "pod-runner", "runner", { name: "runner" }, { namespace: "shop-prod" })])).toHaveLength(1);
        expect(run([SECRET, secretIn({ name: "web", namespace: "shop-dev" }), runner, bindingTo("ClusterRoleBinding", "pod-runner", "runner")]))
            .toEqual([`binds ClusterRole "pod-runner", whose rule 1 grants create on pods in every namespace, "shop-dev", "shop-prod" among them, which hold Secrets: ${mount} @ runner`]);
        expect(run([SECRET, runner, bindingTo("ClusterRoleBinding", "pod-runner", "runner")]))
            .toEqual([`binds ClusterRole "pod-runner", whose rule 1 grants create on pods in every namespace, "shop-prod" among them, which holds Secrets: ${mount} @ runner`]);
    });
    test("accepted roles, roles the stack does not declare: not judged", () => {
        expect(run([SECRET, role([pods()])], { allowedRoles: ["deployer"] })).toEqual([]);
        expect(run([SECRET, clusterRole("pod-runner", [pods()]), bindingTo("ClusterRoleBinding", "pod-runner", "runner")], { allowedRoles: ["pod-runner"] })).toEqual([]);
        expect(run([SECRET, bindingTo("ClusterRoleBinding", "edit", "runner")])).toEqual([]);
    });
    test("unknown: no violation", () => {
        expect(run([secretIn({ name: "api", namespace: WIRE_UNKNOWN }), role([pods()])])).toEqual([]);
        expect(run([SECRET, role([pods()], { name: "deployer", namespace: WIRE_UNKNOWN })])).toEqual([]);
        expect(run([SECRET, role([pods()], WIRE_UNKNOWN)])).toEqual([]);
        expect(run([SECRET, role([pods()], { name: "deployer" }, { namespace: WIRE_UNKNOWN })])).toEqual([]);
        expect(run([SECRET, role(WIRE_UNKNOWN)])).toEqual([]);
        expect(run([SECRET, role([pods({ verbs: WIRE_UNKNOWN })])])).toEqual([]);
        expect(run([SECRET, role([pods({ resources: [WIRE_UNKNOWN, "pods"] })])])).toEqual([]);
        expect(run([SECRET, clusterRole("pod-runner", [pods()]), bindingTo("RoleBinding", "pod-runner", "runner", { name: "runner", namespace: WIRE_UNKNOWN })])).toEqual([]);
        expect(run([SECRET, clusterRole("pod-runner", [pods()]), bindingTo("ClusterRoleBinding", WIRE_UNKNOWN, "runner")])).toEqual([]);
    });
});
