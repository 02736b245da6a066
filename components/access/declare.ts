import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ResolvedCatalog, ResolvedSecret } from "../catalog/model";
import { ProjectionPlacement } from "../managedSecret";
import { SecretsKey } from "../aws/kms";
import { consumerSecretName, projectionSource } from "../kubernetes/namespaces";
import { NamespaceStores } from "../kubernetes/namespaceStores";
import { secretResourcePolicy } from "./documents";
import { physicalNamePrefix } from "../conventions";
import { protectionOptions } from "../protection";
import { AwsAccessContext, ConsumedSecret } from "./model";
import { SecretConsumer } from "./secretConsumer";

/** Where a secret is projected: one Secret per consumer, `<consumer>-secrets` in its namespace. Known before any resource exists. */
export function projectionPlacements(catalog: ResolvedCatalog, secret: ResolvedSecret): ProjectionPlacement[] {
    if (!catalog.kubernetes) return [];
    return secret.consumers
        .filter((c) => catalog.consumers[c])
        .map((c) => ({ namespace: catalog.consumers[c].namespace, secretName: consumerSecretName(c) }));
}

/** What `declareAccess` needs of each created secret. */
export interface DeclaredSecret {
    secret: ResolvedSecret;
    values: Record<string, pulumi.Output<string>>;
    version: string;
    awsSecretName?: string;
    /** The AWS secret's ARN (the bundle's when bundled). */
    awsSecretArn?: pulumi.Input<string>;
    /**
     * What holds the secret's value in the stores: its store entries, and its `SecretBundle` when
     * bundled. Projections wait for them, so a rotated value is stored before the projection changes.
     * @default []
     */
    sources?: pulumi.Resource[];
    /**
     * The component that owns the AWS secret: its `SecretGroup`, or its `SecretBundle` when bundled.
     * The secret's fence is its child.
     * @default the fence is a child of `declareAccess`'s parent
     */
    awsOwner?: pulumi.Resource;
}

export function consumedSecret(catalog: ResolvedCatalog, d: DeclaredSecret): ConsumedSecret {
    const vaultMount = catalog.stores.vault?.mount;
    return {
        name: d.secret.name,
        values: d.values,
        version: d.version,
        vault: vaultMount && d.secret.stores.includes("vault") ? { mount: vaultMount, path: d.secret.path } : undefined,
        aws: d.awsSecretName && d.awsSecretArn ? { secretName: d.awsSecretName, arn: d.awsSecretArn } : undefined,
        source: catalog.kubernetes ? projectionSource(d.secret.stores, catalog.kubernetes.source) : undefined,
    };
}

/**
 * Every access resource of a catalog, children of `parent`: the environment fence on each AWS secret
 * (a child of the secret's own component when `awsOwner` is given), the operator's stores per namespace (`external-secrets` mode), and one `SecretConsumer` per consumer
 * that reads at least one secret. Consumers without secrets get nothing.
 */
export interface DeclaredAccess {
    consumers: Record<string, SecretConsumer>;
    /** Each AWS secret's environment fence, by the name of the catalog secret it was declared for. */
    fences: Record<string, aws.secretsmanager.SecretPolicy>;
}

export function declareAccess(parent: pulumi.Resource, name: string, catalog: ResolvedCatalog, declared: DeclaredSecret[], awsKey?: SecretsKey): DeclaredAccess {
    const child = { parent };
    const awsCfg = catalog.stores.aws;
    const awsCtx: AwsAccessContext | undefined = awsCfg && awsKey && {
        region: awsCfg.region,
        replicaRegions: awsCfg.replicaRegions ?? [],
        kmsKeys: [awsKey.arn, ...Object.values(awsKey.replicaKeyIds)],
    };

    const namePrefix = physicalNamePrefix(name, catalog.environment);
    const fenced = new Set<string>();
    const fences: Record<string, aws.secretsmanager.SecretPolicy> = {};
    for (const d of declared) {
        if (!awsCfg || !d.awsSecretName || !d.awsSecretArn || fenced.has(d.awsSecretName)) continue;
        fenced.add(d.awsSecretName);
        // Under the component that holds the secret's resources. No alias to an old parent: the SDK
        // deep-walks alias objects for unknowns, and one naming a component walks the whole catalog
        // (quadratic at 1000 secrets); no stack was ever deployed with an old parent.
        const fenceParent = d.awsOwner ? { parent: d.awsOwner } : child;
        // Kept like the secret it guards: a retained or protected secret must not lose its fence.
        const keep = protectionOptions(catalog.protection);
        fences[d.secret.name] = new aws.secretsmanager.SecretPolicy(`${name}-fence-${d.awsSecretName.replace(/\//g, "-")}`, {
            secretArn: d.awsSecretArn,
            region: awsCfg.region,
            // The rotation Lambda's role reads and writes its own secret; it is not an AWS service principal.
            policy: JSON.stringify(secretResourcePolicy(catalog.environment, awsCfg.adminPrincipalArns ?? [],
                d.secret.awsRotation ? [d.secret.awsRotation.lambdaRoleArn] : [])),
            blockPublicPolicy: true,
        }, { ...fenceParent, ...keep });
    }

    const consumed = declared.map((d) => consumedSecret(catalog, d));
    const readBy = (consumer: string) => consumed.filter((c, i) => declared[i].secret.consumers.includes(consumer));
    const readers = Object.keys(catalog.consumers).filter((c) => readBy(c).length > 0);
    const kube = catalog.kubernetes;

    const stores = new Map<string, NamespaceStores>();
    if (kube?.mode === "external-secrets") {
        for (const namespace of new Set(readers.map((c) => catalog.consumers[c].namespace))) {
            const inNamespace = consumed.filter((s, i) => declared[i].secret.consumers.some((c) => readers.includes(c) && catalog.consumers[c].namespace === namespace));
            stores.set(namespace, new NamespaceStores(`${name}-ns-${namespace}`, {
                namespace, environment: catalog.environment, namePrefix, kubernetes: kube, secrets: inNamespace, aws: awsCtx,
            }, child));
        }
    }
    const consumers: Record<string, SecretConsumer> = {};
    for (const consumer of readers) {
        const config = catalog.consumers[consumer];
        const store = stores.get(config.namespace);
        const sources = [...new Set(declared.filter((d) => d.secret.consumers.includes(consumer)).flatMap((d) => d.sources ?? []))];
        consumers[consumer] = new SecretConsumer(`${name}-consumer-${consumer}`, {
            consumer,
            environment: catalog.environment,
            namePrefix,
            config,
            secrets: readBy(consumer),
            kubernetes: kube,
            aws: awsCtx,
            vault: catalog.stores.vault ? { authMount: kube?.vaultAuthMount ?? "kubernetes" } : undefined,
            sources,
        }, { ...child, ...(store ? { dependsOn: [store] } : {}) });
    }
    return { consumers, fences };
}
