import { SecretConfig, UncheckedCatalog } from "../model";
import { Problem } from "../problems";
import { TemplateJsonError, parseTemplate, renderTemplate } from "../../generation/template";
import { listNames } from "./secret";
import { KINDS, defaultKeepPrevious } from "../kinds";
import { PREVIOUS_SUFFIX } from "../../conventions";

/**
 * Rules of `kind: template` (components/generation/template.ts): its own fields, then its
 * references: each names a secret of the catalog present wherever the template is, never a skipped
 * external or a Lambda-rotated value, and templates referencing templates form no cycle.
 */

export interface TemplateContext {
    /** Every environment the catalog serves. */
    known: ReadonlySet<string>;
    /** Names of `external` secrets that have a value in this stack. */
    providedExternals: ReadonlySet<string>;
    stack: string;
    namespace: string;
    /** This stack's environment: a skipped external matters only to a template present here. */
    environment?: string;
}

type Entry = [string, SecretConfig];

/** Fields a template does not take: its value and rotation come from its inputs. */
const NOT_FOR_TEMPLATES: Partial<Record<keyof SecretConfig, string>> = {
    length: "a template's length is that of its filled text; remove length",
    rotationDays: "a template changes exactly when one of its inputs rotates (it is reported due with the earliest of them); remove rotationDays",
    keepPrevious: "a template has a previous value exactly when one of its inputs does; remove keepPrevious",
    emergencyRotation: "a template has no value of its own to replace; set emergencyRotation on the secrets it references",
};

export function templateProblems(cfg: UncheckedCatalog, ctx: TemplateContext): Problem[] {
    if (typeof cfg.secrets !== "object" || cfg.secrets === null) return [];
    const secrets = cfg.secrets;
    const entries = Object.entries(secrets).filter((e): e is Entry => typeof e[1] === "object" && e[1] !== null);
    const problems: Problem[] = [];
    const references = new Map<string, string[]>();
    for (const [name, s] of entries) {
        const at = `secrets.${name}.template`;
        if (s.kind !== "template") {
            if (s.template !== undefined) problems.push({ propertyPath: at, reason: `template applies only to kind "template" (this is "${s.kind}"); remove it, or set kind: template` });
            continue;
        }
        for (const field of Object.keys(NOT_FOR_TEMPLATES) as (keyof SecretConfig)[]) {
            const reason = NOT_FOR_TEMPLATES[field];
            if (s[field] !== undefined && reason) problems.push({ propertyPath: `secrets.${name}.${field}`, reason });
        }
        if (typeof s.template !== "string") {
            if (s.template === undefined) problems.push({ propertyPath: at, reason: `kind "template" needs a template, e.g. template: "postgresql://app:\${DB_PASSWORD:url}@db:5432/app"; add it` });
            continue;
        }
        const parsed = parseTemplate(s.template);
        for (const p of parsed.problems) {
            problems.push({ propertyPath: at, reason: `malformed placeholder ${JSON.stringify(p.placeholder)} at character ${p.at}: it ${p.reason}; write \${NAME} (as is) or \${NAME:url} (percent-encoded), and $\${ for a literal \${` });
        }
        // The well-formed placeholders are still checked: every problem at once.
        if (parsed.references.length === 0 && parsed.problems.length === 0) {
            problems.push({ propertyPath: at, reason: `references no secret, so it would be a constant in clear text; reference at least one secret with \${NAME}, or use kind "external"` });
            continue;
        }
        references.set(name, parsed.references);
        problems.push(...parsed.references.flatMap((ref) => referenceProblems(name, s, ref, secrets, ctx)));
        if (parsed.json && parsed.problems.length === 0) {
            try {
                // Sample values: what matters is the template's own structure.
                renderTemplate(parsed, Object.fromEntries(parsed.references.map((r) => [r, "x"])));
            } catch (e) {
                if (!(e instanceof TemplateJsonError)) throw e;
                problems.push({ propertyPath: at, reason: `starts with "{" or "[", so it is a JSON template, but it ${e.message}` });
            }
        }
    }
    problems.push(...cycleProblems(references));
    problems.push(...previousKeyProblems(secrets, references, ctx));
    return problems;
}

/**
 * A template of a two-slot secret has `NAME_PREVIOUS` too: a secret of that name would be the same
 * variable (as `previousKeyCollisions` says of generated kinds).
 */
function previousKeyProblems(secrets: Record<string, SecretConfig>, references: Map<string, string[]>, ctx: TemplateContext): Problem[] {
    const here = (s: unknown) => typeof s === "object" && s !== null && (ctx.environment === undefined || environmentsOf(s as SecretConfig, ctx.known).includes(ctx.environment));
    const twoSlot = (name: string, seen: ReadonlySet<string>): boolean => {
        const s = secrets[name];
        if (typeof s !== "object" || s === null || seen.has(name) || !(s.kind in KINDS)) return false;
        if (s.kind !== "template") return s.awsRotation === undefined && (s.keepPrevious ?? defaultKeepPrevious(s.kind, name));
        return (references.get(name) ?? []).some((r) => twoSlot(r, new Set([...seen, name])));
    };
    return [...references.keys()].flatMap((name): Problem[] => {
        const previous = `${name}${PREVIOUS_SUFFIX}`;
        if (!here(secrets[name]) || !here(secrets[previous]) || !twoSlot(name, new Set())) return [];
        return [{
            propertyPath: `secrets.${previous}`,
            reason: `${previous} is also the variable that holds ${name}'s previous value (${name} is a template of a two-slot secret); rename ${previous}`,
        }];
    });
}

