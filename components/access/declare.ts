import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import { ResolvedCatalog } from "../catalog/model";
import type { DeclaredManagedSecret } from "../managedSecret";
import type { SecretPlan } from "../plan";
import type { SecretBundle } from "../aws/bundle";
import { SecretsKey } from "../aws/kms";
import { projectionSource } from "../kubernetes/namespaces";
import { NamespaceStores } from "../kubernetes/namespaceStores";
import { projectsSecret } from "../kubernetes/layout";
import { secretResourcePolicy } from "./documents";
import { physicalNamePrefix } from "../conventions";
import { protectionOptions } from "../protection";
import { AwsAccessContext, ConsumedSecret } from "./model";
import { SecretConsumer } from "./secretConsumer";

/** What `declareAccess` needs of each present secret: its plan and what its declaration made. */
export interface SecretRecord {
    plan: SecretPlan;
    declared: DeclaredManagedSecret;
    /** Every resource of the secret (values and store entries). */
    resources: pulumi.Resource[];
    /** Its group's shared AWS secret, when bundled. */
    bundle?: SecretBundle;
    /** The component its resources are children of. */
    group: pulumi.Resource;
}

/** The AWS secret holding a record's value: its own, or its bundle. */
export function awsSecretOf(r: SecretRecord): { secretName: string; arn: pulumi.Input<string> } | undefined {
    const name = r.declared.awsSecretName;
    const arn = r.bundle?.arn ?? r.declared.awsSecretArn;
    return name !== undefined && arn !== undefined ? { secretName: name, arn } : undefined;
}

export function consumedSecret(catalog: ResolvedCatalog, r: SecretRecord): ConsumedSecret {
    const vaultMount = catalog.stores.vault?.mount;
    const { secret } = r.plan;
    return {
        name: secret.name,
        values: r.declared.values,
        version: r.declared.version,
        vault: vaultMount && r.plan.vault ? { mount: vaultMount, path: secret.path } : undefined,
        aws: awsSecretOf(r),
        source: catalog.kubernetes ? projectionSource(secret.stores, catalog.kubernetes.source) : undefined,
    };
}

/**
 * Every access resource of a catalog, children of `parent`: the environment fence on each AWS secret
 * (a child of the component holding the secret: its bundle, or its group), the operator's stores per
 * namespace (`external-secrets` mode), and one `SecretConsumer` per consumer that reads at least one
 * secret. Consumers without secrets get nothing.
 */
export interface DeclaredAccess {
    consumers: Record<string, SecretConsumer>;
    /** Each AWS secret's environment fence, by the name of the catalog secret it was declared for. */
    fences: Record<string, aws.secretsmanager.SecretPolicy>;
}

export function declareAccess(parent: pulumi.Resource, name: string, catalog: ResolvedCatalog, records: SecretRecord[], awsKey?: SecretsKey): DeclaredAccess {
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
    for (const r of records) {
        const awsSecret = awsSecretOf(r);
        if (!awsCfg || !awsSecret || fenced.has(awsSecret.secretName)) continue;
        fenced.add(awsSecret.secretName);
        // Under the component that holds the secret's resources. No alias to an old parent: the SDK
        // deep-walks alias objects for unknowns, and one naming a component walks the whole catalog
        // (quadratic at 1000 secrets); no stack was ever deployed with an old parent.
        const fenceParent = { parent: r.bundle ?? r.group };
        // Kept like the secret it guards: a retained or protected secret must not lose its fence.
        const keep = protectionOptions(catalog.protection);
        fences[r.plan.secret.name] = new aws.secretsmanager.SecretPolicy(`${name}-fence-${awsSecret.secretName.replace(/\//g, "-")}`, {
            secretArn: awsSecret.arn,
            region: awsCfg.region,
            // The rotation Lambda's role reads and writes its own secret; it is not an AWS service principal.
            policy: JSON.stringify(secretResourcePolicy(catalog.environment, awsCfg.adminPrincipalArns ?? [],
                r.plan.secret.awsRotation ? [r.plan.secret.awsRotation.lambdaRoleArn] : [])),
            blockPublicPolicy: true,
        }, { ...fenceParent, ...keep });
    }

    const consumed = records.map((r) => consumedSecret(catalog, r));
    const readBy = (consumer: string) => consumed.filter((c, i) => records[i].plan.secret.consumers.includes(consumer));
    const readers = Object.keys(catalog.consumers).filter((c) => readBy(c).length > 0);
    const kube = catalog.kubernetes;

    const stores = new Map<string, NamespaceStores>();
    if (kube?.mode === "external-secrets") {
        for (const namespace of new Set(readers.map((c) => catalog.consumers[c].namespace))) {
            // The operator reads what it projects: not a consumed secret that a consumer's `projection` leaves out.
            const inNamespace = consumed.filter((s, i) => records[i].plan.secret.consumers.some((c) => readers.includes(c)
                && catalog.consumers[c].namespace === namespace && projectsSecret(catalog.consumers[c], s.name)));
            if (inNamespace.length === 0) continue;
            stores.set(namespace, new NamespaceStores(`${name}-ns-${namespace}`, {
                namespace, environment: catalog.environment, namePrefix, kubernetes: kube, secrets: inNamespace, aws: awsCtx,
            }, child));
        }
    }
    const consumers: Record<string, SecretConsumer> = {};
    for (const consumer of readers) {
        const config = catalog.consumers[consumer];
        const store = stores.get(config.namespace);
        // Projections wait for what holds the values, so a rotated value is stored before the projection changes.
        const sources = [...new Set(records.filter((r) => r.plan.secret.consumers.includes(consumer)).flatMap((r) => [...r.resources, ...(r.bundle ? [r.bundle] : [])]))];
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
