/**
 * Starting and stopping the sandbox's servers on loopback: etcd, kube-apiserver (RBAC on, token
 * auth for one admin, service-account signing keys, a CA of its own) and a Vault dev server. Each
 * runs detached with its log in the state directory; `sandbox.json` there records what runs, so
 * `down` (and a failed `up`) can stop exactly that.
 */
import { spawn, spawnSync } from "child_process";
import { generateKeyPairSync, randomBytes } from "crypto";
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as path from "path";
import { stringify } from "yaml";
import { DEFAULT_PORTS, SandboxEnvDocument, SandboxPorts, sandboxEnvDocument } from "./plan";
import { binaryPath, cacheRoot } from "./toolchain";

export interface SandboxState {
    stateDir: string;
    ports: SandboxPorts;
    pids: Record<string, number>;
    rootToken: string;
    adminToken: string;
    passphrase: string;
    env: SandboxEnvDocument;
}

/** Thrown when a server does not come up; `up` stops what it started and exits 2. */
export class ServerError extends Error {}

export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
    return env.PLATFORM_SECRETS_SANDBOX_DIR ?? path.join(cacheRoot(env), "sandbox");
}

const STATE_FILE = "sandbox.json";

export function readState(dir = stateDir()): SandboxState | undefined {
    try {
        return JSON.parse(fs.readFileSync(path.join(dir, STATE_FILE), "utf8")) as SandboxState;
    } catch {
        return undefined;
    }
}

export function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

function openssl(args: string[], cwd: string): void {
    const run = spawnSync("openssl", args, { cwd, encoding: "utf8" });
    if (run.status !== 0) throw new ServerError(`openssl ${args[0]} failed: ${run.stderr || run.error?.message}; the sandbox needs the openssl command (Debian: apt-get install openssl)`);
}

/** A CA and a serving certificate for 127.0.0.1, and the service-account signing key pair. */
function writePki(dir: string): void {
    const pki = path.join(dir, "pki");
    fs.mkdirSync(pki, { recursive: true, mode: 0o700 });
    openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "30", "-subj", "/CN=platform-secrets-sandbox-ca"], pki);
    fs.writeFileSync(path.join(pki, "server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n");
    openssl(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=kube-apiserver"], pki);
    openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "30", "-extfile", "server.ext"], pki);
    const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    fs.writeFileSync(path.join(pki, "sa.key"), privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
    fs.writeFileSync(path.join(pki, "sa.pub"), publicKey.export({ type: "spki", format: "pem" }));
}

function kubeconfig(ports: SandboxPorts, dir: string, token: string): string {
    return stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: "sandbox", cluster: { server: `https://127.0.0.1:${ports.kubeApiserver}`, "certificate-authority": path.join(dir, "pki/ca.crt") } }],
        users: [{ name: "sandbox-admin", user: { token } }],
        contexts: [{ name: "sandbox", context: { cluster: "sandbox", user: "sandbox-admin" } }],
        "current-context": "sandbox",
    });
}

function startDetached(name: string, binary: string, args: string[], dir: string): number {
    if (!fs.existsSync(binary)) throw new ServerError(`${name}: ${binary} is missing; \`npm run sandbox -- up\` builds it`);
    const log = fs.openSync(path.join(dir, "logs", `${name}.log`), "a");
    const child = spawn(binary, args, { detached: true, stdio: ["ignore", log, log], cwd: dir });
    fs.closeSync(log);
    child.on("error", () => undefined); // a failed start shows as a missing pid or a dead process below
    child.unref();
    if (child.pid === undefined) throw new ServerError(`${name}: could not start ${binary}`);
    return child.pid;
}

/** GET over HTTP(S) on loopback; resolves the status code (0 when nothing answers). */
export function probe(url: string, options: { ca?: string; token?: string } = {}): Promise<number> {
    return new Promise((resolve) => {
        const get = url.startsWith("https:") ? https.get : http.get;
        const request = get(url, {
            ca: options.ca,
            headers: options.token ? { Authorization: `Bearer ${options.token}` } : {},
            timeout: 2000,
        }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
        });
        request.on("error", () => resolve(0));
        request.on("timeout", () => request.destroy());
    });
}

async function waitFor(name: string, pid: number, check: () => Promise<boolean>, logFile: string, seconds: number): Promise<void> {
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
        if (await check()) return;
        if (!isAlive(pid)) break;
        await new Promise((r) => setTimeout(r, 500));
    }
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-8).join("\n    ") : "(no log)";
    throw new ServerError(`${name} did not become ready within ${seconds} s${isAlive(pid) ? "" : " (it exited)"}; its log ends:\n    ${log}\n  full log: ${logFile}`);
}

