import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { UNDECRYPTED_VALUE } from "../components/config/undecrypted";

/**
 * The configuration the Pulumi CLI would hand a program: `Pulumi.yaml`'s `config:` block, then
 * the stack file on top, flattened into the `PULUMI_CONFIG` map. `secure:` values are never
 * decrypted: they become a placeholder and their keys are listed as secret.
 */

/** What a program sees in place of a `secure:` value read with a non-secret getter. */
export const SECURE_PLACEHOLDER = UNDECRYPTED_VALUE;

/** A configuration problem; the message names the file, the key and the fix. */
export class ConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ConfigError";
    }
}

export interface Project {
    name: string;
    /** Entry point from `main`, relative to the program directory. */
    main?: string;
    stackConfigDir?: string;
    /** The raw `config:` block. */
    config: Record<string, unknown>;
}

export interface ProgramConfig {
    project: string;
    /** Short stack name: `org/project/prod` is `prod`, as `pulumi.getStack()` returns. */
    stack: string;
    programDir: string;
    main?: string;
    /** Absolute path of the stack file read. */
    stackFile: string;
    /** The stack file as the user named it: `Pulumi.prod.yaml`, or the `--config-file` argument. */
    stackFileLabel: string;
    /** `PULUMI_CONFIG`: `namespace:key` to string; objects and lists JSON-encoded. */
    config: Record<string, string>;
    /** `PULUMI_CONFIG_SECRET_KEYS`: keys whose value is, or contains, a `secure:` value. */
    secretKeys: string[];
    /** Things the CLI would resolve that this offline run cannot. */
    warnings: string[];
}

export interface LoadOptions {
    programDir: string;
    stack: string;
    /** `--config-file`, as given; resolved against `invocationDir`. */
    configFile?: string;
    /** Where the user ran the command: `--config-file` is relative to it, as in the CLI. */
    invocationDir?: string;
}

/** A value in CLI form: its text, and whether a `secure:` value was replaced inside it. */
export interface ConfigValue {
    text: string;
    secret: boolean;
}

const DECLARATION_FIELDS = new Set(["type", "description", "default", "value", "secret", "items"]);

function isMapping(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSecure(value: unknown): boolean {
    return isMapping(value) && Object.keys(value).length === 1 && typeof value.secure === "string";
}

/** Replaces every `secure:` value, at any depth, by the placeholder. */
function withoutSecure(value: unknown): { value: unknown; secret: boolean } {
    if (isSecure(value)) return { value: SECURE_PLACEHOLDER, secret: true };
    if (Array.isArray(value)) {
        const items = value.map(withoutSecure);
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (isMapping(value)) {
        const entries = Object.entries(value).map(([k, v]) => [k, withoutSecure(v)] as const);
        return { value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])), secret: entries.some(([, v]) => v.secret) };
    }
    return { value, secret: false };
}

/** As the CLI puts a value in `PULUMI_CONFIG`: scalars as text, objects and lists as JSON. */
export function toConfigValue(raw: unknown): ConfigValue {
    const { value, secret } = withoutSecure(raw);
    if (value === null || value === undefined) return { text: "", secret };
    if (typeof value === "object") return { text: JSON.stringify(value), secret };
    return { text: String(value), secret };
}

/**
 * `namespace:key`, the only form the CLI accepts in a stack file (`namespace:config:key` is
 * the legacy spelling of the same key). In `Pulumi.yaml` a bare key belongs to the project.
 */
export function normalizeKey(key: string, project: string, bareAllowed: boolean, file: string): string {
    const parts = key.split(":");
    if (parts.length === 2 && parts[0] && parts[1]) return key;
    if (parts.length === 3 && parts[1] === "config" && parts[0] && parts[2]) return `${parts[0]}:${parts[2]}`;
    if (parts.length === 1 && key && bareAllowed) return `${project}:${key}`;
    const fix = parts.length === 1 ? `; write it as \`${project}:${key}\`` : "";
    throw new ConfigError(`${file}: config key "${key}" is not of the form <namespace>:<name>${fix}`);
}

function readYaml(file: string, label: string): unknown {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        throw new ConfigError(`${label}: file not found (looked for ${file})`);
    }
    try {
        return parse(text) ?? {};
    } catch (e) {
        // The first line names the line and column; the code frame after it could show a ciphertext.
        throw new ConfigError(`${label}: not valid YAML: ${String((e as Error).message).split("\n")[0]}`);
    }
}

