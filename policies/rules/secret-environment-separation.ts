import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { entryPath, pathRules } from "../lib/hcl";
import { documentsOf, secretNameOfArn, statements } from "../lib/iam";
import { LABEL } from "../lib/marks";
import { ENVIRONMENT_SCHEMA, configOf, resourceEnvironment } from "../lib/policy";
import { AWS_SECRET, IAM_DOCUMENT_TYPES, K8S_EXTERNAL_SECRET, VAULT_KV_SECRET, VAULT_POLICY, isKubernetes } from "../lib/types";
import { Props, list, plain, record, strings } from "../lib/values";

interface Config {
    environment?: string;
    environments: string[];
}

const schema = {
    properties: {
        environment: ENVIRONMENT_SCHEMA.environment,
        environments: {
            type: "array" as const, items: { type: "string" as const },
            default: ["dev", "development", "test", "qa", "staging", "stage", "preprod", "prod", "production"],
            description: "Environment names recognised as the first segment of a store path or secret name (besides those the stack's own marks name).",
        },
    },
};

function markName(type: string): string {
    return isKubernetes(type) ? `label ${LABEL.environment}` : type === VAULT_KV_SECRET ? "environment metadata" : "environment tag";
}

/** The store paths (first segment = environment) a resource reaches. */
function reachedPaths(type: string, props: Props): Array<{ where: string; path: string }> {
    if (IAM_DOCUMENT_TYPES.includes(type)) {
        return documentsOf([props.policy]).flatMap((doc) => statements(doc).flatMap((s, i) =>
            strings(s.Resource).map((arn) => ({ where: `statement ${typeof s.Sid === "string" ? s.Sid : i + 1}`, path: secretNameOfArn(arn) ?? "" }))));
    }
    if (type === VAULT_POLICY && typeof props.policy === "string") {
        return pathRules(props.policy).filter((r) => r.capabilities.some((c) => c !== "deny"))
            .map((r) => ({ where: `path "${r.path}"`, path: entryPath(r.path) }));
    }
    if (K8S_EXTERNAL_SECRET.test(type)) {
        const spec = record(props.spec);
        const keys = [
            ...list(spec.data).map((d) => record(record(d).remoteRef).key),
            ...list(spec.dataFrom).flatMap((d) => [record(record(d).extract).key, record(record(d).find).path]),
        ].filter((k): k is string => typeof k === "string");
        return keys.flatMap((key) => [{ where: `remote key "${key}"`, path: key }, { where: `remote key "${key}"`, path: entryPath(key) }]);
    }
    return [];
}

/**
 * A stack policy: the stack's environment is the configured one, else the one every environment
 * mark in the stack agrees on. A resource of one environment must neither carry another's marks
 * nor reach another's store paths.
 */
export const secretEnvironmentSeparation: StackValidationPolicy = {
    name: "secret-environment-separation",
    description: "Store paths and secret names start with the stack's environment; environment tags, labels and Vault metadata match it; no IAM statement, Vault policy path or ExternalSecret reaches another environment's secrets.",
    remediationSteps: "Keep one environment per stack: name secrets `<environment>/...`, mark them with the stack's environment, and grant only paths under it.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateStack: (args, reportViolation) => {
        const config = configOf<Config>(schema, args);
        const resources = args.resources.map((r: PolicyResource) => ({ r, props: record(plain(r.props)) }));
        const marked = resources.map(({ r, props }) => ({ r, env: resourceEnvironment(r.type, props) }))
            .filter((m): m is { r: PolicyResource; env: string } => typeof m.env === "string");
        const seen = [...new Set(marked.map((m) => m.env))];
        if (config.environment === undefined && seen.length > 1) {
            reportViolation(`resources carry the marks of several environments (${seen.sort().join(", ")}); one stack serves one environment`);
            return;
        }
        const env = config.environment ?? seen[0];
        if (env === undefined) return;
        const others = new Set([...config.environments, ...seen].filter((e) => e !== env));
        for (const { r, env: mine } of marked) {
            if (mine !== env) reportViolation(`${markName(r.type)} "${mine}" does not match the stack's environment "${env}"`, r.urn);
        }
        for (const { r, props } of resources) {
            if ((r.type === AWS_SECRET || r.type === VAULT_KV_SECRET) && typeof props.name === "string" && !props.name.startsWith(`${env}/`)) {
                reportViolation(`${r.type === AWS_SECRET ? "secret name" : "entry path"} "${props.name}" does not start with "${env}/"`, r.urn);
            }
            const reported = new Set<string>();
            for (const { where, path } of reachedPaths(r.type, props)) {
                const first = path.split("/")[0];
                if (others.has(first) && !reported.has(where)) {
                    reported.add(where);
                    reportViolation(`${where} reaches ${first} secrets from the ${env} stack`, r.urn);
                }
            }
        }
    },
};
