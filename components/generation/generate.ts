import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DJANGO_SPECIALS, RANDOM_DEFAULT_SPECIALS } from "../catalog/kinds";
import { ResolvedSecret } from "../catalog/model";

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

/** Characters `@pulumi/random` may use as specials for this secret. */
export function allowedSpecials(secret: Pick<ResolvedSecret, "kind" | "avoidCharacters">): string {
    // A colon would split `username:password` in the wrong place.
    const avoid = secret.avoidCharacters + (secret.kind === "basic-auth" ? ":" : "");
    return [...RANDOM_DEFAULT_SPECIALS].filter((c) => !avoid.includes(c)).join("");
}

/** No `keepers` input at all when there are none: nothing to show in a diff. */
function keeperArgs(keepers: Keepers): { keepers?: Keepers } {
    return Object.keys(keepers).length > 0 ? { keepers } : {};
}

export function toBase64Url(base64: string, padded: boolean): string {
    const url = base64.replace(/\+/g, "-").replace(/\//g, "_");
    return padded ? url : url.replace(/=+$/, "");
}

function password(name: string, secret: ResolvedSecret, keepers: Keepers, opts: pulumi.CustomResourceOptions): random.RandomPassword {
    if (secret.kind === "django") {
        // get_random_secret_key(): lower-case letters, digits and Django's specials, no upper case.
        return new random.RandomPassword(name, {
            length: secret.length, upper: false, lower: true, numeric: true, special: true,
            overrideSpecial: DJANGO_SPECIALS, ...keeperArgs(keepers),
        }, { ...opts, additionalSecretOutputs: ["result"] });
    }
    const specials = allowedSpecials(secret);
    return new random.RandomPassword(name, {
        length: secret.length,
        upper: true, lower: true, numeric: true, special: specials.length > 0,
        minUpper: 1, minLower: 1, minNumeric: 1, minSpecial: specials.length > 0 ? 1 : 0,
        overrideSpecial: specials.length > 0 ? specials : undefined,
        ...keeperArgs(keepers),
    }, { ...opts, additionalSecretOutputs: ["result"] });
}

function bytes(name: string, length: number, keepers: Keepers, opts: pulumi.CustomResourceOptions): random.RandomBytes {
    return new random.RandomBytes(name, { length, ...keeperArgs(keepers) }, { ...opts, additionalSecretOutputs: ["base64", "hex"] });
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
            return { resource, value: pulumi.secret(pulumi.interpolate`${secret.username}:${resource.result}`) };
        }
        case "token": {
            const resource = bytes(name, secret.length, keepers, opts);
            return { resource, value: pulumi.secret(resource.base64.apply((b) => toBase64Url(b, false))) };
        }
        case "fernet": {
            const resource = bytes(name, secret.length, keepers, opts);
            return { resource, value: pulumi.secret(resource.base64.apply((b) => toBase64Url(b, true))) };
        }
        case "jwt": {
            const resource = bytes(name, secret.length, keepers, opts);
            return { resource, value: pulumi.secret(resource.base64) };
        }
        case "hex": {
            const resource = bytes(name, secret.length, keepers, opts);
            return { resource, value: pulumi.secret(resource.hex) };
        }
        case "external":
            throw new Error(`${secret.name} is an external secret: its value is provided, not generated`);
    }
}
