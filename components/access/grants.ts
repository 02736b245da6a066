import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as vault from "@pulumi/vault";
import { TAG, MANAGED_BY_VALUE } from "../conventions";
import { kvDataPath } from "../vault/kv";
import { AwsAccessContext, ConsumedSecret } from "./model";
import { iamName, secretsReadPolicy, vaultReadPolicy } from "./documents";

/**
 * The two grants every reader gets, whoever it is (a workload or the operator's reader in a
 * namespace): an IAM policy on exactly its AWS secrets, a Vault policy on exactly its data paths.
 */

/** A JSON policy document of Outputs (ARNs), resolved without creating anything in an apply. */
export function awsReadPolicyJson(secrets: readonly ConsumedSecret[], ctx: AwsAccessContext): pulumi.Output<string> {
    const arns = secrets.flatMap((s) => (s.aws ? [s.aws.arn] : []));
    return pulumi.all([pulumi.all(arns), pulumi.all(ctx.kmsKeys)]).apply(([secretArns, kmsKeys]) => JSON.stringify(secretsReadPolicy({
        secretArns, kmsKeys, primaryRegion: ctx.region, replicaRegions: ctx.replicaRegions,
    })));
}

/** An IAM policy reading `secrets`, attached to `role` (a name, or a Role of this program). */
export function attachAwsReadPolicy(name: string, args: {
    policyName: string;
    description: string;
    environment: string;
    role: pulumi.Input<string>;
    secrets: readonly ConsumedSecret[];
    aws: AwsAccessContext;
}, opts: pulumi.CustomResourceOptions) {
    const policy = new aws.iam.Policy(`${name}-iam-policy`, {
        // Managed policy names: at most 128 characters.
        name: iamName(args.policyName, 128),
        description: args.description,
        policy: awsReadPolicyJson(args.secrets, args.aws),
        tags: { [TAG.environment]: args.environment, [TAG.managedBy]: MANAGED_BY_VALUE },
    }, opts);
    const attachment = new aws.iam.RolePolicyAttachment(`${name}-iam-attachment`, { role: args.role, policyArn: policy.arn }, opts);
    return { policy, attachment };
}

/** The KV v2 data paths of `secrets` in Vault. */
export function vaultDataPaths(secrets: readonly ConsumedSecret[]): string[] {
    return secrets.flatMap((s) => (s.vault ? [kvDataPath(s.vault.mount, s.vault.path)] : []));
}

/** A Vault policy reading `secrets` and a Kubernetes auth role that gives it to one service account of one namespace. */
export function bindVaultReadPolicy(name: string, args: {
    policyName: string;
    roleName: string;
    description: string;
    authMount: string;
    namespace: string;
    serviceAccount: string;
    secrets: readonly ConsumedSecret[];
}, opts: pulumi.CustomResourceOptions) {
    const policy = new vault.Policy(`${name}-vault-policy`, {
        name: args.policyName,
        policy: vaultReadPolicy(args.description, vaultDataPaths(args.secrets)),
    }, opts);
    const role = new vault.kubernetes.AuthBackendRole(`${name}-vault-role`, {
        backend: args.authMount,
        roleName: args.roleName,
        boundServiceAccountNames: [args.serviceAccount],
        boundServiceAccountNamespaces: [args.namespace],
        tokenPolicies: [policy.name],
        // Short-lived: the operator and Vault Agent log in again. Vault's `default` policy stays (token
        // self-lookup, which the operator uses to check its cached token); it reads no secret.
        tokenTtl: 3600,
    }, opts);
    return { policy, role };
}
