import { envSchema } from "../offline/envSchema";
import { StackOptions, commandNow, emit, loadStack, parseWith, requireConsumer, runCommand, stackCommand } from "./common";

/**
 * `platform-secrets env-schema --consumer NAME [--stack NAME] [--config-file PATH] [--cwd DIR] [--output FILE] [--force]`
 * JSON Schema (draft 2020-12) of the environment one consumer's application must have.
 */

interface EnvSchemaOptions extends StackOptions {
    consumer: string;
}

export function main(argv: string[]): void {
    const options = parseWith<EnvSchemaOptions>(stackCommand("env-schema", "JSON Schema (draft 2020-12) of a consumer's environment, for start-up validation.")
        .requiredOption("--consumer <name>", "the consumer (platform-secrets:consumers) whose environment is described"), argv);
    const loaded = loadStack("env-schema", options, commandNow(undefined));
    requireConsumer(loaded, options.consumer);
    emit("env-schema", `${JSON.stringify(envSchema(loaded, options.consumer), null, 2)}\n`, options);
}

if (require.main === module) runCommand("env-schema", main, process.argv.slice(2));