/** Starts every server; on failure stops those already started and rethrows. */
export async function startServers(progress: (line: string) => void, dir = stateDir(), ports: SandboxPorts = DEFAULT_PORTS): Promise<SandboxState> {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "logs"), { recursive: true, mode: 0o700 });
    fs.mkdirSync(path.join(dir, "bin"), { recursive: true });
    const state: SandboxState = {
        stateDir: dir,
        ports,
        pids: {},
        // Sandbox-only credentials of loopback dev servers, made fresh per `up`.
        rootToken: `sandbox-root-${randomBytes(12).toString("hex")}`,
        adminToken: `sandbox-admin-${randomBytes(12).toString("hex")}`,
        passphrase: randomBytes(16).toString("hex"),
        env: { bin: "", env: {} },
    };
    const save = () => fs.writeFileSync(path.join(dir, STATE_FILE), JSON.stringify(state, null, 2), { mode: 0o600 });
    try {
        writePki(dir);
        fs.writeFileSync(path.join(dir, "tokens.csv"), `${state.adminToken},sandbox-admin,sandbox-admin,"system:masters"\n`, { mode: 0o600 });
        fs.writeFileSync(path.join(dir, "kubeconfig.yaml"), kubeconfig(ports, dir, state.adminToken), { mode: 0o600 });
        for (const [piece, binary] of [["etcd", "etcd"], ["kube-apiserver", "kube-apiserver"], ["kube-apiserver", "kubectl"], ["vault", "vault"]]) {
            fs.symlinkSync(binaryPath(piece, binary), path.join(dir, "bin", binary));
        }

        progress(`etcd: starting on 127.0.0.1:${ports.etcdClient}`);
        state.pids.etcd = startDetached("etcd", binaryPath("etcd"), [
            "--name", "sandbox", "--data-dir", path.join(dir, "etcd"),
            "--listen-client-urls", `http://127.0.0.1:${ports.etcdClient}`, "--advertise-client-urls", `http://127.0.0.1:${ports.etcdClient}`,
            "--listen-peer-urls", `http://127.0.0.1:${ports.etcdPeer}`, "--initial-advertise-peer-urls", `http://127.0.0.1:${ports.etcdPeer}`,
            "--initial-cluster", `sandbox=http://127.0.0.1:${ports.etcdPeer}`, "--listen-metrics-urls", "",
        ], dir);
        save();
        await waitFor("etcd", state.pids.etcd, async () => (await probe(`http://127.0.0.1:${ports.etcdClient}/health`)) === 200, path.join(dir, "logs/etcd.log"), 30);

        progress(`kube-apiserver: starting on 127.0.0.1:${ports.kubeApiserver} (RBAC, token auth)`);
        const pki = (f: string) => path.join(dir, "pki", f);
        state.pids["kube-apiserver"] = startDetached("kube-apiserver", binaryPath("kube-apiserver"), [
            "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1", "--secure-port", String(ports.kubeApiserver),
            "--etcd-servers", `http://127.0.0.1:${ports.etcdClient}`,
            "--tls-cert-file", pki("server.crt"), "--tls-private-key-file", pki("server.key"), "--client-ca-file", pki("ca.crt"),
            "--token-auth-file", path.join(dir, "tokens.csv"), "--authorization-mode", "RBAC",
            "--service-account-issuer", "https://kubernetes.default.svc", "--service-account-key-file", pki("sa.pub"),
            "--service-account-signing-key-file", pki("sa.key"), "--api-audiences", "https://kubernetes.default.svc,vault",
            "--service-cluster-ip-range", "10.96.0.0/24", "--allow-privileged=false", "--profiling=false",
            "--enable-priority-and-fairness=false",
        ], dir);
        save();
        const ca = fs.readFileSync(pki("ca.crt"), "utf8");
        await waitFor("kube-apiserver", state.pids["kube-apiserver"],
            async () => (await probe(`https://127.0.0.1:${ports.kubeApiserver}/readyz`, { ca, token: state.adminToken })) === 200,
            path.join(dir, "logs/kube-apiserver.log"), 120);

        progress(`vault: starting a dev server on 127.0.0.1:${ports.vault}`);
        state.pids.vault = startDetached("vault", binaryPath("vault"), [
            "server", "-dev", `-dev-root-token-id=${state.rootToken}`, `-dev-listen-address=127.0.0.1:${ports.vault}`, "-dev-no-store-token",
        ], dir);
        save();
        await waitFor("vault", state.pids.vault, async () => (await probe(`http://127.0.0.1:${ports.vault}/v1/sys/health`)) === 200, path.join(dir, "logs/vault.log"), 60);

        state.env = sandboxEnvDocument({ stateDir: dir, ports, rootToken: state.rootToken, passphrase: state.passphrase });
        save();
        return state;
    } catch (error) {
        save();
        stopServers(dir);
        throw error;
    }
}

/** Stops every server `sandbox.json` names (TERM, then KILL) and removes the state. */
export function stopServers(dir = stateDir()): string[] {
    const state = readState(dir);
    const stopped: string[] = [];
    for (const [name, pid] of Object.entries(state?.pids ?? {}).reverse()) {
        if (!isAlive(pid)) continue;
        try {
            process.kill(-pid, "SIGTERM");
        } catch {
            process.kill(pid, "SIGTERM");
        }
        const deadline = Date.now() + 10_000;
        while (isAlive(pid) && Date.now() < deadline) spawnSync("sleep", ["0.2"]);
        if (isAlive(pid)) process.kill(pid, "SIGKILL");
        stopped.push(name);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    return stopped;
}
