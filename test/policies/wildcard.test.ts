import { wildcardMatches, wildcardRegExp } from "../../policies/lib/wildcard";

/** The one wildcard matcher (policies/lib/wildcard.ts) in both dialects it reads. */

test("iam: * is any run, ? one character, everything else literal", () => {
    expect(wildcardMatches("arn:aws:secretsmanager:*:*:secret:prod/*", "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/auth/jwt-AbCdEf", "iam")).toBe(true);
    expect(wildcardMatches("arn:aws:secretsmanager:*:*:secret:prod/*", "arn:aws:secretsmanager:us-east-1:123456789012:secret:dev/auth/jwt", "iam")).toBe(false);
    expect(wildcardMatches("secretsmanager:Get?ecretValue", "secretsmanager:GetSecretValue", "iam")).toBe(true);
    expect(wildcardMatches("a.b", "axb", "iam")).toBe(false);
    expect(wildcardMatches("role/deploy+x", "role/deploy+x", "iam")).toBe(true);
});

test("iam actions are compared case-insensitively only when asked", () => {
    expect(wildcardMatches("secretsmanager:getsecretvalue", "secretsmanager:GetSecretValue", "iam", { ignoreCase: true })).toBe(true);
    expect(wildcardMatches("secretsmanager:getsecretvalue", "secretsmanager:GetSecretValue", "iam")).toBe(false);
});

test("vault: * any run, + exactly one path segment, ? literal", () => {
    expect(wildcardMatches("kv/data/prod/*", "kv/data/prod/auth/jwt-secret-key", "vault")).toBe(true);
    expect(wildcardMatches("kv/data/+/auth/jwt-secret-key", "kv/data/prod/auth/jwt-secret-key", "vault")).toBe(true);
    expect(wildcardMatches("kv/data/+/jwt-secret-key", "kv/data/prod/auth/jwt-secret-key", "vault")).toBe(false);
    expect(wildcardMatches("kv/data/a?c", "kv/data/abc", "vault")).toBe(false);
    expect(wildcardRegExp("kv/data/a?c", "vault").test("kv/data/a?c")).toBe(true);
});
