import { randomBytes, randomInt } from "crypto";
import { Document, Scalar, YAMLMap } from "yaml";
import { ResolvedSecret } from "../components/catalog/model";
import { alphabet, basicAuthValue, characterClasses, encodeBytes, recipeFor, CharacterRecipe } from "../components/generation/recipe";
import { LoadedCatalog } from "./catalog";
import { catalogVariables, consumerEnvironment, setCommand, variablesOf } from "./variables";
import { parseTemplate, renderTemplate } from "../components/generation/template";
import { templateOrder } from "../components/catalog/rules/template";
import { PREVIOUS_SUFFIX } from "../components/conventions";

/**
 * `export`: fresh values for local development, made here with Node's `crypto` from the same
 * recipes the components hand to `@pulumi/random` (components/generation/recipe.ts). They are
 * new random values, never the stack's: nothing is read from a store or from Pulumi state.
 */

export type ExportFormat = "env" | "json" | "yaml";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["env", "json", "yaml"];

export interface ExportEntry {
    name: string;
    /** Empty for an external secret: a person provides it. */
    value: string;
    /** How to obtain an external value. */
    comment?: string;
}

function pick(characters: string): string {
    return characters[randomInt(characters.length)];
}

/** Like `RandomPassword`: each class's minimum first, the rest from the whole alphabet, then shuffled. */
function characters(recipe: CharacterRecipe): string {
    const chars = characterClasses(recipe).flatMap((c) => Array.from({ length: c.min }, () => pick(c.characters)));
    const all = alphabet(recipe);
    while (chars.length < recipe.length) chars.push(pick(all));
    for (let i = chars.length - 1; i > 0; i--) {
        const j = randomInt(i + 1);
        [chars[i], chars[j]] = [chars[j], chars[i]];
    }
    return chars.join("");
}

/** A fresh value of a generated secret, in its kind's encoding. */
export function freshValue(secret: ResolvedSecret): string {
    const recipe = recipeFor(secret);
    const value = recipe.source === "bytes" ? encodeBytes(randomBytes(recipe.length), recipe.encoding) : characters(recipe);
    return secret.kind === "basic-auth" ? basicAuthValue(secret.username, value) : value;
}

function externalComment(loaded: LoadedCatalog, secret: ResolvedSecret): string {
    const { program } = loaded;
    const need = secret.required ? "required" : "optional";
    const format = secret.format !== undefined ? `; must match ${secret.format}` : "";
    const where = loaded.provided.has(secret.name)
        ? `stack ${program.stack} has one (read it with: pulumi config get --stack ${program.stack} platform-secrets:${secret.name})`
        : `stack ${program.stack} has none (a person sets it with: ${setCommand(program.stack, secret.name)})`;
    return `${secret.name}: external, ${need}${format}. ${secret.description}. Use a development value from its provider; ${where}`;
}

/**
 * Fresh values of every variable of the catalog, by variable name: generated secrets anew, each
 * template filled from them (its `_PREVIOUS` from its inputs' `_PREVIOUS` where they have one);
 * externals (and the templates that need one) are absent.
 */
export function freshValues(catalog: LoadedCatalog["catalog"]): Record<string, string> {
    const values: Record<string, string> = {};
    for (const secret of templateOrder(catalog.secrets, (s) => s.name, (s) => s.inputs)) {
        // Provided by a person, or made by AWS: nothing to make locally.
        if (secret.kind === "external" || secret.accessKey) continue;
        if (secret.kind !== "template") {
            for (const v of variablesOf(secret)) values[v.name] = freshValue(secret);
            continue;
        }
        const parsed = parseTemplate(secret.template ?? "");
        if (!parsed.references.every((n) => values[n] !== undefined)) continue;
        const current = Object.fromEntries(parsed.references.map((n) => [n, values[n]]));
        values[secret.name] = renderTemplate(parsed, current);
        if (secret.keepPrevious) {
            values[`${secret.name}${PREVIOUS_SUFFIX}`] = renderTemplate(parsed, Object.fromEntries(parsed.references.map((n) => [n, values[`${n}${PREVIOUS_SUFFIX}`] ?? current[n]])));
        }
    }
    return values;
}

