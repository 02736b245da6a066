import type { Policies } from "@pulumi/policy";
import { awsIamSecretAccess } from "./rules/aws-iam-secret-access";
import { awsKmsKeyRotation } from "./rules/aws-kms-key-rotation";
import { awsResourcePolicyPublic } from "./rules/aws-resource-policy-public";
import { awsSecretCustomerManagedKey } from "./rules/aws-secret-customer-managed-key";
import { awsSecretRecoveryWindow } from "./rules/aws-secret-recovery-window";
import { awsSecretReplication } from "./rules/aws-secret-replication";
import { awsSecretRotationConfigured } from "./rules/aws-secret-rotation-configured";
import { awsSecretRotationSchedule } from "./rules/aws-secret-rotation-schedule";
import { awsSecretsAuditTrail } from "./rules/aws-secrets-audit-trail";
import { awsSsmSecureStringCmk } from "./rules/aws-ssm-secure-string-cmk";
import { k8sBuiltinRoleBinding } from "./rules/k8s-builtin-role-binding";
import { k8sClusterRoleBindingSecrets } from "./rules/k8s-cluster-role-binding-secrets";
import { k8sClusterSecretStore } from "./rules/k8s-cluster-secret-store";
import { k8sConfigmapSecretData } from "./rules/k8s-configmap-secret-data";
import { k8sPodCreateSecretNamespace } from "./rules/k8s-pod-create-secret-namespace";
import { k8sRolebindingSubjects } from "./rules/k8s-rolebinding-subjects";
import { k8sSecretNamespace } from "./rules/k8s-secret-namespace";
import { k8sSecretRbacLeastPrivilege } from "./rules/k8s-secret-rbac-least-privilege";
import { k8sWorkloadLiteralCredentials } from "./rules/k8s-workload-literal-credentials";
import { productionSecretProtection } from "./rules/production-secret-protection";
import { randomSecretMinLength } from "./rules/random-secret-min-length";
import { secretEnvironmentSeparation } from "./rules/secret-environment-separation";
import { secretInsecureValue } from "./rules/secret-insecure-value";
import { secretRotationKeepPrevious } from "./rules/secret-rotation-keep-previous";
import { secretRotationOverdue } from "./rules/secret-rotation-overdue";
import { secretRotationPeriod } from "./rules/secret-rotation-period";
import { secretRotationRequired } from "./rules/secret-rotation-required";
import { secretValueNotMarkedSecret } from "./rules/secret-value-not-marked-secret";
import { vaultAuditDevice } from "./rules/vault-audit-device";
import { vaultK8sAuthRoleBinding } from "./rules/vault-k8s-auth-role-binding";
import { vaultKvVersions } from "./rules/vault-kv-versions";
import { vaultPolicyAdminPaths } from "./rules/vault-policy-admin-paths";
import { vaultPolicyLeastPrivilege } from "./rules/vault-policy-least-privilege";

/**
 * Every policy of the pack, importable without constructing the pack (`new PolicyPack` starts a
 * gRPC server): `check`, tests and benchmarks evaluate these objects directly.
 */
export const POLICIES: Policies = [
    secretRotationRequired,
    secretRotationPeriod,
    secretRotationKeepPrevious,
    secretRotationOverdue,
    secretEnvironmentSeparation,
    awsSecretCustomerManagedKey,
    awsKmsKeyRotation,
    awsSecretRecoveryWindow,
    awsSecretReplication,
    awsIamSecretAccess,
    awsSecretsAuditTrail,
    awsSsmSecureStringCmk,
    awsSecretRotationConfigured,
    awsSecretRotationSchedule,
    awsResourcePolicyPublic,
    vaultKvVersions,
    vaultPolicyLeastPrivilege,
    vaultPolicyAdminPaths,
    vaultK8sAuthRoleBinding,
    vaultAuditDevice,
    k8sSecretRbacLeastPrivilege,
    k8sRolebindingSubjects,
    k8sSecretNamespace,
    k8sConfigmapSecretData,
    k8sBuiltinRoleBinding,
    k8sClusterSecretStore,
    k8sWorkloadLiteralCredentials,
    k8sClusterRoleBindingSecrets,
    k8sPodCreateSecretNamespace,
    randomSecretMinLength,
    secretValueNotMarkedSecret,
    secretInsecureValue,
    productionSecretProtection,
];

export const PACK_NAME = "platform-secrets";
