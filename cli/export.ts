import { Option } from "commander";
import { EXPORT_FORMATS, ExportFormat, exportEntries, formatExport } from "../offline/export";
import { StackOptions, UsageError, commandNow, emit, loadStack, parseWith, requireConsumer, runCommand, stackCommand } from "./common";

/**
 * `platform-secrets export --format env|json|yaml [--consumer NAME] [--stack NAME] [--config-file PATH] [--cwd DIR] [--output FILE] [--force]`
 * Fresh local-development values. Exit 2 for an invalid catalog or a production environment, with nothing written.
 */

interface ExportOptions extends StackOptions {
    format: ExportFormat;
    consumer?: string;
}

export function main(argv: string[]): void {
    const options = parseWith<ExportOptions>(stackCommand("export", "Fresh values for local development, in the kinds and encodings of the catalog. Never for production.")
        .addOption(new Option("--format <format>", "output format").choices(EXPORT_FORMATS).makeOptionMandatory())
        .option("--consumer <name>", "only the variables of this consumer"), argv);
    const loaded = loadStack("export", options, commandNow(undefined));
    const { catalog, program } = loaded;
    if (catalog.isProduction) {
        throw new UsageError(`${program.stackFileLabel}: environment "${catalog.environment}" is a production environment (platform-secrets:productionEnvironments); export makes local development values only and writes nothing for it. Applications in production read their values from the stores`);
    }
    if (options.consumer !== undefined) requireConsumer(loaded, options.consumer);
    const entries = exportEntries(loaded, options.consumer);
    if (options.format === "json") {
        for (const e of entries) if (e.comment) process.stderr.write(`note: ${e.comment}\n`);
    }
    emit("export", formatExport(loaded, entries, options.format), options);
}

if (require.main === module) runCommand("export", main, process.argv.slice(2));
