import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { catalogSchema } from "../schema";
import { CatalogConfig } from "../model";
import { Problem } from "../problems";

/** The schema step: ajv checks the catalog's structure, and each ajv error becomes a Problem a user can act on. */

/** A catalog the schema accepted, typed; or why not. */
export type SchemaCheck = { valid: true; config: CatalogConfig } | { valid: false; problems: Problem[] };

// A type guard for CatalogConfig: schema.ts proves at compile time that the schema accepts exactly that type.
let compiled: ValidateFunction<CatalogConfig> | undefined;

export function checkSchema(input: unknown): SchemaCheck {
    compiled ??= new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile<CatalogConfig>(catalogSchema);
    if (compiled(input)) {
        return { valid: true, config: input };
    }
    return { valid: false, problems: (compiled.errors ?? []).filter((e) => e.keyword !== "if").map(describeSchemaError) };
}

export function pointerToPath(pointer: string): string {
    return pointer
        .split("/")
        .slice(1)
        .map((seg) => seg.replace(/~1/g, "/").replace(/~0/g, "~"))
        .reduce((path, seg) => (/^\d+$/.test(seg) ? `${path}[${seg}]` : path ? `${path}.${seg}` : seg), "");
}

export function describeSchemaError(error: ErrorObject): Problem {
    const path = pointerToPath(error.instancePath);
    const field = path.split(".").pop()?.replace(/\[\d+\]$/, "") ?? "";
    const got = JSON.stringify(error.data);
    const at = (p: string) => (path ? `${path}.${p}` : p);
    switch (error.keyword) {
        case "required":
            return { propertyPath: at(error.params.missingProperty), reason: `is required; add it` };
        case "additionalProperties": {
            const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
            return { propertyPath: at(error.params.additionalProperty), reason: `unknown field; remove it or use one of: ${allowed.join(", ")}` };
        }
        case "enum": {
            const allowed = (error.params.allowedValues as unknown[]).join(", ");
            const what = field === "kind" ? "kind" : field === "stores" ? "store" : "value";
            return { propertyPath: path, reason: `unknown ${what} ${got}; use one of: ${allowed}` };
        }
        case "type": {
            // A list of types (`["object", "string"]`) arrives joined by commas.
            const types = String(error.params.type).split(",");
            return { propertyPath: path, reason: `must be ${types.map((t) => `${article(t)} ${wording(t)}`).join(" or ")}, got ${got}` };
        }
        case "pattern":
            return { propertyPath: path, reason: `${got} is not valid here; it must match ${error.params.pattern}` };
        case "minLength":
            return { propertyPath: path, reason: `must not be empty` };
        default:
            return { propertyPath: path, reason: `${error.message ?? "is invalid"}` };
    }
}

export function wording(type: string): string {
    return type === "integer" ? "whole number" : type === "object" ? "mapping" : type === "array" ? "list" : type;
}

export function article(type: string): string {
    return type === "object" || type === "array" ? "a" : /^[aeiou]/.test(wording(type)) ? "an" : "a";
}
