/**
 * platform-secrets as a library: compose these components into your own stacks.
 *
 *     import { PlatformSecrets } from "platform-secrets";
 */
export { PlatformSecrets, PLATFORM_SECRETS_TYPE } from "./platformSecrets";
export type { PlatformSecretsArgs, SecretReference } from "./platformSecrets";
export { ManagedSecret, MANAGED_SECRET_TYPE, managedSecretName } from "./managedSecret";
export type { ManagedSecretArgs, VaultTarget, AwsTarget, AwsBundleRef, DeclaredManagedSecret } from "./managedSecret";
// `SecretGroup` itself is internal to `PlatformSecrets` (its outputs are only complete when it fills them); its type token is public.
export { SECRET_GROUP_TYPE } from "./typeTokens";
export { SecretBundle, SECRET_BUNDLE_TYPE } from "./aws/bundle";
export type { SecretBundleArgs } from "./aws/bundle";
export * from "./catalog/model";
export * from "./catalog/kinds";
export { CatalogValidationError, formatProblems } from "./catalog/problems";
export type { Problem, ProblemSource } from "./catalog/problems";
export { validateCatalog, resolveCatalog } from "./catalog/validate";
export type { ValidationContext } from "./catalog/validate";
export { secretPath, kebabName } from "./catalog/paths";
export { readStackCatalog, CONFIG_FILE_ENV } from "./config/stackConfig";
export type { StackCatalog } from "./config/stackConfig";
export * from "./conventions";
export { SecretConsumer, SECRET_CONSUMER_TYPE } from "./access/secretConsumer";
export type { SecretConsumerArgs } from "./access/secretConsumer";
export type { ConsumedSecret, AwsAccessContext, VaultAccessContext } from "./access/model";
export { NamespaceStores, NAMESPACE_STORES_TYPE } from "./kubernetes/namespaceStores";
export type { NamespaceStoresArgs } from "./kubernetes/namespaceStores";
export { consumerSecretName } from "./kubernetes/namespaces";
export { versionHash } from "./kubernetes/objects";
export type { ProjectionPlacement } from "./managedSecret";
export { NOW_ENV, rotationNow, planRotation, secretRotation } from "./rotation";
