import * as pulumi from "@pulumi/pulumi";
import { ResolvedCatalog } from "../components/catalog/model";
import { formatProblems } from "../components/catalog/problems";
import { checkCatalog, resolveCatalog } from "../components/catalog/validate";
import { readStackCatalog } from "../components/config/stackConfig";
import { ConfigError, LoadOptions, ProgramConfig, loadProgramConfig } from "./config";

/**
 * The validated catalog of a stack, for the commands that need the catalog but no resources
 * (`docs`, `export`, `env-schema`). The configuration is read exactly as `check` reads it
 * (`loadProgramConfig`: Pulumi.yaml defaults, then the stack file, `secure:` values never
 * decrypted), handed to the Pulumi SDK's own `Config`, read by the module's `readStackCatalog`
 * and validated by `checkCatalog`, as `PlatformSecrets` does in the program. The program
 * itself is not run: `check` is the command for what only the program knows.
 */

export interface LoadedCatalog {
    program: ProgramConfig;
    catalog: ResolvedCatalog;
    /** `external` secrets that have a value (a `secure:` entry) in this stack; names only. */
    provided: ReadonlySet<string>;
}

export const CONFIG_NAMESPACE = "platform-secrets";

/** @throws ConfigError with every problem of the catalog, as `check` reports them. */
export function loadCatalog(options: LoadOptions & { now: Date }): LoadedCatalog {
    const program = loadProgramConfig(options);
    // This process's SDK config store holds only this stack's configuration, as a program's does.
    pulumi.runtime.setAllConfig(program.config, program.secretKeys);
    const { catalog, externalValues, source: read } = readStackCatalog(new pulumi.Config(CONFIG_NAMESPACE));
    const provided = new Set(Object.keys(externalValues));
    const source = { file: program.stackFileLabel, keyPrefix: `${CONFIG_NAMESPACE}:` };
    const checked = checkCatalog(catalog, { providedExternals: provided, stack: program.stack, configNamespace: CONFIG_NAMESPACE, now: options.now });
    const problems = [...(read.keyProblems ?? []), ...(checked.valid ? [] : checked.problems)];
    if (problems.length > 0 || !checked.valid) throw new ConfigError(formatProblems(problems, source));
    return { program, catalog: resolveCatalog(checked.config), provided };
}
