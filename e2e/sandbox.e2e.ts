/**
 * `npm run sandbox -- up | down` as a user runs it, against the sandbox globalSetup started.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Vault, mustKubectl } from "../sandbox/clients";
import { sandboxState } from "./applied";
import { REPO } from "./stacks";

const sandbox = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync("npm", ["run", "-s", "sandbox", "--", ...args], { cwd: REPO, encoding: "utf8", env: { ...process.env, ...env } });

test("up on a running sandbox changes nothing and prints the environment document as its last line", () => {
    const before = sandboxState();
    const run = sandbox(["up", "--json"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("sandbox: already up");
    const doc = JSON.parse(run.stdout.trim().split("\n").pop() ?? "");
    expect(doc.bin).toBe(path.join(before.stateDir, "bin"));
    expect(doc.env).toMatchObject({ VAULT_ADDR: `http://127.0.0.1:${before.ports.vault}`, KUBECONFIG: path.join(before.stateDir, "kubeconfig.yaml") });
    expect(sandboxState().pids).toEqual(before.pids);
});

test("the servers are the pinned releases, on loopback", async () => {
    const state = sandboxState();
    const version = JSON.parse(mustKubectl(state, ["version", "-o", "json"])) as { serverVersion: { gitVersion: string } };
    expect(version.serverVersion.gitVersion).toBe("v1.36.3");
    const health = await Vault.root(state).must("GET", "sys/health");
    expect(health?.version).toBe("1.21.0");
    expect(state.env.env.VAULT_ADDR).toMatch(/^http:\/\/127\.0\.0\.1:/);
});

test("a second sandbox on the same ports exits 2 naming each taken port, and starts nothing", () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "ps-sandbox-"));
    const run = sandbox(["up"], { PLATFORM_SECRETS_SANDBOX_DIR: other });
    expect(run.status).toBe(2);
    const state = sandboxState();
    for (const [piece, port] of Object.entries(state.ports)) {
        expect(run.stderr).toContain(`${piece}: port 127.0.0.1:${port} is in use`);
    }
    expect(fs.existsSync(path.join(other, "sandbox.json"))).toBe(false);
    fs.rmSync(other, { recursive: true, force: true });
});

test("bad arguments exit 2 with every problem and the usage", () => {
    const run = sandbox(["start", "--verbose"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown action `start`");
    expect(run.stderr).toContain("unknown option `--verbose`");
    expect(run.stderr).toContain("usage: npm run sandbox -- up [--json] | down");
});
