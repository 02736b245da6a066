import type { PolicyResource } from "@pulumi/policy";
import { statementLabel } from "../../policies/lib/iam";
import { BUILTIN_SECRET_READERS, boundClusterRole, clusterRolesByName, coversCoreGroup, coversResource, coversSecrets, knownRules, namespaceOf } from "../../policies/lib/rbac";
import { secretLabel, secretOf } from "../../policies/lib/secretsManager";
import { AWS_SECRET, K8S_CLUSTER_ROLE } from "../../policies/lib/types";
import { UNKNOWN_INPUT } from "../../policies/lib/values";
import { WIRE_UNKNOWN } from "./harness";

/**
 * The readers several rules share, case by case: RBAC rules and bindings, the secret a
 * `secretId` names, how a statement is named. A mistake here is a mistake in every rule using it.
 */

const resource = (type: string, props: Record<string, unknown>, extra: Partial<PolicyResource> = {}): PolicyResource =>
    ({ type, props, urn: `urn:pulumi:test::proj::${type}::${extra.name ?? "r"}`, name: "r", ...extra }) as PolicyResource;

describe("namespaceOf: where a namespaced object lands", () => {
    const at = (metadata: unknown, providerNamespace?: unknown) =>
        namespaceOf({ props: { metadata }, ...(providerNamespace !== undefined ? { provider: { props: { namespace: providerNamespace } } } : {}) });
    test("metadata.namespace, else the provider's namespace, else default", () => {
        expect(at({ namespace: "team" })).toBe("team");
        expect(at({ namespace: "team" }, "from-provider")).toBe("team");
        expect(at({}, "from-provider")).toBe("from-provider");
        expect(at({ namespace: "" }, "from-provider")).toBe("from-provider");
        expect(at({ namespace: 3 }, "from-provider")).toBe("from-provider");
        expect(at({})).toBe("default");
        expect(at({}, "")).toBe("default");
        expect(at({}, 7)).toBe("default");
        expect(at(undefined)).toBe("default");
        expect(namespaceOf({ props: {}, provider: { props: undefined } })).toBe("default");
    });
    test("unknown when a preview cannot tell; a known namespace wins over an unknown provider", () => {
        expect(at(WIRE_UNKNOWN)).toBe(UNKNOWN_INPUT);
        expect(at({ namespace: WIRE_UNKNOWN }, "from-provider")).toBe(UNKNOWN_INPUT);
        expect(at({}, WIRE_UNKNOWN)).toBe(UNKNOWN_INPUT);
        expect(at({ namespace: "" }, WIRE_UNKNOWN)).toBe(UNKNOWN_INPUT);
        expect(at({ namespace: "team" }, WIRE_UNKNOWN)).toBe("team");
    });
});

describe("RBAC rules", () => {
    test("the core group is \"\" or *", () => {
        expect(coversCoreGroup({ apiGroups: [""] })).toBe(true);
        expect(coversCoreGroup({ apiGroups: ["apps", "*"] })).toBe(true);
        expect(coversCoreGroup({ apiGroups: ["apps"] })).toBe(false);
        expect(coversCoreGroup({})).toBe(false);
    });
    test("a rule reaches Secrets through the core group and secrets or *", () => {
        expect(coversSecrets({ apiGroups: [""], resources: ["secrets"] })).toBe(true);
        expect(coversSecrets({ apiGroups: ["*"], resources: ["pods", "*"] })).toBe(true);
        expect(coversSecrets({ apiGroups: [""], resources: ["configmaps"] })).toBe(false);
        expect(coversSecrets({ apiGroups: ["apps"], resources: ["secrets"] })).toBe(false);
        expect(coversSecrets({ apiGroups: ["apps"], resources: ["*"] })).toBe(false);
    });
    test("resources match exactly, by *, or by */<subresource>", () => {
        expect(coversResource({ resources: ["pods"] }, "pods")).toBe(true);
        expect(coversResource({ resources: ["*"] }, "pods/exec")).toBe(true);
        expect(coversResource({ resources: ["*/exec"] }, "pods/exec")).toBe(true);
        expect(coversResource({ resources: ["pods/exec"] }, "pods/exec")).toBe(true);
        expect(coversResource({ resources: ["*/exec"] }, "pods")).toBe(false);
        expect(coversResource({ resources: ["*/log"] }, "pods/exec")).toBe(false);
        expect(coversResource({ resources: ["pods"] }, "pods/exec")).toBe(false);
        expect(coversResource({ resources: ["pods/exec"] }, "pods")).toBe(false);
        expect(coversResource({ resources: ["deployments/exec"] }, "pods/exec")).toBe(false);
        expect(coversResource({}, "pods")).toBe(false);
    });
    test("known rules keep their 1-based position; rules with an unknown group, resource or verb are left out", () => {
        const rules = [
            { apiGroups: [""], resources: ["secrets"], verbs: ["get"] },
            { apiGroups: [UNKNOWN_INPUT], resources: ["secrets"], verbs: ["get"] },
            { apiGroups: [""], resources: [UNKNOWN_INPUT], verbs: ["get"] },
            { apiGroups: [""], resources: ["secrets"], verbs: UNKNOWN_INPUT },
            "not a rule",
        ];
        expect(knownRules({ rules })).toEqual([
            { at: "rule 1", rule: rules[0] },
            { at: "rule 5", rule: {} },
        ]);
        expect(knownRules({ rules: UNKNOWN_INPUT })).toEqual([]);
        expect(knownRules({})).toEqual([]);
    });
    test("the built-in roles that read Secrets", () => {
        expect(BUILTIN_SECRET_READERS).toEqual(["cluster-admin", "admin", "edit"]);
    });
});

