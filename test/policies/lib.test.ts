import { Secret, unknownCheckingProxy } from "@pulumi/policy";
import * as proxyModule from "@pulumi/policy/proxy";
import { HclError, entryPath, parseHcl, pathRules } from "../../policies/lib/hcl";
import { documentsOf, secretNameOfArn, statements } from "../../policies/lib/iam";
import { configOf, isProduction, mark, marksOf, resourceEnvironment } from "../../policies/lib/policy";
import { leafValues, secretBearing } from "../../policies/lib/secretBearing";
import { SECRETS_VISIBLE, UNKNOWN_INPUT, hasUnknown, integer, list, plain, propsOf, record, secretness, strings } from "../../policies/lib/values";

/** The pack's shared readers, case by case: every rule depends on them. */

describe("values", () => {
    test("every sentinel @pulumi/policy knows is UNKNOWN_INPUT; other strings stay", () => {
        // Its typings declare none of its exports.
        const proxy: Record<string, unknown> = proxyModule;
        const names = ["unknownBooleanValue", "unknownNumberValue", "unknownStringValue", "unknownArrayValue", "unknownAssetValue", "unknownArchiveValue", "unknownObjectValue"];
        for (const name of names) expect(plain(proxy[name])).toBe(UNKNOWN_INPUT);
        expect(plain("04da6b54")).toBe("04da6b54");
    });
    test("plain: proxies and Secret wrappers removed, arrays and records copied, memoized", () => {
        const raw = { a: [new Secret("s"), 1], b: { c: null } };
        const out = plain(unknownCheckingProxy(raw));
        expect(out).toEqual({ a: ["s", 1], b: { c: null } });
        expect(plain(raw)).toBe(out);
        expect(plain(undefined)).toBeUndefined();
        expect(plain(new Secret(new Secret("deep")))).toBe("deep");
        expect(propsOf({ props: "not an object" })).toEqual({});
        expect(propsOf({ props: [1] })).toEqual({});
    });
    test("list, strings, record", () => {
        expect(list(undefined)).toEqual([]);
        expect(list(null)).toEqual([]);
        expect(list(UNKNOWN_INPUT)).toEqual([]);
        expect(list("a")).toEqual(["a"]);
        expect(list(["a", 1])).toEqual(["a", 1]);
        expect(strings(["a", 1, UNKNOWN_INPUT, "b"])).toEqual(["a", "b"]);
        expect(record([1])).toEqual({});
        expect(record(null)).toEqual({});
        expect(record({ a: 1 })).toEqual({ a: 1 });
    });
    test("hasUnknown at any depth", () => {
        expect(hasUnknown(UNKNOWN_INPUT)).toBe(true);
        expect(hasUnknown([1, [UNKNOWN_INPUT]])).toBe(true);
        expect(hasUnknown({ a: { b: UNKNOWN_INPUT } })).toBe(true);
        expect(hasUnknown({ a: [1, "x"], b: null })).toBe(false);
        expect(hasUnknown("x")).toBe(false);
    });
    test("integer from numbers and decimal strings only", () => {
        expect(integer(12)).toBe(12);
        expect(integer("12")).toBe(12);
        expect(integer("-3")).toBe(-3);
        for (const v of [1.5, "1.5", " 3", "3 ", "", "x", null, undefined, UNKNOWN_INPUT]) expect(integer(v)).toBeUndefined();
    });
    test("secretness: invisible without the marker; secret anywhere on or below the path", () => {
        expect(secretness({ props: { a: "x" } }, ["a"])).toBe("invisible");
        const props = Object.assign({ a: "x", b: new Secret({ c: "y" }), d: { e: [new Secret("z")] }, f: { g: "w" } }, { [SECRETS_VISIBLE]: true });
        const wrapped = { props: unknownCheckingProxy(props) };
        expect(secretness(wrapped, ["a"])).toBe("plain");
        expect(secretness(wrapped, ["b", "c"])).toBe("secret");
        expect(secretness(wrapped, ["d"])).toBe("secret");
        expect(secretness(wrapped, ["f", "g"])).toBe("plain");
        expect(secretness(wrapped, ["a", "deeper"])).toBe("plain");
        expect(secretness({ props: Object.assign({}, { [SECRETS_VISIBLE]: false }) }, ["a"])).toBe("invisible");
    });
});

