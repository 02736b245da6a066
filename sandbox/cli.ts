/**
 * `npm run sandbox -- up [--json] | down` (contract section 4). Progress goes to stderr; with
 * `--json` the last stdout line is the environment document. Bad input, a missing piece, a port in
 * use or a failed build exit 2 with what to do, and a half-started sandbox is stopped again.
 */
import { applyEsoCrds, enableVaultKubernetesAuth } from "./configure";
import { DEFAULT_PORTS, SandboxUsageError, parseSandboxArgs, portProblems } from "./plan";
import { SandboxState, ServerError, isAlive, probe, readState, startServers, stateDir, stopServers } from "./servers";
import { PIECES, ToolchainError, ensureBuilt } from "./toolchain";

const progress = (line: string) => process.stderr.write(`sandbox: ${line}\n`);

/** A sandbox whose every server still runs and answers: `up` then changes nothing. */
async function running(state: SandboxState | undefined): Promise<boolean> {
    if (!state?.env.bin || !Object.values(state.pids).every(isAlive)) return false;
    return (await probe(`http://127.0.0.1:${state.ports.vault}/v1/sys/health`)) === 200;
}

export async function up(): Promise<SandboxState> {
    const existing = readState();
    if (await running(existing)) {
        progress(`already up (${stateDir()})`);
        return existing as SandboxState;
    }
    if (existing) stopServers();
    const problems = await portProblems(DEFAULT_PORTS);
    if (problems.length > 0) throw new ServerError(problems.join("\n"));
    for (const piece of PIECES) await ensureBuilt(piece, progress);
    const state = await startServers(progress);
    try {
        progress("external-secrets CRDs: applying server-side");
        applyEsoCrds(state);
        progress("vault: enabling the Kubernetes auth method at kubernetes/");
        await enableVaultKubernetesAuth(state);
    } catch (error) {
        stopServers();
        throw error;
    }
    progress(`up: Vault ${state.env.env.VAULT_ADDR}, Kubernetes https://127.0.0.1:${state.ports.kubeApiserver}, state ${state.stateDir}`);
    return state;
}

export async function main(argv: string[]): Promise<number> {
    try {
        const command = parseSandboxArgs(argv);
        if (command.action === "down") {
            const stopped = stopServers();
            progress(stopped.length ? `stopped ${stopped.join(", ")}` : "nothing was running");
            return 0;
        }
        const state = await up();
        if (command.json) process.stdout.write(`${JSON.stringify(state.env)}\n`);
        else process.stdout.write(Object.entries(state.env.env).map(([k, v]) => `export ${k}=${v}\n`).join("") + `export PATH=${state.env.bin}:$PATH\n`);
        return 0;
    } catch (error) {
        if (error instanceof SandboxUsageError || error instanceof ToolchainError || error instanceof ServerError) {
            process.stderr.write(`error: ${error.message}\n`);
            return 2;
        }
        throw error;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
