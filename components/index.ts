/**
 * platform-secrets as a library: compose these components into your own stacks.
 *
 *     import { PlatformSecrets, readStackCatalog } from "platform-secrets";
 *
 * The public API is this list and nothing else (test/components/publicApi.test.ts snapshots it):
 * the components and their args, the catalog's types and its validation, the stack-config reader,
 * the errors, the marks (labels, tags, annotations) and the type tokens. Everything else under
 * components/ is internal and may change without notice.
 */

// Components and their args.
export { PlatformSecrets } from "./platformSecrets";
export type { PlatformSecretsArgs, SecretReference } from "./platformSecrets";
export { ManagedSecret } from "./managedSecret";
export type { ManagedSecretArgs, VaultTarget, AwsTarget, AwsBundleRef, DeclaredManagedSecret } from "./managedSecret";
export { managedSecretName } from "./plan";
export type { ProjectionPlacement } from "./plan";
// `SecretGroup` is created by `PlatformSecrets` only (its outputs are complete once it fills them);
// its type is public so that `PlatformSecrets.groups` needs no cast.
export type { SecretGroup } from "./secretGroup";
export { SecretBundle } from "./aws/bundle";
export type { SecretBundleArgs } from "./aws/bundle";
export { SecretConsumer } from "./access/secretConsumer";
export type { SecretConsumerArgs } from "./access/secretConsumer";
export type { ConsumedSecret, AwsAccessContext, VaultAccessContext } from "./access/model";
export { NamespaceStores } from "./kubernetes/namespaceStores";
export type { NamespaceStoresArgs } from "./kubernetes/namespaceStores";
// The KMS key a ManagedSecret's AWS copy is encrypted with: one of yours, or one this module creates.
export { existingSecretsKey } from "./aws/kms";
export type { SecretsKey } from "./aws/kms";

// The catalog: its types, validation, defaults and paths.
export type {
    CatalogConfig, StoresConfig, VaultStoreConfig, AwsStoreConfig, KubernetesConfig, KubernetesMode, NamespaceRule,
    ConsumerConfig, ProjectionSecretConfig, SecretConfig, AwsRotationConfig, Protection, StoreName,
    ResolvedCatalog, ResolvedSecret, ResolvedKubernetes,
} from "./catalog/model";
export { STORE_NAMES } from "./catalog/model";
export type { SecretKind, Criticality } from "./catalog/kinds";
export { SECRET_KINDS, CRITICALITIES, ROTATION_DAYS_BY_CRITICALITY } from "./catalog/kinds";
export { checkCatalog, validateCatalog, resolveCatalog } from "./catalog/validate";
export type { CatalogCheck, ValidationContext } from "./catalog/validate";
export { secretPath, kebabName } from "./catalog/paths";
export { DEFAULT_ENVIRONMENTS, DEFAULT_PRODUCTION_ENVIRONMENTS, isProductionEnvironment } from "./environments";

// The stack configuration (`platform-secrets:*` keys).
export { readStackCatalog, CONFIG_FILE_ENV } from "./config/stackConfig";
export type { StackCatalog } from "./config/stackConfig";

// Errors.
export { CatalogValidationError, formatProblems } from "./catalog/problems";
export type { Problem, ProblemSource } from "./catalog/problems";

// Marks on provider resources, read by the policy pack and by operators.
export { MANAGED_BY_VALUE, TAG, KEEPER, LABEL, ANNOTATION, PREVIOUS_SUFFIX, ROTATED_BY_LAMBDA } from "./conventions";
export { consumerSecretName } from "./kubernetes/namespaces";
export type { TargetSecret } from "./kubernetes/layout";

// Type tokens.
export {
    PLATFORM_SECRETS_TYPE, MANAGED_SECRET_TYPE, SECRET_BUNDLE_TYPE, SECRET_CONSUMER_TYPE, NAMESPACE_STORES_TYPE, SECRET_GROUP_TYPE,
} from "./typeTokens";

// Rotation: the clock every component reads, and the report of a secret's schedule.
export { NOW_ENV, rotationNow } from "./rotation/clock";
export type { RotationReport, RotationStatus, RotatedBy } from "./rotation/schedule";
