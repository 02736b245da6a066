import { arnInRegion } from "../aws/arn";

/**
 * The access documents the module writes: IAM policies, the secrets' resource policy, IRSA trust,
 * Vault policies. Pure functions over plain values, so each document is evaluated in tests exactly
 * as it is deployed.
 */

export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: Array<Record<string, unknown>>;
}

/** Reading a secret's value and its metadata; nothing else (no list, no write, no policy read). */
export const SECRET_READ_ACTIONS = ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"] as const;

/**
 * Everything that changes a secret or its value: reserved to admin principals.
 * `PutResourcePolicy` and `DeleteResourcePolicy` are deliberately not here: they are the break-glass.
 * Should the admin list ever match no real caller (a role renamed, a wrong path), an IAM admin of the
 * account can still replace or delete the fence and repair access; denying them too would lock every
 * principal, the deployer included, out of the secret for good. Who may change resource policies is
 * left to IAM (the readers' policies the module writes grant no policy action).
 */
export const SECRET_WRITE_ACTIONS = [
    "secretsmanager:CancelRotateSecret",
    "secretsmanager:DeleteSecret",
    "secretsmanager:PutSecretValue",
    "secretsmanager:RemoveRegionsFromReplication",
    "secretsmanager:ReplicateSecretToRegions",
    "secretsmanager:RestoreSecret",
    "secretsmanager:RotateSecret",
    "secretsmanager:StopReplicationToReplica",
    "secretsmanager:TagResource",
    "secretsmanager:UntagResource",
    "secretsmanager:UpdateSecret",
    "secretsmanager:UpdateSecretVersionStage",
] as const;

/** The principal tag a reader must carry to read this environment's secrets. */
export const ENVIRONMENT_PRINCIPAL_TAG = "aws:PrincipalTag/environment";

const KEY_ARN = /^arn:aws[a-z-]*:kms:[^:]+:\d{12}:key\//;
const ALIAS_ARN = /^(arn:aws[a-z-]*):kms:([^:]+):(\d{12}):(alias\/.+)$/;

/**
 * The decrypt grant's targets. A key ARN is named as is; a bare key id as that key in any account
 * of the secrets' regions. An alias cannot be a `Resource` (KMS authorizes on the key): any key of
 * those regions (of the alias's account when its ARN says) is named, restricted by the
 * `kms:ResourceAliases` condition to keys carrying one of the aliases.
 */
export function kmsDecryptTargets(keys: readonly string[], regions: readonly string[]): { resources: string[]; aliases: string[] } {
    const resources = new Set<string>();
    const aliases = new Set<string>();
    for (const key of keys) {
        const aliasArn = ALIAS_ARN.exec(key);
        if (KEY_ARN.test(key)) {
            resources.add(key);
        } else if (aliasArn) {
            aliases.add(aliasArn[4]);
            resources.add(`${aliasArn[1]}:kms:${aliasArn[2]}:${aliasArn[3]}:key/*`);
        } else if (key.startsWith("alias/")) {
            aliases.add(key);
            for (const r of regions) resources.add(`arn:aws:kms:${r}:*:key/*`);
        } else {
            for (const r of regions) resources.add(`arn:aws:kms:${r}:*:key/${key}`);
        }
    }
    return { resources: [...resources].sort(), aliases: [...aliases].sort() };
}

export interface ReadPolicyArgs {
    /** ARNs of the secrets (primary region); replica ARNs are derived. */
    secretArns: readonly string[];
    /** Regions of the replicas. */
    replicaRegions: readonly string[];
    primaryRegion: string;
    /** ARNs (or ids) of the KMS keys that encrypt the secrets, replica keys included. */
    kmsKeys: readonly string[];
}

/**
 * Read on exactly these secrets, in every region they are replicated to, and decrypt with their
 * keys only when Secrets Manager asks (`kms:ViaService`): the key cannot be used directly.
 */
