import { tempProject } from "./tempProject";
import * as path from "path";
import { invocationDir, parseNow, readPolicyConfig } from "../../cli/check";
import { findPackage, resolveEntrypoint } from "../../offline/entrypoint";
import { engineUrn, invokeResult } from "../../offline/mocks";
import { ErrorCollector, errorMessage } from "../../offline/runner";

/** Small pieces of the command: no child process. */

const dir = (files: Record<string, string>) => tempProject(files);

describe("URNs as the engine forms them", () => {
    const urn = engineUrn("prod", "proj");
    const stack = urn(undefined, "pulumi:pulumi:Stack", "proj-prod");
    const component = urn(stack, "my:index:Comp", "c");

    test("no Stack type in children's URNs; the parent's whole type chain otherwise", () => {
        expect(stack).toBe("urn:pulumi:prod::proj::pulumi:pulumi:Stack::proj-prod");
        expect(component).toBe("urn:pulumi:prod::proj::my:index:Comp::c");
        const inner = urn(component, "my:index:Inner", "i");
        expect(urn(inner, "aws:s3/bucket:Bucket", "b")).toBe("urn:pulumi:prod::proj::my:index:Comp$my:index:Inner$aws:s3/bucket:Bucket::b");
    });
});

describe("invokes", () => {
    const options = { defaultRegion: "eu-west-1" };
    test("caller identity, region and partition are answered like AWS; anything else is empty", () => {
        expect(invokeResult({ token: "aws:index/getCallerIdentity:getCallerIdentity", inputs: {} }, options)).toMatchObject({ accountId: "123456789012" });
        expect(invokeResult({ token: "aws:index/getRegion:getRegion", inputs: {} }, options)).toMatchObject({ name: "eu-west-1", region: "eu-west-1" });
        expect(invokeResult({ token: "aws:index/getRegion:getRegion", inputs: { region: "us-west-2" } }, options)).toMatchObject({ name: "us-west-2" });
        expect(invokeResult({ token: "aws:index/getPartition:getPartition", inputs: {} }, options)).toMatchObject({ partition: "aws", dnsSuffix: "amazonaws.com" });
        expect(invokeResult({ token: "aws:ec2/getVpc:getVpc", inputs: {} }, options)).toEqual({});
    });
});

describe("entry point, as run.js finds it", () => {
    test("Pulumi.yaml main wins", () => {
        const root = dir({ "package.json": `{"main": "lib/other.js"}`, "src/index.ts": "" });
        expect(resolveEntrypoint(root, "src/index.ts")).toEqual({ program: path.join(root, "src/index.ts"), esm: false, warnings: [] });
    });

    test("package.json exports, then main; ESM when type is module", () => {
        const exportsRoot = dir({ "package.json": `{"type": "module", "exports": {".": {"default": "./app.js"}}, "main": "x.js"}`, "app.js": "" });
        expect(resolveEntrypoint(exportsRoot, undefined)).toMatchObject({ program: path.join(exportsRoot, "app.js"), esm: true });
        const mainRoot = dir({ "package.json": `{"main": "index.ts"}`, "index.ts": "" });
        expect(resolveEntrypoint(mainRoot, undefined).program).toBe(path.join(mainRoot, "index.ts"));
    });

    test("a named entry point that does not exist falls back to the directory, with a warning", () => {
        const root = dir({ "package.json": `{"main": "dist/index.js"}` });
        const entry = resolveEntrypoint(root, undefined);
        expect(entry.program).toBe(root);
        expect(entry.warnings[0]).toContain("Could not find entry point 'dist/index.js' specified in package.json");
    });

    test("the nearest package.json above the program is the package root", () => {
        const root = dir({ "package.json": `{"name": "outer"}`, "infra/Pulumi.yaml": "name: x\n" });
        expect(findPackage(path.join(root, "infra"))).toEqual({ root, manifest: { name: "outer" } });
    });
});

describe("errors", () => {
    test("message only; syntax errors keep their location", () => {
        expect(errorMessage(new Error("boom"))).toBe("boom");
        expect(errorMessage("thrown text")).toBe("thrown text");
        const syntax = new SyntaxError("Unexpected token '}'");
        syntax.stack = "/p/index.js:3\n}\n^\n\nSyntaxError: Unexpected token '}'\n    at wrapSafe (node:internal)";
        expect(errorMessage(syntax)).toBe("/p/index.js:3\n}\n^\n\nSyntaxError: Unexpected token '}'");
    });

    test("one failure reached through many promises is reported once", () => {
        const collector = new ErrorCollector();
        const error = new Error("once");
        collector.add(error);
        collector.add(error);
        collector.add(new Error("once"));
        expect(collector.messages).toEqual(["once"]);
    });
});

describe("arguments", () => {
    test("--now takes ISO-8601 dates and times only", () => {
        expect(parseNow("2026-11-23").toISOString()).toBe("2026-11-23T00:00:00.000Z");
        expect(parseNow("2026-11-23T10:30:00+02:00").toISOString()).toBe("2026-11-23T08:30:00.000Z");
        expect(() => parseNow("23/11/2026")).toThrow(`--now: "23/11/2026" is not an ISO-8601 date or time`);
        expect(() => parseNow("2026-13-45")).toThrow("is not an ISO-8601 date or time");
        // Not rolled over into March: a date outside the calendar is refused, named as given.
        expect(() => parseNow("2026-02-30")).toThrow(`--now: "2026-02-30" is not an ISO-8601 date or time; use e.g. 2026-11-23 or 2026-11-23T12:00:00Z`);
        expect(() => parseNow("2026-02-29T10:00:00Z")).toThrow(`--now: "2026-02-29T10:00:00Z" is not an ISO-8601 date or time`);
        expect(parseNow("2028-02-29").toISOString()).toBe("2028-02-29T00:00:00.000Z");
    });

    test("--policy-config must be a JSON object; the error names the file", () => {
        const root = dir({ "policy.json": `{"fake-policy": {"enforcementLevel": "advisory"}}`, "list.json": "[]", "bad.json": "{" });
        expect(readPolicyConfig("policy.json", root)).toEqual({ "fake-policy": { enforcementLevel: "advisory" } });
        expect(readPolicyConfig(undefined, root)).toBeUndefined();
        expect(() => readPolicyConfig("list.json", root)).toThrow("--policy-config list.json: must be a JSON object");
        expect(() => readPolicyConfig("bad.json", root)).toThrow("--policy-config bad.json: not valid JSON");
        expect(() => readPolicyConfig("none.json", root)).toThrow("--policy-config none.json: file not found");
    });

    test("relative paths are relative to where the user typed npm run check", () => {
        expect(invocationDir({ npm_lifecycle_event: "check", INIT_CWD: "/home/user/stacks" })).toBe("/home/user/stacks");
        expect(invocationDir({ npm_lifecycle_event: "test", INIT_CWD: "/elsewhere" })).toBe(process.cwd());
    });
});
