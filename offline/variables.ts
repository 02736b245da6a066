import { ResolvedCatalog, ResolvedSecret } from "../components/catalog/model";
import { PREVIOUS_SUFFIX } from "../components/conventions";
import { Recipe, alphabet, characterClasses, encodedLength, recipeFor } from "../components/generation/recipe";
import { isJsonTemplate } from "../components/generation/template";
import { consumerSecretName } from "../components/kubernetes/namespaces";
import { projectedKeys, projectionLayout } from "../components/kubernetes/layout";
import { bundlePath } from "../components/catalog/paths";
import { CONFIG_NAMESPACE } from "./catalog";

/**
 * The environment variables a catalog delivers, as `docs`, `export` and `env-schema` describe
 * them: one per secret, plus `NAME_PREVIOUS` for a two-slot secret (the key every store and
 * projection carries). Facts only, never a value.
 */

export interface Variable {
    name: string;
    secret: ResolvedSecret;
    /** `NAME_PREVIOUS` of a two-slot secret. */
    previous: boolean;
    /** For `aws-access-key`: which half of the key the variable holds. */
    accessKeyPart?: "id" | "secret";
}

/**
 * `JWT_SECRET_KEY` then `JWT_SECRET_KEY_PREVIOUS` when the secret keeps its previous value; for an
 * access key, its `keys.id` and `keys.secret`, then both `_PREVIOUS` (the store entry's keys).
 */
export function variablesOf(secret: ResolvedSecret): Variable[] {
    if (secret.accessKey) {
        const { keys } = secret.accessKey;
        return [false, true].flatMap((previous) => (["id", "secret"] as const).map((part) =>
            ({ name: `${keys[part]}${previous ? PREVIOUS_SUFFIX : ""}`, secret, previous, accessKeyPart: part })));
    }
    const current = { name: secret.name, secret, previous: false };
    return secret.keepPrevious ? [current, { name: `${secret.name}${PREVIOUS_SUFFIX}`, secret, previous: true }] : [current];
}

export function catalogVariables(catalog: ResolvedCatalog, consumer?: string): Variable[] {
    return catalog.secrets.filter((s) => consumer === undefined || s.consumers.includes(consumer)).flatMap(variablesOf);
}

/**
 * The environment one consumer's workload sees, by variable name: its variables under their names,
 * or, with a `projection`, under each key of its Opaque Secrets (dockerconfigjson ones are for the
 * kubelet, not the environment; a consumed secret the layout does not map is not in it).
 */
export function consumerEnvironment(catalog: ResolvedCatalog, consumer: string): { name: string; variable: Variable }[] {
    const variables = catalogVariables(catalog, consumer);
    const layout = catalog.consumers[consumer] ? projectionLayout(catalog.consumers[consumer]) : undefined;
    if (!layout) return variables.map((variable) => ({ name: variable.name, variable }));
    return layout.filter((t) => t.type === "opaque").flatMap((t) => variables.flatMap((variable) =>
        projectedKeys(t, variable.secret.name, [variable.name]).map((k) => ({ name: k.key, variable }))));
}

const RANGES: [string, string][] = [["ABCDEFGHIJKLMNOPQRSTUVWXYZ", "A-Z"], ["abcdefghijklmnopqrstuvwxyz", "a-z"], ["0123456789", "0-9"]];

/** An alphabet in short form: `A-Z a-z 0-9 -_`. */
export function alphabetText(characters: string): string {
    let rest = characters;
    const parts: string[] = [];
    for (const [all, short] of RANGES) {
        if ([...all].every((c) => rest.includes(c))) {
            parts.push(short);
            rest = [...rest].filter((c) => !all.includes(c)).join("");
        }
    }
    return [...parts, ...(rest ? [rest] : [])].join(" ");
}

const ENCODING_TEXT = { hex: "hex", base64: "base64", base64url: "URL-safe base64", "base64url-unpadded": "URL-safe base64 without padding" } as const;

function recipeText(recipe: Recipe): string {
    if (recipe.source === "bytes") {
        return `${recipe.length} random bytes, ${ENCODING_TEXT[recipe.encoding]} (${encodedLength(recipe)} characters)`;
    }
    const classes = characterClasses(recipe);
    const mins = classes.filter((c) => c.min > 0).map((c) => c.name);
    return `${recipe.length} characters of \`${alphabetText(alphabet(recipe))}\`${mins.length ? `, at least one ${mins.join(", ")}` : ""}`;
}

/** Kind and format in one phrase, e.g. `jwt: 64 random bytes, base64 (88 characters)`. */
export function formatText(secret: ResolvedSecret, accessKeyPart?: "id" | "secret"): string {
    if (secret.accessKey) {
        const half = accessKeyPart === "secret" ? "secret access key (40 characters)" : accessKeyPart === "id" ? "access key id (20 characters, `AKIA...`)" : "access key id and secret access key";
        return `aws-access-key: ${half} of IAM user \`${secret.accessKey.userName}\`, made by AWS`;
    }
    if (secret.kind === "external") {
        return secret.format !== undefined ? `external, must match \`${secret.format}\`` : "external, any format";
    }
    if (secret.kind === "template") {
        const json = secret.template !== undefined && isJsonTemplate(secret.template) ? "JSON " : "";
        return `${json}template of ${(secret.inputs ?? []).map((n) => `\`${n}\``).join(", ")}: \`${secret.template ?? ""}\``;
    }
    const recipe = recipeText(recipeFor(secret));
    return secret.kind === "basic-auth" ? `basic-auth: \`${secret.username}:\` then ${recipe}` : `${secret.kind}: ${recipe}`;
}

/** Where the value lives: each store's path and the key inside it, and the Kubernetes Secret of each consumer. */
export function locations(catalog: ResolvedCatalog, variable: Variable, consumer?: string): string[] {
    const { secret } = variable;
    const out: string[] = [];
    const vault = catalog.stores.vault;
    if (vault && secret.stores.includes("vault")) out.push(`vault: ${vault.mount}/${secret.path} (key ${variable.name})`);
    const aws = catalog.stores.aws;
    if (aws && secret.stores.includes("aws")) {
        const name = aws.bundle === "group" ? bundlePath(catalog.environment, secret.group) : secret.path;
        out.push(`aws: ${name} in ${aws.region} (key ${variable.name})`);
    }
    if (catalog.kubernetes) {
        for (const c of secret.consumers.filter((n) => (consumer === undefined || n === consumer) && catalog.consumers[n])) {
            const layout = projectionLayout(catalog.consumers[c]);
            if (!layout) {
                out.push(`kubernetes: ${catalog.consumers[c].namespace}/${consumerSecretName(c)}`);
                continue;
            }
            // Per Secret of the consumer's `projection`: the key this variable lands under.
            const valueKeys = variablesOf(secret).map((v) => v.name);
            for (const target of layout) {
                for (const k of projectedKeys(target, secret.name, valueKeys).filter((p) => p.from === variable.name)) {
                    out.push(`kubernetes: ${catalog.consumers[c].namespace}/${target.name} (key ${k.key})`);
                }
            }
        }
    }
    return out;
}

/** How a person provides an external secret's value for this stack. */
export function setCommand(stack: string, name: string): string {
    return `pulumi config set --secret --stack ${stack} ${CONFIG_NAMESPACE}:${name}`;
}
