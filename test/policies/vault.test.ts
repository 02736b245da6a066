import { vaultKvVersions } from "../../policies/rules/vault-kv-versions";
import { vaultPolicyLeastPrivilege } from "../../policies/rules/vault-policy-least-privilege";
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
