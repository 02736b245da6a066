import { vaultKvVersions } from "../../policies/rules/vault-kv-versions";
import { vaultPolicyLeastPrivilege } from "../../policies/rules/vault-policy-least-privilege";
import { vaultPolicyAdminPaths } from "../../policies/rules/vault-policy-admin-paths";
import { vaultK8sAuthRoleBinding } from "../../policies/rules/vault-k8s-auth-role-binding";
import { Res, WIRE_UNKNOWN, violations } from "./harness";

describe("vault-kv-versions", () => {
    const run = (r: Res, config = {}) => violations(vaultKvVersions, r, config);
    const mount = (props: Record<string, unknown>): Res => ({ type: "vault:index/mount:Mount", props: { path: "kv", type: "kv", options: { version: "2" }, ...props } });
    const backend = (maxVersions: unknown): Res => ({ type: "vault:kv/secretBackendV2:SecretBackendV2", props: { mount: "kv", maxVersions } });
    const entry = (customMetadata: unknown): Res => ({ type: "vault:kv/secretV2:SecretV2", props: { mount: "kv", name: "prod/a/b", customMetadata } });

    test("baseline: KV v2 keeping 2 or more versions", () => {
        expect(run(mount({}))).toEqual([]);
        expect(run(mount({ type: "kv-v2", options: undefined }))).toEqual([]);
        expect(run(backend(2))).toEqual([]);
        expect(run(backend(0))).toEqual([]);
        expect(run(backend(undefined))).toEqual([]);
        expect(run(entry({ maxVersions: 10 }))).toEqual([]);
        expect(run(entry(undefined))).toEqual([]);
        expect(run(mount({ type: "transit", options: undefined }))).toEqual([]);
    });
    test("a KV version 1 mount", () => {
        expect(run(mount({ options: undefined }))).toEqual(["KV mount is version 1 (options.version not set): it keeps no previous versions; use KV v2"]);
        expect(run(mount({ options: { version: "1" } }))).toEqual(["KV mount is version 1: it keeps no previous versions; use KV v2"]);
    });
    test("a single version on the mount or on an entry", () => {
        expect(run(backend(1))).toEqual(["maxVersions is 1: fewer than 2 versions kept, so a rotation leaves no previous value"]);
        expect(run(entry({ maxVersions: 1 }))).toEqual(["customMetadata.maxVersions is 1: fewer than 2 versions kept, so a rotation leaves no previous value"]);
        expect(run(backend(3), { minVersions: 5 })).toEqual(["maxVersions is 3: fewer than 5 versions kept, so a rotation leaves no previous value"]);
    });
    test("unknown: no violation", () => {
        expect(run(mount({ options: WIRE_UNKNOWN }))).toEqual([]);
        expect(run(mount({ options: { version: WIRE_UNKNOWN } }))).toEqual([]);
        expect(run(backend(WIRE_UNKNOWN))).toEqual([]);
        expect(run(entry(WIRE_UNKNOWN))).toEqual([]);
        expect(run(entry({ maxVersions: WIRE_UNKNOWN }))).toEqual([]);
    });
});

describe("vault-policy-least-privilege", () => {
    const run = (policy: unknown) => violations(vaultPolicyLeastPrivilege, { type: "vault:index/policy:Policy", props: { name: "api", policy } });
    const hcl = (path: string, caps = '"read"') => `path "${path}" {\n  capabilities = [${caps}]\n}\n`;

    test("baseline: paths under one environment", () => {
        expect(run(hcl("kv/data/prod/auth/jwt-secret-key") + hcl("kv/metadata/prod/auth/*", '"read", "list"'))).toEqual([]);
        expect(run(hcl("kv/data/prod/*"))).toEqual([]);
        expect(run(hcl("sys/policy/*"))).toEqual([]);
        expect(run(hcl("kv/data"))).toEqual([]);
        expect(run(hcl("*", '"deny"'))).toEqual([]);
    });
    test("a block with nested braces (allowed_parameters) is judged by its capabilities, not read as granting nothing", () => {
        const nested = 'path "kv/data/*" {\n  allowed_parameters = { "version" = [] }\n  capabilities = ["read"]\n}\n';
        expect(run(nested)).toEqual(['path "kv/data/*" grants read on every environment\'s secrets']);
    });
    test("a glob on everything or on a whole mount", () => {
        expect(run(hcl("*"))).toEqual(['path "*" grants read on every environment\'s secrets']);
        expect(run(hcl("kv/*", '"read", "list"'))).toEqual(['path "kv/*" grants read, list on every environment\'s secrets']);
        expect(run(hcl("kv/data/*"))).toEqual(['path "kv/data/*" grants read on every environment\'s secrets']);
        expect(run(hcl("kv/data/pr*"))).toHaveLength(1);
        expect(run(hcl("+/data/prod/x"))).toHaveLength(1);
        expect(run(hcl("kv*"))).toHaveLength(1);
    });
    test("the JSON form of a policy", () => {
        expect(run(JSON.stringify({ path: { "kv/data/*": { capabilities: ["read"] }, "kv/data/prod/a": { capabilities: ["read"] } } })))
            .toEqual(['path "kv/data/*" grants read on every environment\'s secrets']);
        expect(run("{ broken")).toEqual([]);
        expect(run(JSON.stringify({ path: { "*": {} } }))).toEqual([]);
    });
    test("unknown: no violation", () => {
        expect(run(WIRE_UNKNOWN)).toEqual([]);
    });
});

