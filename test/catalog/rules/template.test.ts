import { resolveCatalog, validateCatalog } from "../../../components/catalog/validate";
import { CatalogConfig } from "../../../components/catalog/model";
import { context, validCatalog } from "../fixtures";
import { eachRuleCase, problemsAfter, withLambda } from "./fixtures";

/** Rules of `kind: template` (rules/template.ts): one case per rule, each with its exact message. */

const URL_TEMPLATE = "postgresql+asyncpg://app:${DATABASE_PASSWORD:url}@db.internal:5432/app";

/** The compliant catalog with a template of DATABASE_PASSWORD. */
function withTemplate(c: any, template = URL_TEMPLATE, extra: Record<string, unknown> = {}): void {
    c.secrets.DATABASE_URL = { kind: "template", template, consumers: ["api"], ...extra };
}

const FIX_PLACEHOLDER = "write ${NAME} (as is) or ${NAME:url} (percent-encoded), and $${ for a literal ${";

test("the compliant catalog with templates (a template of a template, JSON, $${, two-slot inputs) has no problem", () => {
    expect(problemsAfter((c) => {
        withTemplate(c);
        c.secrets.AUTH_CONFIG = { kind: "template", template: '{"db": "${DATABASE_URL}", "jwt": "${JWT_SECRET_KEY}", "note": "$${literal}"}' };
        c.secrets.STRIPE_WEBHOOK = { kind: "template", template: "https://hooks.example.invalid/?key=${STRIPE_API_KEY:url}", environments: ["prod"] };
    })).toEqual([]);
});

