import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { formatHuman } from "../../offline/human";
import { TYPES, accessSection, secretOfKey } from "../../offline/access";
import { pathRules } from "../../policies/lib/hcl";
import { RecordedResource, RegistrationRecorder, WIRE_UNKNOWN } from "../../offline/recorder";
import type { CheckReport, ReportSecret } from "../../offline/report";
import { REPO, runCheck } from "./run";

jest.setTimeout(180_000);

/** The intended grants of prod, computed from Pulumi.prod.yaml independently of the module. */
function intendedProdGrants(present: Set<string>): string[] {
    const config = parse(fs.readFileSync(path.join(REPO, "Pulumi.prod.yaml"), "utf8")).config;
    const consumers: Record<string, { namespace: string; serviceAccount: string; awsRoleName?: string }> = config["platform-secrets:consumers"];
    const secrets: Record<string, { consumers?: string[] }> = config["platform-secrets:secrets"];
    const grants: string[] = [];
    const readerOf = new Map<string, Set<string>>();
    for (const [name, secret] of Object.entries(secrets)) {
        if (!present.has(name)) continue;
        for (const c of secret.consumers ?? []) {
            const { namespace, serviceAccount, awsRoleName } = consumers[c];
            grants.push(`kubernetes:${namespace}/${serviceAccount} ${name} get via kubernetes:rbac.authorization.k8s.io/v1:Role`);
            grants.push(`kubernetes:${namespace}/${serviceAccount} ${name} read via vault:index/policy:Policy`);
            if (awsRoleName) grants.push(`aws:role/${awsRoleName} ${name} secretsmanager:DescribeSecret,secretsmanager:GetSecretValue via aws:iam/policy:Policy`);
            readerOf.set(namespace, new Set([...(readerOf.get(namespace) ?? []), name]));
        }
    }
    // The operator's reader of each namespace reads (from Vault, the prod source) what that namespace's consumers read.
    for (const [namespace, names] of readerOf) {
        for (const name of names) grants.push(`kubernetes:${namespace}/platform-secrets-reader ${name} read via vault:index/policy:Policy`);
    }
    return grants.sort();
}

describe("check --stack prod --json: access", () => {
    let report: CheckReport;
    beforeAll(async () => {
        const run = await runCheck(["--stack", "prod", "--json"]);
        expect(run.status).toBe(0);
        report = JSON.parse(run.stdout);
    });

    test("lists exactly the intended grants, each via the resource that grants it", () => {
        const typeOf = new Map(report.resources.map((r) => [r.urn, r.type]));
        const actual = report.access.map((g) => `${g.principal} ${g.secret} ${g.actions.join(",")} via ${typeOf.get(g.via)}`).sort();
        expect(actual).toEqual(intendedProdGrants(new Set(report.secrets.map((s) => s.name))));
        expect(actual).toHaveLength(69);
    });

    test("secrets[].kubernetes names each consumer's Secret", () => {
        const byName = (n: string) => report.secrets.find((s) => s.name === n)!;
        expect(byName("DATABASE_PASSWORD").kubernetes).toEqual([
            { namespace: "shop-prod", secretName: "api-secrets", key: "DATABASE_PASSWORD" },
            { namespace: "shop-prod", secretName: "worker-secrets", key: "DATABASE_PASSWORD" },
            { namespace: "shop-prod", secretName: "admin-secrets", key: "DATABASE_PASSWORD" },
        ]);
        expect(byName("PAGERDUTY_ROUTING_KEY").kubernetes).toEqual([{ namespace: "monitoring-prod", secretName: "alertmanager-secrets", key: "PAGERDUTY_ROUTING_KEY" }]);
    });

    test("the human output shows principals by secrets", () => {
        const text = formatHuman(report, REPO);
        expect(text).toContain("Access (69 grants; k = Kubernetes RBAC get, v = Vault read, a = AWS IAM read):");
        expect(text).toContain("\n    1  JWT_SECRET_KEY\n");
        expect(text).toMatch(/^ {2}aws:role\/shop-prod-web +a {2}a {2}a {2}\. {2}\. {2}a {2}\. {2}\. {2}\. {2}\. {2}\. {2}\.$/m);
        expect(text).toMatch(/^ {2}kubernetes:monitoring-prod\/alertmanager +\. {2}\. {2}\. {2}\. {2}\. {2}\. {2}\. {2}\. {2}\. {2}\. {2}\. kv$/m);
    });
});