describe("policy helpers", () => {
    test("configOf: schema defaults under the given config", () => {
        const schema = { properties: { a: { type: "integer" as const, default: 1 }, b: { type: "string" as const }, c: { type: "boolean" as const, default: false } } };
        expect(configOf(schema, { getConfig: <T>() => ({ b: "x", c: true }) as T })).toEqual({ a: 1, b: "x", c: true });
        expect(configOf(schema, { getConfig: <T>() => ({}) as T })).toEqual({ a: 1, c: false });
    });
    test("marks by kind of resource, and the environment they name", () => {
        expect(marksOf("aws:kms/key:Key", { tags: { environment: "prod" } })).toEqual({ environment: "prod" });
        expect(marksOf("vault:kv/secretV2:SecretV2", { customMetadata: { data: { environment: "prod" } } })).toEqual({ environment: "prod" });
        expect(marksOf("vault:kv/secretV2:SecretV2", { tags: { environment: "prod" } })).toEqual({});
        expect(marksOf("vault:index/mount:Mount", { tags: { environment: "prod" } })).toEqual({});
        expect(marksOf("kubernetes:core/v1:Secret", { metadata: { labels: { a: "b" } } })).toEqual({ a: "b" });
        expect(marksOf("aws:kms/key:Key", { tags: UNKNOWN_INPUT })).toBe(UNKNOWN_INPUT);
        expect(mark("aws:kms/key:Key", { tags: UNKNOWN_INPUT }, "environment")).toBe(UNKNOWN_INPUT);
        expect(resourceEnvironment("kubernetes:core/v1:Secret", { metadata: { labels: { "platform-secrets.io/environment": "dev", environment: "prod" } } })).toBe("dev");
        expect(resourceEnvironment("aws:kms/key:Key", { tags: { environment: 3 } })).toBeUndefined();
        expect(resourceEnvironment("aws:kms/key:Key", { tags: { environment: UNKNOWN_INPUT } })).toBe(UNKNOWN_INPUT);
    });
    test("isProduction: configured environment first, then the resource's", () => {
        const prodList = { productionEnvironments: ["prod"] };
        expect(isProduction({ ...prodList, environment: "prod" }, "aws:kms/key:Key", { tags: { environment: "dev" } })).toBe(true);
        expect(isProduction({ ...prodList, environment: "dev" }, "aws:kms/key:Key", { tags: { environment: "prod" } })).toBe(false);
        expect(isProduction(prodList, "aws:kms/key:Key", { tags: { environment: "prod" } })).toBe(true);
        expect(isProduction(prodList, "aws:kms/key:Key", {})).toBe(false);
    });
});

describe("Vault policy paths", () => {
    test("HCL blocks, with or without capabilities", () => {
        const policy = `
# comment
path "kv/data/prod/a" {
  capabilities = ["read", "list"]
}
path   "kv/metadata/prod/*"{capabilities=["list"]}
path "sys/health" {
  description = "no capabilities"
}`;
        expect(pathRules(policy)).toEqual([
            { path: "kv/data/prod/a", capabilities: ["read", "list"] },
            { path: "kv/metadata/prod/*", capabilities: ["list"] },
            { path: "sys/health", capabilities: [] },
        ]);
        expect(pathRules("")).toEqual([]);
    });
    test("a commented-out block grants nothing", () => {
        expect(pathRules('# path "*" { capabilities = ["sudo"] }\npath "kv/data/a" { capabilities = ["read"] }')).toEqual([
            { path: "kv/data/a", capabilities: ["read"] },
        ]);
    });
    test("JSON form", () => {
        expect(pathRules(' {"path": {"a/b": {"capabilities": ["read"]}, "c/d": null}} ')).toEqual([
            { path: "a/b", capabilities: ["read"] }, { path: "c/d", capabilities: [] },
        ]);
        expect(pathRules("{}")).toEqual([]);
        expect(pathRules("{ nope")).toEqual([]);
    });
    test("entry path inside the mount, behind the KV v2 API prefixes", () => {
        for (const api of ["data", "metadata", "delete", "undelete", "destroy", "subkeys"]) {
            expect(entryPath(`kv/${api}/prod/app/x`)).toBe("prod/app/x");
        }
        expect(entryPath("kv/prod/app/x")).toBe("prod/app/x");
        expect(entryPath("secret/config/x")).toBe("config/x");
        expect(entryPath("kv")).toBe("");
    });
});