describe("each rule names the field and says how to fix it", () => {
    eachRuleCase([
        ["unknown reference", (c) => withTemplate(c, "postgresql://app:${DATABASE_PASWORD}@db/app"),
            "secrets.DATABASE_URL.template", "references unknown secret DATABASE_PASWORD; declare it under platform-secrets:secrets or use one of: JWT_SECRET_KEY, DATABASE_PASSWORD, METRICS_AUTH, STRIPE_API_KEY"],
        ["reference to a secret of fewer environments", (c) => { withTemplate(c); c.secrets.DATABASE_PASSWORD.environments = ["prod"]; },
            "secrets.DATABASE_URL.template", "references DATABASE_PASSWORD, which is not in environments dev, staging, production (its environments: prod); add dev, staging, production to DATABASE_PASSWORD's environments, or set this template's environments to a subset of them"],
        ["reference to a secret of another environment (the template's own environments)", (c) => { withTemplate(c, URL_TEMPLATE, { environments: ["dev"] }); c.secrets.DATABASE_PASSWORD.environments = ["prod"]; },
            "secrets.DATABASE_URL.template", "references DATABASE_PASSWORD, which is not in environment dev (its environments: prod); add dev to DATABASE_PASSWORD's environments, or set this template's environments to a subset of them"],
        ["reference cycle through two templates", (c) => {
            c.secrets.A_URL = { kind: "template", template: "a://${B_URL}" };
            c.secrets.B_URL = { kind: "template", template: "b://${DATABASE_PASSWORD}/${A_URL:url}" };
        }, "secrets.A_URL.template", "reference cycle A_URL -> B_URL -> A_URL: a template cannot depend on itself, directly or through other templates; remove one of these references"],
        ["a template referencing itself", (c) => withTemplate(c, "${DATABASE_PASSWORD}${DATABASE_URL}"),
            "secrets.DATABASE_URL.template", "reference cycle DATABASE_URL -> DATABASE_URL: a template cannot depend on itself, directly or through other templates; remove one of these references"],
        ["malformed placeholder: not a secret name", (c) => withTemplate(c, "postgresql://app:${database_password}@db/app"),
            "secrets.DATABASE_URL.template", `malformed placeholder "\${database_password}" at character 18: it does not name a secret (env-var style, e.g. \${DB_PASSWORD}); ${FIX_PLACEHOLDER}`],
        ["malformed placeholder: unknown modifier", (c) => withTemplate(c, "postgresql://app:${DATABASE_PASSWORD:uri}@db/app"),
            "secrets.DATABASE_URL.template", `malformed placeholder "\${DATABASE_PASSWORD:uri}" at character 18: it has an unknown modifier ":uri" (only ":url" is known); ${FIX_PLACEHOLDER}`],
        ["malformed placeholder: unclosed", (c) => withTemplate(c, "postgresql://app:${DATABASE_PASSWORD@db/app"),
            "secrets.DATABASE_URL.template", `malformed placeholder "\${DATABASE_PASSWORD@db/app" at character 18: it has no closing "}"; ${FIX_PLACEHOLDER}`],
        ["reference to a skipped external (optional, no value in this stack)", (c) => {
            c.secrets.SENTRY_DSN = { kind: "external", required: false };
            withTemplate(c, "${SENTRY_DSN}?db=${DATABASE_PASSWORD:url}");
        }, "secrets.DATABASE_URL.template", "references SENTRY_DSN, an external secret with no value in this stack (it is skipped, so this template could not be filled); set it (the CLI prompts for the value) with: pulumi config set --secret --stack prod platform-secrets:SENTRY_DSN"],
        ["reference to a Lambda-rotated secret", (c) => { withLambda(c); withTemplate(c); },
            "secrets.DATABASE_URL.template", "references DATABASE_PASSWORD, whose value an AWS rotation Lambda changes outside Pulumi, so this template would go stale; reference a secret Pulumi rotates, or remove DATABASE_PASSWORD's awsRotation"],
        ["reference to an aws-access-key", (c) => {
            c.secrets.UPLOADER = { kind: "aws-access-key", user: "uploader", policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"], keys: { id: "UPLOADER_KEY_ID", secret: "UPLOADER_SECRET" } };
            withTemplate(c, "s3://${UPLOADER}@bucket");
        }, "secrets.DATABASE_URL.template", "references UPLOADER, an aws-access-key, which delivers two variables (UPLOADER_KEY_ID, UPLOADER_SECRET), not one value to fill in; a template cannot reference it"],
        ["JSON template that is not JSON once filled (unquoted placeholder)", (c) => withTemplate(c, '{"user": "app", "password": ${DATABASE_PASSWORD}}'),
            "secrets.DATABASE_URL.template", `starts with "{" or "[", so it is a JSON template, but it is not valid JSON once filled (value not shown); check its quotes, commas and braces, and quote every placeholder ("\${NAME}")`],
        ["a secret named like a two-slot template's previous value", (c) => {
            withTemplate(c, "${JWT_SECRET_KEY}");
            c.secrets.DATABASE_URL_PREVIOUS = { kind: "token" };
        }, "secrets.DATABASE_URL_PREVIOUS", "DATABASE_URL_PREVIOUS is also the variable that holds DATABASE_URL's previous value (DATABASE_URL is a template of a two-slot secret); rename DATABASE_URL_PREVIOUS"],
        ["no placeholder at all", (c) => withTemplate(c, "postgresql://app:hunter2@db/app"),
            "secrets.DATABASE_URL.template", `references no secret, so it would be a constant in clear text; reference at least one secret with \${NAME}, or use kind "external"`],
        ["kind template without a template", (c) => { c.secrets.DATABASE_URL = { kind: "template" }; },
            "secrets.DATABASE_URL.template", `kind "template" needs a template, e.g. template: "postgresql://app:\${DB_PASSWORD:url}@db:5432/app"; add it`],
        ["template on another kind", (c) => { c.secrets.DATABASE_PASSWORD.template = URL_TEMPLATE; },
            "secrets.DATABASE_PASSWORD.template", `template applies only to kind "template" (this is "password"); remove it, or set kind: template`],
        ["length on a template", (c) => withTemplate(c, URL_TEMPLATE, { length: 64 }),
            "secrets.DATABASE_URL.length", "a template's length is that of its filled text; remove length"],
        ["rotationDays on a template", (c) => withTemplate(c, URL_TEMPLATE, { rotationDays: 30 }),
            "secrets.DATABASE_URL.rotationDays", "a template changes exactly when one of its inputs rotates (it is reported due with the earliest of them); remove rotationDays"],
        ["keepPrevious on a template", (c) => withTemplate(c, URL_TEMPLATE, { keepPrevious: true }),
            "secrets.DATABASE_URL.keepPrevious", "a template has a previous value exactly when one of its inputs does; remove keepPrevious"],
        ["emergencyRotation on a template", (c) => withTemplate(c, URL_TEMPLATE, { emergencyRotation: "incident-1" }),
            "secrets.DATABASE_URL.emergencyRotation", "a template has no value of its own to replace; set emergencyRotation on the secrets it references"],
    ]);
});

test("every problem at once: malformed placeholders, unknown references, a field templates do not take, cycles", () => {
    const problems = problemsAfter((c) => {
        withTemplate(c, "${bad} ${NOPE} ${DATABASE_PASSWORD:x}");
        c.secrets.A_URL = { kind: "template", template: "${A_URL}" };
        c.secrets.B_URL = { kind: "template", template: "${NOPE}" };
        // A malformed placeholder does not hide the cycle its well-formed neighbour closes.
        c.secrets.C_URL = { kind: "template", template: "x://${D_URL}${bad", length: 3 };
        c.secrets.D_URL = { kind: "template", template: "${C_URL}" };
    });
    expect(problems.map((p) => [p.propertyPath, p.reason.slice(0, 40)])).toEqual([
        ["secrets.DATABASE_URL.template", 'malformed placeholder "${bad}" at charac'],
        ["secrets.DATABASE_URL.template", 'malformed placeholder "${DATABASE_PASSWO'],
        ["secrets.DATABASE_URL.template", "references unknown secret NOPE; declare "],
        ["secrets.B_URL.template", "references unknown secret NOPE; declare "],
        ["secrets.C_URL.length", "a template's length is that of its fille"],
        ["secrets.C_URL.template", 'malformed placeholder "${bad" at charact'],
        ["secrets.A_URL.template", "reference cycle A_URL -> A_URL: a templa"],
        ["secrets.C_URL.template", "reference cycle C_URL -> D_URL -> C_URL:"],
    ]);
});

test("a skipped external matters only where the template is present, and a provided one is fine", () => {
    const catalog = (environments?: string[]) => {
        const c: any = validCatalog();
        c.secrets.SENTRY_DSN = { kind: "external", required: false };
        withTemplate(c, "${SENTRY_DSN}", environments ? { environments } : {});
        return c as CatalogConfig;
    };
    expect(validateCatalog(catalog(), context({ providedExternals: new Set(["STRIPE_API_KEY", "SENTRY_DSN"]) }))).toEqual([]);
    expect(validateCatalog(catalog(["dev"]), context())).toEqual([]);
});

test("resolution: a template follows its inputs (shortest period, two slots when any input has them, the highest criticality)", () => {
    const c: any = validCatalog();
    c.secrets.DATABASE_PASSWORD.rotationDays = 30;
    c.secrets.DATABASE_PASSWORD.criticality = "medium";
    withTemplate(c);
    c.secrets.AUTH_CONFIG = { kind: "template", template: '{"db": "${DATABASE_URL}", "jwt": "${JWT_SECRET_KEY}"}' };
    c.secrets.LOW_URL = { kind: "template", template: "x://${DATABASE_PASSWORD}", criticality: "low" };
    const byName = Object.fromEntries(resolveCatalog(c).secrets.map((s) => [s.name, s]));
    expect(byName.DATABASE_URL).toMatchObject({ rotationDays: 30, keepPrevious: false, criticality: "medium", inputs: ["DATABASE_PASSWORD"], group: "templates", length: 0 });
    expect(byName.AUTH_CONFIG).toMatchObject({ rotationDays: 30, keepPrevious: true, criticality: "critical", inputs: ["DATABASE_URL", "JWT_SECRET_KEY"] });
    expect(byName.LOW_URL.criticality).toBe("low");
    // Catalog order is kept: templates are ordered after their inputs only where they are declared.
    expect(Object.keys(byName)).toEqual(["JWT_SECRET_KEY", "DATABASE_PASSWORD", "METRICS_AUTH", "STRIPE_API_KEY", "DATABASE_URL", "AUTH_CONFIG", "LOW_URL"]);
});
