import { createHash, randomBytes } from "crypto";
import type { MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";
import * as T from "../policies/lib/types";

/**
 * Realistic ids and computed outputs for the resource types this module declares, so that
 * documents built from them (IAM policies with ARNs, Vault policy paths, Kubernetes names)
 * can be evaluated offline. Values are derived from the resource's type and name, so a run
 * is repeatable. Generated "secret" values come from here only under mocks; the program
 * itself takes randomness from `@pulumi/random` alone.
 */
export const FAKE_ACCOUNT_ID = "123456789012";

/** What `mockState` reads of the SDK's `MockResourceArgs`: inputs are whatever the program passed. */
export interface MockInput extends Pick<MockResourceArgs, "type" | "name"> {
    inputs: Record<string, unknown>;
}

/** The resource's state, as `MockResourceResult` carries it. */
export type MockStateValues = Record<string, unknown>;

/** The value's own fields if it is an object, else none (what spreading `value ?? {}` keeps of a real input). */
function record(value: unknown): Record<string, unknown> {
    return typeof value === "object" && value !== null ? value as Record<string, unknown> : {};
}

export interface MockContext {
    /** Region of the default AWS provider (`aws:region`), for resources that do not set one. */
    defaultRegion: string;
    /**
     * Generated values (random resources) from Node's crypto instead of the repeatable hash chain:
     * the sandbox writes them to real stores, where a value derived from a resource name would be guessable.
     * @default false
     */
    freshValues?: boolean;
}

function digest(...parts: string[]): Buffer {
    return createHash("sha256").update(parts.join("\u0000")).digest();
}

/** Deterministic bytes of any length: a SHA-256 chain over the seed. */
export function fakeBytes(seed: string, length: number): Buffer {
    const chunks: Buffer[] = [];
    for (let i = 0; chunks.length * 32 < length; i++) {
        chunks.push(digest(seed, String(i)));
    }
    return Buffer.concat(chunks).subarray(0, length);
}

function fakeUuid(seed: string): string {
    const h = digest(seed).toString("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = LOWER.toUpperCase();
const DIGITS = "0123456789";
const DEFAULT_SPECIAL = "!@#$%&*()-_=+[]{}<>:?";

/** What `random_password` would produce for these inputs: the alphabet it allows, each minimum met. */
export function fakePassword(seed: string, inputs: Record<string, unknown>, bytesOf: (seed: string, length: number) => Buffer = fakeBytes): string {
    const length = Number(inputs.length ?? 16);
    const sets: Array<[string, number]> = [];
    if (inputs.upper !== false) sets.push([UPPER, Number(inputs.minUpper ?? 0)]);
    if (inputs.lower !== false) sets.push([LOWER, Number(inputs.minLower ?? 0)]);
    if (inputs.numeric !== false) sets.push([DIGITS, Number(inputs.minNumeric ?? 0)]);
    if (inputs.special !== false) sets.push([String(inputs.overrideSpecial || DEFAULT_SPECIAL), Number(inputs.minSpecial ?? 0)]);
    const all = sets.map(([chars]) => chars).join("");
    const bytes = bytesOf(seed, length);
    const chars: string[] = [];
    let i = 0;
    for (const [set, min] of sets) {
        for (let k = 0; k < min && i < length; k++, i++) chars.push(set[bytes[i] % set.length]);
    }
    for (; i < length; i++) chars.push(all[bytes[i] % all.length]);
    return chars.join("");
}

function regionOf(inputs: Record<string, unknown>, ctx: MockContext): string {
    return typeof inputs.region === "string" ? inputs.region : ctx.defaultRegion;
}

function arnSuffix(seed: string): string {
    return fakeBytes(seed, 6).toString("base64").replace(/[^A-Za-z0-9]/g, "x").slice(0, 6);
}

/** `{ id, state }` for a registered resource, as a provider would return after create. */
export function mockState(args: MockInput, ctx: MockContext): { id: string; state: MockStateValues } {
    const { type, name, inputs } = args;
    const seed = `${type}::${name}`;
    const region = regionOf(inputs, ctx);
    const state = (id: string, extra: MockStateValues) => ({ id, state: { ...inputs, ...extra } });
    const valueBytes = ctx.freshValues ? (_seed: string, length: number) => randomBytes(length) : fakeBytes;
    switch (type) {
        case T.RANDOM_PASSWORD:
        case T.RANDOM_STRING: {
            const result = fakePassword(seed, inputs, valueBytes);
            return state("none", { result });
        }
        case T.RANDOM_BYTES: {
            const bytes = valueBytes(seed, Number(inputs.length ?? 32));
            return state("none", { base64: bytes.toString("base64"), hex: bytes.toString("hex") });
        }
        case T.KMS_KEY: {
            const keyId = (inputs.multiRegion ? "mrk-" : "") + fakeUuid(seed).replace(/-/g, inputs.multiRegion ? "" : "-");
            return state(keyId, { keyId, arn: `arn:aws:kms:${region}:${FAKE_ACCOUNT_ID}:key/${keyId}`, region });
        }
        case T.KMS_REPLICA_KEY: {
            const primaryId = String(inputs.primaryKeyArn ?? "").split("/").pop() || `mrk-${fakeUuid(seed).replace(/-/g, "")}`;
            return state(primaryId, { keyId: primaryId, arn: `arn:aws:kms:${region}:${FAKE_ACCOUNT_ID}:key/${primaryId}`, region });
        }
        case T.KMS_ALIAS:
            return state(String(inputs.name), { arn: `arn:aws:kms:${region}:${FAKE_ACCOUNT_ID}:${inputs.name}`, region });
        case T.AWS_SECRET: {
            const arn = `arn:aws:secretsmanager:${region}:${FAKE_ACCOUNT_ID}:secret:${inputs.name}-${arnSuffix(seed)}`;
            return state(arn, { arn, region });
        }
        case T.AWS_SECRET_VERSION: {
            const versionId = fakeUuid(seed);
            return state(`${inputs.secretId}|${versionId}`, { arn: inputs.secretId, versionId, versionStages: ["AWSCURRENT"], region });
        }
        case T.IAM_POLICY:
        case T.IAM_ROLE: {
            const kind = type.endsWith("Policy") ? "policy" : "role";
            const physical = inputs.name ?? `${name}-${arnSuffix(seed).toLowerCase()}`;
            return state(kind === "role" ? String(physical) : `arn:aws:iam::${FAKE_ACCOUNT_ID}:policy/${physical}`, {
                name: physical, arn: `arn:aws:iam::${FAKE_ACCOUNT_ID}:${kind}/${physical}`,
            });
        }
        case T.IAM_USER: {
            const physical = String(inputs.name ?? name);
            return state(physical, { name: physical, arn: `arn:aws:iam::${FAKE_ACCOUNT_ID}:user/${physical}`, uniqueId: `AIDANOTAREALUSER${fakeBytes(seed, 2).toString("hex").toUpperCase()}` });
        }
        case T.IAM_ACCESS_KEY: {
            // Obviously fake: an id of AWS's shape (AKIA + 16) that says so, and a "secret" no scanner takes for a credential.
            const id = `AKIANOTAREALKEY${fakeBytes(seed, 3).toString("hex").toUpperCase().slice(0, 5)}`;
            return state(id, { secret: `fake-${fakeBytes(seed, 4).toString("hex")}-NOT-A-REAL-CREDENTIAL`, status: inputs.status ?? "Active" });
        }
        case T.VAULT_MOUNT:
            return state(String(inputs.path), { accessor: `kv_${fakeBytes(seed, 4).toString("hex")}` });
        case T.VAULT_KV_BACKEND:
            return state(`${inputs.mount}/config`, {});
        case T.VAULT_KV_SECRET:
            return state(`${inputs.mount}/data/${inputs.name}`, { path: `${inputs.mount}/data/${inputs.name}`, metadata: { version: "1" } });
        case T.VAULT_POLICY:
            return state(String(inputs.name), {});
    }
    if (T.isKubernetes(type)) {
        const metadata: Record<string, unknown> = { name, ...record(inputs.metadata) };
        const id = metadata.namespace ? `${metadata.namespace}/${metadata.name}` : String(metadata.name);
        return state(id, { metadata: { uid: fakeUuid(seed), ...metadata } });
    }
    if (type.startsWith("pulumi:providers:")) {
        return state(fakeUuid(seed), {});
    }
    return state(`${name}-id`, {});
}