describe("IAM documents", () => {
    test("known documents only, JSON text or objects", () => {
        expect(documentsOf([undefined, UNKNOWN_INPUT, "[1]", "3", "{bad", '{"Statement":[]}', { Statement: [] }])).toEqual([{ Statement: [] }, { Statement: [] }]);
        expect(statements({ Statement: { Effect: "Allow" } })).toEqual([{ Effect: "Allow" }]);
        expect(statements({ Statement: ["x", { Effect: "Deny" }] })).toEqual([{ Effect: "Deny" }]);
        expect(statements({})).toEqual([]);
    });
    test("secret names from Secrets Manager ARNs, any partition", () => {
        expect(secretNameOfArn("arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/a/b-AbCdEf")).toBe("prod/a/b-AbCdEf");
        expect(secretNameOfArn("arn:aws-us-gov:secretsmanager:us-gov-west-1:111111111111:secret:dev/x")).toBe("dev/x");
        expect(secretNameOfArn("arn:aws:ssm:us-east-1:111111111111:parameter/prod/x")).toBeUndefined();
        expect(secretNameOfArn("prefix arn:aws:secretsmanager:r:a:secret:x")).toBeUndefined();
        expect(secretNameOfArn("*")).toBeUndefined();
        expect(secretNameOfArn("arn:aws-cn:secretsmanager:::secret:no-region")).toBe("no-region");
        expect(secretNameOfArn("arn:aws:secretsmanager:us-east-1:111111111111:secret:a\nb")).toBeUndefined();
        expect(secretNameOfArn("arn:aws:secretsmanager:us-east-1:111111111111:secret:")).toBeUndefined();
        expect(secretNameOfArn("arn:aws:secretsmanager:us-east-1:111111111111:secrets:x")).toBeUndefined();
    });
});

describe("secret-bearing properties", () => {
    test("by type", () => {
        expect(secretBearing("aws:secretsmanager/secretVersion:SecretVersion", { secretString: "x" })).toEqual([{ path: ["secretString"], value: "x", encoding: "json" }]);
        expect(secretBearing("vault:generic/secret:Secret", { dataJson: "x" })).toEqual([{ path: ["dataJson"], value: "x", encoding: "json" }]);
        expect(secretBearing("kubernetes:core/v1:Secret", { data: { A: "x" }, stringData: { B: "y" } })).toEqual([
            { path: ["data", "A"], value: "x", encoding: "base64" }, { path: ["stringData", "B"], value: "y", encoding: "text" },
        ]);
        expect(secretBearing("aws:ssm/parameter:Parameter", { type: "SecureString", value: "x" })).toEqual([{ path: ["value"], value: "x", encoding: "text" }]);
        expect(secretBearing("aws:ssm/parameter:Parameter", { type: "String", value: "x" })).toEqual([]);
        expect(secretBearing("aws:lambda/function:Function", { environment: { variables: { API_KEY: "k", HOST: "h" } } }))
            .toEqual([{ path: ["environment", "variables", "API_KEY"], value: "k", encoding: "text" }]);
        expect(secretBearing("aws:s3/bucket:Bucket", { policy: "x" })).toEqual([]);
    });
    test("leaf values: JSON object strings, base64, plain text", () => {
        expect(leafValues({ path: [], value: '{"A":"a","B":2,"C":"c"}', encoding: "json" })).toEqual(["a", "c"]);
        expect(leafValues({ path: [], value: '"quoted"', encoding: "json" })).toEqual(['"quoted"']);
        expect(leafValues({ path: [], value: "not json", encoding: "json" })).toEqual(["not json"]);
        expect(leafValues({ path: [], value: Buffer.from("decoded").toString("base64"), encoding: "base64" })).toEqual(["decoded"]);
        expect(leafValues({ path: [], value: '{"A":"a"}', encoding: "text" })).toEqual(['{"A":"a"}']);
        expect(leafValues({ path: [], value: UNKNOWN_INPUT, encoding: "text" })).toEqual([]);
    });
});

