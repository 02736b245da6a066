import { runSimulation } from "@cloud-copilot/iam-simulate";
import { PlatformSecrets } from "../../components/platformSecrets";
import { oidcIssuer, secretResourcePolicy, secretsReadPolicy, serviceAccountTrustPolicy } from "../../components/access/documents";
import { arnInRegion } from "../../components/aws/arn";
import { Harness, setupHarness, unwrap } from "../harness";
import { ACCOUNT, ADMIN_ROLE, OIDC, accessCatalog } from "./fixtures";

/** Every IAM document the module writes, evaluated by an IAM policy simulator (test-only dependency). */

let h: Harness;
let platform: PlatformSecrets;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

beforeAll(async () => {
    h = setupHarness({ stack: "prod" });
    platform = new PlatformSecrets("secrets", accessCatalog());
    await h.settle();
});

function identityPolicy(name: string): unknown {
    return JSON.parse(h.inputs(h.one("aws:iam/policy:Policy", name)).policy);
}

function resourcePolicy(secretPath: string): unknown {
    return JSON.parse(h.inputs(h.one("aws:secretsmanager/secretPolicy:SecretPolicy", `fence-${secretPath.replace(/\//g, "-")}`)).policy);
}

async function arnOf(secret: string): Promise<string> {
    return unwrap(platform.references[secret].awsSecretArn!);
}

interface Ask {
    principal: string;
    action: string;
    resource: string;
    identity: unknown[];
    resourcePolicy?: unknown;
    context?: Record<string, string | string[]>;
}

async function decide(ask: Ask): Promise<string> {
    const result = await runSimulation({
        request: {
            principal: ask.principal,
            action: ask.action,
            resource: { resource: ask.resource, accountId: ACCOUNT },
            // AWS always sets the caller's ARN; the simulator takes it from the context.
            contextVariables: { "aws:PrincipalArn": ask.principal, ...ask.context },
        },
        identityPolicies: ask.identity.map((policy, i) => ({ name: `p${i}`, policy })),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: ask.resourcePolicy,
    }, {});
    if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
    return result.overallResult;
}

const PROD_TAG = { "aws:PrincipalTag/environment": "prod" };

describe("a consumer's policy", () => {
    test("allows reading its own secrets, in the primary and the replica region", async () => {
        const api = identityPolicy("consumer-api-iam-policy");
        for (const secret of ["JWT_SECRET_KEY", "DATABASE_PASSWORD", "AWS_ONLY_TOKEN"]) {
            const arn = await arnOf(secret);
            const path = platform.references[secret].path;
            for (const action of ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]) {
                expect(await decide({ principal: role("shop-prod-api"), action, resource: arn, identity: [api], resourcePolicy: resourcePolicy(path), context: PROD_TAG })).toBe("Allowed");
            }
            expect(await decide({ principal: role("shop-prod-api"), action: "secretsmanager:GetSecretValue", resource: arnInRegion(arn, "us-west-2"), identity: [api], context: PROD_TAG })).toBe("Allowed");
        }
    });

    test("denies another consumer's secret, another environment's secret, and any write", async () => {
        const api = identityPolicy("consumer-api-iam-policy");
        const session = await arnOf("SESSION_KEY");
        expect(await decide({ principal: role("shop-prod-api"), action: "secretsmanager:GetSecretValue", resource: session, identity: [api], context: PROD_TAG })).toBe("ImplicitlyDenied");
        const jwt = await arnOf("JWT_SECRET_KEY");
        const devJwt = jwt.replace(":secret:prod/", ":secret:dev/");
        expect(await decide({ principal: role("shop-prod-api"), action: "secretsmanager:GetSecretValue", resource: devJwt, identity: [api], context: PROD_TAG })).toBe("ImplicitlyDenied");
        for (const action of ["secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret", "secretsmanager:DeleteSecret", "secretsmanager:GetResourcePolicy"]) {
            expect(await decide({ principal: role("shop-prod-api"), action, resource: jwt, identity: [api], context: PROD_TAG })).toBe("ImplicitlyDenied");
        }
    });

    test("decrypts with the secrets' keys only through Secrets Manager", async () => {
        const api = identityPolicy("consumer-api-iam-policy") as any;
        const key = api.Statement[1].Resource[0];
        expect(key).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\/mrk-/);
        // AWS's default key policy (the module's key has it): IAM policies of the account decide.
        const keyPolicy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] };
        const ask = { principal: role("shop-prod-api"), action: "kms:Decrypt", resource: key, identity: [api], resourcePolicy: keyPolicy };
        expect(await decide({ ...ask, context: { "kms:ViaService": "secretsmanager.us-east-1.amazonaws.com" } })).toBe("Allowed");
        expect(await decide({ ...ask, context: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } })).toBe("ImplicitlyDenied");
        expect(await decide(ask)).toBe("ImplicitlyDenied");
    });

    test("a namespace's reader role reads only the AWS-sourced secrets of its namespace", async () => {
        const reader = identityPolicy("ns-monitoring-prod-reader-iam-policy");
        const ask = (resource: string) => decide({ principal: role("platform-secrets-secrets-prod-monitoring-prod-reader"), action: "secretsmanager:GetSecretValue", resource, identity: [reader], context: PROD_TAG });
        expect(await ask(await arnOf("AWS_ONLY_TOKEN"))).toBe("Allowed");
        expect(await ask(await arnOf("JWT_SECRET_KEY"))).toBe("ImplicitlyDenied");
    });
});

