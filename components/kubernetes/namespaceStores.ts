import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { ResolvedKubernetes } from "../catalog/model";
import { CatalogValidationError, Problem } from "../catalog/problems";
import { MANAGED_BY_VALUE, TAG } from "../conventions";
import { attachAwsReadPolicy, bindVaultReadPolicy } from "../access/grants";
import { iamName, serviceAccountTrustPolicy } from "../access/documents";
import { AwsAccessContext, ConsumedSecret } from "../access/model";
import { NAMESPACE_STORES_TYPE } from "../typeTokens";
import { EXTERNAL_SECRETS_API, IRSA_ROLE_ANNOTATION, STORE_NAME, awsStoreSpec, projectionLabels, vaultStoreSpec } from "./objects";

export { NAMESPACE_STORES_TYPE };

export interface NamespaceStoresArgs {
    /** The namespace (it must exist; the module does not own namespaces). */
    namespace: string;
    /** The stack's environment: labels, IAM tags (the secrets' fence admits only this environment) and names. */
    environment: string;
    /**
     * Start of the IAM role and Vault policy and role names, unique per `PlatformSecrets`
     * (`physicalNamePrefix`): `<prefix>-<namespace>-reader`. @default `platform-secrets-<environment>`
     */
    namePrefix?: string;
    /** The projection (`external-secrets` mode); its reader service account, Vault server and OIDC provider. */
    kubernetes: ResolvedKubernetes;
    /**
     * Every secret the namespace's consumers read. The reader is granted exactly these, in the store
     * each is read from (`source`), and nothing of another namespace.
     */
    secrets: ConsumedSecret[];
    /** Needed when any secret is read from AWS. @default none */
    aws?: AwsAccessContext;
}

export function namespaceStoresProblems(args: NamespaceStoresArgs): Problem[] {
    const problems: Problem[] = [];
    const sources = new Set(args.secrets.map((s) => s.source));
    if (sources.has("vault") && !args.kubernetes.vaultServer) {
        problems.push({ propertyPath: "kubernetes.vault.server", reason: `is required in external-secrets mode when secrets are read from Vault; set it to Vault's address as the cluster reaches it (e.g. https://vault.example.internal:8200)` });
    }
    if (sources.has("aws") && (!args.kubernetes.oidcProviderArn || !args.aws)) {
        problems.push({ propertyPath: "kubernetes.aws.oidcProviderArn", reason: `is required in external-secrets mode when secrets are read from AWS; set it to the cluster's IAM OIDC provider ARN (arn:aws:iam::<account>:oidc-provider/<issuer>)` });
    }
    const mounts = new Set(args.secrets.filter((s) => s.source === "vault").map((s) => s.vault?.mount));
    if (mounts.size > 1) {
        problems.push({ propertyPath: "secrets", reason: `one SecretStore reads one Vault mount, got ${[...mounts].join(", ")}; keep the namespace's secrets in one mount` });
    }
    return problems;
}

/** A value `namespaceStoresProblems` has required already: missing here is a bug, not a configuration error. */
function validated<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`NamespaceStores: ${what} is missing, though namespaceStoresProblems requires it`);
    return value;
}

/**
 * The operator's side of one namespace: a reader service account, and per store it reads from a
 * namespaced SecretStore that authenticates as that account, with a Vault role and an IAM role that
 * read exactly this namespace's secrets. Namespaced stores, not a ClusterSecretStore: a store
 * visible to every namespace would let any ExternalSecret anywhere read what it can read.
 */
