/**
 * The one wildcard matcher of the pack and of `check`'s access list, for the two dialects they read:
 * - `iam`: `*` any run of characters, `?` exactly one (IAM actions, resources and principals);
 * - `vault`: `*` any run of characters (Vault allows it only at the end of a path), `+` exactly one
 *   path segment; `?` is an ordinary character there.
 * Everything else matches itself.
 */
export type WildcardDialect = "iam" | "vault";

const SPECIAL = /[.*+?^${}()|[\]\\]/g;

export function wildcardRegExp(pattern: string, dialect: WildcardDialect, options: { ignoreCase?: boolean } = {}): RegExp {
    const source = Array.from(pattern, (c) => {
        if (c === "*") return ".*";
        if (dialect === "iam" && c === "?") return ".";
        if (dialect === "vault" && c === "+") return "[^/]+";
        return c.replace(SPECIAL, "\\$&");
    }).join("");
    return new RegExp(`^${source}$`, options.ignoreCase ? "i" : "");
}

export function wildcardMatches(pattern: string, text: string, dialect: WildcardDialect, options: { ignoreCase?: boolean } = {}): boolean {
    return wildcardRegExp(pattern, dialect, options).test(text);
}
