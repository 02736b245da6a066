import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO, cleanEnv } from "../commands/run";

/**
 * The package as npm publishes it: `npm pack` of this repository, unpacked into the node_modules
 * of a composing team's project (the orders-app example), where `platform-secrets check` must run
 * from the compiled CLI alone, with the project's own @pulumi packages (peer dependencies).
 * `npm test` builds dist first (pretest); packing here uses that build instead of building again
 * while other test files read it.
 */

jest.setTimeout(180_000);

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
let work: string;
let packed: { files: { path: string }[]; filename: string };
let project: string;

beforeAll(() => {
    if (!fs.existsSync(path.join(REPO, "dist/cli/main.js"))) throw new Error("dist/ is missing: run `npm run build` (npm test does it first)");
    work = fs.mkdtempSync(path.join(os.tmpdir(), "ps-pack-"));
    const pack = spawnSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], { cwd: REPO, env: cleanEnv(), encoding: "utf8" });
    if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
    [packed] = JSON.parse(pack.stdout);

    project = path.join(work, "orders-app");
    fs.cpSync(path.join(REPO, "examples/orders-app"), project, { recursive: true });
    const modules = path.join(project, "node_modules");
    fs.mkdirSync(path.join(modules, "platform-secrets"), { recursive: true });
    const untar = spawnSync("tar", ["xzf", path.join(work, packed.filename), "-C", path.join(modules, "platform-secrets"), "--strip-components=1"]);
    if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
    // Everything else the project would have installed: its peer dependencies and ours.
    for (const entry of fs.readdirSync(path.join(REPO, "node_modules"))) {
        if (entry === ".bin" || entry.startsWith(".")) continue;
        fs.symlinkSync(path.join(REPO, "node_modules", entry), path.join(modules, entry));
    }
});

afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
});

test("the package is publishable: not private, @pulumi/* as peers, no build on install", () => {
    expect(manifest.private).toBeUndefined();
    expect(manifest.scripts.prepare).toBeUndefined();
    expect(manifest.scripts.prepack).toBe("npm run build");
    const pulumiPackages = (deps: Record<string, string> = {}) => Object.keys(deps).filter((n) => n.startsWith("@pulumi/"));
    expect(pulumiPackages(manifest.dependencies)).toEqual([]);
    expect(pulumiPackages(manifest.peerDependencies).sort()).toEqual(["@pulumi/aws", "@pulumi/kubernetes", "@pulumi/policy", "@pulumi/pulumi", "@pulumi/random", "@pulumi/vault"]);
    // The tested range is the one development installs.
    for (const name of pulumiPackages(manifest.peerDependencies)) expect(manifest.devDependencies[name]).toBe(manifest.peerDependencies[name]);
});

test("the tarball holds the compiled library, CLI, pack and its configs, and no TypeScript sources or tests", () => {
    const files = packed.files.map((f) => f.path);
    for (const file of ["bin/platform-secrets.js", "dist/components/index.js", "dist/components/index.d.ts", "dist/runtime/index.js",
        "dist/cli/main.js", "dist/offline/runner.js", "dist/policies/index.js", "dist/policies/config/prod.json", "dist/policies/config/dev.json"]) {
        expect(files).toContain(file);
    }
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((f) => f.startsWith("test/") || f.includes("fixtures"))).toEqual([]);
});

test("source maps resolve: each carries its source, so no path points at a file the package lacks", () => {
    const map = JSON.parse(fs.readFileSync(path.join(project, "node_modules/platform-secrets/dist/components/platformSecrets.js.map"), "utf8"));
    expect(map.sources).toEqual(["../../components/platformSecrets.ts"]);
    expect(map.sourcesContent[0]).toContain("export class PlatformSecrets");
});

test("`npx platform-secrets check` runs in the composing project from the compiled CLI, --cwd defaulting to it", () => {
    const bin = path.join(project, "node_modules/platform-secrets/bin/platform-secrets.js");
    const run = spawnSync(process.execPath, [bin, "check", "--stack", "staging", "--json"], { cwd: project, env: cleanEnv(), encoding: "utf8" });
    expect(run.stderr).not.toMatch(/^error:/m);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ project: "orders-app", stack: "staging" });
    expect(report.secrets.map((s: { name: string }) => s.name).sort()).toEqual(["ORDERS_DB_PASSWORD", "ORDERS_SIGNING_KEY"]);
});

test("docs, export and env-schema run from the package too, reading the catalog of the current directory's stack file", () => {
    // A project whose catalog is in its stack configuration: this repository's own dev stack.
    const catalogProject = path.join(work, "catalog-project");
    fs.mkdirSync(catalogProject);
    for (const file of ["Pulumi.yaml", "Pulumi.dev.yaml"]) fs.copyFileSync(path.join(REPO, file), path.join(catalogProject, file));
    const bin = path.join(project, "node_modules/platform-secrets/bin/platform-secrets.js");
    const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: catalogProject, env: cleanEnv(), encoding: "utf8" });

    const docs = run("docs", "--stack", "dev", "--no-dates");
    expect(docs.status).toBe(0);
    expect(docs.stdout).toBe(fs.readFileSync(path.join(REPO, "docs/secrets/dev.md"), "utf8"));
    const exported = run("export", "--format", "json");
    expect(exported.status).toBe(0);
    expect(Object.keys(JSON.parse(exported.stdout))).toContain("JWT_SECRET_KEY");
    const schema = run("env-schema", "--consumer", "api");
    expect(schema.status).toBe(0);
    expect(JSON.parse(schema.stdout).$schema).toBe("https://json-schema.org/draft/2020-12/schema");
});

describe("the policy pack is publishable on its own (policies/)", () => {
    const packDir = path.join(REPO, "policies");
    const sources = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []);

    test("every relative import of the pack stays inside policies/", () => {
        const escaping: string[] = [];
        for (const file of sources(packDir)) {
            for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(/from "(\.[^"]*)"/g)) {
                const target = path.resolve(path.dirname(file), spec);
                if (!target.startsWith(packDir + path.sep)) escaping.push(`${path.relative(REPO, file)}: ${spec}`);
            }
        }
        expect(escaping).toEqual([]);
    });

    test("its own package.json is publishable and ships what `pulumi preview --policy-pack` runs", () => {
        const pack = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8"));
        expect(pack.private).toBeUndefined();
        expect(Object.keys(pack.dependencies).sort()).toEqual(["@pulumi/policy", "@pulumi/pulumi"]);
        const dry = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: packDir, env: cleanEnv(), encoding: "utf8" });
        expect(dry.status).toBe(0);
        const files = JSON.parse(dry.stdout)[0].files.map((f: { path: string }) => f.path);
        for (const file of ["PulumiPolicy.yaml", "index.ts", "package.json", "config/prod.json", "config/dev.json", "rules/aws-kms-key-rotation.ts", "lib/types.ts"]) {
            expect(files).toContain(file);
        }
    });
});