function templateComment(secret: ResolvedSecret): string {
    return `${secret.name}: template of ${(secret.inputs ?? []).join(", ")}, which needs an external value; fill it by hand: ${secret.template ?? ""}`;
}

/**
 * One entry per variable of the environment (or of one consumer, named as its workload sees them:
 * a `projection`'s keys), `NAME_PREVIOUS` included. A variable a layout maps under two keys has one value.
 */
export function exportEntries(loaded: LoadedCatalog, consumer?: string): ExportEntry[] {
    const values = freshValues(loaded.catalog);
    const environment = consumer === undefined
        ? catalogVariables(loaded.catalog).map((variable) => ({ name: variable.name, variable }))
        : consumerEnvironment(loaded.catalog, consumer);
    return environment.map(({ name, variable: v }) => v.secret.kind === "external"
        ? { name, value: "", comment: externalComment(loaded, v.secret) }
        : v.secret.accessKey
        // An access key cannot be made locally: AWS makes it, for a user of the stack's account.
        ? { name, value: "", comment: `${v.name}: an access key of IAM user ${v.secret.accessKey.userName}, made by AWS; locally, use your own AWS credentials (aws configure sso)` }
        : values[v.name] === undefined ? { name, value: "", comment: templateComment(v.secret) }
        : { name, value: values[v.name] });
}

const UNQUOTED = /^[A-Za-z0-9_\-.,/:@%+=!?*()[\]{}<>&^]*$/;

/**
 * A value as dotenv reads it back unchanged: plain when it has nothing dotenv treats specially
 * (`#` starts a comment, quotes and blanks are trimmed or stripped, `$` is expanded by
 * dotenv-expand), else single-quoted (taken literally), else backticks, else double quotes.
 */
export function dotenvValue(value: string): string {
    if (UNQUOTED.test(value)) return value;
    if (!value.includes("\n") && !value.includes("\r")) {
        if (!value.includes("'")) return `'${value}'`;
        if (!value.includes("`")) return `\`${value}\``;
    }
    if (!value.includes('"') && !value.includes("\\")) return `"${value.replace(/\r/g, "\\r").replace(/\n/g, "\\n")}"`;
    throw new Error("a value holds quotes of every kind dotenv knows and cannot be written to a .env file");
}

function header(loaded: LoadedCatalog): string[] {
    const { program, catalog } = loaded;
    return [
        `Local development values for environment ${catalog.environment} (stack ${program.stack}), made by platform-secrets export.`,
        "Fresh random values, not the stack's. Keep this file out of version control.",
    ];
}

export function formatExport(loaded: LoadedCatalog, entries: ExportEntry[], format: ExportFormat): string {
    switch (format) {
        case "env": {
            const lines = header(loaded).map((l) => `# ${l}`);
            for (const e of entries) {
                if (e.comment) lines.push(`# ${e.comment.replace(/\n/g, " ")}`);
                lines.push(`${e.name}=${dotenvValue(e.value)}`);
            }
            return `${lines.join("\n")}\n`;
        }
        case "json":
            // JSON has no comments: `export` prints the externals' notes on stderr.
            return `${JSON.stringify(Object.fromEntries(entries.map((e) => [e.name, e.value])), null, 2)}\n`;
        case "yaml": {
            const doc = new Document(Object.fromEntries(entries.map((e) => [e.name, e.value])));
            doc.commentBefore = header(loaded).map((l) => ` ${l}`).join("\n");
            for (const pair of (doc.contents as YAMLMap<Scalar<string>, Scalar<string>>).items) {
                const entry = entries.find((e) => e.name === pair.key.value);
                if (entry?.comment) pair.key.commentBefore = ` ${entry.comment}`;
                // Quoted: a value such as 123456 or yes must stay a string.
                if (pair.value === null) throw new Error(`export: YAML entry ${String(pair.key.value)} has no value node`);
                pair.value.type = Scalar.QUOTE_DOUBLE;
            }
            return doc.toString({ lineWidth: 0 });
        }
    }
}
