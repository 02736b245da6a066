import { tempProject } from "./tempProject";
import * as path from "path";
import {
    ConfigError, SECURE_PLACEHOLDER, loadProgramConfig, mergeConfig, normalizeKey, projectEntries, shortStackName, toConfigValue,
} from "../../offline/config";

/** Config as the CLI builds it: no child process, temporary project directories. */

const project = (files: Record<string, string>) => tempProject(files);

const PULUMI_YAML = `
name: demo
runtime: nodejs
config:
  region: eu-west-1
  replicas:
    type: integer
    default: 2
  tier:
    type: string
    description: no default here, but the stack sets it
  aws:region:
    value: eu-west-1
  demo:tags: [a, b]
`;

describe("toConfigValue", () => {
    test.each([
        ["text", "text"], [3, "3"], [true, "true"], [null, ""],
        [{ mount: "kv" }, `{"mount":"kv"}`], [["us-west-2"], `["us-west-2"]`],
    ])("%j is %j, as in PULUMI_CONFIG", (raw, text) => {
        expect(toConfigValue(raw)).toEqual({ text, secret: false });
    });

    test("a secure value is the placeholder, and marks the key secret", () => {
        expect(toConfigValue({ secure: "v1:FAKEciphertext" })).toEqual({ text: SECURE_PLACEHOLDER, secret: true });
    });

    test("secure values nested in objects and lists are replaced in place; the whole key is secret", () => {
        const { text, secret } = toConfigValue({ host: "db.example.invalid", auth: [{ password: { secure: "v1:FAKEnested" } }] });
        expect(secret).toBe(true);
        expect(JSON.parse(text)).toEqual({ host: "db.example.invalid", auth: [{ password: "[secret]" }] });
        expect(text).not.toContain("FAKE");
    });
});

describe("keys", () => {
    test("namespaced keys stay; the legacy :config: form is the same key", () => {
        expect(normalizeKey("aws:region", "demo", false, "Pulumi.dev.yaml")).toBe("aws:region");
        expect(normalizeKey("demo:config:tier", "demo", false, "Pulumi.dev.yaml")).toBe("demo:tier");
    });

    test("a bare key belongs to the project in Pulumi.yaml, and is an error in a stack file", () => {
        expect(normalizeKey("tier", "demo", true, "Pulumi.yaml")).toBe("demo:tier");
        expect(() => normalizeKey("tier", "demo", false, "Pulumi.dev.yaml"))
            .toThrow(new ConfigError("Pulumi.dev.yaml: config key \"tier\" is not of the form <namespace>:<name>; write it as `demo:tier`"));
    });

    test("org/project/stack selects the short stack name", () => {
        expect(shortStackName("acme/demo/prod")).toBe("prod");
        expect(shortStackName("prod")).toBe("prod");
    });
});

describe("Pulumi.yaml config block", () => {
    const entries = projectEntries({ name: "demo", config: {
        plain: "x", sized: { type: "integer", default: 2 }, "aws:region": { value: "eu-west-1" }, store: { mount: "kv" },
    } });

    test("literal values, declarations with a default or a value, and literal objects", () => {
        expect(entries.get("demo:plain")).toEqual({ value: "x", declared: false });
        expect(entries.get("demo:sized")).toEqual({ value: 2, declared: true, type: "integer", secret: false });
        expect(entries.get("aws:region")).toMatchObject({ value: "eu-west-1", declared: true });
        expect(entries.get("demo:store")).toEqual({ value: { mount: "kv" }, declared: false });
    });

    test("stack values override project values", () => {
        const merged = mergeConfig(entries, new Map<string, unknown>([["demo:sized", 5], ["aws:region", "us-east-1"]]));
        expect(merged.config).toEqual({ "demo:plain": "x", "demo:sized": "5", "aws:region": "us-east-1", "demo:store": `{"mount":"kv"}` });
        expect(merged.secretKeys).toEqual([]);
    });
});

