import { SecretConfig, UncheckedCatalog } from "../model";
import { Problem } from "../problems";
import { PREVIOUS_SUFFIX } from "../../conventions";
import { SECRET_NAME, upperSnake } from "./secret";

/**
 * Rules of `kind: aws-access-key`: an IAM user (`<environment>-<user>`), its permissions, and the two
 * variables it delivers. Names across the catalog (keys.id / keys.secret against every other
 * delivered variable) are checked by `accessKeyNameCollisions`.
 */

export const ACCESS_KEY_KIND = "aws-access-key";

/** The fields only this kind takes. */
export const ACCESS_KEY_FIELDS = ["user", "policyArns", "policy", "keys"] as const;

/** IAM user names: 1 to 64 of letters, digits and `+=,.@_-`. */
const IAM_USER_NAME = /^[\w+=,.@-]+$/;
const IAM_NAME_MAX = 64;

/** A managed (`arn:aws:iam::aws:policy/...`) or customer (`arn:aws:iam::<account>:policy/...`) policy ARN. */
export const IAM_POLICY_ARN = /^arn:aws[a-z-]*:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/;

/** The IAM user's name in this environment: every environment has its own user, and its own keys. */
export function accessKeyUserName(environment: string, user: string): string {
    return `${environment}-${user}`;
}

/** The inline policy as a document, or why it is not one (never throws). */
export function parsePolicyDocument(policy: unknown): { document: Record<string, unknown> } | { error: string } {
    let document: unknown = policy;
    if (typeof policy === "string") {
        try {
            document = JSON.parse(policy);
        } catch (e) {
            return { error: `is not valid JSON (${(e as Error).message})` };
        }
    }
    if (typeof document !== "object" || document === null || Array.isArray(document)) {
        return { error: "is not an IAM policy document (a mapping with Version and Statement)" };
    }
    const doc = document as Record<string, unknown>;
    if (doc.Version !== "2012-10-17") {
        return { error: `needs Version: "2012-10-17" (got ${JSON.stringify(doc.Version ?? null)})` };
    }
    const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement !== undefined ? [doc.Statement] : [];
    if (statements.length === 0) {
        return { error: "has no Statement" };
    }
    for (const [i, s] of statements.entries()) {
        const label = `Statement[${i}]`;
        if (typeof s !== "object" || s === null || Array.isArray(s)) return { error: `${label} is not a mapping` };
        const st = s as Record<string, unknown>;
        if (st.Effect !== "Allow" && st.Effect !== "Deny") return { error: `${label} needs Effect: Allow or Deny` };
        if ((st.Action === undefined) === (st.NotAction === undefined)) return { error: `${label} needs exactly one of Action and NotAction` };
        if ((st.Resource === undefined) === (st.NotResource === undefined)) return { error: `${label} needs exactly one of Resource and NotResource` };
        if (st.Principal !== undefined || st.NotPrincipal !== undefined) return { error: `${label} has a Principal (a policy attached to a user names none)` };
    }
    return { document: doc };
}

