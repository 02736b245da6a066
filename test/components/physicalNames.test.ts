import { PlatformSecrets, PlatformSecretsArgs } from "../../components/platformSecrets";
import { kmsAliasName, physicalNamePrefix } from "../../components/conventions";
import { setupHarness } from "../harness";

/**
 * Two `PlatformSecrets` of one environment in one program (one AWS account, one Vault): every
 * account- or Vault-wide name differs, so neither overwrites nor fails on the other's objects.
 */

const OIDC = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/FAKE0000";

function team(mount: string, namespace: string, secret: string): PlatformSecretsArgs {
    return {
        environment: "prod",
        stores: { vault: { mount }, aws: { region: "us-east-1" } },
        kubernetes: { mode: "external-secrets", vault: { server: "https://vault.fake.invalid:8200" }, aws: { oidcProviderArn: OIDC } },
        // The same consumer name in both catalogs, as two teams would pick.
        consumers: { api: { namespace, serviceAccount: "api", awsRoleName: `${namespace}-api` } },
        secrets: {
            [secret]: { kind: "token", consumers: ["api"] },
            [`${secret}_AWS`]: { kind: "token", stores: ["aws"], consumers: ["api"] },
        },
    };
}

test("two PlatformSecrets in one account and Vault declare no duplicate physical name", async () => {
    const h = setupHarness({ stack: "prod" });
    new PlatformSecrets("payments", team("payments-kv", "payments-prod", "PAYMENTS_TOKEN"));
    new PlatformSecrets("ledger", team("ledger-kv", "ledger-prod", "LEDGER_TOKEN"));
    await h.settle();
    const names = (type: string, field: string) => h.ofType(type).map((r) => `${type} ${h.inputs(r)[field]}`);
    const physical = [
        ...names("aws:kms/alias:Alias", "name"),
        ...names("aws:iam/policy:Policy", "name"),
        ...names("aws:iam/role:Role", "name"),
        ...names("aws:secretsmanager/secret:Secret", "name"),
        ...names("vault:index/policy:Policy", "name"),
        ...names("vault:kubernetes/authBackendRole:AuthBackendRole", "roleName"),
        ...names("vault:index/mount:Mount", "path"),
    ];
    // Both components created each kind of object.
    expect(physical.filter((n) => n.startsWith("aws:kms/alias:Alias"))).toEqual([
        "aws:kms/alias:Alias alias/platform-secrets/payments/prod", "aws:kms/alias:Alias alias/platform-secrets/ledger/prod",
    ]);
    expect(physical.filter((n) => n.startsWith("aws:iam/policy:Policy")).length).toBe(4);
    expect(physical.filter((n) => n.startsWith("vault:index/policy:Policy")).length).toBe(4);
    expect(physical.length).toBeGreaterThan(12);
    expect(physical.filter((n, i) => physical.indexOf(n) !== i)).toEqual([]);
    // Each name keeps the component and the environment.
    expect(names("aws:iam/policy:Policy", "name").sort()).toEqual([
        "aws:iam/policy:Policy platform-secrets-ledger-prod-api-read",
        "aws:iam/policy:Policy platform-secrets-ledger-prod-ledger-prod-reader-read",
        "aws:iam/policy:Policy platform-secrets-payments-prod-api-read",
        "aws:iam/policy:Policy platform-secrets-payments-prod-payments-prod-reader-read",
    ]);
    expect(names("vault:kubernetes/authBackendRole:AuthBackendRole", "roleName").sort()).toEqual([
        "vault:kubernetes/authBackendRole:AuthBackendRole platform-secrets-ledger-prod-api",
        "vault:kubernetes/authBackendRole:AuthBackendRole platform-secrets-ledger-prod-ledger-prod-reader",
        "vault:kubernetes/authBackendRole:AuthBackendRole platform-secrets-payments-prod-api",
        "vault:kubernetes/authBackendRole:AuthBackendRole platform-secrets-payments-prod-payments-prod-reader",
    ]);
});

test("component names become characters every provider accepts in a name", () => {
    expect(physicalNamePrefix("team.a:secrets", "dev")).toBe("platform-secrets-team-a-secrets-dev");
    expect(kmsAliasName("team.a:secrets", "dev")).toBe("alias/platform-secrets/team-a-secrets/dev");
    expect(kmsAliasName("team.a:secrets", "dev")).toMatch(/^alias\/[a-zA-Z0-9/_-]+$/);
});
