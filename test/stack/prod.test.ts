import { managedSecretName } from "../../components/plan";
import { describeSecrets } from "../../offline/report";
import { Harness, unwrap } from "../harness";
import { runStackProgram } from "./stackProgram";

let h: Harness;
let program: any;
beforeAll(async () => { ({ harness: h, program } = await runStackProgram("prod")); });

const names = () => describeSecrets(h.recorder).map((s) => managedSecretName("secrets", s.name)).sort();

test("every prod secret is declared; dev-only ones and the unset optional one are not", () => {
    expect(names()).toEqual([
        "secrets-csrf-secret", "secrets-data-encryption-key", "secrets-database-password", "secrets-django-secret-key",
        "secrets-jwt-secret-key", "secrets-metrics-basic-auth", "secrets-pagerduty-routing-key", "secrets-redis-password",
        "secrets-sendgrid-api-key", "secrets-session-secret-key", "secrets-stripe-api-key", "secrets-webhook-signing-secret",
    ]);
    expect(program.skipped).toEqual(["DEBUG_TOOLBAR_TOKEN"]);
});

test("prod uses both stores, a replicated KMS key, and protects what it stores", () => {
    expect(h.ofType("aws:secretsmanager/secret:Secret")).toHaveLength(12);
    expect(h.ofType("vault:kv/secretV2:SecretV2")).toHaveLength(12);
    expect(h.ofType("aws:kms/replicaKey:ReplicaKey").map((r) => h.inputs(r).region)).toEqual(["us-west-2"]);
    expect(h.ofType("aws:secretsmanager/secret:Secret").every((r) => r.protect)).toBe(true);
    expect(h.ofType("vault:kv/secretV2:SecretV2").every((r) => r.protect)).toBe(true);
});

test("provided external values stay secret and unknown offline: never a placeholder in a store", () => {
    const stripe = h.one("aws:secretsmanager/secretVersion:SecretVersion", "stripe-api-key-aws-version");
    expect(h.redacted(stripe).secretString).toBe("[secret]");
    expect(JSON.stringify(h.recorder.resources.map((r) => h.inputs(r)))).not.toContain("FAKE0000placeholder");
});

test("stack outputs are references only", async () => {
    expect(program.environment).toBe("prod");
    const jwt = program.secrets.JWT_SECRET_KEY;
    expect(jwt.vaultDataPath).toBe("kv/data/prod/auth/jwt-secret-key");
    expect(await unwrap(jwt.awsSecretArn)).toMatch(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:prod\/auth\/jwt-secret-key-/);
    expect(Object.keys(jwt).sort()).toEqual(["awsSecretArn", "awsSecretName", "path", "vaultDataPath"]);
});
