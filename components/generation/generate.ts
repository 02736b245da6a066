import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { ResolvedSecret } from "../catalog/model";
import { ByteEncoding, basicAuthValue, fromBase64, recipeFor } from "./recipe";

export { allowedSpecials } from "./recipe";

/** A generated value and the random resource behind it. */
export interface GeneratedValue {
    /** Always a Pulumi secret. */
    value: pulumi.Output<string>;
    resource: random.RandomPassword | random.RandomBytes;
}

/**
 * `keepers` replace the random resource when any of their values changes: that is how a
 * rotation produces a new value on the next `pulumi up`.
 */
export type Keepers = Record<string, pulumi.Input<string>>;

/** No `keepers` input at all when there are none: nothing to show in a diff. */
function keeperArgs(keepers: Keepers): { keepers?: Keepers } {
    return Object.keys(keepers).length > 0 ? { keepers } : {};
}

/** `padded`: Fernet's form; unpadded: `secrets.token_urlsafe()`'s. */
export function toBase64Url(base64: string, padded: boolean): string {
    return fromBase64(base64, padded ? "base64url" : "base64url-unpadded");
}

function password(name: string, secret: ResolvedSecret, keepers: Keepers, opts: pulumi.CustomResourceOptions): random.RandomPassword {
    const recipe = recipeFor(secret);
    if (recipe.source !== "characters") throw new Error(`${secret.name}: a ${secret.kind} value is made of bytes, not characters`);
    const { source: _source, ...args } = recipe;
    return new random.RandomPassword(name, { ...args, ...keeperArgs(keepers) }, { ...opts, additionalSecretOutputs: ["result"] });
}

function bytes(name: string, length: number, keepers: Keepers, opts: pulumi.CustomResourceOptions): random.RandomBytes {
    return new random.RandomBytes(name, { length, ...keeperArgs(keepers) }, { ...opts, additionalSecretOutputs: ["base64", "hex"] });
}

function byteEncoding(secret: ResolvedSecret): ByteEncoding {
    const recipe = recipeFor(secret);
    if (recipe.source !== "bytes") throw new Error(`${secret.name}: a ${secret.kind} value is made of characters, not bytes`);
    return recipe.encoding;
}

/** `RandomBytes` gives base64 and hex; the other encodings derive from base64. */
function encoded(resource: random.RandomBytes, encoding: ByteEncoding): pulumi.Output<string> {
    switch (encoding) {
        case "hex":
            return resource.hex;
        case "base64":
            return resource.base64;
        default:
            return resource.base64.apply((b) => fromBase64(b, encoding));
    }
}

/**
 * Creates the random resource for one generated secret and derives its value in the
 * kind's encoding. Randomness comes only from `@pulumi/random`, never from the program,
 * so the value lives in state, is stable across runs and changes only through `keepers`.
 */
export function generateValue(name: string, secret: ResolvedSecret, keepers: Keepers, opts: pulumi.CustomResourceOptions): GeneratedValue {
    switch (secret.kind) {
        case "password":
        case "django": {
            const resource = password(name, secret, keepers, opts);
            return { resource, value: pulumi.secret(resource.result) };
        }
        case "basic-auth": {
            const resource = password(name, secret, keepers, opts);
            return { resource, value: pulumi.secret(resource.result.apply((p) => basicAuthValue(secret.username, p))) };
        }
        case "token":
        case "fernet":
        case "jwt":
        case "hex": {
            const resource = bytes(name, secret.length, keepers, opts);
            return { resource, value: pulumi.secret(encoded(resource, byteEncoding(secret))) };
        }
        case "external":
            throw new Error(`${secret.name} is an external secret: its value is provided, not generated`);
        case "aws-access-key":
            throw new Error(`${secret.name} is an AWS access key: AWS makes it (components/aws/accessKey.ts), not @pulumi/random`);
        case "template":
            throw new Error(`${secret.name} is a template: its value is filled from other secrets, not generated`);
    }
}
