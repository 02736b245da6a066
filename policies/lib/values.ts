import { Secret } from "@pulumi/policy";

/**
 * Reading resource properties safely in a preview.
 *
 * The analyzer wraps `props` in a proxy that throws `UnknownValueError` on any unknown value, and
 * the pack host turns that into an advisory "can't run policy during preview" diagnostic. Policies
 * here read the proxy's target instead, where unknowns are the engine's sentinel strings, and map
 * them to `UNKNOWN_INPUT`: every rule then decides explicitly that an unknown value is no violation.
 */

export const UNKNOWN_INPUT: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN_INPUT;

/** `@pulumi/policy`'s sentinels (proxy.js); the engine sends the string one for every type. */
const SENTINELS = new Set([
    "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** Set by `check` on the props it builds: secret values are then `Secret` instances, so secretness is visible. */
export const SECRETS_VISIBLE = Symbol.for("platform-secrets.secrets-visible");

const PROXY_TARGET = "__getSpecialProxyTarget";

function target(value: unknown): unknown {
    if (typeof value === "object" && value !== null) {
        const inner = (value as Record<string, unknown>)[PROXY_TARGET];
        if (inner !== undefined) return inner;
    }
    return value;
}

const cache = new WeakMap<object, unknown>();

/** The value as plain data: proxies and secret wrappers removed, unknowns as `UNKNOWN_INPUT`. Memoized per object. */
export function plain(value: unknown): unknown {
    const raw = target(value);
    if (typeof raw === "string") return SENTINELS.has(raw) ? UNKNOWN_INPUT : raw;
    if (typeof raw !== "object" || raw === null) return raw;
    if (raw instanceof Secret) return plain(raw.value);
    const hit = cache.get(raw);
    if (hit !== undefined) return hit;
    const out = Array.isArray(raw)
        ? raw.map(plain)
        : Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, plain(v)]));
    cache.set(raw, out);
    return out;
}

export type Props = Record<string, unknown>;

export function propsOf(args: { props: unknown }): Props {
    const p = plain(args.props);
    return isRecord(p) ? p : {};
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function record(value: unknown): Record<string, unknown> {
    return isRecord(value) ? value : {};
}

export function list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : value === undefined || value === null || value === UNKNOWN_INPUT ? [] : [value];
}

/** Known strings of a list or single value. */
export function strings(value: unknown): string[] {
    return list(value).filter((v): v is string => typeof v === "string");
}

export function hasUnknown(value: unknown): boolean {
    if (value === UNKNOWN_INPUT) return true;
    if (Array.isArray(value)) return value.some(hasUnknown);
    if (isRecord(value)) return Object.values(value).some(hasUnknown);
    return false;
}

/**
 * Whether the value at `path` is a Pulumi secret: "invisible" unless the props carry secret markers.
 * The analyzer protocol hands policies plain values (`check` passes the markers), so in a real
 * preview no policy can tell a secret from a literal.
 */
export function secretness(args: { props: unknown }, path: readonly string[]): "secret" | "plain" | "invisible" {
    const raw = target(args.props) as Record<string | symbol, unknown> | undefined;
    if (!raw || raw[SECRETS_VISIBLE] !== true) return "invisible";
    let node: unknown = raw;
    for (const key of path) {
        node = target(node);
        if (node instanceof Secret) return "secret";
        node = isRecord(node) ? node[key] : undefined;
    }
    return containsSecret(node) ? "secret" : "plain";
}

function containsSecret(value: unknown): boolean {
    const v = target(value);
    if (v instanceof Secret) return true;
    if (Array.isArray(v)) return v.some(containsSecret);
    if (isRecord(v)) return Object.values(v).some(containsSecret);
    return false;
}

/** An integer from a number or a decimal string; undefined otherwise. */
export function integer(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isInteger(value)) return value;
    if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
    return undefined;
}

/** A real day written `YYYY-MM-DD` (how the module writes slot starts), as UTC midnight in milliseconds; undefined otherwise (a timestamp, `2026-02-30`). */
export function isoDayTime(value: unknown): number | undefined {
    if (typeof value !== "string") return undefined;
    const t = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value ? undefined : t;
}
