import { CatalogConfig } from "../../components/catalog/model";
import { CatalogValidationError, formatProblems } from "../../components/catalog/problems";
import { validateCatalog } from "../../components/catalog/validate";
import { context, validCatalog } from "./fixtures";

type Mutate = (c: any) => void;

function problemsAfter(mutate: Mutate, ctx = context()) {
    const config = validCatalog();
    mutate(config);
    return validateCatalog(config as CatalogConfig, ctx);
}

test("the baseline catalog is valid", () => {
    expect(validateCatalog(validCatalog(), context())).toEqual([]);
});

test("a brought key with replicas: a multi-Region key or an alias; any key without replicas", () => {
    for (const kmsKeyId of ["arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef", "mrk-0123456789abcdef0123456789abcdef", "alias/fake-secrets", "arn:aws:kms:us-east-1:123456789012:alias/fake-secrets"]) {
        expect(problemsAfter((c) => { c.stores.aws.kmsKeyId = kmsKeyId; })).toEqual([]);
    }
    expect(problemsAfter((c) => { c.stores.aws.kmsKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab"; delete c.stores.aws.replicaRegions; })).toEqual([]);
});

test("admin principals: IAM role and user ARNs, with paths and wildcards", () => {
    expect(problemsAfter((c) => {
        c.stores.aws.adminPrincipalArns = [
            "arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_*",
            "arn:aws:iam::123456789012:user/fake-breakglass",
            "arn:aws-us-gov:iam::123456789012:role/deploy?",
        ];
    })).toEqual([]);
});

describe("each rule names the field and says how to fix it", () => {
    const cases: Array<[string, Mutate, string, string]> = [
        ["unknown kind", (c) => { c.secrets.JWT_SECRET_KEY.kind = "jwtt"; },
            "secrets.JWT_SECRET_KEY.kind", `unknown kind "jwtt"; use one of: password, token, jwt, fernet, django, hex, basic-auth, external`],
        ["length under the kind's minimum", (c) => { c.secrets.JWT_SECRET_KEY.length = 20; },
            "secrets.JWT_SECRET_KEY.length", `20 is below the minimum of 48 bytes for kind "jwt"; use at least 48, or remove length for the default of 64`],
        ["password under 16 characters", (c) => { c.secrets.DATABASE_PASSWORD.length = 12; },
            "secrets.DATABASE_PASSWORD.length", `12 is below the minimum of 16 characters for kind "password"; use at least 16, or remove length for the default of 32`],
        ["fernet with another length", (c) => { c.secrets.K = { kind: "fernet", length: 64 }; },
            "secrets.K.length", "a fernet key is exactly 32 bytes; remove length"],
        ["length on an external secret", (c) => { c.secrets.STRIPE_API_KEY.length = 40; },
            "secrets.STRIPE_API_KEY.length", `length does not apply to kind "external" (the value is provided, not generated); remove it`],
        ["bad secret name", (c) => { c.secrets["jwt-key"] = { kind: "jwt" }; },
            "secrets.jwt-key", `"jwt-key" is not a valid secret name; use env-var style, upper-case letters, digits and "_" starting with a letter (e.g. JWT_KEY)`],
        ["unknown consumer", (c) => { c.secrets.JWT_SECRET_KEY.consumers = ["api", "apii"]; },
            "secrets.JWT_SECRET_KEY.consumers[1]", `unknown consumer "apii"; declare it under platform-secrets:consumers or use one of: api, worker`],
        ["unknown store", (c) => { c.secrets.JWT_SECRET_KEY.stores = ["gcp"]; },
            "secrets.JWT_SECRET_KEY.stores[0]", `unknown store "gcp"; use one of: vault, aws`],
        ["disabled store", (c) => { delete c.stores.aws; c.secrets.JWT_SECRET_KEY.stores = ["aws"]; },
            "secrets.JWT_SECRET_KEY.stores[0]", `store "aws" is not enabled in this stack; enable platform-secrets:stores.aws or remove it from this secret's stores`],
        ["rotationDays of zero", (c) => { c.secrets.JWT_SECRET_KEY.rotationDays = 0; },
            "secrets.JWT_SECRET_KEY.rotationDays", "must be a positive whole number of days, got 0"],
        ["rotationDays not a whole number", (c) => { c.secrets.JWT_SECRET_KEY.rotationDays = 1.5; },
            "secrets.JWT_SECRET_KEY.rotationDays", "must be a whole number, got 1.5"],
        ["invalid format regex", (c) => { c.secrets.STRIPE_API_KEY.format = "^sk_("; },
            "secrets.STRIPE_API_KEY.format", `"^sk_(" is not a valid regular expression (/^sk_(/: Unterminated group); fix the pattern`],
        ["format on a generated kind", (c) => { c.secrets.DATABASE_PASSWORD.format = "^x"; },
            "secrets.DATABASE_PASSWORD.format", `format applies only to kind "external" (this is "password"); remove it`],
        ["unknown environment", (c) => { c.secrets.JWT_SECRET_KEY.environments = ["prod", "stagng"]; },
            "secrets.JWT_SECRET_KEY.environments[1]", `unknown environment "stagng"; use one of: dev, staging, prod, production, or add it to platform-secrets:environments`],
        ["basic-auth without a username", (c) => { delete c.secrets.METRICS_AUTH.username; },
            "secrets.METRICS_AUTH.username", `kind "basic-auth" needs a username; add username: <name>`],
        ["basic-auth username with a colon", (c) => { c.secrets.METRICS_AUTH.username = "a:b"; },
            "secrets.METRICS_AUTH.username", `a basic-auth username cannot contain ":"; choose another name`],
        ["avoiding letters", (c) => { c.secrets.DATABASE_PASSWORD.avoidCharacters = "@l"; },
            "secrets.DATABASE_PASSWORD.avoidCharacters", `only special characters can be avoided, not letters or digits; remove "l"`],
        ["unknown field", (c) => { c.secrets.JWT_SECRET_KEY.lenght = 64; },
            "secrets.JWT_SECRET_KEY.lenght", "unknown field; remove it or use one of: kind, group, description, length, criticality, required, format, username, rotationDays, keepPrevious, environments, consumers, stores, avoidCharacters, owner, emergencyRotation, lastRotated, awsRotation"],
        ["missing kind", (c) => { delete c.secrets.JWT_SECRET_KEY.kind; },
            "secrets.JWT_SECRET_KEY.kind", "is required; add it"],
        ["no store enabled", (c) => { c.stores = {}; },
            "stores", "no store is enabled; enable stores.vault (with a mount) or stores.aws (with a region), or set kubernetes.mode: secret"],
        ["bad environment name", (c) => { c.environment = "Prod"; },
            "environment", `"Prod" is not a valid environment name; use lower-case letters, digits and "-", starting with a letter (e.g. "prod")`],
        ["undeclared environment", (c) => { c.environment = "qa"; },
            "environment", `"qa" is not a declared environment; add it to platform-secrets:environments (declared: dev, staging, prod, production)`],
        ["Vault keeping one version", (c) => { c.stores.vault.maxVersions = 1; },
            "stores.vault.maxVersions", "1 keeps no previous version, so a rotation would destroy the only copy of the old value; use 2 or more (default 10)"],
        ["no recovery window in production", (c) => { c.stores.aws.recoveryWindowDays = 0; },
            "stores.aws.recoveryWindowDays", "0 deletes secrets without recovery, which production environments do not allow; use 7 to 30 days"],
        ["replica in the primary region", (c) => { c.stores.aws.replicaRegions = ["us-east-1"]; },
            "stores.aws.replicaRegions", `"us-east-1" is the primary region; a replica must be in another region`],
        ["AWS-managed KMS key", (c) => { c.stores.aws.kmsKeyId = "alias/aws/secretsmanager"; },
            "stores.aws.kmsKeyId", `"alias/aws/secretsmanager" is an AWS-managed key, which key policies cannot restrict; name a customer-managed key or omit kmsKeyId to have one created`],
        ["admin given as an STS session ARN", (c) => { c.stores.aws.adminPrincipalArns = ["arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123/alice"]; },
            "stores.aws.adminPrincipalArns[0]", `"arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0123/alice" is an STS session ARN, which never matches: AWS compares the IAM role's ARN (aws:PrincipalArn), so the principal would be locked out; use the role ARN with its path, e.g. arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/*`],
        ["admin that is not an IAM role or user ARN", (c) => { c.stores.aws.adminPrincipalArns = ["arn:aws:iam::123456789012:role/fake-admin", "arn:aws:iam::123456789012:group/admins"]; },
            "stores.aws.adminPrincipalArns[1]", `"arn:aws:iam::123456789012:group/admins" is not an IAM role or user ARN; use arn:aws:iam::<12-digit account>:role/<path/name> or arn:aws:iam::<account>:user/<name> (* and ? wildcards allowed)`],
        ["single-Region key ARN with replicas", (c) => { c.stores.aws.kmsKeyId = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"; },
            "stores.aws.kmsKeyId", `"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" is a single-Region key, which cannot encrypt the replicas in us-west-2; use a multi-Region key (mrk-...) replicated to those regions, an alias created in every replica region, or omit kmsKeyId to have one created`],
        ["single-Region key id with replicas", (c) => { c.stores.aws.kmsKeyId = "1234abcd-12ab-34cd-56ef-1234567890ab"; },
            "stores.aws.kmsKeyId", `"1234abcd-12ab-34cd-56ef-1234567890ab" is a single-Region key, which cannot encrypt the replicas in us-west-2; use a multi-Region key (mrk-...) replicated to those regions, an alias created in every replica region, or omit kmsKeyId to have one created`],
        ["invalid namespace", (c) => { c.consumers.api.namespace = "Shop_Prod"; },
            "consumers.api.namespace", `"Shop_Prod" is not a valid Kubernetes namespace; use lower-case letters, digits and "-" (at most 63)`],
    ];

    test.each(cases)("%s", (_title, mutate, propertyPath, reason) => {
        expect(problemsAfter(mutate)).toEqual([{ propertyPath, reason }]);
    });
});

test("a required external secret missing in production gives the exact command to set it", () => {
    const problems = validateCatalog(validCatalog(), context({ providedExternals: new Set() }));
    expect(problems).toEqual([{
        propertyPath: "secrets.STRIPE_API_KEY",
        reason: `required external secret has no value in production environment "prod"; set it (the CLI prompts for the value) with: pulumi config set --secret --stack prod platform-secrets:STRIPE_API_KEY`,
    }]);
});

test("a missing external secret is no error outside production, nor when optional", () => {
    const none = context({ providedExternals: new Set(), stack: "dev" });
    expect(problemsAfter((c) => { c.environment = "dev"; c.kubernetes = { mode: "secret", namespaces: { "shop-prod": "dev" } }; }, none)).toEqual([]);
    expect(problemsAfter((c) => { c.secrets.STRIPE_API_KEY.required = false; }, none)).toEqual([]);
});

test("a missing external secret that production does not have is no error", () => {
    const none = context({ providedExternals: new Set() });
    expect(problemsAfter((c) => { c.secrets.STRIPE_API_KEY.environments = ["dev", "staging"]; }, none)).toEqual([]);
});

test("production environments are configurable", () => {
    const none = context({ providedExternals: new Set(), stack: "live" });
    const problems = problemsAfter((c) => {
        c.environment = "live";
        c.productionEnvironments = ["live"];
        c.consumers.api.namespace = c.consumers.worker.namespace = "shop-live";
    }, none);
    expect(problems.map((p) => p.propertyPath)).toEqual(["secrets.STRIPE_API_KEY"]);
});

test("every problem is reported at once, and the formatted message names the file and config key", () => {
    const problems = problemsAfter((c) => {
        c.secrets.JWT_SECRET_KEY.kind = "jwtt";
        c.secrets.DATABASE_PASSWORD.length = 8;
        c.secrets.STRIPE_API_KEY.consumers = ["nobody"];
    });
    expect(problems.map((p) => p.propertyPath)).toEqual([
        "secrets.JWT_SECRET_KEY.kind", "secrets.DATABASE_PASSWORD.length", "secrets.STRIPE_API_KEY.consumers[0]",
    ]);
    const message = formatProblems(problems, { file: "Pulumi.prod.yaml", keyPrefix: "platform-secrets:" });
    expect(message.split("\n")).toEqual([
        "Invalid secrets catalog in Pulumi.prod.yaml (3 problems):",
        `  - Pulumi.prod.yaml: platform-secrets:secrets.JWT_SECRET_KEY.kind: unknown kind "jwtt"; use one of: password, token, jwt, fernet, django, hex, basic-auth, external`,
        `  - Pulumi.prod.yaml: platform-secrets:secrets.DATABASE_PASSWORD.length: 8 is below the minimum of 16 characters for kind "password"; use at least 16, or remove length for the default of 32`,
        `  - Pulumi.prod.yaml: platform-secrets:secrets.STRIPE_API_KEY.consumers[0]: unknown consumer "nobody"; declare it under platform-secrets:consumers or use one of: api, worker`,
    ]);
});

test("the validation error carries each problem with its property path", () => {
    const problems = problemsAfter((c) => { c.secrets.JWT_SECRET_KEY.length = 1; });
    const error = new CatalogValidationError(problems);
    expect(error.errors).toEqual(problems);
    expect(error.message).toContain("secrets.JWT_SECRET_KEY.length");
});

describe("two secrets on one store path are refused, naming both", () => {
    test("names that differ only in runs of _ map to one path in one group", () => {
        expect(problemsAfter((c) => { c.secrets.DATABASE__PASSWORD = { kind: "password", consumers: ["api"] }; })).toEqual([{
            propertyPath: "secrets.DATABASE__PASSWORD",
            reason: `stored at prod/passwords/database-password, the same path as DATABASE_PASSWORD (a name becomes its path lower-cased, each run of "_" a "-"); rename one of them or put them in different groups`,
        }]);
    });

    test("in different groups, or when one is not in this environment, they do not collide", () => {
        expect(problemsAfter((c) => { c.secrets.DATABASE__PASSWORD = { kind: "password", group: "legacy" }; })).toEqual([]);
        expect(problemsAfter((c) => { c.secrets.DATABASE__PASSWORD = { kind: "password", environments: ["dev"] }; c.environments = ["dev", "prod"]; })).toEqual([]);
    });
});

describe("a secret named like another's previous value is refused with the schema's problems", () => {
    const collision = {
        propertyPath: "secrets.JWT_SECRET_KEY_PREVIOUS",
        reason: "JWT_SECRET_KEY_PREVIOUS is also the variable that holds JWT_SECRET_KEY's previous value (JWT_SECRET_KEY rotates in two slots); rename JWT_SECRET_KEY_PREVIOUS, or set secrets.JWT_SECRET_KEY.keepPrevious: false",
    };

    test("beside a two-slot secret", () => {
        expect(problemsAfter((c) => { c.secrets.JWT_SECRET_KEY_PREVIOUS = { kind: "token", consumers: ["api"] }; })).toEqual([collision]);
    });

    test("reported together with a schema error elsewhere, in one message with the file and key prefix", () => {
        const problems = problemsAfter((c) => {
            c.secrets.JWT_SECRET_KEY_PREVIOUS = { kind: "token" };
            c.secrets.DATABASE_PASSWORD.length = "long";
        });
        expect(problems).toContainEqual(collision);
        expect(problems.map((p) => p.propertyPath)).toContain("secrets.DATABASE_PASSWORD.length");
        expect(formatProblems(problems, { file: "Pulumi.prod.yaml", keyPrefix: "platform-secrets:" })).toContain(
            `  - Pulumi.prod.yaml: platform-secrets:secrets.JWT_SECRET_KEY_PREVIOUS: ${collision.reason}`);
    });

    test("not when the other secret keeps no previous value", () => {
        expect(problemsAfter((c) => { c.secrets.JWT_SECRET_KEY.keepPrevious = false; c.secrets.JWT_SECRET_KEY_PREVIOUS = { kind: "token" }; })).toEqual([]);
    });
});