describe("loadProgramConfig", () => {
    test("Pulumi.yaml defaults, then the stack file over them; secure values never read", () => {
        const dir = project({
            "Pulumi.yaml": PULUMI_YAML,
            "Pulumi.dev.yaml": `
config:
  demo:tier: gold
  demo:replicas: 4
  aws:region: us-east-1
  demo:db:
    host: db.example.invalid
    password:
      secure: v1:FAKEnestedciphertext
  demo:token:
    secure: v1:FAKEtoplevelciphertext
`,
        });
        const loaded = loadProgramConfig({ programDir: dir, stack: "acme/demo/dev" });
        expect(loaded).toMatchObject({ project: "demo", stack: "dev", stackFileLabel: "Pulumi.dev.yaml", stackFile: path.join(dir, "Pulumi.dev.yaml") });
        expect(loaded.config).toEqual({
            "demo:region": "eu-west-1",
            "demo:replicas": "4",
            "demo:tier": "gold",
            "aws:region": "us-east-1",
            "demo:tags": `["a","b"]`,
            "demo:db": `{"host":"db.example.invalid","password":"[secret]"}`,
            "demo:token": "[secret]",
        });
        expect(loaded.secretKeys.sort()).toEqual(["demo:db", "demo:token"]);
        expect(JSON.stringify(loaded)).not.toContain("FAKE");
    });

    test("stackConfigDir locates the stack file; --config-file replaces it, relative to where the user is", () => {
        const dir = project({
            "Pulumi.yaml": "name: demo\nruntime: nodejs\nmain: src/index.ts\nstackConfigDir: stacks\n",
            "stacks/Pulumi.dev.yaml": "config:\n  demo:where: stacks\n",
            "elsewhere/custom.yaml": "config:\n  demo:where: custom\n",
        });
        expect(loadProgramConfig({ programDir: dir, stack: "dev" })).toMatchObject({
            stackFileLabel: path.join("stacks", "Pulumi.dev.yaml"), main: "src/index.ts", config: { "demo:where": "stacks" },
        });
        const custom = loadProgramConfig({ programDir: dir, stack: "dev", configFile: "custom.yaml", invocationDir: path.join(dir, "elsewhere") });
        expect(custom).toMatchObject({ stackFileLabel: "custom.yaml", stack: "dev", config: { "demo:where": "custom" } });
    });

    test("a missing stack file is an error naming the path", () => {
        const dir = project({ "Pulumi.yaml": "name: demo\nruntime: nodejs\n" });
        expect(() => loadProgramConfig({ programDir: dir, stack: "qa" }))
            .toThrow(`Pulumi.qa.yaml: stack configuration file not found (looked for ${path.join(dir, "Pulumi.qa.yaml")})`);
        expect(() => loadProgramConfig({ programDir: dir, stack: "qa", configFile: "nope.yaml", invocationDir: dir }))
            .toThrow("nope.yaml: stack configuration file not found");
    });

    test("declared keys: missing, mistyped and unencrypted values are reported together, as the CLI does", () => {
        const dir = project({
            "Pulumi.yaml": "name: demo\nruntime: nodejs\nconfig:\n  tier: { type: string }\n  count: { type: integer, default: 1 }\n  key: { type: string, secret: true }\n",
            "Pulumi.dev.yaml": "config:\n  demo:count: many\n  demo:key: plain-text-fake\n",
        });
        expect(() => loadProgramConfig({ programDir: dir, stack: "dev" })).toThrow([
            "Pulumi.dev.yaml: stack 'dev' is missing configuration value 'demo:tier' (declared in Pulumi.yaml without a default); set it with: pulumi config set tier VALUE",
            "Pulumi.dev.yaml: configuration value 'demo:count' must be of type integer, as Pulumi.yaml declares",
            "Pulumi.dev.yaml: configuration value 'demo:key' is declared secret in Pulumi.yaml but stored in plain text; set it with: pulumi config set --secret key VALUE",
        ].join("\n"));
    });

    test("unreadable YAML names the file and position, without echoing the line", () => {
        const dir = project({
            "Pulumi.yaml": "name: demo\nruntime: nodejs\n",
            "Pulumi.dev.yaml": "config:\n  demo:token:\n    secure: v1:FAKEciphertext\n   bad: [\n",
        });
        let message = "";
        try {
            loadProgramConfig({ programDir: dir, stack: "dev" });
        } catch (e) {
            message = (e as Error).message;
        }
        expect(message).toMatch(/^Pulumi\.dev\.yaml: not valid YAML: .*line \d+/);
        expect(message).not.toContain("FAKE");
    });

    test("a directory without Pulumi.yaml, or a project without a name, is named in the error", () => {
        const empty = project({});
        expect(() => loadProgramConfig({ programDir: empty, stack: "dev" })).toThrow(`${path.join(empty, "Pulumi.yaml")}: not found`);
        const unnamed = project({ "Pulumi.yaml": "runtime: nodejs\n" });
        expect(() => loadProgramConfig({ programDir: unnamed, stack: "dev" })).toThrow("Pulumi.yaml: `name` is required");
    });

    test("ESC environment imports cannot be resolved offline: a warning says so", () => {
        const dir = project({ "Pulumi.yaml": "name: demo\nruntime: nodejs\n", "Pulumi.dev.yaml": "environment: [shared/fake]\nconfig: {}\n" });
        expect(loadProgramConfig({ programDir: dir, stack: "dev" }).warnings).toEqual([
            "Pulumi.dev.yaml: `environment:` (Pulumi ESC) imports are not resolved offline; their values are missing from this check",
        ]);
    });
});