describe("each secret's resource policy", () => {
    const anything = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "secretsmanager:*", Resource: "*" }] };

    test("denies reads to principals of another environment, and to untagged ones, whatever their own policy allows", async () => {
        const arn = await arnOf("JWT_SECRET_KEY");
        const fence = resourcePolicy("prod/auth/jwt-secret-key");
        const ask = { principal: role("shop-dev-api"), action: "secretsmanager:GetSecretValue", resource: arn, identity: [anything], resourcePolicy: fence };
        expect(await decide({ ...ask, context: { "aws:PrincipalTag/environment": "dev" } })).toBe("ExplicitlyDenied");
        expect(await decide(ask)).toBe("ExplicitlyDenied");
        expect(await decide({ ...ask, principal: role("shop-prod-api"), context: PROD_TAG })).toBe("Allowed");
    });

    test("reserves writes to the admin principal", async () => {
        const arn = await arnOf("JWT_SECRET_KEY");
        const fence = resourcePolicy("prod/auth/jwt-secret-key");
        const write = { action: "secretsmanager:PutSecretValue", resource: arn, identity: [anything], resourcePolicy: fence };
        expect(await decide({ ...write, principal: role("shop-prod-api"), context: PROD_TAG })).toBe("ExplicitlyDenied");
        expect(await decide({ ...write, principal: ADMIN_ROLE })).toBe("Allowed");
        expect(await decide({ ...write, action: "secretsmanager:GetSecretValue", principal: ADMIN_ROLE })).toBe("Allowed");
    });

    test("an admin role's session is matched by its role ARN (aws:PrincipalArn)", async () => {
        const arn = await arnOf("JWT_SECRET_KEY");
        const fence = resourcePolicy("prod/auth/jwt-secret-key");
        const session = `arn:aws:sts::${ACCOUNT}:assumed-role/fake-platform-admin/deploy`;
        const write = { principal: session, action: "secretsmanager:PutSecretValue", resource: arn, identity: [anything], resourcePolicy: fence };
        expect(await decide({ ...write, context: { "aws:PrincipalArn": ADMIN_ROLE } })).toBe("Allowed");
    });

    test("lets the rotation Lambda's (untagged) role read and write its secret, with or without admins", async () => {
        const arn = await arnOf("JWT_SECRET_KEY");
        const lambdaRole = role("service-role/fake-rotation");
        for (const fence of [secretResourcePolicy("prod", [ADMIN_ROLE], [lambdaRole]), secretResourcePolicy("prod", [], [lambdaRole])]) {
            for (const action of ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"]) {
                expect(await decide({ principal: lambdaRole, action, resource: arn, identity: [anything], resourcePolicy: fence })).toBe("Allowed");
            }
            expect(await decide({ principal: role("shop-dev-api"), action: "secretsmanager:GetSecretValue", resource: arn, identity: [anything], resourcePolicy: fence })).toBe("ExplicitlyDenied");
        }
        // Exempting the Lambda alone sets no write fence.
        expect(secretResourcePolicy("prod", [], [lambdaRole]).Statement).toHaveLength(1);
        expect(await decide({ principal: ADMIN_ROLE, action: "secretsmanager:PutSecretValue", resource: arn, identity: [anything], resourcePolicy: secretResourcePolicy("prod", [ADMIN_ROLE], [lambdaRole]) })).toBe("Allowed");
    });

    test("never denies replacing or deleting itself: an IAM admin of the account can always repair the fence", async () => {
        const arn = await arnOf("JWT_SECRET_KEY");
        const fence = resourcePolicy("prod/auth/jwt-secret-key");
        for (const action of ["secretsmanager:PutResourcePolicy", "secretsmanager:DeleteResourcePolicy"]) {
            expect(await decide({ principal: role("fake-account-admin"), action, resource: arn, identity: [anything], resourcePolicy: fence })).toBe("Allowed");
        }
        expect(await decide({ principal: role("fake-account-admin"), action: "secretsmanager:PutSecretValue", resource: arn, identity: [anything], resourcePolicy: fence })).toBe("ExplicitlyDenied");
    });
});

