import * as fs from "fs";
import * as path from "path";
import * as api from "../../components";

/**
 * The package's public API (components/index.ts) is an explicit list: a name added or removed
 * there is a change users see, so it fails here until this list says so too.
 */
test("the entry point exports exactly these runtime names", () => {
    expect(Object.keys(api).sort()).toEqual([
        "ANNOTATION", "CONFIG_FILE_ENV", "CRITICALITIES", "CatalogValidationError", "DEFAULT_ENVIRONMENTS", "DEFAULT_PRODUCTION_ENVIRONMENTS",
        "KEEPER", "LABEL", "MANAGED_BY_VALUE", "MANAGED_SECRET_TYPE", "ManagedSecret", "NAMESPACE_STORES_TYPE", "NOW_ENV", "NamespaceStores",
        "PLATFORM_SECRETS_TYPE", "PREVIOUS_SUFFIX", "PlatformSecrets", "ROTATED_BY_LAMBDA", "ROTATION_DAYS_BY_CRITICALITY",
        "SECRET_BUNDLE_TYPE", "SECRET_CONSUMER_TYPE", "SECRET_GROUP_TYPE", "SECRET_KINDS", "STORE_NAMES", "SecretBundle", "SecretConsumer",
        "TAG", "checkCatalog", "consumerSecretName", "existingSecretsKey", "formatProblems", "isProductionEnvironment", "kebabName", "managedSecretName",
        "readStackCatalog", "resolveCatalog", "rotationNow", "secretPath", "validateCatalog",
    ]);
});

test("the entry point names each export: no `export *`", () => {
    const source = fs.readFileSync(path.join(__dirname, "../../components/index.ts"), "utf8");
    expect(source).not.toMatch(/export \*/);
});

test("type tokens follow platform-secrets:<module>:<Name>", () => {
    const tokens = Object.entries(api).filter(([k]) => k.endsWith("_TYPE")).map(([, v]) => v as string);
    expect(tokens).toHaveLength(6);
    for (const token of tokens) expect(token).toMatch(/^platform-secrets:[a-z]+:[A-Z][A-Za-z]+$/);
});
