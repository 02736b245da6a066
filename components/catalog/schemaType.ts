/**
 * The TypeScript type a JSON schema of the catalog's dialect accepts, computed by tsc from the schema
 * itself (`as const`), so that `CatalogConfig` can be proven equal to what `catalogSchema` accepts.
 *
 * Why not ajv's `JSONSchemaType<CatalogConfig>`: it demands `nullable: true` on every optional property
 * (ajv would then accept `null` for each of them) and a `type` beside every `enum` (a value of the wrong
 * type would then be reported twice, once per keyword), so the schema could not stay as it is without
 * changing what is accepted and the messages users see. This type reads the schema as written instead.
 *
 * The dialect, and only it (anything else is `never`, which fails the equality check):
 * - `type: "string" | "integer" | "boolean"`, with any other keyword (pattern, minLength) ignored:
 *   what a pattern or a minimum length refuses is below what a type can say;
 * - `enum: [...]`, without a `type`: the union of its values;
 * - `type: "array"` with `items`;
 * - `type: "object"` with `properties` (a key in `required` is required, every other key optional)
 *   and `additionalProperties: false`, or with only a schema in `additionalProperties` (a record);
 * - `type: ["object", "boolean"]` with `properties`: that object, or `true`/`false`;
 * - `type: ["object", "string"]` alone: any mapping, or a string (a document or its JSON text).
 */
export type FromSchema<S> =
    S extends { readonly enum: readonly (infer V)[] } ? V
    : S extends { readonly type: "string" } ? string
    : S extends { readonly type: "integer" } ? number
    : S extends { readonly type: "boolean" } ? boolean
    : S extends { readonly type: "array"; readonly items: infer I } ? FromSchema<I>[]
    : S extends { readonly type: "object"; readonly properties: infer P } ? ObjectFrom<P, RequiredOf<S>>
    : S extends { readonly type: "object"; readonly additionalProperties: infer A extends object } ? Record<string, FromSchema<A>>
    : S extends { readonly type: readonly ["object", "boolean"]; readonly properties: infer P } ? ObjectFrom<P, RequiredOf<S>> | boolean
    : S extends { readonly type: readonly ["object", "string"] } ? Record<string, unknown> | string
    : never;

type RequiredOf<S> = S extends { readonly required: readonly (infer R)[] } ? R : never;

type ObjectFrom<P, R> = Flatten<
    { -readonly [K in keyof P as K extends R ? K : never]: FromSchema<P[K]> }
    & { -readonly [K in keyof P as K extends R ? never : K]?: FromSchema<P[K]> }
>;

type Flatten<T> = { [K in keyof T]: T[K] };

/** `true` when A and B are the same type (optional and readonly modifiers included), else `false`. */
export type Equal<A, B> = (<G>() => G extends A ? 1 : 2) extends (<G>() => G extends B ? 1 : 2) ? true : false;

/**
 * `list` as written, checked by tsc to name every member of `T` (a union of literals) and nothing
 * else: a schema `enum` built from it cannot miss a value the type allows, which `FromSchema` alone
 * cannot see when the list is typed `T[]`. `everyMember<"a" | "b">()(["a"])` does not compile.
 */
export function everyMember<T>() {
    return <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)): readonly T[] => list;
}
