import { DJANGO_SPECIALS, RANDOM_DEFAULT_SPECIALS } from "../../components/catalog/kinds";
import { alphabet, recipeFor } from "../../components/generation/recipe";
import { TemplateJsonError, isJsonTemplate, parseTemplate, percentEncode, renderTemplate } from "../../components/generation/template";

/** The template renderer (components/generation/template.ts) as a pure function: known inputs, known output. */

const render = (text: string, values: Record<string, string>) => renderTemplate(parseTemplate(text), values);

test("parses once into literal and reference parts; each reference once, in order", () => {
    const parsed = parseTemplate("postgresql+asyncpg://app:${DB_PASSWORD:url}@db.internal:5432/${DB_NAME}?u=${DB_PASSWORD}");
    expect(parsed.parts).toEqual([
        { literal: "postgresql+asyncpg://app:" },
        { ref: "DB_PASSWORD", encoding: "url" },
        { literal: "@db.internal:5432/" },
        { ref: "DB_NAME", encoding: "raw" },
        { literal: "?u=" },
        { ref: "DB_PASSWORD", encoding: "raw" },
    ]);
    expect(parsed.references).toEqual(["DB_PASSWORD", "DB_NAME"]);
    expect(parsed.json).toBe(false);
    expect(parsed.problems).toEqual([]);
});

test("fills ${NAME} as is and ${NAME:url} percent-encoded", () => {
    expect(render("postgresql+asyncpg://app:${DB_PASSWORD:url}@db.internal:5432/app", { DB_PASSWORD: "p@ss:w/rd?#[]" }))
        .toBe("postgresql+asyncpg://app:p%40ss%3Aw%2Frd%3F%23%5B%5D@db.internal:5432/app");
    expect(render("redis://:${R}@cache:6379/0", { R: "fake-Redis_pw.1~" })).toBe("redis://:fake-Redis_pw.1~@cache:6379/0");
    expect(render("${A}${A:url}", { A: "a b" })).toBe("a ba%20b");
});

test("$${ is a literal ${; a $ not followed by { is literal text", () => {
    expect(render("$${HOME} costs $5 and ${X}, $$ too", { X: "x" })).toBe("${HOME} costs $5 and x, $$ too");
    expect(parseTemplate("$${NOT_A_REF}").references).toEqual([]);
    // Read left to right: "$" then "$${" (a literal "${"), then the text "X}".
    expect(render("$$${X} ${X}", { X: "v" })).toBe("$${X} v");
});

test("percent-encoding: every special character the password kinds can produce, and base64's", () => {
    const byKind = ["password", "basic-auth", "django", "jwt", "fernet", "token", "hex"].map((kind) =>
        alphabet(recipeFor({ name: "X", kind: kind as any, length: 64, avoidCharacters: "" })));
    const specials = [...new Set([...RANDOM_DEFAULT_SPECIALS, ...DJANGO_SPECIALS, ...byKind.join("")])].filter((c) => !/[A-Za-z0-9]/.test(c)).sort();
    const expected: Record<string, string> = {
        "!": "%21", "#": "%23", $: "%24", "%": "%25", "&": "%26", "(": "%28", ")": "%29", "*": "%2A", "+": "%2B", "-": "-", "/": "%2F",
        ":": "%3A", "<": "%3C", "=": "%3D", ">": "%3E", "?": "%3F", "@": "%40", "[": "%5B", "]": "%5D", "^": "%5E", _: "_", "{": "%7B", "}": "%7D",
    };
    expect(specials).toEqual(Object.keys(expected).sort());
    for (const c of specials) expect([c, percentEncode(c)]).toEqual([c, expected[c]]);
    // What is left unencoded is RFC 3986's unreserved set, and decoding gives the value back.
    const all = specials.join("") + "AZaz09.~";
    expect(percentEncode(all)).toMatch(/^[A-Za-z0-9\-_.~%]*$/);
    expect(decodeURIComponent(percentEncode(all))).toBe(all);
    expect(new URL(`postgresql://app:${percentEncode(all)}@db/app`).password).toBe(percentEncode(all));
});

test("a JSON template (first non-blank character { or [) escapes each value as the inside of a JSON string", () => {
    expect(isJsonTemplate('  {"a": 1}')).toBe(true);
    expect(isJsonTemplate('["${X}"]')).toBe(true);
    expect(isJsonTemplate("postgresql://{x}")).toBe(false);
    const value = 'fa"ke\\pw\n{}$';
    const text = render('{"user": "app", "password": "${DB_PASSWORD}", "url": "x://${DB_PASSWORD:url}"}', { DB_PASSWORD: value });
    expect(JSON.parse(text)).toEqual({ user: "app", password: value, url: `x://${percentEncode(value)}` });
});

test("a JSON template that is not JSON once filled throws TemplateJsonError, which never shows the value", () => {
    const parsed = parseTemplate('{"password": ${P}}');
    expect(() => renderTemplate(parsed, { P: "fake-secret-value" })).toThrow(TemplateJsonError);
    try {
        renderTemplate(parsed, { P: "fake-secret-value" });
    } catch (e) {
        expect((e as Error).message).not.toContain("fake-secret-value");
    }
    // A number-looking placeholder without quotes is JSON only by accident of the value: refused at validation with sample values.
    expect(() => renderTemplate(parsed, { P: "x" })).toThrow(TemplateJsonError);
});

test("malformed placeholders are reported with their position; rendering refuses a malformed template or a missing value", () => {
    const parsed = parseTemplate("a${lower}b${OK:base64}c${X");
    expect(parsed.problems).toEqual([
        { at: 2, placeholder: "${lower}", reason: "does not name a secret (env-var style, e.g. ${DB_PASSWORD})" },
        { at: 11, placeholder: "${OK:base64}", reason: 'has an unknown modifier ":base64" (only ":url" is known)' },
        { at: 24, placeholder: "${X", reason: 'has no closing "}"' },
    ]);
    expect(parseTemplate("${A ${B}").problems).toEqual([{ at: 1, placeholder: "${A ", reason: 'has no closing "}"' }]);
    expect(parseTemplate("${A ${B}").references).toEqual(["B"]);
    expect(() => renderTemplate(parsed, {})).toThrow(/malformed/);
    expect(() => render("${A}", {})).toThrow("no value for ${A}");
});
