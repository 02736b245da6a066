/**
 * Provider type tokens, the one list of them in the repository: the pack judges resources by them,
 * and `check`, the sandbox and the benchmarks read recorded registrations with them. Strings, so
 * that nothing reading them loads a provider SDK (the pack is published alone and imports nothing
 * outside `policies/`, so the list lives here).
 */

export const RANDOM_PASSWORD = "random:index/randomPassword:RandomPassword";
export const RANDOM_STRING = "random:index/randomString:RandomString";
export const RANDOM_BYTES = "random:index/randomBytes:RandomBytes";
/** `@pulumi/random` resources whose result is used as a secret value. */
export const RANDOM_TYPES = [RANDOM_PASSWORD, RANDOM_STRING, RANDOM_BYTES];

export const AWS_SECRET = "aws:secretsmanager/secret:Secret";
export const AWS_SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion";
export const AWS_SECRET_POLICY = "aws:secretsmanager/secretPolicy:SecretPolicy";
export const KMS_KEY = "aws:kms/key:Key";
export const KMS_REPLICA_KEY = "aws:kms/replicaKey:ReplicaKey";
export const KMS_ALIAS = "aws:kms/alias:Alias";
export const IAM_POLICY = "aws:iam/policy:Policy";
export const IAM_ROLE = "aws:iam/role:Role";
export const IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const IAM_USER_POLICY = "aws:iam/userPolicy:UserPolicy";
export const IAM_USER = "aws:iam/user:User";
export const IAM_ACCESS_KEY = "aws:iam/accessKey:AccessKey";
export const IAM_GROUP_POLICY = "aws:iam/groupPolicy:GroupPolicy";
export const IAM_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
export const IAM_POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";
export const IAM_USER_POLICY_ATTACHMENT = "aws:iam/userPolicyAttachment:UserPolicyAttachment";
export const IAM_GROUP_POLICY_ATTACHMENT = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";
export const SSM_PARAMETER = "aws:ssm/parameter:Parameter";
export const LAMBDA_FUNCTION = "aws:lambda/function:Function";
export const CLOUDTRAIL_TRAIL = "aws:cloudtrail/trail:Trail";
export const S3_BUCKET_LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
export const S3_BUCKET_LIFECYCLE_V2 = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
/** Lifecycle configurations of an S3 bucket, by its name in `bucket` (V2 is the deprecated token of the same resource). */
export const S3_BUCKET_LIFECYCLE_TYPES = [S3_BUCKET_LIFECYCLE, S3_BUCKET_LIFECYCLE_V2];
/** Resources whose `policy` property is an IAM policy document. */
export const IAM_DOCUMENT_TYPES = [IAM_POLICY, IAM_ROLE_POLICY, IAM_USER_POLICY, IAM_GROUP_POLICY, AWS_SECRET_POLICY];
export const AWS_SECRET_ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
export const KMS_KEY_POLICY = "aws:kms/keyPolicy:KeyPolicy";

export const VAULT_MOUNT = "vault:index/mount:Mount";
export const VAULT_AUTH_BACKEND = "vault:index/authBackend:AuthBackend";
export const VAULT_KV_BACKEND = "vault:kv/secretBackendV2:SecretBackendV2";
export const VAULT_KV_SECRET = "vault:kv/secretV2:SecretV2";
export const VAULT_GENERIC_SECRET = "vault:generic/secret:Secret";
export const VAULT_POLICY = "vault:index/policy:Policy";
export const VAULT_AUDIT = "vault:index/audit:Audit";
export const VAULT_K8S_AUTH_ROLE = "vault:kubernetes/authBackendRole:AuthBackendRole";

const RBAC = "kubernetes:rbac.authorization.k8s.io/v1";
export const K8S_ROLE = `${RBAC}:Role`;
export const K8S_CLUSTER_ROLE = `${RBAC}:ClusterRole`;
export const K8S_ROLE_BINDING = `${RBAC}:RoleBinding`;
export const K8S_CLUSTER_ROLE_BINDING = `${RBAC}:ClusterRoleBinding`;
export const K8S_SECRET = "kubernetes:core/v1:Secret";
export const K8S_CONFIG_MAP = "kubernetes:core/v1:ConfigMap";
/** The ExternalSecret token the module registers (the pack also accepts v1beta1, see K8S_EXTERNAL_SECRET). */
export const K8S_EXTERNAL_SECRET_V1 = "kubernetes:external-secrets.io/v1:ExternalSecret";
export const K8S_EXTERNAL_SECRET = /^kubernetes:external-secrets\.io\/v1(beta1)?:ExternalSecret$/;
export const K8S_CLUSTER_SECRET_STORE = /^kubernetes:external-secrets\.io\/v1(beta1)?:ClusterSecretStore$/;

export const K8S_POD = "kubernetes:core/v1:Pod";
export const K8S_DEPLOYMENT = "kubernetes:apps/v1:Deployment";
export const K8S_STATEFUL_SET = "kubernetes:apps/v1:StatefulSet";
export const K8S_DAEMON_SET = "kubernetes:apps/v1:DaemonSet";
export const K8S_JOB = "kubernetes:batch/v1:Job";
export const K8S_CRON_JOB = "kubernetes:batch/v1:CronJob";
/** Workloads whose pod template is at `spec.template` (a CronJob's at `spec.jobTemplate.spec.template`, a Pod's spec is its own). */
export const K8S_TEMPLATED_WORKLOADS = [K8S_DEPLOYMENT, K8S_STATEFUL_SET, K8S_DAEMON_SET, K8S_JOB];

export const isKubernetes = (type: string): boolean => type.startsWith("kubernetes:");
