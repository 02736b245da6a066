import { AWS_SECRET_VERSION, K8S_SECRET, LAMBDA_FUNCTION, SSM_PARAMETER, VAULT_GENERIC_SECRET, VAULT_KV_SECRET } from "./types";
import { Props, isRecord, record } from "./values";

/** Environment variable names that hold secrets when they appear in plain configuration. */
export const SECRET_KEY_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;

export interface SecretBearing {
    /** Property path, for messages and secretness. */
    path: string[];
    value: unknown;
    /** How the stored text encodes values: JSON documents hold several, Kubernetes `data` is base64. */
    encoding: "text" | "json" | "base64";
}

function entries(props: Props, key: string, encoding: SecretBearing["encoding"]): SecretBearing[] {
    return Object.entries(record(props[key])).map(([k, value]) => ({ path: [key, k], value, encoding }));
}

/** The properties of a resource that carry secret values, with their values (possibly unknown). */
export function secretBearing(type: string, props: Props): SecretBearing[] {
    switch (type) {
        case AWS_SECRET_VERSION:
            return [{ path: ["secretString"], value: props.secretString, encoding: "json" }];
        case VAULT_KV_SECRET:
        case VAULT_GENERIC_SECRET:
            return [{ path: ["dataJson"], value: props.dataJson, encoding: "json" }];
        case K8S_SECRET:
            return [...entries(props, "data", "base64"), ...entries(props, "stringData", "text")];
        case SSM_PARAMETER:
            return props.type === "SecureString" ? [{ path: ["value"], value: props.value, encoding: "text" }] : [];
        case LAMBDA_FUNCTION: {
            const variables = record(record(props.environment).variables);
            return Object.entries(variables).filter(([k]) => SECRET_KEY_NAME.test(k))
                .map(([k, value]) => ({ path: ["environment", "variables", k], value, encoding: "text" as const }));
        }
        default:
            return [];
    }
}

/** The individual values a stored text holds (a JSON document's string leaves, decoded base64). */
export function leafValues(item: SecretBearing): string[] {
    if (typeof item.value !== "string") return [];
    if (item.encoding === "base64") return [Buffer.from(item.value, "base64").toString("utf8")];
    if (item.encoding === "json") {
        try {
            const doc: unknown = JSON.parse(item.value);
            if (isRecord(doc)) return Object.values(doc).filter((v): v is string => typeof v === "string");
        } catch {
            // Not JSON: one plain value.
        }
    }
    return [item.value];
}
