/** Provider type tokens the tests look for: the pack's own list, plus those only tests name. */
export * from "../policies/lib/types";
export { MANAGED_SECRET_TYPE, SECRET_GROUP_TYPE } from "../components/typeTokens";

export const AWS_REPLICA_KEY = "aws:kms/replicaKey:ReplicaKey";
export const AWS_SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
export const K8S_SERVICE_ACCOUNT = "kubernetes:core/v1:ServiceAccount";
export const ESO_EXTERNAL_SECRET = "kubernetes:external-secrets.io/v1:ExternalSecret";
export const ESO_SECRET_STORE = "kubernetes:external-secrets.io/v1:SecretStore";
export const VAULT_KUBERNETES_ROLE = "vault:kubernetes/authBackendRole:AuthBackendRole";
