/**
 * `platform-secrets <command> [options]`: the package's one command. Each command is its own
 * module, loaded only when asked for (`check` loads the Pulumi SDK's runner, the others do not).
 */

const COMMANDS: Record<string, () => void> = {
    check: () => require("./check").cli(process.argv.slice(3)),
    docs: () => require("./common").runCommand("docs", require("./docs").main, process.argv.slice(3)),
    export: () => require("./common").runCommand("export", require("./export").main, process.argv.slice(3)),
    "env-schema": () => require("./common").runCommand("env-schema", require("./envSchema").main, process.argv.slice(3)),
};

const USAGE = `usage: platform-secrets <command> [options]

commands:
  check       run the program offline and report its secrets, resources, access and policy violations
  docs        Markdown of the environment variables of a stack, per consumer
  export      fresh values for local development (--format env|json|yaml)
  env-schema  JSON Schema of a consumer's environment (--consumer NAME)

platform-secrets <command> --help shows a command's options.
`;

const command = process.argv[2];
if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(USAGE);
} else if (Object.prototype.hasOwnProperty.call(COMMANDS, command)) {
    COMMANDS[command]();
} else {
    process.stderr.write(`error: unknown command "${command}"; use one of: ${Object.keys(COMMANDS).join(", ")}\n\n${USAGE}`);
    process.exitCode = 2;
}