describe("vault-policy-admin-paths", () => {
    const run = (policy: unknown, config = {}, name: unknown = "prod-api") => violations(vaultPolicyAdminPaths, { type: "vault:index/policy:Policy", props: { name, policy } }, config);
    const hcl = (path: string, caps = '"read"') => `path "${path}" {\n  capabilities = [${caps}]\n}\n`;
    const baseline = hcl("kv/data/prod/auth/jwt-secret-key") + hcl("kv/metadata/prod/auth/*", '"read", "list"');

    test("baseline: secret reads, sys/ reads and lists, the token's own endpoints", () => {
        expect(run(baseline)).toEqual([]);
        expect(run(baseline + hcl("sys/mounts", '"read", "list"') + hcl("sys/*", '"deny"'))).toEqual([]);
        expect(run(baseline + hcl("auth/token/lookup-self") + hcl("auth/token/renew-self", '"update"') + hcl("sys/leases/renew", '"update"'))).toEqual([]);
        expect(run(baseline + hcl("auth/kubernetes/role/api", '"read"'))).toEqual([]);
        expect(run(baseline + hcl("kv/data/prod/sys/config", '"create", "update"'))).toEqual([]);
        expect(run(baseline + hcl("sys/policies/acl/x", '"deny", "update"'))).toEqual([]);
        expect(violations(vaultPolicyAdminPaths, { type: "vault:index/mount:Mount", props: { policy: hcl("sys/*", '"sudo"') } })).toEqual([]);
    });
    test("sudo on any path", () => {
        expect(run(baseline + hcl("kv/data/prod/x", '"read", "sudo"'))).toEqual(['path "kv/data/prod/x" grants sudo: sudo is root-equivalent on that path']);
        expect(run(baseline + hcl("sys/leases/renew", '"update", "sudo"'))).toEqual(['path "sys/leases/renew" grants sudo: sudo is root-equivalent on that path']);
    });
    test("writes under sys/", () => {
        expect(run(baseline + hcl("sys/policies/acl/prod-api", '"create", "update", "read"'))).toEqual(['path "sys/policies/acl/prod-api" grants create, update: it administers Vault itself']);
        expect(run(baseline + hcl("sys/mounts/*", '"delete"'))).toEqual(['path "sys/mounts/*" grants delete: it administers Vault itself']);
        expect(run(baseline + hcl("sys/audit/file", '"patch", "list"'))).toEqual(['path "sys/audit/file" grants patch: it administers Vault itself']);
    });
    test("globs that reach sys/ or auth/", () => {
        expect(run(baseline + hcl("+/policies/acl/x", '"update"'))).toEqual(['path "+/policies/acl/x" grants update: it administers Vault itself']);
        expect(run(baseline + hcl("au*", '"create"'))).toEqual(['path "au*" grants create: it can mint tokens or configure auth methods']);
        expect(run(baseline + hcl("kv/+/x", '"update"'))).toEqual([]);
    });
    test("token creation and auth method configuration", () => {
        expect(run(baseline + hcl("auth/token/create", '"create", "update"'))).toEqual(['path "auth/token/create" grants create, update: it can mint tokens or configure auth methods']);
        expect(run(baseline + hcl("auth/token/create/*", '"update"'))).toEqual(['path "auth/token/create/*" grants update: it can mint tokens or configure auth methods']);
        expect(run(baseline + hcl("auth/kubernetes/role/api", '"create", "read"'))).toEqual(['path "auth/kubernetes/role/api" grants create: it can mint tokens or configure auth methods']);
    });
    test("one message per offending path, the JSON form included", () => {
        const doc = JSON.stringify({ path: { "sys/auth/*": { capabilities: ["update"] }, "auth/token/create": { capabilities: ["update", "sudo"] } } });
        expect(run(doc)).toEqual([
            'path "sys/auth/*" grants update: it administers Vault itself',
            'path "auth/token/create" grants sudo: sudo is root-equivalent on that path',
        ]);
    });
    test("exempt policies (allowedPolicies) and self-service paths (selfServicePaths)", () => {
        const admin = hcl("sys/policies/acl/*", '"create", "update", "sudo"');
        expect(run(admin, { allowedPolicies: ["vault-operators"] }, "vault-operators")).toEqual([]);
        expect(run(admin, { allowedPolicies: ["vault-operators"] })).toHaveLength(1);
        expect(run(hcl("sys/tools/random", '"update"'), { selfServicePaths: ["sys/tools/random"] })).toEqual([]);
    });
    test("unknown: no violation", () => {
        expect(run(WIRE_UNKNOWN)).toEqual([]);
        expect(run(hcl("sys/policies/acl/x", '"update"'), { allowedPolicies: ["ops"] }, WIRE_UNKNOWN)).toEqual([]);
        expect(run(hcl("sys/policies/acl/x", '"update"'), {}, WIRE_UNKNOWN)).toHaveLength(1);
    });
});

