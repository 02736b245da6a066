/**
 * `platform-secrets/runtime`: start-up validation of an application's environment against the
 * schema `platform-secrets env-schema` writes. Dependency-free (Node's built-ins only, none
 * imported), so an application adds nothing else to its image.
 *
 * It implements the JSON Schema 2020-12 keywords that schema uses (type, required, properties,
 * minLength, maxLength, pattern, const, enum, anyOf, not, local $ref; annotations are ignored),
 * and refuses a schema with any other keyword rather than skip it. Messages name the variable,
 * what is wrong and how to fix it; they never contain a value.
 */

export type JsonSchema = { [keyword: string]: unknown };

export interface EnvironmentProblem {
    /** The environment variable. */
    variable: string;
    /** What is wrong, without the value. */
    problem: string;
    /** How to fix it: the schema's description of the variable. */
    fix?: string;
}

const ANNOTATIONS = new Set(["$schema", "$id", "$comment", "$defs", "title", "description", "default", "examples", "deprecated", "readOnly", "writeOnly", "additionalProperties"]);
const STRING_KEYWORDS = new Set(["type", "minLength", "maxLength", "pattern", "const", "enum", "anyOf", "not", "$ref"]);

/** A schema this validator cannot apply faithfully. */
export class UnsupportedSchemaError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UnsupportedSchemaError";
    }
}

function resolve(root: JsonSchema, schema: JsonSchema): JsonSchema {
    const ref = schema.$ref;
    if (ref === undefined) return schema;
    if (typeof ref !== "string" || !ref.startsWith("#/")) throw new UnsupportedSchemaError(`only local $ref ("#/...") is supported, got ${JSON.stringify(ref)}`);
    let node: unknown = root;
    for (const part of ref.slice(2).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))) {
        node = typeof node === "object" && node !== null ? (node as JsonSchema)[part] : undefined;
    }
    if (typeof node !== "object" || node === null) throw new UnsupportedSchemaError(`$ref ${ref} points at nothing`);
    return node as JsonSchema;
}

function checkKeywords(schema: JsonSchema, allowed: Set<string>, where: string): void {
    for (const key of Object.keys(schema)) {
        if (!allowed.has(key) && !ANNOTATIONS.has(key)) throw new UnsupportedSchemaError(`${where}: keyword "${key}" is not supported by platform-secrets/runtime; use a full JSON Schema validator`);
    }
}

const regexCache = new Map<string, RegExp>();

function regex(pattern: string): RegExp {
    let r = regexCache.get(pattern);
    if (!r) {
        r = new RegExp(pattern, "u");
        regexCache.set(pattern, r);
    }
    return r;
}

/** Why `value` fails `schema`, or undefined when it passes. Never quotes the value. */
function stringProblem(root: JsonSchema, input: JsonSchema, value: string, where: string): string | undefined {
    const schema = resolve(root, input);
    checkKeywords(schema, STRING_KEYWORDS, where);
    if (schema.type !== undefined && schema.type !== "string") throw new UnsupportedSchemaError(`${where}: only string variables are supported`);
    const length = [...value].length;
    if (schema.const !== undefined && value !== schema.const) return schema.const === "" ? "must be empty" : "is not the required value";
    if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return "is not one of the allowed values";
    if (typeof schema.minLength === "number" && length < schema.minLength) {
        return length === 0 ? "is empty" : `is ${length} characters long; at least ${schema.minLength} are needed`;
    }
    if (typeof schema.maxLength === "number" && length > schema.maxLength) return `is ${length} characters long; at most ${schema.maxLength} are allowed`;
    if (typeof schema.pattern === "string" && !regex(schema.pattern).test(value)) return `does not match ${schema.pattern}`;
    if (Array.isArray(schema.anyOf)) {
        const problems = schema.anyOf.map((s, i) => stringProblem(root, s as JsonSchema, value, `${where}/anyOf/${i}`));
        if (problems.every((p) => p !== undefined)) return problems.filter((p) => p !== "must be empty").join("; ") || problems[0];
    }
    if (schema.not !== undefined) {
        const not = resolve(root, schema.not as JsonSchema);
        if (stringProblem(root, not, value, `${where}/not`) === undefined) {
            return `holds ${typeof not.description === "string" ? not.description : "a value the schema forbids"}`;
        }
    }
    return undefined;
}

/**
 * Every problem of `env` against `schema`, in the schema's order; an empty list means valid.
 * @throws UnsupportedSchemaError when the schema uses a keyword this validator does not know.
 */
export function validateEnvironment(schema: JsonSchema, env: Record<string, string | undefined>): EnvironmentProblem[] {
    checkKeywords(schema, new Set(["type", "required", "properties"]), "schema");
    if (schema.type !== undefined && schema.type !== "object") throw new UnsupportedSchemaError(`schema: the environment is an object; "type" must be "object"`);
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
    const fixOf = (name: string) => (typeof properties[name]?.description === "string" ? (properties[name].description as string) : undefined);
    const problems: EnvironmentProblem[] = [];
    const names = [...new Set([...required, ...Object.keys(properties)])];
    for (const name of names) {
        const value = env[name];
        if (value === undefined) {
            if (required.has(name)) problems.push({ variable: name, problem: "is not set", fix: fixOf(name) });
            continue;
        }
        const property = properties[name];
        const problem = property ? stringProblem(schema, property, value, `properties/${name}`) : undefined;
        if (problem !== undefined) problems.push({ variable: name, problem, fix: fixOf(name) });
    }
    return problems;
}

/** One readable message: a line per problem, each naming the variable, what is wrong and the fix. */
export function formatEnvironmentProblems(problems: EnvironmentProblem[]): string {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    return [`Invalid environment (${count}):`, ...problems.map((p) => `  - ${p.variable} ${p.problem}${p.fix ? `. Fix: ${p.fix}` : ""}`)].join("\n");
}

export class EnvironmentError extends Error {
    readonly problems: EnvironmentProblem[];

    constructor(problems: EnvironmentProblem[]) {
        super(formatEnvironmentProblems(problems));
        this.name = "EnvironmentError";
        this.problems = problems;
    }
}

/** Throws one `EnvironmentError` listing every problem; returns quietly when the environment is valid. */
export function assertEnvironment(schema: JsonSchema, env: Record<string, string | undefined> = process.env): void {
    const problems = validateEnvironment(schema, env);
    if (problems.length > 0) throw new EnvironmentError(problems);
}
