import { DJANGO_SPECIALS, RANDOM_DEFAULT_SPECIALS, SecretKind } from "../catalog/kinds";
import { ResolvedSecret } from "../catalog/model";

/**
 * What a generated value is made of, per kind: the one place that knows each kind's alphabet,
 * length and encoding. The components hand a `CharacterRecipe` to `@pulumi/random`'s
 * `RandomPassword` as is; `export` makes local values from the same recipes with Node's
 * `crypto`, and `env-schema` derives each variable's length and alphabet from them, so the
 * three cannot drift apart. Pure: no Pulumi, no randomness.
 */

/** `@pulumi/random` `RandomPassword` arguments (the same field names and meaning). */
export interface CharacterRecipe {
    source: "characters";
    length: number;
    upper: boolean;
    lower: boolean;
    numeric: boolean;
    special: boolean;
    minUpper?: number;
    minLower?: number;
    minNumeric?: number;
    minSpecial?: number;
    /** The specials to use; `RandomPassword`'s default set when absent and `special` is on. */
    overrideSpecial?: string;
}

/** How raw random bytes are written as text. */
export type ByteEncoding = "base64" | "base64url" | "base64url-unpadded" | "hex";

export interface ByteRecipe {
    source: "bytes";
    /** Random bytes, before encoding. */
    length: number;
    encoding: ByteEncoding;
}

export type Recipe = CharacterRecipe | ByteRecipe;

/** How each byte kind is encoded: what its consumers expect. */
const BYTE_ENCODINGS: Partial<Record<SecretKind, ByteEncoding>> = {
    // secrets.token_urlsafe(): URL-safe base64 without padding.
    token: "base64url-unpadded",
    // Fernet keys are URL-safe base64 of exactly 32 bytes, padded (cryptography's Fernet.generate_key()).
    fernet: "base64url",
    jwt: "base64",
    hex: "hex",
};

/** Characters `@pulumi/random` may use as specials for this secret. */
export function allowedSpecials(secret: Pick<ResolvedSecret, "kind" | "avoidCharacters">): string {
    // A colon would split `username:password` in the wrong place.
    const avoid = secret.avoidCharacters + (secret.kind === "basic-auth" ? ":" : "");
    return [...RANDOM_DEFAULT_SPECIALS].filter((c) => !avoid.includes(c)).join("");
}

/** The recipe of a generated secret's value (for `basic-auth`, of its password part). */
export function recipeFor(secret: Pick<ResolvedSecret, "name" | "kind" | "length" | "avoidCharacters">): Recipe {
    const { kind, length } = secret;
    const encoding = BYTE_ENCODINGS[kind];
    if (encoding) return { source: "bytes", length, encoding };
    if (kind === "django") {
        // get_random_secret_key(): lower-case letters, digits and Django's specials, no upper case.
        return { source: "characters", length, upper: false, lower: true, numeric: true, special: true, overrideSpecial: DJANGO_SPECIALS };
    }
    if (kind === "password" || kind === "basic-auth") {
        const specials = allowedSpecials(secret);
        return {
            source: "characters", length,
            upper: true, lower: true, numeric: true, special: specials.length > 0,
            minUpper: 1, minLower: 1, minNumeric: 1, minSpecial: specials.length > 0 ? 1 : 0,
            overrideSpecial: specials.length > 0 ? specials : undefined,
        };
    }
    throw new Error(`${secret.name} is an ${kind} secret: its value is provided, not generated`);
}

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";

/** The character classes of a recipe, each with the minimum count the value holds. */
export function characterClasses(recipe: CharacterRecipe): { name: string; characters: string; min: number }[] {
    const classes = [
        { name: "upper-case letter", characters: UPPER, on: recipe.upper, min: recipe.minUpper ?? 0 },
        { name: "lower-case letter", characters: LOWER, on: recipe.lower, min: recipe.minLower ?? 0 },
        { name: "digit", characters: DIGITS, on: recipe.numeric, min: recipe.minNumeric ?? 0 },
        { name: "special character", characters: recipe.overrideSpecial ?? RANDOM_DEFAULT_SPECIALS, on: recipe.special, min: recipe.minSpecial ?? 0 },
    ];
    return classes.filter((c) => c.on).map(({ name, characters, min }) => ({ name, characters, min }));
}

/** Every character a value of the recipe may contain. */
export function alphabet(recipe: Recipe): string {
    if (recipe.source === "characters") return characterClasses(recipe).map((c) => c.characters).join("");
    switch (recipe.encoding) {
        case "hex":
            return `${DIGITS}abcdef`;
        case "base64":
            return `${UPPER}${LOWER}${DIGITS}+/=`;
        case "base64url":
            return `${UPPER}${LOWER}${DIGITS}-_=`;
        case "base64url-unpadded":
            return `${UPPER}${LOWER}${DIGITS}-_`;
    }
}

/** Length in characters of a value made by the recipe. */
export function encodedLength(recipe: Recipe): number {
    if (recipe.source === "characters") return recipe.length;
    switch (recipe.encoding) {
        case "hex":
            return recipe.length * 2;
        case "base64":
        case "base64url":
            return Math.ceil(recipe.length / 3) * 4;
        case "base64url-unpadded":
            return Math.ceil((recipe.length * 4) / 3);
    }
}

/** Standard base64 in the recipe's base64 variant; `hex` is not derived from base64. */
export function fromBase64(base64: string, encoding: Exclude<ByteEncoding, "hex">): string {
    if (encoding === "base64") return base64;
    const url = base64.replace(/\+/g, "-").replace(/\//g, "_");
    return encoding === "base64url" ? url : url.replace(/=+$/, "");
}

/** Raw bytes in the recipe's encoding. */
export function encodeBytes(bytes: Buffer, encoding: ByteEncoding): string {
    return encoding === "hex" ? bytes.toString("hex") : fromBase64(bytes.toString("base64"), encoding);
}

/** A `basic-auth` secret's value: `username:password`, as HTTP Basic authentication takes it. */
export function basicAuthValue(username: string | undefined, password: string): string {
    return `${username}:${password}`;
}
