import { KubernetesConfig, NamespaceRule, ResolvedKubernetes, StoreName } from "../catalog/model";

export const DEFAULT_REFRESH_INTERVAL = "1h";
export const DEFAULT_READER_SERVICE_ACCOUNT = "platform-secrets-reader";
export const DEFAULT_VAULT_AUTH_MOUNT = "kubernetes";

/** `kubernetes` with defaults applied; undefined when the stack projects nothing. */
export function resolveKubernetes(config: KubernetesConfig): ResolvedKubernetes;
export function resolveKubernetes(config: KubernetesConfig | undefined): ResolvedKubernetes | undefined;
export function resolveKubernetes(config: KubernetesConfig | undefined): ResolvedKubernetes | undefined {
    if (!config) return undefined;
    return {
        mode: config.mode,
        refreshInterval: config.refreshInterval ?? DEFAULT_REFRESH_INTERVAL,
        namespaceRule: config.namespaceRule ?? "suffix",
        namespaces: config.namespaces ?? {},
        source: config.source ?? "vault",
        vaultServer: config.vault?.server,
        vaultAuthMount: config.vault?.authMount ?? DEFAULT_VAULT_AUTH_MOUNT,
        oidcProviderArn: config.aws?.oidcProviderArn,
        readerServiceAccount: config.readerServiceAccount ?? DEFAULT_READER_SERVICE_ACCOUNT,
    };
}

/**
 * The environment a namespace belongs to, or undefined when the rule cannot tell.
 * Longest match wins, so `shop-staging-eu` is not mistaken for `eu` when only `staging` is known.
 */
export function namespaceEnvironment(
    namespace: string,
    rule: NamespaceRule,
    declared: Record<string, string>,
    environments: readonly string[],
): string | undefined {
    if (Object.prototype.hasOwnProperty.call(declared, namespace)) return declared[namespace];
    const byLength = [...environments].sort((a, b) => b.length - a.length);
    switch (rule) {
        case "suffix":
            return byLength.find((env) => namespace === env || namespace.endsWith(`-${env}`));
        case "prefix":
            return byLength.find((env) => namespace === env || namespace.startsWith(`${env}-`));
        case "declared":
            return undefined;
    }
}

export function ruleDescription(rule: NamespaceRule): string {
    switch (rule) {
        case "suffix": return `it must end with "-<environment>"`;
        case "prefix": return `it must start with "<environment>-"`;
        case "declared": return `it must be declared`;
    }
}

/**
 * The store the operator reads a secret from: the preferred one when the secret is stored there,
 * else the first store that holds it (Vault before AWS).
 */
export function projectionSource(stores: readonly StoreName[], preferred: StoreName): StoreName | undefined {
    if (stores.includes(preferred)) return preferred;
    return (["vault", "aws"] as const).find((s) => stores.includes(s));
}

/** Name of the Kubernetes Secret a consumer receives: `<consumer>-secrets`. */
export function consumerSecretName(consumer: string): string {
    return `${consumer}-secrets`;
}