describe("Vault policy HCL, read by a tokenizer (policies/lib/hcl.ts)", () => {
    test("a block with nested braces is read whole: its capabilities are not lost at the first }", () => {
        const policy = `
path "kv/data/*" {
  allowed_parameters = {
    "ttl" = []
    "version" = ["1", "2"]
  }
  capabilities = ["read", "update"]
}
path "kv/metadata/*" { capabilities = ["list"] }`;
        expect(pathRules(policy)).toEqual([
            { path: "kv/data/*", capabilities: ["read", "update"] },
            { path: "kv/metadata/*", capabilities: ["list"] },
        ]);
    });

    test("all three comment forms, inline too, and a } inside a string or a comment", () => {
        const policy = `
// path "sys/*" { capabilities = ["sudo"] }
/* path "auth/*" {
     capabilities = ["create"]
   } */
path "kv/data/a}b" { # a } here changes nothing
  capabilities = ["read"] // nor here }
}`;
        expect(pathRules(policy)).toEqual([{ path: "kv/data/a}b", capabilities: ["read"] }]);
    });

    test("heredocs (plain and indented) hold text, not rules", () => {
        const policy = `
path "kv/data/x" {
  description = <<EOT
path "sys/*" { capabilities = ["sudo"] }
EOT
  capabilities = ["read"]
}
path "kv/data/y" {
  description = <<-EOT
    indented text }
    EOT
  capabilities = ["list"]
}`;
        expect(pathRules(policy)).toEqual([{ path: "kv/data/x", capabilities: ["read"] }, { path: "kv/data/y", capabilities: ["list"] }]);
        expect(parseHcl('a = <<-EOT\n    x\n      y\n    EOT\n').attributes.a).toBe("x\n  y\n");
    });

    test("escapes in strings, trailing commas, and the attribute form path = { ... }", () => {
        expect(pathRules('path "kv/data/\\"q\\"" { capabilities = ["read",] }')).toEqual([{ path: 'kv/data/"q"', capabilities: ["read"] }]);
        expect(pathRules('path = { "kv/data/z" = { capabilities = ["deny"] } }')).toEqual([{ path: "kv/data/z", capabilities: ["deny"] }]);
    });

    test.each([
        ["numbers", "a = 12\nb = -3.25\nc = 1e10\nd = 2E-1", { a: 12, b: -3.25, c: 1e10, d: 0.2 }],
        ["true, false, null and bare words", "t = true\nf = false\nn = null\nw = word", { t: true, f: false, n: null, w: "word" }],
        ["escapes: \\n \\t \\r \\\\ \\\" and \\u", 'e = "a\\nb\\tc\\rd\\\\e\\"f\\u0041g"', { e: 'a\nb\tc\rd\\e"fAg' }],
        ["lists: empty, nested, trailing comma", "l = []\nm = [[1], [\"x\", 2],]", { l: [], m: [[1], ["x", 2]] }],
        ["JSON-style colons and commas between attributes", '{ "a": 1, "b": "two" }'.slice(1, -1), { a: 1, b: "two" }],
        ["objects of attributes and of blocks", 'o = { k = "v" inner "label" { x = 1 } plain { y = 2 } }', { o: { k: "v", label: { x: 1 }, plain: { y: 2 } } }],
        ["a heredoc with CRLF line ends and a blank line", "h = <<EOT\r\none\r\n\r\ntwo\r\nEOT\r\n", { h: "one\n\ntwo\n" }],
        ["an indented heredoc keeps the relative indent, blank lines aside", "h = <<-EOT\n    a\n\n      b\n  EOT\n", { h: "a\n\n  b\n" }],
        ["an empty heredoc", "h = <<EOT\nEOT\n", { h: "" }],
        ["a heredoc whose marker ends the text, and one right after =", "a =<<EOT\nx\nEOT\nh = <<EOT\ny\nEOT", { a: "x\n", h: "y\n" }],
        ["a carriage return inside a heredoc line is kept", "h = <<EOT\na\rb\nEOT\n", { h: "a\rb\n" }],
        ["an indented heredoc ignores whitespace-only lines when measuring the indent", "h = <<-EOT\n    a\n  \n    b\n  EOT\n", { h: "a\n\nb\n" }],
        ["an indented heredoc of whitespace only is kept as it is", "h = <<-EOT\n   \nEOT\n", { h: "   \n" }],
        ["a comment right after a token, and one that ends the text", "l = [1]// note\nm = 2 # last", { l: [1], m: 2 }],
        ["a quoted key that is a brace", '"}" = 1', { "}": 1 }],
        ["blocks nested in blocks inside an object", 'o = { a "l" { m "n" { c = 1 } plain { d = 2 } } }', { o: { l: { n: { c: 1 }, plain: { d: 2 } } } }],
    ])("parses %s", (_label, text, attributes) => {
        expect(parseHcl(text as string).attributes).toEqual(attributes);
    });

    test("block labels may be bare words; a quoted brace inside a block is an attribute", () => {
        expect(parseHcl('block ident_label "s" { "}" = 1 }').blocks).toEqual([{ type: "block", labels: ["ident_label", "s"], body: { attributes: { "}": 1 }, blocks: [] } }]);
    });

    test("a failure of the reader itself is not taken for malformed HCL (it would hide a grant)", () => {
        const deep = `a = ${"[".repeat(100000)}${"]".repeat(100000)}`;
        expect(() => pathRules(deep)).toThrow(RangeError);
    });

    test("a null path attribute or rule grants nothing and does not throw", () => {
        expect(pathRules("path = null")).toEqual([]);
        expect(pathRules('path = { "kv/data/n" = null }')).toEqual([{ path: "kv/data/n", capabilities: [] }]);
        expect(pathRules('{"path": null}')).toEqual([]);
        expect(pathRules('{"path": {"kv/data/s": "read"}}')).toEqual([{ path: "kv/data/s", capabilities: [] }]);
    });

    test("blocks keep their type, every label and their body; nested blocks included", () => {
        expect(parseHcl('path "a" "b" { x = 1\n inner { y = 2 } }\nbare {}').blocks).toEqual([
            { type: "path", labels: ["a", "b"], body: { attributes: { x: 1 }, blocks: [{ type: "inner", labels: [], body: { attributes: { y: 2 }, blocks: [] } }] } },
            { type: "bare", labels: [], body: { attributes: {}, blocks: [] } },
        ]);
    });

    test.each([
        ["/* never closed", "unterminated /* comment"],
        ["a = <<EOT", "malformed heredoc"],
        ["a = <<EOT\nno end", "unterminated heredoc EOT"],
        ['a = "open', "unterminated string"],
        ['a = "line\nbreak"', "newline in a string"],
        ['a = "\\q"', "unknown escape \\q"],
        ["a = @", 'unexpected character "@"'],
        ["a = [1 2]", 'expected "," or "]"'],
        ["a =", "expected a value"],
        ["a = }", 'unexpected "}"'],
        ["= 1", "expected an attribute or a block"],
        ['path "x" { a = 1', 'expected "}"'],
        ["x {", 'expected "}"'],
        ["o = { a = 1", 'expected "}"'],
        ['path "x" [', 'expected "{"'],
        ["a = /", 'unexpected character "/"'],
        ["a = 1 /*/", "unterminated /* comment"],
        ["a = <", 'unexpected character "<"'],
        ['a = <<"x"\nb = <<EOT\ny\nEOT\n', "malformed heredoc"],
        ["a = 1 }", "expected an attribute or a block"],
        ["o { = 1 }", "expected an attribute or a block"],
    ])("refuses %j: %s", (text, message) => {
        expect(() => parseHcl(text)).toThrow(new HclError(message));
    });

    test("a path block with two labels, or another block type, is not a rule; JSON policies are read, malformed JSON grants nothing", () => {
        expect(pathRules('path "a" "b" { capabilities = ["read"] }\nother "c" { capabilities = ["read"] }')).toEqual([]);
        expect(pathRules('path "kv/data/a" { capabilities = "read" }')).toEqual([{ path: "kv/data/a", capabilities: [] }]);
        expect(pathRules('path "kv/data/a" { capabilities = ["read", 1, true] }')).toEqual([{ path: "kv/data/a", capabilities: ["read"] }]);
        expect(pathRules('  {"path": {"kv/data/j": {"capabilities": ["read"]}, "kv/data/k": null}}  ')).toEqual([
            { path: "kv/data/j", capabilities: ["read"] }, { path: "kv/data/k", capabilities: [] },
        ]);
        expect(pathRules('{"path": ')).toEqual([]);
        expect(pathRules("{}")).toEqual([]);
        expect(pathRules('path = { "kv/data/z" = "not an object" }')).toEqual([{ path: "kv/data/z", capabilities: [] }]);
    });

    test("entryPath strips the mount and a KV v2 API prefix", () => {
        for (const api of ["data", "metadata", "delete", "undelete", "destroy", "subkeys"]) expect(entryPath(`kv/${api}/prod/app/*`)).toBe("prod/app/*");
        expect(entryPath("kv/prod/app")).toBe("prod/app");
        expect(entryPath("secret/config")).toBe("config");
    });

    test("malformed HCL grants nothing (Vault refuses to store it); HclError names the problem", () => {
        expect(pathRules('path "kv/data/a" { capabilities = ["read"]')).toEqual([]);
        expect(pathRules('path "kv/data/a" { capabilities = ["read" }')).toEqual([]);
        expect(() => parseHcl('a = "open')).toThrow(HclError);
        expect(() => parseHcl("a = <<EOT\nnever closed")).toThrow("unterminated heredoc EOT");
    });
});
