import { STORE_NAMES, StoreName, UncheckedCatalog } from "../catalog/model";
import { Problem } from "../catalog/problems";
import { namespaceEnvironment, projectionSource, resolveKubernetes, ruleDescription } from "./namespaces";
import { ENVIRONMENT_NAME } from "../environments";

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,53}[a-z0-9])?$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export interface KubernetesValidationContext {
    /** Every environment the catalog serves. */
    known: ReadonlySet<string>;
    enabledStores: readonly StoreName[];
    /** Config namespace for messages, e.g. `platform-secrets`. */
    namespace: string;
}

/**
 * Separation and projection rules: a secret is never delivered into a namespace of another
 * environment, and what the operator needs to authenticate is configured. Reads only fields whose
 * structure is sound (the schema reports the others).
 */
export function kubernetesProblems(cfg: UncheckedCatalog, ctx: KubernetesValidationContext): Problem[] {
    const environment = typeof cfg.environment === "string" ? cfg.environment : undefined;
    const consumers = cfg.consumers && typeof cfg.consumers === "object" ? cfg.consumers : {};
    const secrets = cfg.secrets && typeof cfg.secrets === "object" ? cfg.secrets : {};
    const kube = cfg.kubernetes && typeof cfg.kubernetes === "object" ? cfg.kubernetes : undefined;
    const resolved = resolveKubernetes(kube ?? { mode: "secret" });
    // A misspelt rule is the schema's to report; judge namespaces by the default meanwhile.
    const rule = ["suffix", "prefix", "declared"].includes(resolved.namespaceRule) ? resolved.namespaceRule : "suffix";
    const declared = resolved.namespaces && typeof resolved.namespaces === "object" ? resolved.namespaces : {};
    const problems: Problem[] = [];

    for (const [ns, env] of Object.entries(declared)) {
        if (typeof env === "string" && !ctx.known.has(env)) {
            problems.push({ propertyPath: `kubernetes.namespaces.${ns}`, reason: `unknown environment "${env}"; use one of: ${[...ctx.known].join(", ")}` });
        }
    }
    // Judged only against a sound environment and sound namespaces: other rules report those.
    if (environment === undefined || !ctx.known.has(environment) || !ENVIRONMENT_NAME.test(environment)) return problems;

    const unknownNamespace = new Set<string>();
    // One mistake, one problem: a consumer in another environment's namespace, with every secret it would receive.
    const misplaced = new Map<string, { namespace: string; belongs: string; secrets: string[] }>();
    const sources = new Set<StoreName>();
    const receiving = new Set<string>();
    for (const [name, secret] of Object.entries(secrets)) {
        if (!secret || typeof secret !== "object" || !Array.isArray(secret.consumers)) continue;
        if (Array.isArray(secret.environments) && !secret.environments.includes(environment)) continue;
        secret.consumers.forEach((consumerName) => {
            const consumer = typeof consumerName === "string" ? consumers[consumerName] : undefined;
            if (!consumer || typeof consumer.namespace !== "string" || !NAMESPACE.test(consumer.namespace)) return;
            receiving.add(consumerName);
            const belongs = namespaceEnvironment(consumer.namespace, rule, declared, [...ctx.known]);
            if (belongs === undefined) {
                if (!unknownNamespace.has(consumerName)) {
                    unknownNamespace.add(consumerName);
                    problems.push({
                        propertyPath: `consumers.${consumerName}.namespace`,
                        reason: `cannot tell which environment namespace "${consumer.namespace}" belongs to: under the namespace rule "${rule}" ${ruleDescription(rule)} (environments: ${[...ctx.known].join(", ")}); rename it or declare it under ${ctx.namespace}:kubernetes.namespaces (e.g. ${consumer.namespace}: ${environment})`,
                    });
                }
            } else if (belongs !== environment) {
                const entry = misplaced.get(consumerName) ?? { namespace: consumer.namespace, belongs, secrets: [] };
                entry.secrets.push(name);
                misplaced.set(consumerName, entry);
            }
        });
        const stores = Array.isArray(secret.stores) ? secret.stores.filter((s) => STORE_NAMES.includes(s)) : ctx.enabledStores;
        const source = secret.consumers.length > 0 ? projectionSource(stores, resolved.source) : undefined;
        if (source) sources.add(source);
    }

    for (const [consumerName, m] of misplaced) {
        const one = m.secrets.length === 1;
        problems.push({
            propertyPath: `consumers.${consumerName}.namespace`,
            reason: `namespace "${m.namespace}" belongs to environment "${m.belongs}", not "${environment}", so the ${environment} ${one ? "secret" : "secrets"} ${consumerName} consumes (${m.secrets.join(", ")}) ${one ? "is" : "are"} never delivered there: move consumers.${consumerName}.namespace to a ${environment} namespace or remove "${consumerName}" from ${one ? "that secret's" : "those secrets'"} consumers`,
        });
    }

    if (!kube) return problems;
    for (const consumerName of receiving) {
        if (!DNS_LABEL.test(consumerName)) {
            problems.push({ propertyPath: `consumers.${consumerName}`, reason: `"${consumerName}" cannot name its Kubernetes Secret "${consumerName}-secrets"; use lower-case letters, digits and "-" (at most 55)` });
        }
    }
    if (resolved.mode === "external-secrets") {
        for (const consumerName of receiving) {
            if (consumers[consumerName].serviceAccount === resolved.readerServiceAccount) {
                problems.push({ propertyPath: `consumers.${consumerName}.serviceAccount`, reason: `"${resolved.readerServiceAccount}" is the operator's reader account, which reads every secret of the namespace; run the workload as its own service account, or rename the reader with ${ctx.namespace}:kubernetes.readerServiceAccount` });
            }
        }
        if (sources.has("vault") && !resolved.vaultServer) {
            problems.push({ propertyPath: "kubernetes.vault.server", reason: `is required in external-secrets mode when secrets are read from Vault; set it to Vault's address as the cluster reaches it (e.g. https://vault.example.internal:8200)` });
        }
        if (sources.has("aws") && !resolved.oidcProviderArn) {
            problems.push({ propertyPath: "kubernetes.aws.oidcProviderArn", reason: `is required in external-secrets mode when secrets are read from AWS; set it to the cluster's IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer>)` });
        }
    }
    return problems;
}
