import { formatProblems } from "../../../components/catalog/problems";
import { validateCatalog } from "../../../components/catalog/validate";
import { context, validCatalog } from "../fixtures";
import { eachRuleCase, problemsAfter } from "./fixtures";

/** Rules of one secret and across secrets (rules/secret.ts). */

describe("each rule names the field and says how to fix it", () => {
    eachRuleCase([
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
        ["disabled store", (c) => { delete c.stores.aws; c.secrets.JWT_SECRET_KEY.stores = ["aws"]; },
            "secrets.JWT_SECRET_KEY.stores[0]", `store "aws" is not enabled in this stack; enable platform-secrets:stores.aws or remove it from this secret's stores`],
        ["rotationDays of zero", (c) => { c.secrets.JWT_SECRET_KEY.rotationDays = 0; },
            "secrets.JWT_SECRET_KEY.rotationDays", "must be a positive whole number of days, got 0"],
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
    ]);
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
