/**
 * `platform-secrets <command> [options]`: the package's one command. Each command is its own
 * module, loaded only when asked for (`check` loads the Pulumi SDK's runner, the others do not).
 */

// `import()` keeps the loading lazy (CommonJS: a `require` on the next microtask) and typed.
const COMMANDS: Record<string, () => Promise<void>> = {
    check: async () => (await import("./check")).cli(process.argv.slice(3)),
    docs: async () => (await import("./common")).runCommand("docs", (await import("./docs")).main, process.argv.slice(3)),
    export: async () => (await import("./common")).runCommand("export", (await import("./export")).main, process.argv.slice(3)),
    "env-schema": async () => (await import("./common")).runCommand("env-schema", (await import("./envSchema")).main, process.argv.slice(3)),
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
    // A module that fails to load is reported as an uncaught error would be: the stack, exit 1.
    COMMANDS[command]().catch((error: unknown) => {
        process.nextTick(() => {
            throw error;
        });
    });
} else {
    process.stderr.write(`error: unknown command "${command}"; use one of: ${Object.keys(COMMANDS).join(", ")}\n\n${USAGE}`);
    process.exitCode = 2;
}