function configBlock(doc: unknown, label: string): Record<string, unknown> {
    const config = isMapping(doc) ? doc.config : undefined;
    if (config === undefined || config === null) return {};
    if (!isMapping(config)) throw new ConfigError(`${label}: \`config:\` must be a mapping of keys to values`);
    return config;
}

export function readProject(programDir: string): Project {
    const file = path.join(programDir, "Pulumi.yaml");
    if (!fs.existsSync(file)) {
        throw new ConfigError(`${file}: not found; --cwd must name a Pulumi project directory (one holding Pulumi.yaml)`);
    }
    const doc = readYaml(file, "Pulumi.yaml");
    const name = isMapping(doc) ? doc.name : undefined;
    if (typeof name !== "string" || name === "") throw new ConfigError(`Pulumi.yaml: \`name\` is required; add the project name`);
    const main = isMapping(doc) && typeof doc.main === "string" ? doc.main : undefined;
    const stackConfigDir = isMapping(doc) && typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : undefined;
    return { name, main, stackConfigDir, config: configBlock(doc, "Pulumi.yaml") };
}

/** A project-level key: its value (if any) and the declaration's constraints. */
export interface ProjectEntry {
    value?: unknown;
    declared: boolean;
    type?: string;
    secret?: boolean;
}

/** A mapping made only of declaration fields is a declaration; any other value is a literal. */
function isDeclaration(value: unknown): value is Record<string, unknown> {
    return isMapping(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => DECLARATION_FIELDS.has(k));
}

export function projectEntries(project: Project): Map<string, ProjectEntry> {
    const entries = new Map<string, ProjectEntry>();
    for (const [key, raw] of Object.entries(project.config)) {
        const full = normalizeKey(key, project.name, true, "Pulumi.yaml");
        if (!isDeclaration(raw)) {
            entries.set(full, { value: raw, declared: false });
            continue;
        }
        const value = raw.value !== undefined ? raw.value : raw.default;
        entries.set(full, {
            ...(value !== undefined ? { value } : {}),
            declared: true,
            type: typeof raw.type === "string" ? raw.type : undefined,
            secret: raw.secret === true,
        });
    }
    return entries;
}

export function stackEntries(project: string, config: Record<string, unknown>, label: string): Map<string, unknown> {
    return new Map(Object.entries(config).map(([key, value]) => [normalizeKey(key, project, false, label), value]));
}

/** Whether a value fits a declared `type`; text forms count, since `pulumi config set` stores text. */
function fitsType(value: unknown, type: string | undefined): boolean {
    if (isSecure(value)) return true;
    switch (type) {
        case "integer":
            return Number.isInteger(value) || (typeof value === "string" && /^-?\d+$/.test(value));
        case "boolean":
            return typeof value === "boolean" || value === "true" || value === "false";
        case "string":
            return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
        case "array":
            return Array.isArray(value);
        default:
            return true;
    }
}

/** Problems the CLI reports before it starts the program: missing, mistyped or unencrypted declared keys. */
export function declarationProblems(declared: Map<string, ProjectEntry>, stack: Map<string, unknown>, stackName: string, label: string): string[] {
    const problems: string[] = [];
    for (const [key, entry] of declared) {
        if (!entry.declared) continue;
        const fromStack = stack.has(key);
        const value = fromStack ? stack.get(key) : entry.value;
        const bare = key.split(":")[1];
        if (value === undefined) {
            problems.push(`${label}: stack '${stackName}' is missing configuration value '${key}' (declared in Pulumi.yaml without a default); set it with: pulumi config set ${bare} VALUE`);
        } else if (!fitsType(value, entry.type)) {
            problems.push(`${label}: configuration value '${key}' must be of type ${entry.type}, as Pulumi.yaml declares`);
        } else if (entry.secret && fromStack && !withoutSecure(value).secret) {
            problems.push(`${label}: configuration value '${key}' is declared secret in Pulumi.yaml but stored in plain text; set it with: pulumi config set --secret ${bare} VALUE`);
        }
    }
    return problems;
}