/** Grants are read from resources, whoever wrote them: hand-written, broader resources show as broader grants. */
describe("derivation from resources", () => {
    let n = 0;
    function resource(type: string, inputs: Record<string, unknown>): RecordedResource {
        return { urn: `urn:pulumi:t::p::${type}::r${n++}`, type, name: `r${n}`, custom: true, parent: null, provider: null, protect: false, retainOnDelete: false, ignoreChanges: [], additionalSecretOutputs: [], wireInputs: inputs };
    }
    function secret(name: string, vault: { mount: string; path: string } | null, aws: { name: string; region: string } | null): ReportSecret {
        return { name, kind: "token", criticality: "high", consumers: [], resources: [], stores: { vault, aws }, kubernetes: [], rotation: null };
    }
    function derive(resources: RecordedResource[], secrets: ReportSecret[]) {
        const recorder = new RegistrationRecorder();
        recorder.resources.push(...resources);
        const report = { project: "p", stack: "t", environment: "t", resources: [], secrets, access: [], violations: [] } as CheckReport;
        accessSection({ recorder } as any, report);
        return report.access.map((g) => `${g.principal} ${g.secret} ${g.actions.join(",")}`);
    }
    const A = secret("A", { mount: "kv", path: "t/x/a" }, { name: "t/x/a", region: "us-east-1" });
    const B = secret("B", { mount: "kv", path: "t/y/b" }, { name: "t/y/b", region: "us-east-1" });

    test("a Role without resourceNames grants every Secret of its namespace", () => {
        const grants = derive([
            resource(TYPES.secret, { metadata: { name: "one", namespace: "ns" }, stringData: { A: "fake" } }),
            resource(TYPES.externalSecret, { metadata: { name: "two", namespace: "ns" }, spec: { target: { name: "two" }, data: [{ secretKey: "B_PREVIOUS" }] } }),
            resource(TYPES.secret, { metadata: { name: "elsewhere", namespace: "other" }, stringData: { B: "fake" } }),
            resource(TYPES.role, { metadata: { name: "all", namespace: "ns" }, rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }] }),
            resource(TYPES.roleBinding, { metadata: { name: "b", namespace: "ns" }, roleRef: { kind: "Role", name: "all" }, subjects: [{ kind: "ServiceAccount", name: "app" }, { kind: "Group", name: "devs" }] }),
        ], [A, B]);
        expect(grants).toEqual(["kubernetes:group/devs A get,list", "kubernetes:group/devs B get,list", "kubernetes:ns/app A get,list", "kubernetes:ns/app B get,list"]);
    });

    test("IAM wildcards and Vault globs cover what they match", () => {
        const grants = derive([
            resource(TYPES.iamPolicy, { name: "broad", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:t/x/*" }] }) }),
            resource(TYPES.iamAttachment, { role: "arn:aws:iam::123456789012:role/app", policyArn: "arn:aws:iam::123456789012:policy/broad" }),
            resource(TYPES.vaultPolicy, { name: "p", policy: `# comment\npath "kv/data/t/+/b" {\n  capabilities = ["read", "list"]\n}\npath "kv/data/t/x/*" { capabilities = ["list"] }` }),
            resource(TYPES.vaultRole, { roleName: "r", boundServiceAccountNames: ["app"], boundServiceAccountNamespaces: ["ns"], tokenPolicies: ["default", "p"] }),
        ], [A, B]);
        expect(grants).toEqual(["aws:role/app A secretsmanager:GetSecretValue", "kubernetes:ns/app B read"]);
    });

    test("NotAction and NotResource grant what they do not list; a nested Vault block still grants", () => {
        const attach = (policy: string) => resource(TYPES.iamAttachment, { role: "arn:aws:iam::123456789012:role/app", policyArn: `arn:aws:iam::123456789012:policy/${policy}` });
        const grants = derive([
            resource(TYPES.iamPolicy, { name: "not-action", policy: JSON.stringify({ Statement: [{ Effect: "Allow", NotAction: ["s3:*", "secretsmanager:Delete*", "secretsmanager:Put*", "secretsmanager:Update*"], Resource: "*" }] }) }),
            attach("not-action"),
            resource(TYPES.iamPolicy, { name: "not-resource", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", NotResource: "arn:aws:secretsmanager:us-east-1:123456789012:secret:t/x/a-AbCdEf" }] }) }),
            resource(TYPES.iamAttachment, { role: "arn:aws:iam::123456789012:role/other", policyArn: "arn:aws:iam::123456789012:policy/not-resource" }),
            resource(TYPES.vaultPolicy, { name: "p", policy: 'path "kv/data/t/x/*" {\n  allowed_parameters = { "version" = [] }\n  capabilities = ["read"]\n}' }),
            resource(TYPES.vaultRole, { roleName: "r", boundServiceAccountNames: ["app"], boundServiceAccountNamespaces: ["ns"], tokenPolicies: ["p"] }),
        ], [A, B]);
        expect(grants).toEqual([
            "aws:role/app A secretsmanager:BatchGetSecretValue,secretsmanager:DescribeSecret,secretsmanager:GetSecretValue",
            "aws:role/app B secretsmanager:BatchGetSecretValue,secretsmanager:DescribeSecret,secretsmanager:GetSecretValue",
            "aws:role/other B secretsmanager:GetSecretValue",
            "kubernetes:ns/app A read",
        ]);
    });

    test("ClusterRoles through RoleBindings (their namespace) and ClusterRoleBindings (every namespace), built-in readers included", () => {
        const secretIn = (name: string, namespace: string, key: string) => resource(TYPES.secret, { metadata: { name, namespace }, stringData: { [key]: "fake" } });
        const grants = derive([
            secretIn("one", "ns", "A"),
            secretIn("two", "other", "B"),
            resource(TYPES.clusterRole, { metadata: { name: "reader" }, rules: [{ apiGroups: [""], resources: ["secrets"], resourceNames: ["one"], verbs: ["get"] }] }),
            resource(TYPES.roleBinding, { metadata: { name: "b1", namespace: "ns" }, roleRef: { kind: "ClusterRole", name: "reader" }, subjects: [{ kind: "ServiceAccount", name: "app" }] }),
            resource(TYPES.roleBinding, { metadata: { name: "b2", namespace: "other" }, roleRef: { kind: "ClusterRole", name: "edit" }, subjects: [{ kind: "ServiceAccount", name: "ci" }] }),
            resource(TYPES.clusterRoleBinding, { metadata: { name: "b3" }, roleRef: { kind: "ClusterRole", name: "cluster-admin" }, subjects: [{ kind: "User", name: "ops" }] }),
            resource(TYPES.clusterRoleBinding, { metadata: { name: "b4" }, roleRef: { kind: "ClusterRole", name: "view" }, subjects: [{ kind: "User", name: "auditor" }] }),
        ], [A, B]);
        expect(grants).toEqual([
            "kubernetes:ns/app A get",
            "kubernetes:other/ci B create,delete,deletecollection,get,list,patch,update,watch",
            "kubernetes:user/ops A *",
            "kubernetes:user/ops B *",
        ]);
    });

    test("IAM: every attachment kind, inline user, group and role policies, and secret resource policies naming principals", () => {
        const read = (arn: string) => JSON.stringify({ Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: arn }] });
        const ARN_A = "arn:aws:secretsmanager:us-east-1:123456789012:secret:t/x/a-AbCdEf";
        const ARN_B = "arn:aws:secretsmanager:us-east-1:123456789012:secret:t/y/b-AbCdEf";
        const grants = derive([
            resource(TYPES.iamPolicy, { name: "pa", policy: read(ARN_A) }),
            resource(TYPES.iamPolicyAttachment, { policyArn: "arn:aws:iam::123456789012:policy/pa", roles: ["r1"], users: ["u1"], groups: ["g1"] }),
            resource(TYPES.iamPolicy, { name: "pb", policy: read(ARN_B) }),
            resource(TYPES.iamUserPolicyAttachment, { policyArn: "arn:aws:iam::123456789012:policy/pb", user: "u2" }),
            resource(TYPES.iamGroupPolicyAttachment, { policyArn: "arn:aws:iam::123456789012:policy/pb", group: "g2" }),
            resource(TYPES.iamUserPolicy, { user: "u3", policy: read(ARN_A) }),
            resource(TYPES.iamGroupPolicy, { group: "g3", policy: read(ARN_B) }),
            resource(TYPES.iamRole, { name: "r2", inlinePolicies: [{ name: "inline", policy: read(ARN_A) }] }),
            resource(TYPES.secretPolicy, { secretArn: ARN_B, policy: JSON.stringify({ Statement: [
                { Effect: "Allow", Principal: { AWS: ["arn:aws:iam::210987654321:root", "arn:aws:iam::123456789012:role/partner"] }, Action: "secretsmanager:GetSecretValue", Resource: "*" },
                { Effect: "Allow", Principal: "*", Action: "secretsmanager:DescribeSecret", Resource: "*" },
                { Effect: "Deny", Principal: "*", Action: "secretsmanager:*", Resource: "*" },
            ] }) }),
        ], [A, B]);
        expect(grants).toEqual([
            "aws:account/210987654321 B secretsmanager:GetSecretValue",
            "aws:group/g1 A secretsmanager:GetSecretValue",
            "aws:group/g2 B secretsmanager:GetSecretValue",
            "aws:group/g3 B secretsmanager:GetSecretValue",
            "aws:role/partner B secretsmanager:GetSecretValue",
            "aws:role/r1 A secretsmanager:GetSecretValue",
            "aws:role/r2 A secretsmanager:GetSecretValue",
            "aws:user/u1 A secretsmanager:GetSecretValue",
            "aws:user/u2 B secretsmanager:GetSecretValue",
            "aws:user/u3 A secretsmanager:GetSecretValue",
            "public B secretsmanager:DescribeSecret",
        ]);
    });

    test("a Secret whose data is not known yet (preview) holds what the ManagedSecrets placed in it", () => {
        const placed = { ...A, kubernetes: [{ namespace: "ns", secretName: "app-secrets", key: "A" }] };
        const grants = derive([
            resource(TYPES.secret, { metadata: { name: "app-secrets", namespace: "ns" }, stringData: WIRE_UNKNOWN }),
            resource(TYPES.role, { metadata: { name: "r", namespace: "ns" }, rules: [{ apiGroups: [""], resources: ["secrets"], resourceNames: ["app-secrets"], verbs: ["get"] }] }),
            resource(TYPES.roleBinding, { metadata: { name: "b", namespace: "ns" }, roleRef: { kind: "Role", name: "r" }, subjects: [{ kind: "ServiceAccount", name: "app", namespace: "ns" }] }),
        ], [placed, B]);
        expect(grants).toEqual(["kubernetes:ns/app A get"]);
    });

    test("keys and policy paths", () => {
        expect(secretOfKey("A_PREVIOUS", new Set(["A"]))).toBe("A");
        expect(secretOfKey("A_PREVIOUS", new Set(["A_PREVIOUS", "A"]))).toBe("A_PREVIOUS");
        expect(secretOfKey("OTHER", new Set(["A"]))).toBeUndefined();
        expect(pathRules(`path "kv/data/a" {\n capabilities = ["read"]\n}`)).toEqual([{ path: "kv/data/a", capabilities: ["read"] }]);
    });
});
