import * as pulumi from "@pulumi/pulumi";
import { CatalogValidationError, PlatformSecrets, readStackCatalog } from "./components";

const { catalog, externalValues, source } = readStackCatalog();

function build(): PlatformSecrets {
    try {
        return new PlatformSecrets("secrets", { ...catalog, externalValues, configSource: source });
    } catch (e) {
        // A clean message without a stack trace: the user's fix is in the stack file, not in this code.
        if (e instanceof CatalogValidationError) {
            throw new pulumi.RunError(e.message);
        }
        throw e;
    }
}

const platform = build();

export const environment = platform.catalog.environment;
/** Per secret: its path, Vault data path and AWS secret name and ARN. References only, never values. */
export const secrets = platform.references;
export const skipped = platform.catalog.skipped;
