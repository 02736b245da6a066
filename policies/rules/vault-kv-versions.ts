import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { VAULT_KV_BACKEND, VAULT_KV_SECRET, VAULT_MOUNT } from "../lib/types";
import { UNKNOWN_INPUT, integer, propsOf, record } from "../lib/values";

interface Config {
    minVersions: number;
}

const schema = {
    properties: {
        minVersions: { type: "integer" as const, minimum: 2, default: 2, description: "Fewest versions a KV v2 entry keeps (0, Vault's \"mount default\", is accepted)." },
    },
};

/** With one version, a rotation destroys the value consumers still hold: no rollback, no previous value. */
export const vaultKvVersions: ResourceValidationPolicy = {
    name: "vault-kv-versions",
    description: "Vault KV mounts are version 2 and keep at least 2 versions, on the mount and on each entry.",
    remediationSteps: "Use a KV v2 mount (`type: kv-v2`, or `kv` with `options.version: \"2\"`) and set `maxVersions` to at least 2 (`stores.vault.maxVersions`).",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        const props = propsOf(args);
        const { minVersions } = configOf<Config>(schema, args);
        const check = (value: unknown, where: string) => {
            const n = integer(value);
            if (n !== undefined && n !== 0 && n < minVersions) {
                reportViolation(`${where} is ${n}: fewer than ${minVersions} versions kept, so a rotation leaves no previous value`);
            }
        };
        if (args.type === VAULT_MOUNT) {
            if (props.type !== "kv" || props.options === UNKNOWN_INPUT) return;
            const version = record(props.options).version;
            if (version !== "2" && version !== UNKNOWN_INPUT) {
                reportViolation(`KV mount is version ${typeof version === "string" ? version : "1 (options.version not set)"}: it keeps no previous versions; use KV v2`);
            }
        } else if (args.type === VAULT_KV_BACKEND) {
            check(props.maxVersions, "maxVersions");
        } else if (args.type === VAULT_KV_SECRET) {
            const metadata = props.customMetadata;
            if (metadata !== UNKNOWN_INPUT) check(record(metadata).maxVersions, "customMetadata.maxVersions");
        }
    },
};