describe("ClusterRoles and the bindings that name them", () => {
    test("ClusterRoles by their known name; every one of a name kept; unnamed ones and other kinds left out", () => {
        const a1 = resource(K8S_CLUSTER_ROLE, { metadata: { name: "reader" } }, { name: "a1" });
        const a2 = resource(K8S_CLUSTER_ROLE, { metadata: { name: "reader" } }, { name: "a2" });
        const b = resource(K8S_CLUSTER_ROLE, { metadata: { name: "writer" } }, { name: "b" });
        const unnamed = resource(K8S_CLUSTER_ROLE, { metadata: {} }, { name: "u" });
        const unknown = resource(K8S_CLUSTER_ROLE, { metadata: { name: WIRE_UNKNOWN } }, { name: "x" });
        const role = resource("kubernetes:rbac.authorization.k8s.io/v1:Role", { metadata: { name: "reader" } }, { name: "r" });
        const byName = clusterRolesByName([a1, role, unnamed, b, a2, unknown]);
        expect([...byName.keys()]).toEqual(["reader", "writer"]);
        expect(byName.get("reader")).toEqual([a1, a2]);
        expect(byName.get("writer")).toEqual([b]);
    });
    test("a binding's ClusterRole: only kind ClusterRole with a known name", () => {
        const binding = (roleRef: unknown) => resource("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", { roleRef });
        expect(boundClusterRole(binding({ kind: "ClusterRole", name: "edit" }))).toBe("edit");
        expect(boundClusterRole(binding({ kind: "Role", name: "edit" }))).toBeUndefined();
        expect(boundClusterRole(binding({ kind: "ClusterRole", name: WIRE_UNKNOWN }))).toBeUndefined();
        expect(boundClusterRole(binding(undefined))).toBeUndefined();
    });
});

describe("the secret a secretId names (secretsManager.secretOf)", () => {
    const ARN = "arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/app/key-AbCdEf";
    const named = resource(AWS_SECRET, { name: "prod/app/key", arn: ARN, id: ARN }, { name: "named" });
    const other = resource(AWS_SECRET, { name: "prod/app/other" }, { name: "other" });
    const byId = (secretId: unknown, extra: Partial<PolicyResource> = {}) =>
        secretOf(resource("aws:secretsmanager/secretRotation:SecretRotation", { secretId }, extra), [other, named]);
    test("by id, ARN or name; an ARN by its name with or without AWS's 6-character suffix", () => {
        expect(byId(ARN)).toBe(named);
        expect(byId("prod/app/key")).toBe(named);
        expect(byId("arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/app/key")).toBe(named);
        expect(byId("arn:aws:secretsmanager:us-west-2:111111111111:secret:prod/app/key-ZyXwVu")).toBe(named);
        expect(byId("arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/app/other-123456")).toBe(other);
    });
    test("no match: another name, a suffix that is not 6 characters, a name that only starts alike", () => {
        expect(byId("prod/app")).toBeUndefined();
        expect(byId("arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/app/key-AbCdE")).toBeUndefined();
        expect(byId("arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/app/key-AbCdEfG")).toBeUndefined();
        expect(byId("arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/app/keyAbCdEf")).toBeUndefined();
        expect(byId("arn:aws:ssm:us-east-1:111111111111:parameter/prod/app/key")).toBeUndefined();
        expect(secretOf(resource("x", { secretId: "prod/app/key" }), [resource(AWS_SECRET, { name: 5, arn: 6 })])).toBeUndefined();
        expect(secretOf(resource("x", { secretId: "arn:aws:secretsmanager:r:1:secret:n-AbCdEf" }), [resource(AWS_SECRET, {})])).toBeUndefined();
    });
    test("unknown in a preview, or not a string", () => {
        expect(byId(WIRE_UNKNOWN)).toBe(UNKNOWN_INPUT);
        expect(byId(undefined)).toBeUndefined();
        expect(byId(42)).toBeUndefined();
    });
    test("a property dependency on a secret wins over the id; a dependency outside the list is returned as it is", () => {
        const dependency = (urn: string, type = AWS_SECRET) => ({ propertyDependencies: { secretId: [{ urn, type, name: "d" }] } }) as unknown as Partial<PolicyResource>;
        expect(byId(WIRE_UNKNOWN, dependency(named.urn))).toBe(named);
        expect(byId("prod/app/other", dependency(named.urn))).toBe(named);
        expect(byId(WIRE_UNKNOWN, dependency("urn:elsewhere"))).toEqual({ urn: "urn:elsewhere", type: AWS_SECRET, name: "d" });
        // A dependency on something that is not a secret (a KMS key, say) says nothing.
        expect(byId("prod/app/key", dependency(other.urn, "aws:kms/key:Key"))).toBe(named);
    });
    test("a secret is named by its name, else its resource name", () => {
        expect(secretLabel(named)).toBe("prod/app/key");
        expect(secretLabel(resource(AWS_SECRET, { name: WIRE_UNKNOWN }, { name: "by-resource" }))).toBe("by-resource");
    });
});

describe("statementLabel", () => {
    test("the Sid, else the position from 1", () => {
        expect(statementLabel({ Sid: "Read" }, 0)).toBe("statement Read");
        expect(statementLabel({ Sid: "" }, 2)).toBe("statement 3");
        expect(statementLabel({ Sid: 5 }, 0)).toBe("statement 1");
        expect(statementLabel({}, 1)).toBe("statement 2");
    });
});