export function secretsReadPolicy(args: ReadPolicyArgs): PolicyDocument {
    const regions = [args.primaryRegion, ...args.replicaRegions];
    const resources = [...new Set(args.secretArns.flatMap((arn) => [arn, ...args.replicaRegions.map((r) => arnInRegion(arn, r))]))].sort();
    const viaSecretsManager = { StringEquals: { "kms:ViaService": regions.map((r) => `secretsmanager.${r}.amazonaws.com`) } };
    const keyArns = args.kmsKeys.filter((k) => !/(^|:)alias\//.test(k));
    const aliased = args.kmsKeys.filter((k) => /(^|:)alias\//.test(k));
    const decrypt: Array<Record<string, unknown>> = [];
    if (keyArns.length > 0) {
        decrypt.push({
            Sid: "DecryptThroughSecretsManager", Effect: "Allow", Action: "kms:Decrypt",
            Resource: kmsDecryptTargets(keyArns, regions).resources, Condition: viaSecretsManager,
        });
    }
    if (aliased.length > 0) {
        const targets = kmsDecryptTargets(aliased, regions);
        decrypt.push({
            Sid: keyArns.length > 0 ? "DecryptAliasedKeysThroughSecretsManager" : "DecryptThroughSecretsManager",
            Effect: "Allow", Action: "kms:Decrypt", Resource: targets.resources,
            Condition: { ...viaSecretsManager, "ForAnyValue:StringEquals": { "kms:ResourceAliases": targets.aliases } },
        });
    }
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ReadOwnSecrets", Effect: "Allow", Action: [...SECRET_READ_ACTIONS], Resource: resources },
            ...decrypt,
        ],
    };
}

/**
 * Attached to every secret of an environment. Reads are denied to any principal not tagged with this
 * environment (a principal of another environment, or an untagged one), except the admin principals and
 * AWS services acting on the secret (replication). Writes are denied to all but the admin principals,
 * when any are configured.
 *
 * Admins are matched on `aws:PrincipalArn`, which for a role session is the IAM role's ARN (path
 * included, e.g. `arn:aws:iam::<account>:role/aws-reserved/sso.amazonaws.com/<name>`), never the
 * `arn:aws:sts::...:assumed-role/...` session ARN: validation accepts only IAM role and user ARNs.
 *
 * `exemptPrincipalArns` pass both denies without being admins of anything else: a secret's rotation
 * Lambda role (`awsRotation.lambdaRoleArn`), which reads and writes that secret only. They alone set
 * no write fence.
 */
export function secretResourcePolicy(environment: string, adminPrincipalArns: readonly string[], exemptPrincipalArns: readonly string[] = []): PolicyDocument {
    const notService = { BoolIfExists: { "aws:PrincipalIsAWSService": "false" } };
    const exempt = [...new Set([...adminPrincipalArns, ...exemptPrincipalArns])];
    const notAdmin = exempt.length > 0 ? { ArnNotLike: { "aws:PrincipalArn": exempt } } : {};
    const statements: Array<Record<string, unknown>> = [{
        Sid: "DenyReadsFromOtherEnvironments",
        Effect: "Deny",
        Principal: "*",
        Action: [...SECRET_READ_ACTIONS],
        Resource: "*",
        Condition: { StringNotEquals: { [ENVIRONMENT_PRINCIPAL_TAG]: environment }, ...notService, ...notAdmin },
    }];
    if (adminPrincipalArns.length > 0) {
        statements.push({
            Sid: "DenyWritesExceptAdmins",
            Effect: "Deny",
            Principal: "*",
            Action: [...SECRET_WRITE_ACTIONS],
            Resource: "*",
            Condition: { ...notService, ...notAdmin },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/** `oidc.eks.<region>.amazonaws.com/id/<id>` from the OIDC provider's ARN. */
export function oidcIssuer(oidcProviderArn: string): string {
    return oidcProviderArn.replace(/^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\//, "");
}

/** IRSA: only this service account of this namespace, through the cluster's OIDC provider, may assume the role. */
export function serviceAccountTrustPolicy(oidcProviderArn: string, namespace: string, serviceAccount: string): PolicyDocument {
    const issuer = oidcIssuer(oidcProviderArn);
    return {
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Federated: oidcProviderArn },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
                StringEquals: {
                    [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${serviceAccount}`,
                    [`${issuer}:aud`]: "sts.amazonaws.com",
                },
            },
        }],
    };
}

/** A Vault policy granting `read` on exactly these KV v2 data paths (no list, no metadata, no globs). */
export function vaultReadPolicy(description: string, dataPaths: readonly string[]): string {
    const blocks = [...new Set(dataPaths)].sort().map((p) => `path "${p}" {\n  capabilities = ["read"]\n}\n`);
    return [`# ${description}`, ...blocks].join("\n");
}

/** IAM names: at most 64 characters; a longer one keeps its start and a stable hash of the whole. */
export function iamName(name: string, max = 64): string {
    if (name.length <= max) return name;
    let h = 0;
    for (const c of name) h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0;
    const suffix = h.toString(36);
    return `${name.slice(0, max - suffix.length - 1)}-${suffix}`;
}