function environmentsOf(s: SecretConfig, known: ReadonlySet<string>): string[] {
    return Array.isArray(s.environments) ? s.environments.filter((e) => typeof e === "string") : [...known];
}

function referenceProblems(name: string, template: SecretConfig, ref: string, secrets: Record<string, SecretConfig>, ctx: TemplateContext): Problem[] {
    const at = `secrets.${name}.template`;
    const input = Object.prototype.hasOwnProperty.call(secrets, ref) ? secrets[ref] : undefined;
    if (typeof input !== "object" || input === null) {
        const names = Object.keys(secrets).filter((n) => n !== name);
        return [{ propertyPath: at, reason: `references unknown secret ${ref}; declare it under ${ctx.namespace}:secrets or use one of: ${listNames(names)}` }];
    }
    const inputEnvironments = environmentsOf(input, ctx.known);
    const missing = environmentsOf(template, ctx.known).filter((e) => !inputEnvironments.includes(e));
    if (missing.length > 0) {
        return [{
            propertyPath: at,
            reason: `references ${ref}, which is not in ${missing.length === 1 ? "environment" : "environments"} ${missing.join(", ")} (its environments: ${inputEnvironments.join(", ") || "none"}); add ${missing.join(", ")} to ${ref}'s environments, or set this template's environments to a subset of them`,
        }];
    }
    const presentHere = ctx.environment === undefined || environmentsOf(template, ctx.known).includes(ctx.environment);
    if (input.kind === "external" && presentHere && !ctx.providedExternals.has(ref)) {
        return [{ propertyPath: at, reason: `references ${ref}, an external secret with no value in this stack (it is skipped, so this template could not be filled); set it (the CLI prompts for the value) with: pulumi config set --secret --stack ${ctx.stack} ${ctx.namespace}:${ref}` }];
    }
    if (input.kind === "aws-access-key") {
        const keys = typeof input.keys === "object" && input.keys !== null ? ` (${[input.keys.id, input.keys.secret].filter((k) => typeof k === "string").join(", ")})` : "";
        return [{ propertyPath: at, reason: `references ${ref}, an aws-access-key, which delivers two variables${keys}, not one value to fill in; a template cannot reference it` }];
    }
    if (input.awsRotation !== undefined) {
        return [{ propertyPath: at, reason: `references ${ref}, whose value an AWS rotation Lambda changes outside Pulumi, so this template would go stale; reference a secret Pulumi rotates, or remove ${ref}'s awsRotation` }];
    }
    return [];
}

/** Each cycle once, reported on its first member in catalog order, e.g. `A -> B -> A`. */
function cycleProblems(references: Map<string, string[]>): Problem[] {
    const problems: Problem[] = [];
    const done = new Set<string>();
    const reported = new Set<string>();
    const visit = (name: string, path: string[]): void => {
        const start = path.indexOf(name);
        if (start >= 0) {
            const cycle = path.slice(start);
            const first = [...references.keys()].find((n) => cycle.includes(n)) ?? name;
            const key = [...cycle].sort().join(",");
            if (!reported.has(key)) {
                reported.add(key);
                const from = cycle.indexOf(first);
                const ordered = [...cycle.slice(from), ...cycle.slice(0, from), first];
                problems.push({ propertyPath: `secrets.${first}.template`, reason: `reference cycle ${ordered.join(" -> ")}: a template cannot depend on itself, directly or through other templates; remove one of these references` });
            }
            return;
        }
        if (done.has(name) || !references.has(name)) return;
        for (const ref of references.get(name) ?? []) visit(ref, [...path, name]);
        done.add(name);
    };
    for (const name of references.keys()) visit(name, []);
    return problems;
}

/** Templates after the secrets they reference, every other secret in its place: the order to declare them. */
export function templateOrder<T>(items: T[], nameOf: (item: T) => string, inputsOf: (item: T) => readonly string[] | undefined): T[] {
    const byName = new Map(items.map((i) => [nameOf(i), i]));
    const ordered: T[] = [];
    const seen = new Set<string>();
    const place = (item: T): void => {
        const name = nameOf(item);
        if (seen.has(name)) return;
        seen.add(name);
        for (const ref of inputsOf(item) ?? []) {
            const input = byName.get(ref);
            if (input !== undefined) place(input);
        }
        ordered.push(item);
    };
    items.forEach(place);
    return ordered;
}
