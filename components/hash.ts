import { createHash } from "crypto";

/**
 * The module's one short hash: 16 hex digits of SHA-256, for version annotations and rotation
 * tokens. Short enough for an annotation, long enough that two versions never collide in practice.
 * Never hash a secret value with it: the inputs are version strings and plain keepers only.
 */
export function shortHash(text: string): string {
    return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