/** Project values first, stack values over them, in CLI form. */
export function mergeConfig(fromProject: Map<string, ProjectEntry>, fromStack: Map<string, unknown>): { config: Record<string, string>; secretKeys: string[] } {
    const merged = new Map<string, unknown>();
    for (const [key, entry] of fromProject) {
        if (entry.value !== undefined) merged.set(key, entry.value);
    }
    for (const [key, value] of fromStack) merged.set(key, value);
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, raw] of merged) {
        const { text, secret } = toConfigValue(raw);
        config[key] = text;
        if (secret) secretKeys.push(key);
    }
    return { config, secretKeys };
}

/** `org/project/prod` and `prod` both select `Pulumi.prod.yaml`. */
export function shortStackName(stack: string): string {
    return stack.split("/").pop() ?? stack;
}

function stackFileOf(options: LoadOptions, project: Project): { file: string; label: string } {
    if (options.configFile) {
        return { file: path.resolve(options.invocationDir ?? process.cwd(), options.configFile), label: options.configFile };
    }
    const label = path.join(project.stackConfigDir ?? "", `Pulumi.${shortStackName(options.stack)}.yaml`);
    return { file: path.join(options.programDir, label), label };
}

export function loadProgramConfig(options: LoadOptions): ProgramConfig {
    const programDir = path.resolve(options.programDir);
    const project = readProject(programDir);
    const stack = shortStackName(options.stack);
    const { file, label } = stackFileOf({ ...options, programDir }, project);
    if (!fs.existsSync(file)) {
        const fix = options.configFile ? "check the --config-file path" : `create it, or choose another stack with --stack`;
        throw new ConfigError(`${label}: stack configuration file not found (looked for ${file}); ${fix}`);
    }
    const doc = readYaml(file, label);
    const fromProject = projectEntries(project);
    const fromStack = stackEntries(project.name, configBlock(doc, label), label);
    const problems = declarationProblems(fromProject, fromStack, stack, label);
    if (problems.length > 0) throw new ConfigError(problems.join("\n"));
    const warnings = isMapping(doc) && doc.environment !== undefined
        ? [`${label}: \`environment:\` (Pulumi ESC) imports are not resolved offline; their values are missing from this check`]
        : [];
    return {
        project: project.name,
        stack,
        programDir,
        main: project.main,
        stackFile: file,
        stackFileLabel: label,
        ...mergeConfig(fromProject, fromStack),
        warnings,
    };
}

/** The parts of `@pulumi/pulumi` the secret-getter patch needs, from the program's own copy of the SDK. */
export interface SdkConfigParts {
    Config: { prototype: Record<string, unknown> };
    /** `OutputImpl`'s constructor: resources, value, isKnown, isSecret, all resources. */
    Output: new (
        resources: unknown[],
        promise: Promise<unknown>,
        isKnown: Promise<boolean>,
        isSecret: Promise<boolean>,
        allResources: Promise<unknown[]>,
    ) => unknown;
}

/**
 * An Output that is unknown and secret, as a `secure:` value is when it cannot be decrypted:
 * `apply` callbacks never run on it, and everything derived from it stays secret.
 */
export function unknownSecretOutput(Output: SdkConfigParts["Output"]): unknown {
    return new Output([], Promise.resolve(undefined), Promise.resolve(false), Promise.resolve(true), Promise.resolve([]));
}

const SECRET_GETTERS = [
    "getSecret", "requireSecret",
    "getSecretNumber", "requireSecretNumber",
    "getSecretBoolean", "requireSecretBoolean",
    "getSecretObject", "requireSecretObject",
];

/**
 * Makes the secret getters return an unknown secret for `secure:` keys, instead of the
 * placeholder text (which would fail `format` and pattern checks the real value passes).
 * Returns a function that restores the originals.
 */
export function patchSecretGetters(sdk: SdkConfigParts, secretKeys: readonly string[]): () => void {
    const secure = new Set(secretKeys);
    const proto = sdk.Config.prototype;
    const originals = SECRET_GETTERS.map((name) => [name, proto[name]] as const);
    for (const [name, original] of originals) {
        proto[name] = function (this: { fullKey(key: string): string }, key: string, ...rest: unknown[]) {
            return secure.has(this.fullKey(key))
                ? unknownSecretOutput(sdk.Output)
                : (original as (...a: unknown[]) => unknown).call(this, key, ...rest);
        };
    }
    return () => {
        for (const [name, original] of originals) proto[name] = original;
    };
}
