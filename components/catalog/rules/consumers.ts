import { ConsumerConfig, SecretConfig, UncheckedCatalog } from "../model";
import { Problem } from "../problems";
import { KINDS, defaultKeepPrevious } from "../kinds";
import { SECRET_NAME } from "./secret";
import { consumerSecretName } from "../../kubernetes/namespaces";
import { DOCKERCONFIGJSON_FIELDS, isDockerEntry, previousKey } from "../../kubernetes/layout";

/** Rules of `consumers`: names Kubernetes accepts. */

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export function consumerProblems(name: string, consumer: ConsumerConfig): Problem[] {
    const problems: Problem[] = [];
    if (!consumer || typeof consumer !== "object") {
        return problems;
    }
    if (typeof consumer.namespace === "string" && !DNS_LABEL.test(consumer.namespace)) {
        problems.push({ propertyPath: `consumers.${name}.namespace`, reason: `"${consumer.namespace}" is not a valid Kubernetes namespace; use lower-case letters, digits and "-" (at most 63)` });
    }
    if (typeof consumer.serviceAccount === "string" && !DNS_SUBDOMAIN.test(consumer.serviceAccount)) {
        problems.push({ propertyPath: `consumers.${name}.serviceAccount`, reason: `"${consumer.serviceAccount}" is not a valid Kubernetes service account name; use lower-case letters, digits, "-" and "."` });
    }
    return problems;
}

/** A Secret key Kubernetes accepts. */
export const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

/**
 * Rules of `consumers.<name>.projection` (kubernetes/layout.ts): Secret names and keys Kubernetes
 * accepts, dockerconfigjson entries complete, every mapped secret one the consumer consumes, no key
 * twice in one Secret (a two-slot secret's previous key included), no Secret name claimed by two
 * consumers of one namespace (the default `<consumer>-secrets` included).
 */
export function projectionProblems(cfg: UncheckedCatalog): Problem[] {
    const problems: Problem[] = [];
    const consumers = cfg.consumers && typeof cfg.consumers === "object" ? cfg.consumers : {};
    const secrets = cfg.secrets && typeof cfg.secrets === "object" ? cfg.secrets : {};
    const consumes = (consumer: string, secret: string) => {
        const s = secrets[secret];
        return Boolean(s && typeof s === "object" && Array.isArray(s.consumers) && s.consumers.includes(consumer));
    };
    const claimed = new Map<string, string>();
    for (const [name, consumer] of Object.entries(consumers)) {
        if (!consumer || typeof consumer !== "object" || typeof consumer.namespace !== "string") continue;
        const projection = consumer.projection && typeof consumer.projection === "object" ? consumer.projection : undefined;
        // The default layout's `<consumer>-secrets` exists only for a consumer that reads a secret.
        const reads = Object.keys(secrets).some((secret) => consumes(name, secret));
        for (const secretName of projection ? Object.keys(projection) : reads ? [consumerSecretName(name)] : []) {
            const where = `${consumer.namespace}/${secretName}`;
            const other = claimed.get(where);
            if (other !== undefined) {
                problems.push({ propertyPath: projection ? `consumers.${name}.projection.${secretName}` : `consumers.${name}`, reason: `Secret "${secretName}" in namespace ${consumer.namespace} is also projected for consumer ${other}; one Secret has one owner: rename it in one of the two projections` });
            } else {
                claimed.set(where, name);
            }
        }
        if (!projection) continue;
        for (const [secretName, entry] of Object.entries(projection)) {
            const at = `consumers.${name}.projection.${secretName}`;
            if (!DNS_SUBDOMAIN.test(secretName)) {
                problems.push({ propertyPath: at, reason: `"${secretName}" is not a valid Kubernetes Secret name; use lower-case letters, digits, "-" and ".", starting and ending with a letter or digit (at most 253)` });
            }
            if (!entry || typeof entry !== "object") continue;
            const mapped = (key: string, secret: unknown) => {
                if (typeof secret !== "string") return;
                if (!Object.prototype.hasOwnProperty.call(secrets, secret)) {
                    problems.push({ propertyPath: `${at}.${key}`, reason: `${secret} is not a secret of the catalog; map one of secrets.* that ${name} consumes` });
                } else if (!consumes(name, secret)) {
                    problems.push({ propertyPath: `${at}.${key}`, reason: `${secret} is not consumed by ${name}; add ${name} to secrets.${secret}.consumers, or map a secret ${name} consumes` });
                } else if (secrets[secret]?.kind === "aws-access-key") {
                    problems.push({ propertyPath: `${at}.${key}`, reason: `${secret} is an aws-access-key, which delivers two variables (its keys.id and keys.secret), not one key; leave it out of the projection (its variables then reach ${name} through Vault or AWS), or drop the projection` });
                }
            };
            if (isDockerEntry(entry)) {
                for (const field of ["registry", "username", "password"] as const) {
                    if (typeof entry[field] !== "string" || entry[field] === "") problems.push({ propertyPath: `${at}.${field}`, reason: `is required in a dockerconfigjson entry; add it` });
                }
                for (const field of Object.keys(entry).filter((f) => !(DOCKERCONFIGJSON_FIELDS as readonly string[]).includes(f))) {
                    problems.push({ propertyPath: `${at}.${field}`, reason: `unknown field of a dockerconfigjson entry; remove it or use one of: ${DOCKERCONFIGJSON_FIELDS.join(", ")}` });
                }
                mapped("password", entry.password);
                continue;
            }
            if (typeof entry.type === "string" && !SECRET_NAME.test(entry.type)) {
                problems.push({ propertyPath: `${at}.type`, reason: `unknown type "${entry.type}"; use dockerconfigjson, or map the key "type" to a secret's NAME` });
                continue;
            }
            if (Object.keys(entry).length === 0) {
                problems.push({ propertyPath: at, reason: `maps no key; map at least one key to a secret (key: NAME), or remove the Secret` });
            }
            const keys = new Map<string, string>();
            for (const [key, secret] of Object.entries(entry)) {
                if (!SECRET_KEY.test(key) || key.length > 253) {
                    problems.push({ propertyPath: `${at}.${key}`, reason: `"${key}" is not a valid Secret key; use letters, digits, "-", "_" and "." (at most 253)` });
                }
                mapped(key, secret);
                const twoSlot = typeof secret === "string" && secretKeepsPrevious(secrets[secret], secret);
                for (const [k, what] of [[key, `${secret}`], ...(twoSlot ? [[previousKey(key), `the previous value of ${secret}`]] : [])]) {
                    const other = keys.get(k);
                    if (other !== undefined) {
                        problems.push({ propertyPath: `${at}.${key}`, reason: `key "${k}" of Secret ${secretName} would hold both ${other} and ${what}; a Secret holds each key once: rename one of them` });
                    }
                    keys.set(k, what);
                }
            }
        }
    }
    return problems;
}

/** Whether a catalog entry keeps its previous value (two-slot rotation), its defaults applied. */
function secretKeepsPrevious(secret: unknown, name: string): boolean {
    if (!secret || typeof secret !== "object") return false;
    const s = secret as SecretConfig;
    if (s.awsRotation) return false;
    if (typeof s.keepPrevious === "boolean") return s.keepPrevious;
    return typeof s.kind === "string" && s.kind in KINDS ? defaultKeepPrevious(s.kind, name) : false;
}
