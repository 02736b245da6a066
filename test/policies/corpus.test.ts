import * as fs from "fs";
import * as path from "path";
import type { CheckReport } from "../../offline/report";
import { CheckRun, FIXTURES, runCheck } from "../check/run";

/**
 * End to end through `check --cwd`: each misconfigured program is caught by the policy it is named
 * after, and by no other; the repository's own stacks have no violation at all. Two child
 * processes at a time (the host has 2 cores).
 */

jest.setTimeout(300_000);

const CORPUS = path.join(FIXTURES, "policy-corpus");
const NOW = "2026-11-24";

/** The one message each program must produce. */
const EXPECTED: Record<string, string> = {
    "secret-rotation-required": 'no rotation schedule: keepers "rotation" and "rotation-days" are missing, so the value never changes',
    "secret-rotation-period": "rotation period of 120 days exceeds the 90-day maximum for high secrets",
    "secret-rotation-keep-previous": 'a signing or encryption key (kind jwt) stored without its previous value (tag "keep-previous" is not "true"): a rotation would invalidate what it signed or encrypted',
    "secret-rotation-overdue": "overdue since 2026-04-15: the rotation slot starting 2026-01-15 lasted 90 days; run pulumi up to rotate",
    "secret-environment-separation": "statement ReadOwnSecrets reaches dev secrets from the prod stack",
    "aws-secret-customer-managed-key": "encrypted with the AWS-managed key aws/secretsmanager (kmsKeyId not set); use a customer-managed KMS key",
    "aws-kms-key-rotation": "automatic key rotation is off (enableKeyRotation is not true)",
    "aws-secret-recovery-window": "recovery window of 0 days is below the 7-day minimum in production: a deleted secret could not be restored",
    "aws-secret-replication": "critical secret not replicated to another region",
    "aws-iam-secret-access": 'statement 1 allows "secretsmanager:*": every Secrets Manager action, deletion and policy changes included',
    "aws-ssm-secure-string-cmk": "SecureString encrypted with the AWS-managed key alias/aws/ssm (keyId not set): use a customer-managed KMS key",
    "vault-kv-versions": "maxVersions is 1: fewer than 2 versions kept, so a rotation leaves no previous value",
    "vault-policy-admin-paths": 'path "sys/policies/acl/prod-api" grants create, update: it administers Vault itself',
    "vault-k8s-auth-role-binding": 'Kubernetes auth role "prod-api" binds service account names "*": any such workload gets its policies; bind exact names',
    "vault-policy-least-privilege": 'path "kv/data/*" grants read on every environment\'s secrets',
    "k8s-secret-rbac-least-privilege": "rule 1 grants list on Secrets: every value in the namespace",
    "k8s-rolebinding-subjects": "binds Group system:authenticated: every such caller gets the role",
    "k8s-secret-namespace": 'Secret in the "default" namespace (no metadata.namespace); put it in its consumer\'s namespace',
    "k8s-configmap-secret-data": 'key "DATABASE_PASSWORD" names a secret; ConfigMaps are not for secrets',
    "k8s-builtin-role-binding": 'binds ClusterRole "edit", which reads every Secret in namespace "shop-prod"; bind a Role that names its Secrets in resourceNames',
    "k8s-cluster-secret-store": "a ClusterSecretStore lets an ExternalSecret in any namespace read the store: use a SecretStore per namespace",
    "k8s-workload-literal-credentials": 'container "api" env DATABASE_PASSWORD holds a literal value: read it from a Secret (valueFrom.secretKeyRef)',
    "k8s-cluster-role-binding-secrets": 'binds ClusterRole "secret-reader", which reads Secrets (get) in every namespace; bind a namespaced Role that names its Secrets in resourceNames',
    "k8s-pod-create-secret-namespace": 'rule 1 grants create on pods in namespace "shop-prod", which holds Secrets: a pod it creates can mount any of them',
    "random-secret-min-length": "length 32 is below the minimum of 50 characters for kind django",
    "secret-value-not-marked-secret": "environment.variables.DATABASE_PASSWORD holds a value that is not a Pulumi secret: it would be stored in plain text in the state",
    "secret-insecure-value": 'secretString holds a known insecure value (matches "changeme")',
    "production-secret-protection": "holds secrets in production without protect or retainOnDelete: a destroy or a rename would delete it",
    "vault-audit-device": "Vault entries are stored but no audit device is declared: every read and write of a secret goes unlogged; declare a vault.Audit (file, socket or syslog), or set managedElsewhere if another stack manages Vault's audit devices",
    "aws-secrets-audit-trail": "trail logs expire after 90 days, below the 365-day minimum: keep a year of secret access history",
    "aws-secret-rotation-configured": 'secret "prod/api/api-token" has no rotation: neither platform-secrets rotation marks nor an aws.secretsmanager.SecretRotation',
    "aws-secret-rotation-schedule": 'rotation period of 120 days (rotationRules.automaticallyAfterDays) exceeds the 90-day maximum for high secrets (secret "prod/api/api-token")',
    "aws-resource-policy-public": 'statement 1 allows Principal "*" with no condition on aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount, aws:SourceArn, aws:PrincipalArn: any AWS account may use the secret',
};

