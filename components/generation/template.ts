/**
 * `kind: template`: a value built from other secrets of the catalog. Pure: parse once into parts,
 * render with a map of values. No Pulumi, no randomness.
 *
 * Syntax: `${NAME}` is NAME's value as is, `${NAME:url}` its value percent-encoded (RFC 3986: every
 * character but `A-Z a-z 0-9 - _ . ~`), `$${` a literal `${`; any other text is literal (a `$` not
 * followed by `{` included). A template whose first non-blank character is `{` or `[` is JSON:
 * each filled value is escaped as the inside of a JSON string (so write `"${NAME}"`, quoted), and
 * the filled text must parse as JSON.
 */

/** What a placeholder may name: a catalog secret's name. */
const REFERENCE = /^([A-Z][A-Z0-9_]*)(?::(.*))?$/;

export type TemplateEncoding = "raw" | "url";

export type TemplatePart = { literal: string } | { ref: string; encoding: TemplateEncoding };

/** Why a placeholder is malformed; `at` counts characters from 1. */
export interface TemplateSyntaxProblem {
    at: number;
    placeholder: string;
    reason: string;
}

export interface ParsedTemplate {
    parts: TemplatePart[];
    /** Each referenced secret once, in order of first appearance. */
    references: string[];
    /** Filled values are JSON-string-escaped, and the result must be JSON. */
    json: boolean;
    problems: TemplateSyntaxProblem[];
}

/** Whether a template is JSON: its first non-blank character is `{` or `[`. */
export function isJsonTemplate(text: string): boolean {
    return /^\s*[{[]/.test(text);
}

export function parseTemplate(text: string): ParsedTemplate {
    const parts: TemplatePart[] = [];
    const problems: TemplateSyntaxProblem[] = [];
    let literal = "";
    let i = 0;
    while (i < text.length) {
        if (text.startsWith("$${", i)) {
            literal += "${";
            i += 3;
            continue;
        }
        if (!text.startsWith("${", i)) {
            literal += text[i];
            i += 1;
            continue;
        }
        const end = text.indexOf("}", i + 2);
        // An unclosed placeholder runs to the next `${` (or the end), so the rest is still checked.
        const next = text.indexOf("${", i + 2);
        if (end < 0 || (next >= 0 && next < end)) {
            const stop = next >= 0 ? next : text.length;
            problems.push({ at: i + 1, placeholder: text.slice(i, stop), reason: `has no closing "}"` });
            i = stop;
            continue;
        }
        const placeholder = text.slice(i, end + 1);
        const match = REFERENCE.exec(text.slice(i + 2, end));
        if (!match) {
            problems.push({ at: i + 1, placeholder, reason: `does not name a secret (env-var style, e.g. \${DB_PASSWORD})` });
        } else if (match[2] !== undefined && match[2] !== "url") {
            problems.push({ at: i + 1, placeholder, reason: `has an unknown modifier ${JSON.stringify(`:${match[2]}`)} (only ":url" is known)` });
        } else {
            if (literal) parts.push({ literal });
            literal = "";
            parts.push({ ref: match[1], encoding: match[2] === "url" ? "url" : "raw" });
        }
        i = end + 1;
    }
    if (literal) parts.push({ literal });
    const references = [...new Set(parts.flatMap((p) => ("ref" in p ? [p.ref] : [])))];
    return { parts, references, json: isJsonTemplate(text), problems };
}

/**
 * `encodeURIComponent`, plus the RFC 3986 reserved characters it leaves as they are (`!'()*`):
 * what is left is unreserved (`A-Z a-z 0-9 - _ . ~`), safe in a URL's user, password, path or query.
 */
export function percentEncode(value: string): string {
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A filled template that is meant to be JSON and is not. Never carries a value. */
export class TemplateJsonError extends Error {
    constructor() {
        super(`is not valid JSON once filled (value not shown); check its quotes, commas and braces, and quote every placeholder ("\${NAME}")`);
        this.name = "TemplateJsonError";
    }
}

/**
 * The template filled with `values` (every referenced name must have one). A JSON template is
 * checked to parse once filled: `TemplateJsonError` otherwise.
 */
export function renderTemplate(parsed: ParsedTemplate, values: Readonly<Record<string, string>>): string {
    if (parsed.problems.length > 0) throw new Error(`cannot render a malformed template (${parsed.problems.length} problems)`);
    const text = parsed.parts.map((part) => {
        if ("literal" in part) return part.literal;
        const value = values[part.ref];
        if (value === undefined) throw new Error(`no value for \${${part.ref}}`);
        const encoded = part.encoding === "url" ? percentEncode(value) : value;
        return parsed.json ? JSON.stringify(encoded).slice(1, -1) : encoded;
    }).join("");
    if (parsed.json) {
        try {
            JSON.parse(text);
        } catch {
            throw new TemplateJsonError();
        }
    }
    return text;
}
