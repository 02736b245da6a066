import { renderDocs } from "../offline/docs";
import { StackOptions, commandNow, emit, loadStack, parseWith, runCommand, stackCommand } from "./common";

/**
 * `platform-secrets docs [--stack NAME] [--config-file PATH] [--cwd DIR] [--now ISO-8601] [--no-dates] [--output FILE] [--force]`
 * Markdown of every environment variable of the stack's environment. Exit 2 for an invalid catalog.
 */

interface DocsOptions extends StackOptions {
    now?: string;
    dates: boolean;
}

export function main(argv: string[]): void {
    const options = parseWith<DocsOptions>(stackCommand("docs", "Markdown of the environment variables of a stack, per consumer. Never a value.")
        .option("--now <iso-8601>", "the date next rotations are computed from (default: now)")
        .option("--no-dates", "leave out next-rotation dates of generated secrets, for files kept in version control"), argv);
    const now = commandNow(options.now);
    const loaded = loadStack("docs", options, now);
    emit("docs", renderDocs(loaded, { now: options.dates ? now : undefined }), options);
}

if (require.main === module) runCommand("docs", main, process.argv.slice(2));
