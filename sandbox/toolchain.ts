/**
 * The sandbox's servers, built from the Go module proxy by the wrapper modules in
 * `sandbox/toolchain/<piece>/` into a cache outside the repository, keyed by version. A piece is
 * built once: `up` finds its binaries and skips it. Versions are those the proxy served when probed
 * (docs/sandbox.md); changing one here means changing its wrapper's go.mod too.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface Piece {
    name: string;
    version: string;
    /** Executables its build.sh leaves in the piece's cache directory. */
    binaries: string[];
    /** Cold build on 2 shared cores, measured (docs/sandbox.md): shown while it builds. */
    coldMinutes: number;
}

export const PIECES: readonly Piece[] = [
    { name: "etcd", version: "v3.6.16", binaries: ["etcd"], coldMinutes: 2 },
    { name: "kube-apiserver", version: "v1.36.3", binaries: ["kube-apiserver", "kubectl"], coldMinutes: 20 },
    { name: "vault", version: "v1.21.0", binaries: ["vault"], coldMinutes: 20 },
];

/**
 * The real Pulumi engine, as far as the module proxy serves it (docs/sandbox.md): the CLI, the YAML
 * language host and the Kubernetes provider. Not part of `up`: the e2e suite's engine tests build
 * them when asked to (PLATFORM_SECRETS_E2E_ENGINE=1) and use them whenever they are built.
 */
export const ENGINE_PIECES: readonly Piece[] = [
    { name: "pulumi", version: "v3.276.0", binaries: ["pulumi"], coldMinutes: 12 },
    { name: "pulumi-yaml", version: "v1.25.0", binaries: ["pulumi-language-yaml"], coldMinutes: 6 },
    { name: "pulumi-kubernetes", version: "v4.0.0-20260115033456-f47bc2d6f199", binaries: ["pulumi-resource-kubernetes"], coldMinutes: 15 },
];

/** Thrown when a piece cannot be had: the CLI prints the message and exits 2. */
export class ToolchainError extends Error {}

/** `~/.cache/platform-secrets`, or `PLATFORM_SECRETS_CACHE`. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
    return env.PLATFORM_SECRETS_CACHE ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "platform-secrets");
}

export function pieceDir(piece: Piece, root = cacheRoot()): string {
    return path.join(root, `${piece.name}-${piece.version}`);
}

export function binaryPath(pieceName: string, binary = pieceName, root = cacheRoot()): string {
    const piece = [...PIECES, ...ENGINE_PIECES].find((p) => p.name === pieceName);
    if (!piece) throw new Error(`unknown sandbox piece ${pieceName}`);
    return path.join(pieceDir(piece, root), binary);
}

export function isBuilt(piece: Piece, root = cacheRoot()): boolean {
    return piece.binaries.every((b) => fs.existsSync(path.join(pieceDir(piece, root), b)));
}

const WRAPPERS = path.join(__dirname, "toolchain");

/** The last lines of a build log: where the compiler's message is. */
function tail(file: string, lines = 15): string {
    try {
        return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).map((l) => `    ${l}`).join("\n");
    } catch {
        return "    (no log)";
    }
}

/**
 * The module versions the proxy refused in a build log (`go: M@V: ... 403 Forbidden`, or `reading
 * .../@v/V.mod: 403`), each as `M@V`: a refused module is named, not left in a log.
 */
export function refusedModules(log: string): string[] {
    const found = new Set<string>();
    for (const line of log.split("\n")) {
        if (!/403 Forbidden|not available/.test(line)) continue;
        const at = /([\w.~/-]+@v[\w.+-]+)/.exec(line);
        if (at) {
            found.add(at[1]);
            continue;
        }
        const url = /https?:\/\/[^/\s]+\/(\S+)\/@v\/(v[^\s/]+?)\.(?:mod|zip|info)/.exec(line);
        if (url) found.add(`${url[1]}@${url[2]}`);
    }
    return [...found];
}

/**
 * Builds the piece unless it is built, reporting progress on `progress` (a line per step and a
 * heartbeat each minute: a cold kube-apiserver build is long and must not look hung).
 */
export async function ensureBuilt(piece: Piece, progress: (line: string) => void, root = cacheRoot()): Promise<void> {
    if (isBuilt(piece, root)) {
        progress(`${piece.name} ${piece.version}: built (${pieceDir(piece, root)})`);
        return;
    }
    if (spawnSync("go", ["version"], { encoding: "utf8" }).status !== 0) {
        throw new ToolchainError(`${piece.name}: not built and \`go\` is not on PATH; install Go 1.26 (the build uses the Go module proxy) and run up again`);
    }
    const out = pieceDir(piece, root);
    fs.mkdirSync(out, { recursive: true });
    const log = path.join(root, `build-${piece.name}-${piece.version}.log`);
    const script = path.join(WRAPPERS, piece.name, "build.sh");
    progress(`${piece.name} ${piece.version}: building from the Go module proxy (cold: about ${piece.coldMinutes} min on 2 cores); log: ${log}`);
    const started = Date.now();
    const logFd = fs.openSync(log, "w");
    const code = await new Promise<number | null>((resolve) => {
        const child = spawn("nice", ["-n", "10", "bash", script, out], { stdio: ["ignore", logFd, logFd] });
        const heartbeat = setInterval(() => progress(`${piece.name}: still building (${Math.round((Date.now() - started) / 60000)} min)`), 60_000);
        child.on("error", () => resolve(null));
        child.on("close", (status) => {
            clearInterval(heartbeat);
            resolve(status);
        });
    });
    fs.closeSync(logFd);
    if (code !== 0 || !isBuilt(piece, root)) {
        const refused = refusedModules(fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "");
        if (refused.length > 0) {
            throw new ToolchainError(`${piece.name} ${piece.version}: the Go module proxy refused ${refused.join(", ")} (403); nothing else was tried.\n` +
                `  full log: ${log}. See docs/sandbox.md for what is served.`);
        }
        throw new ToolchainError(`${piece.name} ${piece.version}: the build failed (exit ${code}); the log ends:\n${tail(log)}\n` +
            `  full log: ${log}. A refused module version is named there (403 from the proxy): see docs/sandbox.md for what is served.`);
    }
    progress(`${piece.name} ${piece.version}: built in ${Math.round((Date.now() - started) / 1000)} s`);
}
