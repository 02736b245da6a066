import * as pulumi from "@pulumi/pulumi";

/** One thing wrong with the catalog: where (an args property path such as `secrets.JWT_KEY.length`) and what to do. */
export interface Problem {
    propertyPath: string;
    /** What is wrong and how to fix it. Never contains a secret value. */
    reason: string;
}

export interface ProblemSource {
    /** File the configuration came from, e.g. `Pulumi.prod.yaml`. */
    file?: string;
    /** Prefix that turns a property path into the config key a user edits, e.g. `platform-secrets:`. */
    keyPrefix?: string;
    /**
     * Problems of the configuration keys themselves (an unknown key, a value for a secret the
     * catalog does not declare as external), found by `readStackCatalog` and reported together
     * with the catalog's own.
     */
    keyProblems?: readonly Problem[];
}

/**
 * Every problem of a catalog at once. An `InputPropertiesError`, so a component
 * provider reports each problem against its property path.
 */
export class CatalogValidationError extends pulumi.InputPropertiesError {
    readonly problems: Problem[];

    constructor(problems: Problem[], source: ProblemSource = {}) {
        super({ message: formatProblems(problems, source), errors: problems });
        this.name = "CatalogValidationError";
        this.problems = problems;
    }
}

export function formatProblems(problems: Problem[], source: ProblemSource = {}): string {
    const where = source.file ? ` in ${source.file}` : "";
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    const lines = problems.map((p) => `  - ${source.file ? `${source.file}: ` : ""}${source.keyPrefix ?? ""}${p.propertyPath}: ${p.reason}`);
    return [`Invalid secrets catalog${where} (${count}):`, ...lines].join("\n");
}
