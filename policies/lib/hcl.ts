/**
 * The `path "..." { ... }` blocks of a Vault policy, in HCL or its JSON form, read by a real
 * tokenizer and parser of the HCL subset Vault policies use: blocks with labels, attributes,
 * strings with escapes, heredocs (`<<EOF`, `<<-EOF`), numbers, booleans, lists, nested objects
 * (`allowed_parameters = { "ttl" = [] }`) and the three comment forms (`#`, `//`, `/* *\/`).
 * A regular expression cut a block at its first `}`, so a block with nested braces read as granting
 * nothing. Synchronous and dependency-free: the pack ships alone and CrossGuard policies are sync
 * (HashiCorp's HCL-to-JSON on npm is async and HCL2-only).
 * A policy that does not parse grants nothing here, as Vault refuses to store it.
 */
export interface PathRule {
    path: string;
    capabilities: string[];
}

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

interface Block {
    type: string;
    labels: string[];
    body: Body;
}

interface Body {
    attributes: Record<string, Value>;
    blocks: Block[];
}

type Token =
    | { kind: "string"; value: string }
    | { kind: "ident"; value: string }
    | { kind: "number"; value: number }
    | { kind: "punct"; value: string };

/** Thrown for malformed HCL; `pathRules` turns it into "grants nothing". */
export class HclError extends Error {}

function tokenize(text: string): Token[] {
    const tokens: Token[] = [];
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (/\s/.test(c)) { i++; continue; }
        if (c === "#" || (c === "/" && text[i + 1] === "/")) {
            const nl = text.indexOf("\n", i);
            i = nl === -1 ? text.length : nl;
            continue;
        }
        if (c === "/" && text[i + 1] === "*") {
            const end = text.indexOf("*/", i + 2);
            if (end === -1) throw new HclError("unterminated /* comment");
            i = end + 2;
            continue;
        }
        if (c === "<" && text[i + 1] === "<") {
            const m = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/.exec(text.slice(i));
            if (!m) throw new HclError("malformed heredoc");
            const [header, indent, marker] = m;
            const lines: string[] = [];
            let at = i + header.length;
            for (;;) {
                const nl = text.indexOf("\n", at);
                const line = text.slice(at, nl === -1 ? text.length : nl).replace(/\r$/, "");
                if (line.trim() === marker) { at = nl === -1 ? text.length : nl + 1; break; }
                lines.push(line);
                if (nl === -1) throw new HclError(`unterminated heredoc ${marker}`);
                at = nl + 1;
            }
            const body = indent ? dedent(lines) : lines;
            tokens.push({ kind: "string", value: body.map((l) => `${l}\n`).join("") });
            i = at;
            continue;
        }
        if (c === '"') {
            let value = "";
            i++;
            for (;;) {
                const ch = text[i];
                if (ch === undefined) throw new HclError("unterminated string");
                if (ch === '"') { i++; break; }
                if (ch === "\n") throw new HclError("newline in a string");
                if (ch === "\\") {
                    const next = text[i + 1];
                    const escapes: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "\\": "\\" };
                    if (next === "u") {
                        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
                        i += 6;
                        continue;
                    }
                    if (!(next in escapes)) throw new HclError(`unknown escape \\${next}`);
                    value += escapes[next];
                    i += 2;
                    continue;
                }
                value += ch;
                i++;
            }
            tokens.push({ kind: "string", value });
            continue;
        }
        const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
        if (number) {
            tokens.push({ kind: "number", value: Number(number[0]) });
            i += number[0].length;
            continue;
        }
        const ident = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(text.slice(i));
        if (ident) {
            tokens.push({ kind: "ident", value: ident[0] });
            i += ident[0].length;
            continue;
        }
        if ("{}[]=,:".includes(c)) {
            tokens.push({ kind: "punct", value: c });
            i++;
            continue;
        }
        throw new HclError(`unexpected character ${JSON.stringify(c)}`);
    }
    return tokens;
}

/** `<<-EOF`: the common leading whitespace of the lines is removed. */
function dedent(lines: string[]): string[] {
    const widths = lines.filter((l) => l.trim() !== "").map((l) => l.length - l.trimStart().length);
    const cut = widths.length > 0 ? Math.min(...widths) : 0;
    return lines.map((l) => l.slice(cut));
}

class Parser {
    private at = 0;
    constructor(private readonly tokens: Token[]) {}

    private peek(): Token | undefined {
        return this.tokens[this.at];
    }

