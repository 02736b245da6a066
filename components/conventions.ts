/**
 * The marks the module leaves on provider resources: AWS tags, Vault custom metadata,
 * Kubernetes labels and annotations, `@pulumi/random` keepers.
 *
 * They are a contract with the policy pack, which reads them on provider resource types so that
 * a hand-written resource carrying (or lacking) the same marks is judged the same way, and with
 * operators, who find ownership and rotation in the AWS console or Vault UI without reading a value.
 * Kept free of imports, like `typeTokens.ts`, so the pack and `check` can load it cheaply.
 */

export const MANAGED_BY_VALUE = "platform-secrets";

/** AWS tag keys and Vault custom-metadata keys (the same names in both stores). */
export const TAG = {
    environment: "environment",
    criticality: "criticality",
    owner: "owner",
    managedBy: "managed-by",
    /** The catalog name (`JWT_SECRET_KEY`); absent on group bundles. */
    secretName: "secret-name",
    /** The secret's kind (`jwt`, `fernet`, ..., `external`). */
    kind: "kind",
    /** Rotation period in whole days, as a decimal string. */
    rotationDays: "rotation-days",
    /** `"true"` when the store holds `NAME` and `NAME_PREVIOUS` (two-slot rotation). */
    keepPrevious: "keep-previous",
    /** For `external` secrets: the ISO date a person last rotated the value, when configured. */
    lastRotated: "last-rotated",
    /** `"aws-lambda"` when a Secrets Manager rotation Lambda owns the value, not Pulumi. */
    rotatedBy: "rotated-by",
} as const;

/** Keys of `keepers` on every `random:*` resource that generates a catalog value. */
export const KEEPER = {
    /** The secret's kind: a different kind must never reuse a value made for another. */
    kind: "kind",
    /**
     * The start date (`YYYY-MM-DD`, UTC) of the rotation slot the value belongs to. Changes exactly
     * when the value is due, so `pulumi preview` shows a replacement then and only then. The fixed
     * value `ROTATED_BY_LAMBDA` instead when a Secrets Manager rotation Lambda owns the value.
     */
    rotation: "rotation",
    /** Rotation period in days, decimal string: lets a policy judge the schedule from the resource alone. */
    rotationDays: "rotation-days",
    /** Emergency rotation token; present only when the user set one. Changing it replaces the value. */
    emergency: "emergency",
    /**
     * `"2"` on both values of a two-slot secret (absent with one slot): each value is current for one
     * period, then previous for one more, so it lives `slots` x `rotation-days` days. Without it a
     * policy could not tell a two-slot value from an overdue one.
     */
    slots: "slots",
} as const;

/** `KEEPER.rotation` and `TAG.rotatedBy` of a value that a Secrets Manager rotation Lambda owns. */
export const ROTATED_BY_LAMBDA = "aws-lambda";

/** Kubernetes labels on every object the module emits, and the namespace label for separation. */
export const LABEL = {
    managedBy: "app.kubernetes.io/managed-by",
    environment: "platform-secrets.io/environment",
    consumer: "platform-secrets.io/consumer",
} as const;

/** Kubernetes annotations on projected Secrets. */
export const ANNOTATION = {
    /**
     * Changes whenever any value in the Secret changes (a hash of the rotation slots and emergency
     * tokens of its keys, never of values). Workloads restart on it, e.g. with Stakater Reloader's
     * `reloader.stakater.com/auto: "true"` on the Deployment, or a pod-template annotation copy.
     */
    version: "platform-secrets.io/version",
} as const;

/** Suffix of the second slot's key in every store and projection (`JWT_SECRET_KEY_PREVIOUS`). */
export const PREVIOUS_SUFFIX = "_PREVIOUS";

/**
 * Start of the names the module gives to account- or Vault-wide objects (IAM policies and roles,
 * Vault policies and auth roles): `platform-secrets-<PlatformSecrets name>-<environment>`. The
 * component's name keeps two `PlatformSecrets` of one program (or of two stacks sharing an account
 * or a Vault) from colliding; the environment keeps environments apart. Characters that IAM, Vault
 * or KMS alias names do not all accept become `-`.
 */
export function physicalNamePrefix(componentName: string, environment: string): string {
    return `platform-secrets-${componentName.replace(/[^A-Za-z0-9_-]+/g, "-")}-${environment}`;
}

/** The module's KMS alias: `alias/platform-secrets/<PlatformSecrets name>/<environment>` (alias characters only). */
export function kmsAliasName(componentName: string, environment: string): string {
    return `alias/platform-secrets/${componentName.replace(/[^A-Za-z0-9_-]+/g, "-")}/${environment}`;
}