export class NamespaceStores extends pulumi.ComponentResource {
    constructor(name: string, args: NamespaceStoresArgs, opts?: pulumi.ComponentResourceOptions) {
        const problems = namespaceStoresProblems(args);
        if (problems.length > 0) throw new CatalogValidationError(problems);
        super(NAMESPACE_STORES_TYPE, name, {}, opts);
        const child = { parent: this };
        const { namespace, environment, kubernetes: kube } = args;
        const reader = kube.readerServiceAccount;
        const readerName = `${args.namePrefix ?? `platform-secrets-${environment}`}-${namespace}-reader`;
        const labels = projectionLabels(environment);
        const fromVault = args.secrets.filter((s) => s.source === "vault");
        const fromAws = args.secrets.filter((s) => s.source === "aws");
        const outputs: Record<string, unknown> = { namespace, serviceAccount: reader, stores: [] as string[] };

        let roleArn: pulumi.Output<string> | undefined;
        let readGrant: pulumi.Resource | undefined;
        if (fromAws.length > 0) {
            // Role names: at most 64 characters.
            const roleName = iamName(readerName);
            const role = new aws.iam.Role(`${name}-reader-role`, {
                name: roleName,
                description: `platform-secrets: External Secrets reader of ${namespace} (${environment})`,
                assumeRolePolicy: JSON.stringify(serviceAccountTrustPolicy(validated(kube.oidcProviderArn, "kubernetes.aws.oidcProviderArn"), namespace, reader)),
                // The secrets' resource policy lets only principals tagged with their environment read them.
                tags: { [TAG.environment]: environment, [TAG.managedBy]: MANAGED_BY_VALUE },
            }, child);
            const { attachment } = attachAwsReadPolicy(`${name}-reader`, {
                policyName: `${roleName}-read`,
                description: `platform-secrets: the ${namespace} reader reads the namespace's secrets`,
                environment,
                role: role.name,
                secrets: fromAws,
                aws: validated(args.aws, "aws"),
            }, child);
            roleArn = role.arn;
            readGrant = attachment;
        }

        const account = new k8s.core.v1.ServiceAccount(`${name}-reader`, {
            metadata: {
                name: reader,
                namespace,
                labels,
                ...(roleArn ? { annotations: { [IRSA_ROLE_ANNOTATION]: roleArn } } : {}),
            },
            // Only the operator uses it, through the TokenRequest API; no pod mounts its token.
            automountServiceAccountToken: false,
        }, child);
        const storeOpts = { ...child, dependsOn: [account] };

        if (fromVault.length > 0) {
            const { role } = bindVaultReadPolicy(`${name}-reader`, {
                policyName: readerName,
                roleName: readerName,
                description: `platform-secrets: the External Secrets reader of ${namespace} (${environment})`,
                authMount: kube.vaultAuthMount,
                namespace,
                serviceAccount: reader,
                secrets: fromVault,
            }, child);
            new k8s.apiextensions.CustomResource(`${name}-vault-store`, {
                apiVersion: EXTERNAL_SECRETS_API,
                kind: "SecretStore",
                metadata: { name: STORE_NAME.vault, namespace, labels },
                spec: vaultStoreSpec({ server: validated(kube.vaultServer, "kubernetes.vault.server"), mount: validated(fromVault[0].vault, `the Vault copy of ${fromVault[0].name}`).mount, authMount: kube.vaultAuthMount, role: readerName, serviceAccount: reader }),
            }, { ...storeOpts, dependsOn: [account, role] });
            (outputs.stores as string[]).push(STORE_NAME.vault);
        }
        if (fromAws.length > 0) {
            new k8s.apiextensions.CustomResource(`${name}-aws-store`, {
                apiVersion: EXTERNAL_SECRETS_API,
                kind: "SecretStore",
                metadata: { name: STORE_NAME.aws, namespace, labels },
                spec: awsStoreSpec({ region: validated(args.aws, "aws").region, serviceAccount: reader }),
                // Ready only once its role may read: the operator would otherwise mark it invalid.
            }, { ...storeOpts, dependsOn: [account, ...(readGrant ? [readGrant] : [])] });
            (outputs.stores as string[]).push(STORE_NAME.aws);
        }
        this.registerOutputs(outputs);
    }
}