/**
 * Policies that must catch a program too, by construction: the ClusterRole a binding makes read
 * Secrets cluster-wide is itself a k8s-secret-rbac-least-privilege violation.
 */
const ALSO: Record<string, string[]> = {
    "k8s-cluster-role-binding-secrets": ["k8s-secret-rbac-least-privilege"],
};

async function pool<T>(jobs: Array<() => Promise<T>>, width: number): Promise<T[]> {
    const results: T[] = new Array(jobs.length);
    let next = 0;
    await Promise.all(Array.from({ length: width }, async () => {
        while (next < jobs.length) {
            const i = next++;
            results[i] = await jobs[i]();
        }
    }));
    return results;
}

const runs = new Map<string, CheckRun>();
beforeAll(async () => {
    const jobs: Array<[string, string[]]> = [
        ...Object.keys(EXPECTED).map((name): [string, string[]] => [name, ["--cwd", path.join(CORPUS, name), "--stack", "prod"]]),
        ["repo:prod", ["--stack", "prod"]],
        ["repo:dev", ["--stack", "dev"]],
    ];
    const results = await pool(jobs.map(([, args]) => () => runCheck([...args, "--now", NOW, "--json"])), 2);
    jobs.forEach(([name], i) => runs.set(name, results[i]));
});

const reportOf = (name: string): CheckReport => JSON.parse(runs.get(name)!.stdout);

test("every policy of the pack has a program in the corpus", () => {
    const dirs = fs.readdirSync(CORPUS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(dirs.sort()).toEqual(Object.keys(EXPECTED).sort());
});

test.each(Object.entries(EXPECTED))("%s: caught by that policy alone, mandatory, exit 1", (name, message) => {
    const run = runs.get(name)!;
    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.status).toBe(1);
    const also = ALSO[name] ?? [];
    expect(reportOf(name).violations.map((v) => v.policy).filter((p) => also.includes(p)).sort()).toEqual([...also].sort());
    const own = reportOf(name).violations.filter((v) => !also.includes(v.policy));
    expect(own.map(({ policy, enforcementLevel, message: m }) => ({ policy, enforcementLevel, message: m })))
        .toEqual([{ policy: name, enforcementLevel: "mandatory", message }]);
    expect(own[0].urn).toMatch(/^urn:pulumi:prod::policy-corpus::/);
});

/** The module's own stacks, audit declared (on by default in prod; dev turns its Vault device on). */
test("the repository's stacks pass the pack: no violation at all, exit 0 for both", () => {
    expect(reportOf("repo:prod").violations).toEqual([]);
    expect(runs.get("repo:prod")?.status).toBe(0);
    expect(reportOf("repo:dev").violations).toEqual([]);
    expect(runs.get("repo:dev")?.status).toBe(0);
});