describe("documents", () => {
    test("a key given by alias: any key of the secrets' regions that carries the alias, still only via Secrets Manager", () => {
        const doc = secretsReadPolicy({ secretArns: [], replicaRegions: ["us-west-2"], primaryRegion: "us-east-1", kmsKeys: ["alias/fake-secrets", "alias/fake-secrets"] });
        expect(doc.Statement[1]).toEqual({
            Sid: "DecryptThroughSecretsManager", Effect: "Allow", Action: "kms:Decrypt",
            Resource: ["arn:aws:kms:us-east-1:*:key/*", "arn:aws:kms:us-west-2:*:key/*"],
            Condition: {
                StringEquals: { "kms:ViaService": ["secretsmanager.us-east-1.amazonaws.com", "secretsmanager.us-west-2.amazonaws.com"] },
                "ForAnyValue:StringEquals": { "kms:ResourceAliases": ["alias/fake-secrets"] },
            },
        });
        expect(doc.Statement).toHaveLength(2);
    });

    test("the alias grant decrypts only keys carrying the alias (evaluated)", async () => {
        const doc = secretsReadPolicy({ secretArns: [], replicaRegions: ["us-west-2"], primaryRegion: "us-east-1", kmsKeys: ["alias/fake-secrets", "alias/fake-secrets"] });
        const keyPolicy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "kms:*", Resource: "*" }] };
        const ask = (region: string, aliases: string[]) => decide({
            principal: role("shop-prod-api"), action: "kms:Decrypt", resource: `arn:aws:kms:${region}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
            identity: [doc], resourcePolicy: keyPolicy,
            context: { "kms:ViaService": `secretsmanager.${region}.amazonaws.com`, "kms:ResourceAliases": aliases },
        });
        expect(await ask("us-east-1", ["alias/fake-secrets"])).toBe("Allowed");
        expect(await ask("us-west-2", ["alias/other", "alias/fake-secrets"])).toBe("Allowed");
        expect(await ask("us-east-1", ["alias/other"])).toBe("ImplicitlyDenied");
        expect(await ask("us-east-1", [])).toBe("ImplicitlyDenied");
    });

    test("a multi-Region key given by ARN: its replica in each region, by ARN", () => {
        const mrk = (r: string) => `arn:aws:kms:${r}:${ACCOUNT}:key/mrk-0123456789abcdef0123456789abcdef`;
        const doc = secretsReadPolicy({ secretArns: [], replicaRegions: ["us-west-2"], primaryRegion: "us-east-1", kmsKeys: [mrk("us-east-1"), mrk("us-west-2")] });
        expect(doc.Statement[1]).toMatchObject({ Sid: "DecryptThroughSecretsManager", Resource: [mrk("us-east-1"), mrk("us-west-2")] });
        expect(doc.Statement[1].Condition).not.toHaveProperty("ForAnyValue:StringEquals");
    });

    test("the reader role trusts only its namespace's reader service account, through the cluster's OIDC provider", () => {
        const trust = JSON.parse(h.inputs(h.one("aws:iam/role:Role", "ns-shop-prod-reader-role")).assumeRolePolicy);
        expect(trust).toEqual(serviceAccountTrustPolicy(OIDC, "shop-prod", "platform-secrets-reader"));
        expect(trust.Statement[0].Condition.StringEquals).toEqual({
            "oidc.eks.us-east-1.amazonaws.com/id/FAKE0000:sub": "system:serviceaccount:shop-prod:platform-secrets-reader",
            "oidc.eks.us-east-1.amazonaws.com/id/FAKE0000:aud": "sts.amazonaws.com",
        });
        expect(oidcIssuer(OIDC)).toBe("oidc.eks.us-east-1.amazonaws.com/id/FAKE0000");
        expect(h.inputs(h.one("aws:iam/role:Role", "ns-shop-prod-reader-role")).tags).toEqual({ environment: "prod", "managed-by": "platform-secrets" });
    });
});

describe("bundle: group", () => {
    test("documented trade-off: a reader of one member reads the whole bundle", async () => {
        h = setupHarness({ stack: "prod" });
        const args = accessCatalog();
        args.stores.aws!.bundle = "group";
        const bundled = new PlatformSecrets("secrets", args);
        await h.settle();
        const api = identityPolicy("consumer-api-iam-policy");
        // api consumes JWT_SECRET_KEY only, yet the auth bundle also holds web's SESSION_KEY.
        const authBundle = await unwrap(bundled.references.SESSION_KEY.awsSecretArn!);
        expect(authBundle).toMatch(/:secret:prod\/auth-\w{6}$/);
        expect(await decide({ principal: role("shop-prod-api"), action: "secretsmanager:GetSecretValue", resource: authBundle, identity: [api], context: PROD_TAG })).toBe("Allowed");
        const tokensBundle = (await unwrap(bundled.references.AWS_ONLY_TOKEN.awsSecretArn!)).replace("/keys-", "/tokens-");
        expect(await decide({ principal: role("shop-prod-api"), action: "secretsmanager:GetSecretValue", resource: tokensBundle, identity: [api], context: PROD_TAG })).toBe("ImplicitlyDenied");
    });
});
