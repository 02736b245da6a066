import * as pulumi from "@pulumi/pulumi";
import { CatalogConfig } from "../catalog/model";
import { Problem, ProblemSource } from "../catalog/problems";
import { configKeyProblems } from "./configKeys";
import { UNDECRYPTED_VALUE } from "./undecrypted";
import { isProductionEnvironment } from "../environments";

/** Set by `npm run check -- --config-file`, so messages name the file the user edits. */
export const CONFIG_FILE_ENV = "PLATFORM_SECRETS_CONFIG_FILE";

export interface StackCatalog {
    catalog: CatalogConfig;
    /** `external` secrets that have a value, as Pulumi secrets. Values never leave an Output. */
    externalValues: Record<string, pulumi.Output<string>>;
    source: ProblemSource;
}

/**
 * Reads the contract's `platform-secrets:*` keys. Structure is not checked here:
 * `PlatformSecrets` validates everything and reports every problem at once.
 */
/**
 * An external value that fails its `format`, reported with the catalog's problems (one clean line,
 * the same in `check` and in a real preview, where the value is known before any resource exists).
 * The value is read as plain text for the test only and never leaves this function.
 */
function formatProblems(config: pulumi.Config, secrets: Record<string, unknown>, prefix: string): Problem[] {
    const problems: Problem[] = [];
    for (const [name, secret] of Object.entries(secrets)) {
        const s = secret as { kind?: unknown; format?: unknown } | null;
        if (!s || s.kind !== "external" || typeof s.format !== "string") continue;
        const value = config.get(name);
        if (value === undefined || (value === UNDECRYPTED_VALUE && isConfigSecret(prefix + name))) continue;
        let pattern: RegExp;
        try {
            pattern = new RegExp(s.format);
        } catch {
            continue; // an invalid pattern is the catalog's own problem (validateCatalog names it)
        }
        if (!pattern.test(value)) {
            problems.push({
                propertyPath: name,
                reason: `the value does not match secrets.${name}.format ${JSON.stringify(s.format)} (value not shown); set the right one with \`pulumi config set --secret --stack ${pulumi.getStack()} ${prefix}${name}\``,
            });
        }
    }
    return problems;
}

/** The SDK's own record of which keys hold `secure:` values (exported by its runtime, not declared in its types). */
function isConfigSecret(key: string): boolean {
    const runtime = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
    if (typeof runtime.isConfigSecret !== "function") throw new Error("@pulumi/pulumi no longer exports runtime.isConfigSecret; platform-secrets needs an update");
    return runtime.isConfigSecret(key);
}

export function readStackCatalog(config: pulumi.Config = new pulumi.Config("platform-secrets")): StackCatalog {
    const catalog = {
        environment: config.get("environment"),
        productionEnvironments: config.getObject<string[]>("productionEnvironments"),
        environments: config.getObject<string[]>("environments"),
        stores: config.getObject("stores"),
        kubernetes: config.getObject("kubernetes"),
        consumers: config.getObject("consumers"),
        secrets: config.getObject("secrets"),
        owner: config.get("owner"),
        protection: config.get("protection"),
        rotationWarningDays: config.getObject<number>("rotationWarningDays"),
    };
    // Unchecked here, as the component's args are typed: PlatformSecrets (and loadCatalog) check it with
    // checkCatalog and go on only with the value the schema vouched for.
    const defined = Object.fromEntries(Object.entries(catalog).filter(([, v]) => v !== undefined)) as unknown as CatalogConfig;
    const externalValues: Record<string, pulumi.Output<string>> = {};
    const secrets = defined.secrets && typeof defined.secrets === "object" ? defined.secrets : {};
    for (const [name, secret] of Object.entries(secrets)) {
        if (secret && typeof secret === "object" && secret.kind === "external") {
            const value = config.getSecret(name);
            if (value !== undefined) {
                externalValues[name] = value;
            }
        }
    }
    const prefix = `${config.name}:`;
    const keys = Object.keys(pulumi.runtime.allConfig()).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length));
    const keyProblems = [
        ...configKeyProblems(keys, secrets as Record<string, { kind?: unknown }>, prefix, {
            production: isProductionEnvironment(catalog.environment, catalog.productionEnvironments),
            isSecret: isConfigSecret,
            stack: pulumi.getStack(),
        }),
        ...formatProblems(config, secrets, prefix),
    ];
    return {
        catalog: defined,
        externalValues,
        source: { file: process.env[CONFIG_FILE_ENV] ?? `Pulumi.${pulumi.getStack()}.yaml`, keyPrefix: prefix, keyProblems },
    };
}
