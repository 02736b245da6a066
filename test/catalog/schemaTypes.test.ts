import { CRITICALITIES, SECRET_KINDS } from "../../components/catalog/kinds";
import { CatalogConfig, STORE_NAMES } from "../../components/catalog/model";
import { SCHEMA_ACCEPTS_CATALOG_CONFIG, catalogSchema } from "../../components/catalog/schema";
import { Equal, FromSchema, everyMember } from "../../components/catalog/schemaType";
import { checkCatalog, validateCatalog } from "../../components/catalog/validate";
import { context, validCatalog } from "./fixtures";

/**
 * The link between the catalog's schema and its type. Jest only transpiles: the type-level part of
 * this file is checked by `npm run typecheck` (tsconfig includes test/), where each
 * `@ts-expect-error` below fails the build if the drift it names were no longer caught.
 */

// The proof itself: the schema accepts exactly CatalogConfig.
const proof: { [K in keyof typeof SCHEMA_ACCEPTS_CATALOG_CONFIG]: true } = SCHEMA_ACCEPTS_CATALOG_CONFIG;

// Each kind of drift `Equal<FromSchema<schema>, type>` refuses.
const holds = <T extends true>(): T => true as T;
type RequiredA = { type: "object"; required: readonly ["a"]; additionalProperties: false; properties: { a: { type: "string" } } };
type RequiredAOptionalB = { type: "object"; required: readonly ["a"]; additionalProperties: false; properties: { a: { type: "string" }; b: { type: "string" } } };
type OptionalA = { type: "object"; additionalProperties: false; properties: { a: { type: "string" } } };
const drift = [
    holds<Equal<FromSchema<RequiredA>, { a: string }>>(),
    holds<Equal<FromSchema<RequiredAOptionalB>, { a: string; b?: string }>>(),
    holds<Equal<FromSchema<OptionalA>, { a?: string }>>(),
    // @ts-expect-error a field the type has and the schema lacks
    holds<Equal<FromSchema<RequiredA>, { a: string; b?: string }>>(),
    // @ts-expect-error a field the schema has and the type lacks
    holds<Equal<FromSchema<RequiredAOptionalB>, { a: string }>>(),
    // @ts-expect-error required in the schema, optional in the type
    holds<Equal<FromSchema<RequiredA>, { a?: string }>>(),
    // @ts-expect-error optional in the schema, required in the type
    holds<Equal<FromSchema<OptionalA>, { a: string }>>(),
    // @ts-expect-error another primitive type
    holds<Equal<FromSchema<{ type: "integer" }>, string>>(),
    // @ts-expect-error an enum value the type does not have
    holds<Equal<FromSchema<{ enum: readonly ["a", "b", "c"] }>, "a" | "b">>(),
    // @ts-expect-error a list of another item type
    holds<Equal<FromSchema<{ type: "array"; items: { type: "string" } }>, number[]>>(),
    // @ts-expect-error a map of another value type
    holds<Equal<FromSchema<{ type: "object"; additionalProperties: { type: "string" } }>, Record<string, number>>>(),
    // @ts-expect-error `type: ["object", "boolean"]` is the object or a boolean, not the object alone
    holds<Equal<FromSchema<{ type: readonly ["object", "boolean"]; properties: { a: { type: "string" } } }>, { a?: string }>>(),
    // @ts-expect-error a keyword outside the dialect reads as never, so it cannot pass unnoticed
    holds<Equal<FromSchema<{ anyOf: readonly [{ type: "string" }] }>, string>>(),
];

test("tsc proves the schema accepts exactly CatalogConfig", () => {
    expect(proof).toEqual({ catalog: true, stores: true, kubernetes: true, consumers: true, secrets: true });
    expect(drift.every((v) => v === true)).toBe(true);
});

test("the schema's top-level fields are CatalogConfig's, required ones required", () => {
    // The same facts at run time, from a list tsc checks against the type.
    const required = ["environment", "stores", "secrets"] as const satisfies readonly (keyof CatalogConfig)[];
    const all = {
        environment: true, productionEnvironments: true, environments: true, stores: true, kubernetes: true, consumers: true,
        secrets: true, owner: true, protection: true, rotationWarningDays: true,
    } satisfies Record<keyof CatalogConfig, true>;
    expect([...catalogSchema.required].sort()).toEqual([...required].sort());
    expect(Object.keys(catalogSchema.properties).sort()).toEqual(Object.keys(all).sort());
});

test("checkCatalog returns the input typed when it has no problem, and the same problems as validateCatalog when it has", () => {
    const input: unknown = validCatalog();
    const ok = checkCatalog(input, context());
    expect(ok).toEqual({ valid: true, config: input });
    if (ok.valid) expect(ok.config).toBe(input);

    const bad: unknown = { ...validCatalog(), owner: "", rotationWarningDays: -1, secrets: { jwt: { kind: "jwt" } } };
    const refused = checkCatalog(bad, context());
    expect(refused.valid).toBe(false);
    expect(refused.valid ? [] : refused.problems).toEqual(validateCatalog(bad, context()));
    expect(validateCatalog(bad, context()).length).toBeGreaterThan(0);

    // Whatever the input, never a throw: every problem, as a list.
    for (const odd of [undefined, null, "prod", 42, []]) {
        expect(checkCatalog(odd, context()).valid).toBe(false);
    }
});

test("the lists the schema's enums are built from name every member of their type", () => {
    expect(SECRET_KINDS).toEqual(["password", "token", "jwt", "fernet", "django", "hex", "basic-auth", "external", "aws-access-key", "template"]);
    expect(CRITICALITIES).toEqual(["critical", "high", "medium", "low"]);
    expect(STORE_NAMES).toEqual(["vault", "aws"]);
    expect(everyMember<"a" | "b">()(["b", "a"])).toEqual(["b", "a"]);
    // @ts-expect-error a member of the type missing from the list
    everyMember<"a" | "b">()(["a"]);
    // @ts-expect-error a value the type does not have
    everyMember<"a" | "b">()(["a", "b", "c"]);
});