export function accessKeyProblems(name: string, secret: SecretConfig, kind: string | undefined, environment: string | undefined): Problem[] {
    const at = (field: string) => `secrets.${name}.${field}`;
    if (kind !== ACCESS_KEY_KIND) {
        return kind === undefined ? [] : ACCESS_KEY_FIELDS.filter((f) => secret[f] !== undefined).map((f) => ({
            propertyPath: at(f), reason: `${f} applies only to kind "${ACCESS_KEY_KIND}" (this is "${kind}"); remove it`,
        }));
    }
    const problems: Problem[] = [];
    if (typeof secret.user !== "string" || secret.user === "") {
        if (secret.user === undefined || secret.user === "") {
            problems.push({ propertyPath: at("user"), reason: `kind "${ACCESS_KEY_KIND}" needs the IAM user it makes keys for; add user: <name> (created as <environment>-<name>)` });
        }
    } else if (!IAM_USER_NAME.test(secret.user)) {
        problems.push({ propertyPath: at("user"), reason: `"${secret.user}" is not an IAM user name; use letters, digits and +=,.@_- only` });
    } else if (typeof environment === "string" && accessKeyUserName(environment, secret.user).length > IAM_NAME_MAX) {
        const full = accessKeyUserName(environment, secret.user);
        problems.push({ propertyPath: at("user"), reason: `the IAM user would be "${full}", ${full.length} characters; IAM allows ${IAM_NAME_MAX}, so shorten user to at most ${IAM_NAME_MAX - environment.length - 1}` });
    }
    const arns = Array.isArray(secret.policyArns) ? secret.policyArns : [];
    arns.forEach((arn, i) => {
        if (typeof arn === "string" && !IAM_POLICY_ARN.test(arn)) {
            problems.push({ propertyPath: `${at("policyArns")}[${i}]`, reason: `"${arn}" is not an IAM policy ARN; write arn:aws:iam::aws:policy/<name> or arn:aws:iam::<account>:policy/<path/name>` });
        } else if (arns.indexOf(arn) < i) {
            // One attachment per ARN, named by it: a second would be a duplicate URN.
            problems.push({ propertyPath: `${at("policyArns")}[${i}]`, reason: `"${arn}" is listed twice; remove one` });
        }
    });
    if (typeof secret.policy === "string" || (typeof secret.policy === "object" && secret.policy !== null && !Array.isArray(secret.policy))) {
        const parsed = parsePolicyDocument(secret.policy);
        if ("error" in parsed) {
            problems.push({ propertyPath: at("policy"), reason: `the inline policy ${parsed.error}; write an IAM policy document` });
        }
    }
    if (arns.length === 0 && secret.policy === undefined) {
        problems.push({ propertyPath: `secrets.${name}`, reason: `an access key without permissions can do nothing; add policyArns: [<policy ARN>] or an inline policy` });
    }
    if (secret.keys === undefined) {
        problems.push({ propertyPath: at("keys"), reason: `kind "${ACCESS_KEY_KIND}" delivers two variables; add keys: { id: AWS_ACCESS_KEY_ID, secret: AWS_SECRET_ACCESS_KEY }` });
    } else if (typeof secret.keys === "object" && secret.keys !== null) {
        for (const field of ["id", "secret"] as const) {
            const variable = secret.keys[field];
            if (typeof variable === "string" && !SECRET_NAME.test(variable)) {
                problems.push({ propertyPath: at(`keys.${field}`), reason: `"${variable}" is not a valid variable name; use env-var style, upper-case letters, digits and "_" starting with a letter (e.g. ${upperSnake(variable)})` });
            }
        }
        if (typeof secret.keys.id === "string" && secret.keys.id === secret.keys.secret) {
            problems.push({ propertyPath: at("keys.secret"), reason: `the key id and the secret access key need two different variables; rename keys.secret` });
        }
    }
    if (secret.keepPrevious === false) {
        problems.push({ propertyPath: at("keepPrevious"), reason: `an access key always rotates in two slots (the previous key stays valid until the next rotation); remove keepPrevious` });
    }
    return problems;
}

/** The variables each active secret delivers (an access key's `keys`, else its own name), with `_PREVIOUS` under two slots. */
function deliveredBy(name: string, secret: SecretConfig, twoSlot: boolean): string[] {
    const base = secret.kind === ACCESS_KEY_KIND && typeof secret.keys === "object" && secret.keys !== null
        ? [secret.keys.id, secret.keys.secret].filter((k): k is string => typeof k === "string")
        : [name];
    return twoSlot ? base.flatMap((k) => [k, `${k}${PREVIOUS_SUFFIX}`]) : base;
}

/**
 * An access key's variables named like another secret's (or another access key's) variable: both
 * would be one key in every consumer's Secret and environment. Reported on the access key's `keys`.
 */
export function accessKeyNameCollisions(cfg: UncheckedCatalog, twoSlotOf: (name: string, s: SecretConfig) => boolean): Problem[] {
    if (typeof cfg.secrets !== "object" || cfg.secrets === null) return [];
    const active = Object.entries(cfg.secrets).filter(([, s]) => typeof s === "object" && s !== null
        && !(Array.isArray(s.environments) && typeof cfg.environment === "string" && !s.environments.includes(cfg.environment)));
    const owner = new Map<string, string>();
    for (const [name, s] of active) {
        if (s.kind === ACCESS_KEY_KIND) continue;
        for (const v of deliveredBy(name, s, twoSlotOf(name, s))) owner.set(v, name);
        // A catalog name is a config key too (`platform-secrets:NAME`), whatever it delivers.
        owner.set(name, name);
    }
    const problems: Problem[] = [];
    for (const [name, s] of active) {
        if (s.kind !== ACCESS_KEY_KIND) continue;
        for (const field of ["id", "secret"] as const) {
            const variable = typeof s.keys === "object" && s.keys !== null ? s.keys[field] : undefined;
            if (typeof variable !== "string") continue;
            for (const v of [variable, `${variable}${PREVIOUS_SUFFIX}`]) {
                const other = owner.get(v);
                if (other !== undefined) {
                    problems.push({ propertyPath: `secrets.${name}.keys.${field}`, reason: `${v} is also delivered by ${other}; every consumer's Secret holds each variable once, so rename keys.${field}` });
                    break;
                }
            }
        }
        for (const v of deliveredBy(name, s, true)) owner.set(v, name);
        owner.set(name, name);
    }
    return problems;
}
