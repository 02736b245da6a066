import * as pulumi from "@pulumi/pulumi";
import * as vault from "@pulumi/vault";

/** Versions kept per entry when the config does not say: enough to roll back a few rotations. */
export const DEFAULT_MAX_VERSIONS = 10;

export interface KvMountArgs {
    /** Mount path, e.g. `kv`. */
    path: string;
    /** Versions Vault keeps per entry; never below 2. */
    maxVersions: number;
    description: string;
}

/**
 * A KV version 2 mount configured to keep previous versions, so a rotated value
 * can still be read (and restored) after the rotation.
 */
export function createKvMount(name: string, args: KvMountArgs, opts: pulumi.CustomResourceOptions, protect: pulumi.CustomResourceOptions) {
    const mount = new vault.Mount(`${name}-mount`, {
        path: args.path,
        type: "kv",
        options: { version: "2" },
        description: args.description,
    }, { ...opts, ...protect });
    const config = new vault.kv.SecretBackendV2(`${name}-config`, {
        mount: mount.path,
        maxVersions: args.maxVersions,
        casRequired: false,
    }, opts);
    return { mount, config, path: mount.path };
}

export interface KvEntryArgs {
    mount: pulumi.Input<string>;
    /** Path inside the mount: `<environment>/<group>/<name>`. */
    path: string;
    /** The entry's data as JSON, one key per value. A secret. */
    data: pulumi.Output<string>;
    maxVersions: number;
    metadata: Record<string, string>;
}

/** One KV v2 entry. Custom metadata lets operators see ownership in the Vault UI without reading the value. */
export function createKvEntry(name: string, args: KvEntryArgs, opts: pulumi.CustomResourceOptions): vault.kv.SecretV2 {
    return new vault.kv.SecretV2(name, {
        mount: args.mount,
        name: args.path,
        dataJson: args.data,
        customMetadata: { maxVersions: args.maxVersions, data: args.metadata },
    }, opts);
}

/** The HTTP API path a policy must grant to read an entry's current data. */
export function kvDataPath(mount: string, path: string): string {
    return `${mount}/data/${path}`;
}
