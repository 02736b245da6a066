import { everyMember } from "./schemaType";

/**
 * How each kind of secret is made. `length` is counted in the kind's own unit:
 * characters for text generated from an alphabet, bytes for raw random bytes
 * (the encoded value is longer: base64 is 4/3 of the bytes, hex twice).
 */
export type SecretKind = "password" | "token" | "jwt" | "fernet" | "django" | "hex" | "basic-auth" | "external"
    | "aws-access-key" | "template";

export const SECRET_KINDS: readonly SecretKind[] = everyMember<SecretKind>()(["password", "token", "jwt", "fernet", "django", "hex", "basic-auth", "external",
    "aws-access-key", "template"]);

export type Criticality = "critical" | "high" | "medium" | "low";

export const CRITICALITIES: readonly Criticality[] = everyMember<Criticality>()(["critical", "high", "medium", "low"]);

export interface KindSpec {
    /** Unit of `length`. */
    unit: "characters" | "bytes";
    defaultLength: number;
    minLength: number;
    /** Fernet keys have exactly one valid size. */
    fixedLength?: boolean;
    defaultGroup: string;
    /** Whether consumers typically need the previous value during a rotation (signing and encryption keys). */
    keepPreviousByDefault: boolean;
    /** Encryption keys rotate less often: re-encrypting data is costly. */
    rotationDaysOverride?: number;
    generated: boolean;
}

export const KINDS: Record<SecretKind, KindSpec> = {
    password: { unit: "characters", defaultLength: 32, minLength: 16, defaultGroup: "passwords", keepPreviousByDefault: false, generated: true },
    // secrets.token_urlsafe(32): 32 random bytes, 43 URL-safe base64 characters.
    token: { unit: "bytes", defaultLength: 32, minLength: 32, defaultGroup: "tokens", keepPreviousByDefault: false, generated: true },
    // 48 bytes is 64 base64 characters, the issue's floor; 64 bytes matches HS512's block size.
    jwt: { unit: "bytes", defaultLength: 64, minLength: 48, defaultGroup: "auth", keepPreviousByDefault: true, generated: true },
    fernet: {
        unit: "bytes", defaultLength: 32, minLength: 32, fixedLength: true, defaultGroup: "encryption",
        keepPreviousByDefault: true, rotationDaysOverride: 365, generated: true,
    },
    // Django's get_random_secret_key(): 50 characters.
    django: { unit: "characters", defaultLength: 50, minLength: 50, defaultGroup: "app", keepPreviousByDefault: false, generated: true },
    hex: { unit: "bytes", defaultLength: 32, minLength: 16, defaultGroup: "keys", keepPreviousByDefault: false, generated: true },
    "basic-auth": { unit: "characters", defaultLength: 32, minLength: 16, defaultGroup: "basic-auth", keepPreviousByDefault: false, generated: true },
    external: { unit: "characters", defaultLength: 0, minLength: 0, defaultGroup: "external", keepPreviousByDefault: false, generated: false },
    // Made by AWS (iam:CreateAccessKey), not by @pulumi/random: two keys alternate, 90 days each (components/aws/accessKey.ts).
    "aws-access-key": {
        unit: "characters", defaultLength: 0, minLength: 0, defaultGroup: "aws-access-keys",
        keepPreviousByDefault: true, rotationDaysOverride: 90, generated: false,
    },
    // Filled from other secrets (components/generation/template.ts): no random resource, rotates with its inputs.
    template: { unit: "characters", defaultLength: 0, minLength: 0, defaultGroup: "templates", keepPreviousByDefault: false, generated: false },
};

export const ROTATION_DAYS_BY_CRITICALITY: Record<Criticality, number> = {
    critical: 90,
    high: 90,
    medium: 180,
    low: 365,
};

/** Django's `get_random_secret_key` alphabet, without the lower-case letters and digits random adds itself. */
export const DJANGO_SPECIALS = "!@#$%^&*(-_=+)";

/** `@pulumi/random`'s default special characters. */
export const RANDOM_DEFAULT_SPECIALS = "!@#$%&*()-_=+[]{}<>:?";

/** Session and signing keys are verified against the previous value during a rotation, whatever their kind. */
const TWO_SLOT_NAME = /(^|_)(SESSION|SIGNING|CSRF)(_|$)/;

export function defaultKeepPrevious(kind: SecretKind, name: string): boolean {
    return KINDS[kind].keepPreviousByDefault || (KINDS[kind].generated && TWO_SLOT_NAME.test(name));
}

export function defaultRotationDays(kind: SecretKind, criticality: Criticality): number {
    return KINDS[kind].rotationDaysOverride ?? ROTATION_DAYS_BY_CRITICALITY[criticality];
}
