/**
 * The marks the module leaves on provider resources, and the kind table, as the pack reads them.
 *
 * A copy of `components/conventions.ts` and `components/catalog/kinds.ts` (the parts policies need):
 * `pulumi policy publish` uploads this directory alone, so the pack may import nothing outside it.
 * `test/policies/marks.test.ts` fails when the copies drift apart.
 */

export const MANAGED_BY_VALUE = "platform-secrets";

export const TAG = {
    environment: "environment",
    criticality: "criticality",
    owner: "owner",
    managedBy: "managed-by",
    secretName: "secret-name",
    kind: "kind",
    rotationDays: "rotation-days",
    keepPrevious: "keep-previous",
    lastRotated: "last-rotated",
    rotatedBy: "rotated-by",
} as const;

export const KEEPER = {
    kind: "kind",
    rotation: "rotation",
    rotationDays: "rotation-days",
    emergency: "emergency",
    slots: "slots",
} as const;

/** The fixed `rotation` keeper of a value a Secrets Manager rotation Lambda owns (AWS rotates it, not the schedule). */
export const ROTATED_BY_LAMBDA = "aws-lambda";

export const LABEL = {
    managedBy: "app.kubernetes.io/managed-by",
    environment: "platform-secrets.io/environment",
    consumer: "platform-secrets.io/consumer",
} as const;

export const PREVIOUS_SUFFIX = "_PREVIOUS";

/** Minimum length per generated kind, in the kind's unit (characters for passwords, bytes for random bytes). */
export const MIN_LENGTH: Record<string, { unit: "characters" | "bytes"; min: number }> = {
    password: { unit: "characters", min: 16 },
    token: { unit: "bytes", min: 32 },
    jwt: { unit: "bytes", min: 48 },
    fernet: { unit: "bytes", min: 32 },
    django: { unit: "characters", min: 50 },
    hex: { unit: "bytes", min: 16 },
    "basic-auth": { unit: "characters", min: 16 },
};

/** Kinds consumers verify or decrypt with the previous value during a rotation. */
export const TWO_SLOT_KINDS = ["jwt", "fernet"];
/** Session and signing keys, whatever their kind (same rule as `defaultKeepPrevious`). */
export const TWO_SLOT_NAME = /(^|_)(SESSION|SIGNING|CSRF)(_|$)/;
