/**
 * The `path "..." { capabilities = [...] }` blocks of a Vault policy. HCL or its JSON form; enough
 * for ACL policies, which have no nesting beyond this.
 */
export interface PathRule {
    path: string;
    capabilities: string[];
}

export function pathRules(policy: string): PathRule[] {
    const trimmed = policy.trim();
    if (trimmed.startsWith("{")) {
        try {
            const doc = JSON.parse(trimmed) as { path?: Record<string, { capabilities?: string[] }> };
            return Object.entries(doc.path ?? {}).map(([path, body]) => ({ path, capabilities: body?.capabilities ?? [] }));
        } catch {
            return [];
        }
    }
    const rules: PathRule[] = [];
    // A commented-out block grants nothing.
    const uncommented = trimmed.replace(/^\s*#.*$/gm, "");
    for (const m of uncommented.matchAll(/path\s+"([^"]*)"\s*\{([^}]*)\}/g)) {
        const caps = /capabilities\s*=\s*\[([^\]]*)\]/.exec(m[2]);
        rules.push({ path: m[1], capabilities: caps ? [...caps[1].matchAll(/"([^"]*)"/g)].map((c) => c[1]) : [] });
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
