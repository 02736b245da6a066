import * as net from "net";
import { DEFAULT_PORTS, SandboxUsageError, parseSandboxArgs, portIsFree, portProblems, sandboxEnvDocument } from "../../sandbox/plan";

const USAGE = "usage: npm run sandbox -- up [--json] | down";

function usageError(argv: string[]): string {
    try {
        parseSandboxArgs(argv);
    } catch (e) {
        expect(e).toBeInstanceOf(SandboxUsageError);
        return (e as Error).message;
    }
    throw new Error("expected a usage error");
}

describe("parseSandboxArgs", () => {
    it("accepts up, up --json and down", () => {
        expect(parseSandboxArgs(["up"])).toEqual({ action: "up", json: false });
        expect(parseSandboxArgs(["up", "--json"])).toEqual({ action: "up", json: true });
        expect(parseSandboxArgs(["--json", "up"])).toEqual({ action: "up", json: true });
        expect(parseSandboxArgs(["down"])).toEqual({ action: "down", json: false });
    });
    it("refuses a missing action", () => {
        expect(usageError([])).toBe(`no action given: use \`up\` or \`down\`\n${USAGE}`);
    });
    it("refuses an unknown action", () => {
        expect(usageError(["start"])).toBe(`unknown action \`start\`: use \`up\` or \`down\`\n${USAGE}`);
    });
    it("refuses two actions", () => {
        expect(usageError(["up", "down"])).toBe(`one action expected, got \`up\`, \`down\`\n${USAGE}`);
    });
    it("refuses --json with down", () => {
        expect(usageError(["down", "--json"])).toBe(`--json applies to \`up\` only\n${USAGE}`);
    });
    it("reports every problem at once", () => {
        expect(usageError(["go", "--verbose"])).toBe(
            "unknown action `go`: use `up` or `down`\n" +
                "unknown option `--verbose`: the only option is --json (with up)\n" +
                USAGE,
        );
    });
});

describe("sandboxEnvDocument", () => {
    it("points every client at the state dir and loopback", () => {
        const doc = sandboxEnvDocument({
            stateDir: "/tmp/ps-sandbox",
            ports: DEFAULT_PORTS,
            rootToken: "fake-root-token",
            passphrase: "fake-passphrase",
        });
        expect(doc).toEqual({
            bin: "/tmp/ps-sandbox/bin",
            env: {
                VAULT_ADDR: "http://127.0.0.1:18200",
                VAULT_TOKEN: "fake-root-token",
                KUBECONFIG: "/tmp/ps-sandbox/kubeconfig.yaml",
                PULUMI_BACKEND_URL: "file:///tmp/ps-sandbox/pulumi-state",
                PULUMI_HOME: "/tmp/ps-sandbox/pulumi-home",
                PULUMI_CONFIG_PASSPHRASE: "fake-passphrase",
                PULUMI_SKIP_UPDATE_CHECK: "true",
                PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            },
        });
    });
});

describe("port checks", () => {
    let server: net.Server;
    let taken: number;
    beforeAll(async () => {
        server = net.createServer();
        await new Promise<void>((r) => server.listen({ port: 0, host: "127.0.0.1" }, () => r()));
        taken = (server.address() as net.AddressInfo).port;
    });
    afterAll(async () => {
        await new Promise<void>((r) => server.close(() => r()));
    });

    it("sees a port that something listens on as taken", async () => {
        expect(await portIsFree(taken)).toBe(false);
    });
    it("names the piece, the port and the fix for a taken port only", async () => {
        const free = await new Promise<number>((resolve) => {
            const probe = net.createServer();
            probe.listen({ port: 0, host: "127.0.0.1" }, () => {
                const p = (probe.address() as net.AddressInfo).port;
                probe.close(() => resolve(p));
            });
        });
        expect(await portIsFree(free)).toBe(true);
        expect(await portProblems({ vault: taken, kubeApiserver: free, etcdClient: free, etcdPeer: free })).toEqual([
            `vault: port 127.0.0.1:${taken} is in use; stop what listens there ` +
                "(`npm run sandbox -- down` if it is an earlier sandbox) and run `up` again",
        ]);
    });
});
