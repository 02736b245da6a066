import { secretEnvironmentSeparation } from "../../policies/rules/secret-environment-separation";
import { Res, WIRE_UNKNOWN, stackViolations } from "./harness";

const SECRET = "aws:secretsmanager/secret:Secret";
const KV = "vault:kv/secretV2:SecretV2";
const ARN = (name: string) => `arn:aws:secretsmanager:us-east-1:111111111111:secret:${name}-AbCdEf`;

const awsSecret = (name: unknown, environment: unknown = "prod"): Res => ({ type: SECRET, name: `aws-${String(name)}`, props: { name, tags: { environment } } });
const kvEntry = (name: unknown, environment: unknown = "prod"): Res => ({ type: KV, name: `kv-${String(name)}`, props: { name, customMetadata: { data: { environment } } } });
const iam = (Resource: unknown, name = "iam"): Res => ({
    type: "aws:iam/policy:Policy", name, props: { policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource }] }) },
});
const vaultPolicy = (path: string, caps = "read"): Res => ({ type: "vault:index/policy:Policy", name: "vp", props: { policy: `path "${path}" { capabilities = ["${caps}"] }` } });
const k8s = (kind: string, labels: unknown, spec: unknown = {}): Res => ({
    type: `kubernetes:${kind}`, name: kind.split(":")[1], props: { metadata: { namespace: "shop-prod", labels }, spec },
});
const run = (resources: Res[], config = {}) => stackViolations(secretEnvironmentSeparation, resources, config);

const BASELINE: Res[] = [
    awsSecret("prod/auth/jwt-secret-key"),
    kvEntry("prod/auth/jwt-secret-key"),
    iam([ARN("prod/auth/jwt-secret-key")]),
    vaultPolicy("kv/data/prod/auth/*"),
    k8s("core/v1:Secret", { "platform-secrets.io/environment": "prod" }),
    k8s("external-secrets.io/v1beta1:ExternalSecret", { "platform-secrets.io/environment": "prod" }, { data: [{ secretKey: "A", remoteRef: { key: "prod/auth/jwt-secret-key" } }] }),
    { type: "random:index/randomBytes:RandomBytes", props: { length: 64 } },
];

describe("secret-environment-separation", () => {
    test("baseline: one environment throughout, from the marks or the config", () => {
        expect(run(BASELINE)).toEqual([]);
        expect(run(BASELINE, { environment: "prod" })).toEqual([]);
        expect(run([])).toEqual([]);
        expect(run([iam("*"), awsSecret("anything")].map((r) => ({ ...r, props: { ...r.props, tags: {} } })))).toEqual([]);
    });
    test("a name or path outside the environment", () => {
        expect(run([...BASELINE, awsSecret("shared/db-password")])).toEqual(['secret name "shared/db-password" does not start with "prod/" @ aws-shared/db-password']);
        expect(run([...BASELINE, kvEntry("production/x")])).toEqual(['entry path "production/x" does not start with "prod/" @ kv-production/x']);
    });
    test("marks of another environment", () => {
        expect(run([...BASELINE, awsSecret("prod/a/b", "dev")], { environment: "prod" })).toEqual(['environment tag "dev" does not match the stack\'s environment "prod" @ aws-prod/a/b']);
        expect(run([kvEntry("dev/a/b", "dev")], { environment: "prod" })).toEqual([
            'environment metadata "dev" does not match the stack\'s environment "prod" @ kv-dev/a/b',
            'entry path "dev/a/b" does not start with "prod/" @ kv-dev/a/b',
        ]);
        expect(run([k8s("core/v1:Secret", { "platform-secrets.io/environment": "staging" })], { environment: "prod" }))
            .toEqual(['label platform-secrets.io/environment "staging" does not match the stack\'s environment "prod" @ Secret']);
    });
    test("several environments' marks and no configured environment", () => {
        expect(run([...BASELINE, awsSecret("dev/a/b", "dev")])).toEqual(["resources carry the marks of several environments (dev, prod); one stack serves one environment"]);
    });
    test("IAM statements, Vault policies and ExternalSecrets reaching another environment", () => {
        expect(run([...BASELINE, iam([ARN("prod/a/b"), ARN("dev/a/b"), ARN("staging/a/b")], "cross")]))
            .toEqual(["statement 1 reaches dev secrets from the prod stack @ cross"]);
        expect(run([...BASELINE, vaultPolicy("kv/data/dev/*")])).toEqual(['path "kv/data/dev/*" reaches dev secrets from the prod stack @ vp']);
        expect(run([...BASELINE, vaultPolicy("kv/data/dev/*", "deny")])).toEqual([]);
        const external = k8s("external-secrets.io/v1:ExternalSecret", { "platform-secrets.io/environment": "prod" }, {
            dataFrom: [{ extract: { key: "kv/data/staging/app" } }, { find: { path: "qa/" } }],
        });
        expect(run([...BASELINE, external])).toEqual([
            'remote key "kv/data/staging/app" reaches staging secrets from the prod stack @ ExternalSecret',
            'remote key "qa/" reaches qa secrets from the prod stack @ ExternalSecret',
        ]);
    });
    test("environments the config names, and the stack's own marks, count as environments", () => {
        expect(run([...BASELINE, iam([ARN("sandbox/a")])])).toEqual([]);
        expect(run([...BASELINE, iam([ARN("sandbox/a")])], { environments: ["sandbox"] })).toEqual(["statement 1 reaches sandbox secrets from the prod stack @ iam"]);
        expect(run([awsSecret("sandbox/a", "sandbox"), iam([ARN("prod/a")])], { environment: "prod", environments: [] })).toEqual([
            'environment tag "sandbox" does not match the stack\'s environment "prod" @ aws-sandbox/a',
            'secret name "sandbox/a" does not start with "prod/" @ aws-sandbox/a',
        ]);
    });
    test("unknown names, marks and documents: no violation", () => {
        expect(run([...BASELINE, awsSecret(WIRE_UNKNOWN), kvEntry("prod/x", WIRE_UNKNOWN), { type: "aws:iam/policy:Policy", props: { policy: WIRE_UNKNOWN } },
            { type: "vault:index/policy:Policy", props: { policy: WIRE_UNKNOWN } }, k8s("core/v1:Secret", WIRE_UNKNOWN), k8s("external-secrets.io/v1:ExternalSecret", {}, WIRE_UNKNOWN)])).toEqual([]);
    });
});
