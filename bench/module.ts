import * as pulumi from "@pulumi/pulumi";
import { CatalogConfig, PlatformSecrets, SecretConfig } from "../components";
import {
    AWS_REGION, BenchSecret, ENVIRONMENT, RECOVERY_WINDOW_DAYS, REPLICA_REGIONS, ROOT_NAME, VAULT_MAX_VERSIONS, VAULT_MOUNT,
    externalValue,
} from "./catalog";

/** The catalog as a user would write it in `Pulumi.prod.yaml`, as the config object. */
export function catalogConfig(secrets: BenchSecret[], bundle: "none" | "group"): CatalogConfig {
    return {
        environment: ENVIRONMENT,
        // Audit is off: it is a fixed set of resources per stack, not a cost per secret, and the
        // hand-written baseline declares none (bench/naive.ts).
        stores: {
            vault: { mount: VAULT_MOUNT, maxVersions: VAULT_MAX_VERSIONS, audit: false },
            aws: { region: AWS_REGION, replicaRegions: REPLICA_REGIONS, recoveryWindowDays: RECOVERY_WINDOW_DAYS, bundle, audit: false },
        },
        secrets: Object.fromEntries(secrets.map((s): [string, SecretConfig] => [s.name, {
            kind: s.kind,
            group: s.group,
            criticality: s.criticality,
            description: s.description,
            rotationDays: s.rotationDays,
            ...(s.kind !== "external" ? { keepPrevious: s.keepPrevious } : {}),
            ...(s.length !== undefined ? { length: s.length } : {}),
            ...(s.username !== undefined ? { username: s.username } : {}),
            ...(s.format !== undefined ? { format: s.format } : {}),
        }])),
    };
}

/**
 * The module's side: one `PlatformSecrets`. The config object is built before the clock starts
 * (a stack reads it from config); external values, validation, resolution and every component are measured.
 */
export function prepareModule(secrets: BenchSecret[], bundle: "none" | "group"): () => void {
    const config = catalogConfig(secrets, bundle);
    const externals = secrets.filter((s) => s.kind === "external");
    return () => {
        // Made inside the measured part, as the baseline makes its own.
        const externalValues = Object.fromEntries(externals.map((s) => [s.name, pulumi.secret(externalValue(s))]));
        new PlatformSecrets(ROOT_NAME, { ...config, externalValues });
    };
}
