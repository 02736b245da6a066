import { createHash } from "crypto";
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
const DAY_MS = 86_400_000;

/**
 * Scheduled rotation by hand: each secret's slots start every `rotationDays` from an offset
 * hashed from its name, and the random resource's `keepers.rotation` is its slot's start date.
 * Two-slot secrets have a second random resource renewed in the other periods.
 */
function rotationKeepers(s: BenchSecret, today: number): Array<Record<string, string>> {
    const period = s.rotationDays;
    const offset = createHash("sha256").update(`${ENVIRONMENT}/${s.name}`).digest().readUInt32BE(0) % period;
    const k = Math.floor((today - offset) / period);
    const date = (n: number) => new Date((offset + n * period) * DAY_MS).toISOString().slice(0, 10);
    if (!s.keepPrevious) return [{ kind: s.kind, rotation: date(k), "rotation-days": String(period) }];
    // Each of the two values lives two periods: say so, or a policy would call it overdue.
    const keepers = (start: number) => ({ kind: s.kind, rotation: date(start), "rotation-days": String(period), slots: "2" });
    const odd = ((k % 2) + 2) % 2;
    return [keepers(k - odd), keepers(k - (1 - odd))];
}

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
        multiRegion: true, deletionWindowInDays: 30, tags: sharedTags,
    }, protect);
    new aws.kms.Alias(`${ROOT_NAME}-kms-alias`, {
        name: `alias/platform-secrets/${ROOT_NAME}/${ENVIRONMENT}`, targetKeyId: key.keyId, region: AWS_REGION,
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
    const kvConfig = new vault.kv.SecretBackendV2(`${ROOT_NAME}-kv-config`, { mount: mount.path, maxVersions: VAULT_MAX_VERSIONS, casRequired: false });

    const today = Math.floor(Date.now() / DAY_MS);
    // Reads only by principals tagged with this environment (or AWS services, for replication).
    const fencePolicy = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Sid: "DenyReadsFromOtherEnvironments",
            Effect: "Deny",
            Principal: "*",
            Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
            Resource: "*",
            Condition: { StringNotEquals: { "aws:PrincipalTag/environment": ENVIRONMENT }, BoolIfExists: { "aws:PrincipalIsAWSService": "false" } },
        }],
    });
    for (const s of secrets) {
        const wrapper = options.components ? new Wrapper(s.resourceName) : undefined;
        const opts: pulumi.CustomResourceOptions = wrapper ? { parent: wrapper } : {};
        const rotationTags = { "rotation-days": String(s.rotationDays), "keep-previous": String(s.keepPrevious) };
        const json = pulumi.secret(storedJson(s, today, opts));
        new vault.kv.SecretV2(`${s.resourceName}-vault`, {
            mount: mount.path,
            name: s.path,
            dataJson: json,
            customMetadata: {
                maxVersions: VAULT_MAX_VERSIONS,
                data: { environment: ENVIRONMENT, criticality: s.criticality, owner: OWNER, kind: s.kind, "managed-by": "platform-secrets", ...rotationTags },
            },
        }, { ...opts, ...protect, dependsOn: [kvConfig] });
        const secret = new aws.secretsmanager.Secret(`${s.resourceName}-aws`, {
            name: s.path,
            description: s.description,
            region: AWS_REGION,
            kmsKeyId: key.arn,
            recoveryWindowInDays: RECOVERY_WINDOW_DAYS,
            replicas,
            tags: { environment: ENVIRONMENT, criticality: s.criticality, owner: OWNER, "managed-by": "platform-secrets", "secret-name": s.name, kind: s.kind, ...rotationTags },
        }, { ...opts, ...protect });
        new aws.secretsmanager.SecretVersion(`${s.resourceName}-aws-version`, {
            secretId: secret.id, region: AWS_REGION, secretString: json,
        }, opts);
        new aws.secretsmanager.SecretPolicy(`${ROOT_NAME}-fence-${s.path.replace(/\//g, "-")}`, {
            secretArn: secret.arn, region: AWS_REGION, policy: fencePolicy, blockPublicPolicy: true,
        }, { ...opts, ...protect });
        wrapper?.done({
            secretName: s.name, kind: s.kind, criticality: s.criticality, group: s.group, consumers: [], environment: ENVIRONMENT,
            vault: { mount: VAULT_MOUNT, path: s.path },
            aws: { name: s.path, region: AWS_REGION, arn: secret.arn, key: s.name },
            kubernetes: [], rotation: { periodDays: s.rotationDays, keepPrevious: s.keepPrevious },
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

/** The stored JSON: `NAME`, plus `NAME_PREVIOUS` for two-slot secrets, in one apply. */
function storedJson(s: BenchSecret, today: number, opts: pulumi.CustomResourceOptions): pulumi.Output<string> {
    if (s.kind === "external") {
        return pulumi.secret(externalValue(s)).apply((v) => JSON.stringify({ [s.name]: v }));
    }
    const slots = rotationKeepers(s, today);
    const values = slots.map((keepers, i) => valueOf(s, `${s.resourceName}-value${i === 0 ? "" : "-b"}`, keepers, opts));
    if (values.length === 1) {
        return values[0].apply((v) => JSON.stringify({ [s.name]: v }));
    }
    // The slot renewed last (the later rotation date) is current.
    const current = slots[0].rotation > slots[1].rotation ? 0 : 1;
    return pulumi.all(values).apply((v) => JSON.stringify({ [s.name]: v[current], [`${s.name}_PREVIOUS`]: v[1 - current] }));
}

/** The secret's value in its kind's encoding, always a Pulumi secret. */
function valueOf(s: BenchSecret, name: string, keepers: Record<string, string>, opts: pulumi.CustomResourceOptions): pulumi.Output<string> {
    const passwordOpts = { ...opts, additionalSecretOutputs: ["result"] };
    // Every generated kind has a length; only `external` has none, and it generates nothing.
    const length = (): number => {
        if (s.length === undefined) throw new Error(`bench secret ${s.name} (${s.kind}) has no length`);
        return s.length;
    };
    const bytes = () => new random.RandomBytes(name, { length: length(), keepers }, { ...opts, additionalSecretOutputs: ["base64", "hex"] });
    switch (s.kind) {
        case "password":
        case "basic-auth": {
            const specials = s.kind === "basic-auth" ? PASSWORD_SPECIALS.replace(":", "") : PASSWORD_SPECIALS;
            const p = new random.RandomPassword(name, {
                length: length(), upper: true, lower: true, numeric: true, special: true,
                minUpper: 1, minLower: 1, minNumeric: 1, minSpecial: 1, overrideSpecial: specials, keepers,
            }, passwordOpts);
            return pulumi.secret(s.kind === "basic-auth" ? pulumi.interpolate`${s.username}:${p.result}` : p.result);
        }
        case "django":
            return pulumi.secret(new random.RandomPassword(name, {
                length: length(), upper: false, lower: true, numeric: true, special: true, overrideSpecial: DJANGO_SPECIALS, keepers,
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
            throw new Error(`${s.name}: external values are not generated`);
    }
}
