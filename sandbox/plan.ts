/**
 * Pure parts of `npm run sandbox -- up [--json] | down` (contract section 4):
 * argument parsing, the environment document printed by `up --json`, and the
 * loopback port check. The process-starting CLI builds on these (issue 17).
 */
import * as net from "net";
import * as path from "path";

/** A parsed sandbox command line. */
export interface SandboxCommand {
    action: "up" | "down";
    /** `up --json`: the last stdout line is the environment document. */
    json: boolean;
}

/** Thrown for bad input; the CLI prints `message` and exits 2. */
export class SandboxUsageError extends Error {}

const USAGE = "usage: npm run sandbox -- up [--json] | down";

/**
 * Parses the arguments after `npm run sandbox --`. Every problem is reported at
 * once, because a user fixing one flag should not meet the next on a second run.
 */
export function parseSandboxArgs(argv: readonly string[]): SandboxCommand {
    const problems: string[] = [];
    const actions = argv.filter((a) => !a.startsWith("-"));
    const flags = argv.filter((a) => a.startsWith("-"));
    if (actions.length === 0) problems.push("no action given: use `up` or `down`");
    if (actions.length > 1) problems.push(`one action expected, got ${actions.map((a) => `\`${a}\``).join(", ")}`);
    const action = actions[0];
    if (action !== undefined && action !== "up" && action !== "down") {
        problems.push(`unknown action \`${action}\`: use \`up\` or \`down\``);
    }
    for (const flag of flags) {
        if (flag !== "--json") problems.push(`unknown option \`${flag}\`: the only option is --json (with up)`);
    }
    const json = flags.includes("--json");
    if (json && action === "down") problems.push("--json applies to `up` only");
    if (problems.length > 0) throw new SandboxUsageError([...problems, USAGE].join("\n"));
    return { action: action as "up" | "down", json };
}

/** Loopback ports of the sandbox's servers. */
export interface SandboxPorts {
    vault: number;
    kubeApiserver: number;
    etcdClient: number;
    etcdPeer: number;
}

/** Defaults chosen away from the servers' usual ports so that a developer's own Vault (8200) or cluster keeps working. */
export const DEFAULT_PORTS: SandboxPorts = { vault: 18200, kubeApiserver: 16443, etcdClient: 12379, etcdPeer: 12380 };

/** The document that `up --json` prints as its last stdout line. */
export interface SandboxEnvDocument {
    bin: string;
    env: Record<string, string>;
}

/**
 * Builds the environment document. `rootToken` and `passphrase` are sandbox-only
 * dev credentials generated per state dir; they are printed on purpose, since a
 * dev server on loopback is the whole point, and never reused for a real store.
 */
export function sandboxEnvDocument(args: {
    stateDir: string;
    ports: SandboxPorts;
    rootToken: string;
    passphrase: string;
}): SandboxEnvDocument {
    const { stateDir, ports } = args;
    return {
        bin: path.join(stateDir, "bin"),
        env: {
            VAULT_ADDR: `http://127.0.0.1:${ports.vault}`,
            VAULT_TOKEN: args.rootToken,
            KUBECONFIG: path.join(stateDir, "kubeconfig.yaml"),
            PULUMI_BACKEND_URL: `file://${path.join(stateDir, "pulumi-state")}`,
            PULUMI_HOME: path.join(stateDir, "pulumi-home"),
            PULUMI_CONFIG_PASSPHRASE: args.passphrase,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        },
    };
}

/** Resolves to true when nothing listens on 127.0.0.1:`port` (we can bind it). */
export function portIsFree(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const server = net.createServer();
        server.once("error", () => resolve(false));
        server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
    });
}

/**
 * Names every sandbox port already taken, each with the piece and the fix, so
 * `up` can refuse before starting anything (nothing half-started).
 */
export async function portProblems(ports: SandboxPorts): Promise<string[]> {
    const problems: string[] = [];
    for (const [piece, port] of Object.entries(ports) as [keyof SandboxPorts, number][]) {
        if (!(await portIsFree(port))) {
            problems.push(
                `${piece}: port 127.0.0.1:${port} is in use; stop what listens there ` +
                    "(`npm run sandbox -- down` if it is an earlier sandbox) and run `up` again",
            );
        }
    }
    return problems;
}
