import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { K8S_CONFIG_MAP } from "../lib/types";
import { UNKNOWN_INPUT, propsOf, record } from "../lib/values";

interface Config {
    keyPattern: string;
    entropyMinLength: number;
    entropyBitsPerChar: number;
}

const schema = {
    properties: {
        keyPattern: {
            type: "string" as const, default: "PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL",
            description: "Key names (regex, case-insensitive) that say the value is a secret.",
        },
        entropyMinLength: { type: "integer" as const, minimum: 8, default: 32, description: "Shortest value judged by its entropy." },
        entropyBitsPerChar: { type: "number" as const, default: 4.3, description: "Shannon entropy (bits per character) from which a value looks randomly generated." },
    },
};

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
    const counts = new Map<string, number>();
    for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
    let bits = 0;
    for (const n of counts.values()) {
        const p = n / value.length;
        bits -= p * Math.log2(p);
    }
    return bits;
}

/** ConfigMaps are readable by anyone who may read configuration, are not encrypted at rest, and show in diffs. */
export const k8sConfigmapSecretData: ResourceValidationPolicy = {
    name: "k8s-configmap-secret-data",
    description: "No ConfigMap holds secret-looking data: keys named like PASSWORD, SECRET, TOKEN or API_KEY, or long high-entropy values.",
    remediationSteps: "Move the value to the secrets catalog and read it from the projected Secret.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        if (args.type !== K8S_CONFIG_MAP) return;
        const config = configOf<Config>(schema, args);
        const data = propsOf(args).data;
        if (data === UNKNOWN_INPUT) return;
        const keyPattern = new RegExp(config.keyPattern, "i");
        for (const [key, value] of Object.entries(record(data))) {
            if (keyPattern.test(key)) {
                reportViolation(`key "${key}" names a secret; ConfigMaps are not for secrets`);
            } else if (typeof value === "string" && value.length >= config.entropyMinLength && !/\s/.test(value)) {
                const bits = entropy(value);
                if (bits >= config.entropyBitsPerChar) {
                    reportViolation(`value of key "${key}" looks randomly generated (${bits.toFixed(1)} bits per character); ConfigMaps are not for secrets`);
                }
            }
        }
    },
};
