import { CATALOG_KEYS, configKeyProblems, editDistance, nearest } from "../../components/config/configKeys";
import * as pulumi from "@pulumi/pulumi";
import { readStackCatalog } from "../../components/config/stackConfig";
import { runCheck } from "../check/run";

/** `platform-secrets:*` keys that are neither catalog keys nor an external secret's value. */

const secrets = { JWT_SECRET_KEY: { kind: "jwt" }, STRIPE_API_KEY: { kind: "external" }, SENTRY_DSN: { kind: "external" } };
const P = "platform-secrets:";

test("the catalog's own keys and the externals' values are accepted", () => {
    expect(configKeyProblems([...CATALOG_KEYS, "STRIPE_API_KEY", "SENTRY_DSN"], secrets, P)).toEqual([]);
});

test("a misspelt catalog key names the key meant", () => {
    expect(configKeyProblems(["kubernetse", "consumer", "rotationWarningDay"], secrets, P).map((p) => `${p.propertyPath}: ${p.reason}`)).toEqual([
        "kubernetse: unknown key; did you mean platform-secrets:kubernetes?",
        "consumer: unknown key; did you mean platform-secrets:consumers?",
        "rotationWarningDay: unknown key; did you mean platform-secrets:rotationWarningDays?",
    ]);
});

test("a key like no catalog key lists them all", () => {
    expect(configKeyProblems(["region"], secrets, P)[0].reason).toBe(`unknown key; the keys are ${CATALOG_KEYS.map((k) => P + k).join(", ")}`);
});

test("a value under a name the catalog lacks names the nearest external secret", () => {
    expect(configKeyProblems(["STRIPE_KEY"], secrets, P)[0].reason).toBe(
        "no secret STRIPE_KEY in platform-secrets:secrets, so this value is never read; did you mean platform-secrets:STRIPE_API_KEY? " +
        "declare STRIPE_KEY with kind: external, or remove the value with `pulumi config rm platform-secrets:STRIPE_KEY`");
    expect(configKeyProblems(["PAGERDUTY_KEY"], secrets, P)[0].reason).not.toContain("did you mean");
});

test("a value for a generated secret is never read, and says so", () => {
    expect(configKeyProblems(["JWT_SECRET_KEY"], secrets, P)[0].reason).toBe(
        "JWT_SECRET_KEY is generated (kind jwt), so this value is never read; remove it with `pulumi config rm platform-secrets:JWT_SECRET_KEY`");
});

test("in production an external's value must be a secure: one; elsewhere plain text is allowed", () => {
    const plain = (production: boolean) => ({ production, isSecret: (key: string) => key !== "platform-secrets:SENTRY_DSN", stack: "prod" });
    expect(configKeyProblems(["STRIPE_API_KEY", "SENTRY_DSN"], secrets, P, plain(true))).toEqual([{
        propertyPath: "SENTRY_DSN",
        reason: "the value is stored in plain text in a production stack file; store it encrypted with `pulumi config set --secret --stack prod platform-secrets:SENTRY_DSN`",
    }]);
    expect(configKeyProblems(["STRIPE_API_KEY", "SENTRY_DSN"], secrets, P, plain(false))).toEqual([]);
});

describe("an external value that fails its format, as a real preview sees it (decrypted, marked secret)", () => {
    const catalogConfig = (value: string) => ({
        "platform-secrets:environment": "prod",
        "platform-secrets:secrets": JSON.stringify({ STRIPE_API_KEY: { kind: "external", format: "^sk_(test|live)_[A-Za-z0-9]+$" } }),
        "platform-secrets:STRIPE_API_KEY": value,
    });
    afterEach(() => pulumi.runtime.setAllConfig({}, []));

    test("is one clean problem naming the key, the pattern and the fix, never the value", () => {
        pulumi.runtime.setAllConfig(catalogConfig("not-a-stripe-key-FAKE"), ["platform-secrets:STRIPE_API_KEY"]);
        const problems = readStackCatalog().source.keyProblems ?? [];
        expect(problems).toEqual([{
            propertyPath: "STRIPE_API_KEY",
            reason: `the value does not match secrets.STRIPE_API_KEY.format "^sk_(test|live)_[A-Za-z0-9]+$" (value not shown); set the right one with \`pulumi config set --secret --stack ${pulumi.getStack()} platform-secrets:STRIPE_API_KEY\``,
        }]);
        expect(JSON.stringify(problems)).not.toContain("not-a-stripe-key");
    });

    test("a matching value, and the placeholder check gives an undecrypted secure: value, pass", () => {
        pulumi.runtime.setAllConfig(catalogConfig("sk_test_FAKE0000"), ["platform-secrets:STRIPE_API_KEY"]);
        expect(readStackCatalog().source.keyProblems).toEqual([]);
        pulumi.runtime.setAllConfig(catalogConfig("[secret]"), ["platform-secrets:STRIPE_API_KEY"]);
        expect(readStackCatalog().source.keyProblems).toEqual([]);
    });
});

test("edit distance and its tolerance", () => {
    expect(editDistance("kubernetse", "kubernetes")).toBe(2);
    expect(editDistance("", "abc")).toBe(3);
    expect(nearest("storse", CATALOG_KEYS)).toBe("stores");
    expect(nearest("zzzzzz", CATALOG_KEYS)).toBeUndefined();
});

describe("check on a stack file with one change each (test/fixtures/config-keys)", () => {
    const file = (name: string) => `test/fixtures/config-keys/Pulumi.${name}.yaml`;
    const problemLines = (stderr: string) => stderr.split("\n").filter((l) => l.startsWith("  - "));

    test("the baseline passes", async () => {
        expect((await runCheck(["--config-file", file("baseline")])).status).toBe(0);
    });

    test("the production baseline passes", async () => {
        expect((await runCheck(["--config-file", file("prod-baseline"), "--stack", "prod"])).status).toBe(0);
    });

    test.each([
        ["bad-format", "platform-secrets:STRIPE_API_KEY: the value does not match secrets.STRIPE_API_KEY.format \"^sk_(test|live)_[A-Za-z0-9]+$\" (value not shown); set the right one with `pulumi config set --secret --stack dev platform-secrets:STRIPE_API_KEY`"],
        ["prod-plaintext", "platform-secrets:STRIPE_API_KEY: the value is stored in plain text in a production stack file; store it encrypted with `pulumi config set --secret --stack prod platform-secrets:STRIPE_API_KEY`"],
        ["typo", "platform-secrets:kubernetse: unknown key; did you mean platform-secrets:kubernetes?"],
        ["unknown-secret", "platform-secrets:STRIPE_KEY: no secret STRIPE_KEY in platform-secrets:secrets, so this value is never read; did you mean platform-secrets:STRIPE_API_KEY? declare STRIPE_KEY with kind: external, or remove the value with `pulumi config rm platform-secrets:STRIPE_KEY`"],
        ["generated-value", "platform-secrets:JWT_SECRET_KEY: JWT_SECRET_KEY is generated (kind jwt), so this value is never read; remove it with `pulumi config rm platform-secrets:JWT_SECRET_KEY`"],
    ])("%s exits 2 naming the file, the key and the fix", async (name, message) => {
        const run = await runCheck(["--config-file", file(name), "--stack", name.startsWith("prod") ? "prod" : "dev"]);
        expect(run.status).toBe(2);
        expect(run.stdout).toBe("");
        expect(problemLines(run.stderr)).toEqual([`  - ${file(name)}: ${message}`]);
    });
});
