import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import * as vault from "@pulumi/vault";
import {
    AWS_REGION, BenchSecret, ENVIRONMENT, OWNER, RECOVERY_WINDOW_DAYS, REPLICA_REGIONS, ROOT_NAME,
    VAULT_MAX_VERSIONS, VAULT_MOUNT, externalValue,
} from "./catalog";

/**
 * The baseline: the same secrets declared resource by resource, as a competent engineer would
 * without the module. Same custom resources, names and inputs as `PlatformSecrets` with
 * `bundle: none`, and no components, validation or wrappers, so the difference between the
 * two runs is the abstraction's cost. Nothing here imports `components/`.
 */
const PASSWORD_SPECIALS = "!@#$%&*()-_=+[]{}<>:?";
const DJANGO_SPECIALS = "!@#$%^&*(-_=+)";
const protect = { protect: true };

/**
 * `components`: wrap each secret's resources in a plain ComponentResource that reports the same
 * outputs as `ManagedSecret`. Not a baseline: it splits the module's overhead into what one
 * component per secret costs and what the rest of the module (validation, extra Outputs) costs.
 */
export function declareNaive(secrets: BenchSecret[], options: { components?: boolean } = {}): void {
    const sharedTags = { environment: ENVIRONMENT, "managed-by": "platform-secrets", owner: OWNER };
    const keyDescription = `platform-secrets: encrypts the ${ENVIRONMENT} secrets`;
    const key = new aws.kms.Key(`${ROOT_NAME}-kms-key`, {
        description: keyDescription, region: AWS_REGION, enableKeyRotation: true,
        multiRegion: REPLICA_REGIONS.length > 0, deletionWindowInDays: 30, tags: sharedTags,
    }, protect);
    new aws.kms.Alias(`${ROOT_NAME}-kms-alias`, {
        name: `alias/platform-secrets/${ENVIRONMENT}`, targetKeyId: key.keyId, region: AWS_REGION,
    });
    const replicas = REPLICA_REGIONS.map((region) => ({
        region,
        kmsKeyId: new aws.kms.ReplicaKey(`${ROOT_NAME}-kms-key-${region}`, {
            description: keyDescription, primaryKeyArn: key.arn, region, deletionWindowInDays: 30, tags: sharedTags,
        }, protect).arn,
    }));

    const mount = new vault.Mount(`${ROOT_NAME}-kv-mount`, {
        path: VAULT_MOUNT, type: "kv", options: { version: "2" }, description: `platform-secrets KV v2 (${ENVIRONMENT})`,
    }, protect);
    new vault.kv.SecretBackendV2(`${ROOT_NAME}-kv-config`, { mount: mount.path, maxVersions: VAULT_MAX_VERSIONS, casRequired: false });

    for (const s of secrets) {
        const wrapper = options.components ? new Wrapper(s.resourceName) : undefined;
        const opts: pulumi.CustomResourceOptions = wrapper ? { parent: wrapper } : {};
        const json = pulumi.secret(valueOf(s, opts).apply((v) => JSON.stringify({ [s.name]: v })));
        new vault.kv.SecretV2(`${s.resourceName}-vault`, {
            mount: mount.path,
            name: s.path,
            dataJson: json,
            customMetadata: {
                maxVersions: VAULT_MAX_VERSIONS,
                data: { environment: ENVIRONMENT, criticality: s.criticality, owner: OWNER, kind: s.kind, "managed-by": "platform-secrets" },
            },
        }, { ...opts, ...protect });
        const secret = new aws.secretsmanager.Secret(`${s.resourceName}-aws`, {
            name: s.path,
            description: s.description,
            region: AWS_REGION,
            kmsKeyId: key.arn,
            recoveryWindowInDays: RECOVERY_WINDOW_DAYS,
            replicas,
            tags: { environment: ENVIRONMENT, criticality: s.criticality, owner: OWNER, "managed-by": "platform-secrets", "secret-name": s.name },
        }, { ...opts, ...protect });
        new aws.secretsmanager.SecretVersion(`${s.resourceName}-aws-version`, {
            secretId: secret.id, region: AWS_REGION, secretString: json,
        }, opts);
        wrapper?.done({
            secretName: s.name, kind: s.kind, criticality: s.criticality, group: s.group, consumers: [], environment: ENVIRONMENT,
            vault: { mount: VAULT_MOUNT, path: s.path },
            aws: { name: s.path, region: AWS_REGION, arn: secret.arn, key: s.name },
            kubernetes: [], rotation: null,
        });
    }
}

class Wrapper extends pulumi.ComponentResource {
    constructor(name: string) {
        super("bench:index:Secret", name, {});
    }

    done(outputs: pulumi.Inputs): void {
        this.registerOutputs(outputs);
    }
}

/** The secret's value in its kind's encoding, always a Pulumi secret. */
function valueOf(s: BenchSecret, opts: pulumi.CustomResourceOptions): pulumi.Output<string> {
    const name = `${s.resourceName}-value`;
    const passwordOpts = { ...opts, additionalSecretOutputs: ["result"] };
    const bytes = () => new random.RandomBytes(name, { length: s.length! }, { ...opts, additionalSecretOutputs: ["base64", "hex"] });
    switch (s.kind) {
        case "password":
        case "basic-auth": {
            const specials = s.kind === "basic-auth" ? PASSWORD_SPECIALS.replace(":", "") : PASSWORD_SPECIALS;
            const p = new random.RandomPassword(name, {
                length: s.length!, upper: true, lower: true, numeric: true, special: true,
                minUpper: 1, minLower: 1, minNumeric: 1, minSpecial: 1, overrideSpecial: specials,
            }, passwordOpts);
            return pulumi.secret(s.kind === "basic-auth" ? pulumi.interpolate`${s.username}:${p.result}` : p.result);
        }
        case "django":
            return pulumi.secret(new random.RandomPassword(name, {
                length: s.length!, upper: false, lower: true, numeric: true, special: true, overrideSpecial: DJANGO_SPECIALS,
            }, passwordOpts).result);
        case "token":
            return pulumi.secret(bytes().base64.apply((b) => b.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")));
        case "fernet":
            return pulumi.secret(bytes().base64.apply((b) => b.replace(/\+/g, "-").replace(/\//g, "_")));
        case "jwt":
            return pulumi.secret(bytes().base64);
        case "hex":
            return pulumi.secret(bytes().hex);
        case "external":
            return pulumi.secret(externalValue(s));
    }
}
