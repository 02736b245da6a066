import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import * as YAML from "yaml";

/**
 * docs/configuration.md is written for people; the JSDoc of the catalog's types
 * (components/catalog/model.ts) is the source of truth it follows. This holds the two together:
 * every documented key is a field of its type and every field is documented, and a literal
 * `@default` of the JSDoc is the default the table states.
 */

const ROOT = path.join(__dirname, "../..");
const MODEL = path.join(ROOT, "components/catalog/model.ts");
const DOC = fs.readFileSync(path.join(ROOT, "docs/configuration.md"), "utf8");

interface Field {
    name: string;
    default?: string;
}

const program = ts.createProgram([MODEL], { strict: true, noEmit: true });
const checker = program.getTypeChecker();
const source = program.getSourceFile(MODEL);
if (!source) throw new Error(`cannot read ${MODEL}`);

function interfaceType(name: string): ts.Type {
    const declaration = source?.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
    if (!declaration) throw new Error(`${name} is not an interface of ${MODEL}`);
    return checker.getTypeAtLocation(declaration.name);
}

/** An inline object type (`vault?: { server?: string }`), as opposed to a named interface, a map or a union with primitives. */
function inlineObject(type: ts.Type): ts.Type | undefined {
    const t = checker.getNonNullableType(type);
    if (t.isUnion() || !(t.flags & ts.TypeFlags.Object) || checker.isArrayType(t) || checker.getIndexInfosOfType(t).length > 0) return undefined;
    return t.symbol?.name === "__type" ? t : undefined;
}

/** The fields of a type, inline object fields flattened as `parent.child`. */
function fieldsOf(type: ts.Type, prefix = ""): Field[] {
    return checker.getPropertiesOfType(type).flatMap((p): Field[] => {
        const name = `${prefix}${p.name}`;
        const tag = p.getJsDocTags(checker).find((t) => t.name === "default");
        const field: Field = { name, default: tag ? ts.displayPartsToString(tag.text).trim() : undefined };
        const declaration = p.valueDeclaration ?? p.declarations?.[0];
        const inline = declaration ? inlineObject(checker.getTypeOfSymbolAtLocation(p, declaration)) : undefined;
        return inline ? [field, ...fieldsOf(inline, `${name}.`)] : [field];
    });
}

/** The rows of the first table under a heading: first cell's backticked names to the "default" cell. */
function tableUnder(heading: string): Map<string, string> {
    const start = DOC.indexOf(`\n${heading}\n`);
    if (start < 0) throw new Error(`docs/configuration.md has no heading "${heading}"`);
    const rows = new Map<string, string>();
    let inTable = false;
    let defaultColumn = -1;
    for (const line of DOC.slice(start + heading.length + 2).split("\n")) {
        if (line.startsWith("#")) break;
        if (!line.startsWith("|")) {
            if (inTable) break;
            continue;
        }
        const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
        if (!inTable) {
            inTable = true;
            defaultColumn = cells.indexOf("default");
            continue;
        }
        for (const name of cells[0].match(/`[^`]+`/g) ?? []) rows.set(name.slice(1, -1), cells[defaultColumn] ?? "");
    }
    return rows;
}

/** A JSDoc default as the table would write it, when it is a plain literal (`365`, `"kubernetes"`, `true`). */
function literal(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    if (/^-?\d+$/.test(value) || value === "true" || value === "false") return value;
    const quoted = /^"([^"]*)"$/.exec(value);
    return quoted ? quoted[1] : undefined;
}

function expectDocumented(table: Map<string, string>, fields: Field[], skip: (name: string) => boolean = () => false): void {
    const wanted = fields.map((f) => f.name).filter((n) => !skip(n)).sort();
    expect([...table.keys()].filter((n) => !skip(n)).sort()).toEqual(wanted);
    for (const f of fields) {
        const value = literal(f.default);
        if (value !== undefined && table.has(f.name)) expect({ field: f.name, default: table.get(f.name) }).toEqual({ field: f.name, default: expect.stringContaining(value) });
    }
}

test("stack keys: every field of CatalogConfig, and the external values", () => {
    const table = tableUnder("## Stack keys");
    expect(table.has("<NAME>")).toBe(true);
    table.delete("<NAME>");
    expectDocumented(table, fieldsOf(interfaceType("CatalogConfig")));
});

test("stores.vault and stores.aws: every field of VaultStoreConfig and AwsStoreConfig", () => {
    expectDocumented(tableUnder("### `stores.vault` (HashiCorp Vault, KV version 2)"), fieldsOf(interfaceType("VaultStoreConfig")));
    expectDocumented(tableUnder("### `stores.aws` (AWS Secrets Manager)"), fieldsOf(interfaceType("AwsStoreConfig")));
});

test("kubernetes and consumers: every field of KubernetesConfig and ConsumerConfig, nested ones by their path", () => {
    const table = tableUnder("### `kubernetes` and `consumers`");
    const fields = [
        ...fieldsOf(interfaceType("KubernetesConfig"), "kubernetes."),
        ...fieldsOf(interfaceType("ConsumerConfig"), "consumers.<name>."),
    ];
    // An inline object documented by its fields has no row of its own.
    const parents = new Set(fields.map((f) => f.name.split(".").slice(0, -1).join(".")));
    expectDocumented(table, fields.filter((f) => !parents.has(f.name) || table.has(f.name)));
});

test("a secret: every field of SecretConfig", () => {
    expectDocumented(tableUnder("## A secret"), fieldsOf(interfaceType("SecretConfig")));
});

test("audit: the example shows every field of VaultAuditConfig and AwsAuditConfig", () => {
    const start = DOC.indexOf("\n### Audit\n");
    const block = /```yaml\n([\s\S]*?)```/.exec(DOC.slice(start))?.[1];
    if (!block) throw new Error("docs/configuration.md: no YAML example under ### Audit");
    const stores = YAML.parse(block)["platform-secrets:stores"];
    const keysOf = (value: unknown, prefix = ""): string[] => typeof value !== "object" || value === null || Array.isArray(value) ? []
        : Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...(k === "options" ? [] : keysOf(v, `${prefix}${k}.`))]);
    expect(keysOf(stores.vault.audit).sort()).toEqual(fieldsOf(interfaceType("VaultAuditConfig")).map((f) => f.name).sort());
    expect(keysOf(stores.aws.audit).sort()).toEqual(fieldsOf(interfaceType("AwsAuditConfig")).map((f) => f.name).sort());
});
