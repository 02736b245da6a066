/**
 * Type tokens of the components, `platform-secrets:<module>:<Name>`. Kept free of imports so
 * that tools reading recorded registrations (`check`, policies) can name them without loading a provider.
 */
export const PLATFORM_SECRETS_TYPE = "platform-secrets:index:PlatformSecrets";
export const MANAGED_SECRET_TYPE = "platform-secrets:index:ManagedSecret";
export const SECRET_BUNDLE_TYPE = "platform-secrets:aws:SecretBundle";
export const SECRET_CONSUMER_TYPE = "platform-secrets:access:SecretConsumer";
export const NAMESPACE_STORES_TYPE = "platform-secrets:kubernetes:NamespaceStores";
export const SECRET_GROUP_TYPE = "platform-secrets:index:SecretGroup";