describe("vault-k8s-auth-role-binding", () => {
    const role = (props: Record<string, unknown>) => ({
        type: "vault:kubernetes/authBackendRole:AuthBackendRole",
        props: { backend: "kubernetes-prod", roleName: "prod-api", boundServiceAccountNames: ["api"], boundServiceAccountNamespaces: ["shop-prod"], tokenPolicies: ["prod-api"], ...props },
    });
    const run = (props: Record<string, unknown>, config = {}) => violations(vaultK8sAuthRoleBinding, role(props), config);

    test("baseline: exact service account names and namespaces", () => {
        expect(run({})).toEqual([]);
        expect(run({ boundServiceAccountNames: ["api", "worker"], boundServiceAccountNamespaces: ["shop-prod", "jobs-prod"] })).toEqual([]);
        expect(run({ boundServiceAccountNamespaces: undefined, boundServiceAccountNamespaceSelector: '{"matchLabels":{"team":"shop"}}' })).toEqual([]);
        expect(violations(vaultK8sAuthRoleBinding, { type: "vault:index/policy:Policy", props: { boundServiceAccountNames: ["*"] } })).toEqual([]);
    });
    test("every service account name", () => {
        expect(run({ boundServiceAccountNames: ["*"] })).toEqual(['Kubernetes auth role "prod-api" binds service account names "*": any such workload gets its policies; bind exact names']);
    });
    test("every namespace, or a glob of them", () => {
        expect(run({ boundServiceAccountNamespaces: ["*"] })).toEqual(['Kubernetes auth role "prod-api" binds namespaces "*": any such workload gets its policies; bind exact names']);
        expect(run({ boundServiceAccountNamespaces: ["shop-prod", "team-*"] })).toEqual(['Kubernetes auth role "prod-api" binds namespaces "team-*": any such workload gets its policies; bind exact names']);
        expect(run({ boundServiceAccountNamespaces: ["*"], boundServiceAccountNamespaceSelector: '{"matchLabels":{"team":"shop"}}' })).toHaveLength(1);
    });
    test("both lists: one message each, names first", () => {
        expect(run({ boundServiceAccountNames: ["api-*"], boundServiceAccountNamespaces: ["*"] })).toEqual([
            'Kubernetes auth role "prod-api" binds service account names "api-*": any such workload gets its policies; bind exact names',
            'Kubernetes auth role "prod-api" binds namespaces "*": any such workload gets its policies; bind exact names',
        ]);
    });
    test("exempt roles (allowedRoles)", () => {
        expect(run({ boundServiceAccountNames: ["*"] }, { allowedRoles: ["prod-api"] })).toEqual([]);
        expect(run({ boundServiceAccountNames: ["*"] }, { allowedRoles: ["other"] })).toHaveLength(1);
    });
    test("unknown: no violation", () => {
        expect(run({ boundServiceAccountNames: WIRE_UNKNOWN, boundServiceAccountNamespaces: WIRE_UNKNOWN })).toEqual([]);
        expect(run({ boundServiceAccountNames: [WIRE_UNKNOWN], boundServiceAccountNamespaces: [WIRE_UNKNOWN, "shop-prod"] })).toEqual([]);
        expect(run({ roleName: WIRE_UNKNOWN, boundServiceAccountNames: ["*"] }, { allowedRoles: ["prod-api"] })).toEqual([]);
        expect(run({ roleName: WIRE_UNKNOWN, boundServiceAccountNames: ["*"] })).toEqual(['Kubernetes auth role "fixture" binds service account names "*": any such workload gets its policies; bind exact names']);
    });
});
