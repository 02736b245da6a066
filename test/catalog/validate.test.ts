import { CatalogValidationError, formatProblems } from "../../components/catalog/problems";
import { validateCatalog } from "../../components/catalog/validate";
import { context, validCatalog } from "./fixtures";
import { eachRuleCase, problemsAfter } from "./rules/fixtures";

/**
 * The entry point, validateCatalog: every problem at once, and the rules it checks itself
 * (environment, some store enabled, the warning window). Each rules/ file has its tests in rules/.
 */

test("the baseline catalog is valid", () => {
    expect(validateCatalog(validCatalog(), context())).toEqual([]);
});

describe("each rule names the field and says how to fix it", () => {
    eachRuleCase([
        ["no store enabled", (c) => { c.stores = {}; },
            "stores", "no store is enabled; enable stores.vault (with a mount) or stores.aws (with a region), or set kubernetes.mode: secret"],
        ["bad environment name", (c) => { c.environment = "Prod"; },
            "environment", `"Prod" is not a valid environment name; use lower-case letters, digits and "-", starting with a letter (e.g. "prod")`],
        ["undeclared environment", (c) => { c.environment = "qa"; },
            "environment", `"qa" is not a declared environment; add it to platform-secrets:environments (declared: dev, staging, prod, production)`],
    ]);
});

describe("each rotation rule names the field and says how to fix it", () => {
    eachRuleCase([
        ["negative warning window", (c) => { c.rotationWarningDays = -1; },
            "rotationWarningDays", "must be 0 or more days, got -1"],
    ]);
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
        `  - Pulumi.prod.yaml: platform-secrets:secrets.JWT_SECRET_KEY.kind: unknown kind "jwtt"; use one of: password, token, jwt, fernet, django, hex, basic-auth, external, aws-access-key, template`,
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