    private isPunct(value: string): boolean {
        const t = this.peek();
        return t?.kind === "punct" && t.value === value;
    }

    private expectPunct(value: string): void {
        if (!this.isPunct(value)) throw new HclError(`expected "${value}"`);
        this.at++;
    }

    body(closing: boolean): Body {
        const body: Body = { attributes: {}, blocks: [] };
        for (;;) {
            const t = this.peek();
            // At the end of the text a block's caller finds no "}" and says so.
            if (t === undefined) return body;
            if (closing && t.kind === "punct" && t.value === "}") return body;
            if (t.kind !== "ident" && t.kind !== "string") throw new HclError("expected an attribute or a block");
            this.at++;
            if (this.isPunct("=") || this.isPunct(":")) {
                this.at++;
                body.attributes[t.value] = this.value();
                if (this.isPunct(",")) this.at++;
                continue;
            }
            const labels: string[] = [];
            for (let next = this.peek(); next && (next.kind === "string" || next.kind === "ident"); next = this.peek()) {
                labels.push(next.value);
                this.at++;
            }
            this.expectPunct("{");
            const inner = this.body(true);
            this.expectPunct("}");
            body.blocks.push({ type: t.value, labels, body: inner });
        }
    }

    value(): Value {
        const t = this.peek();
        if (t === undefined) throw new HclError("expected a value");
        this.at++;
        if (t.kind === "string" || t.kind === "number") return t.value;
        if (t.kind === "ident") return t.value === "true" ? true : t.value === "false" ? false : t.value === "null" ? null : t.value;
        if (t.value === "[") {
            const items: Value[] = [];
            while (!this.isPunct("]")) {
                items.push(this.value());
                if (this.isPunct(",")) this.at++;
                else if (!this.isPunct("]")) throw new HclError('expected "," or "]"');
            }
            this.at++;
            return items;
        }
        if (t.value === "{") {
            const inner = this.body(true);
            this.expectPunct("}");
            return { ...inner.attributes, ...Object.fromEntries(inner.blocks.map((b) => [b.labels[0] ?? b.type, bodyValue(b.body)])) };
        }
        throw new HclError(`unexpected "${t.value}"`);
    }
}

function bodyValue(body: Body): Value {
    return { ...body.attributes, ...Object.fromEntries(body.blocks.map((b) => [b.labels[0] ?? b.type, bodyValue(b.body)])) };
}

/** Parses HCL into its top-level body; throws HclError when it is malformed. */
export function parseHcl(text: string): Body {
    const parser = new Parser(tokenize(text));
    return parser.body(false);
}

function capabilitiesOf(value: unknown): string[] {
    return Array.isArray(value) ? value.filter((c): c is string => typeof c === "string") : [];
}

function record(value: unknown): Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The JSON form of a policy: `{"path": {"kv/data/x": {"capabilities": [...]}}}`. */
function jsonPathRules(text: string): PathRule[] {
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch {
        return [];
    }
    return Object.entries(record(record(doc).path)).map(([path, body]) => ({ path, capabilities: capabilitiesOf(record(body).capabilities) }));
}

export function pathRules(policy: string): PathRule[] {
    const trimmed = policy.trim();
    if (trimmed.startsWith("{")) return jsonPathRules(trimmed);
    let body: Body;
    try {
        body = parseHcl(trimmed);
    } catch (error) {
        // Only malformed HCL grants nothing; a failure of the reader itself must not hide a grant.
        if (error instanceof HclError) return [];
        throw error;
    }
    const rules = body.blocks
        .filter((b) => b.type === "path" && b.labels.length === 1)
        .map((b) => ({ path: b.labels[0], capabilities: capabilitiesOf(b.body.attributes.capabilities) }));
    // `path = { "x" = { capabilities = [...] } }`: the attribute form of the same rules.
    for (const [path, rule] of Object.entries(record(body.attributes.path))) {
        rules.push({ path, capabilities: capabilitiesOf(record(rule).capabilities) });
    }
    return rules;
}

/** KV v2 API prefixes after the mount: `kv/data/prod/x` is entry `prod/x`. */
const KV_API = new Set(["data", "metadata", "delete", "undelete", "destroy", "subkeys"]);

/** The entry path a rule addresses inside its mount: `kv/data/prod/app/*` -> `prod/app/*`. */
export function entryPath(path: string): string {
    const segments = path.split("/");
    const rest = segments.slice(1);
    return (KV_API.has(rest[0]) ? rest.slice(1) : rest).join("/");
}
