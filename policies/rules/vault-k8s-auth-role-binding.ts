import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { VAULT_K8S_AUTH_ROLE } from "../lib/types";
import { UNKNOWN_INPUT, propsOf, strings } from "../lib/values";

interface Config {
    allowedRoles: string[];
}

const schema = {
    properties: {
        allowedRoles: {
            type: "array" as const,
            items: { type: "string" as const },
            default: [] as string[],
            description: "Role names exempt from the rule (matched exactly).",
        },
    },
};

/** Vault matches bound names and namespaces as globs: `*` is every one, `team-*` every one with that prefix. */
const isGlob = (value: string): boolean => value.includes("*");

/** The bound lists judged, with how the message names them. `boundServiceAccountNamespaceSelector` is not judged. */
const BINDINGS = [
    { key: "boundServiceAccountNames", label: "service account names" },
    { key: "boundServiceAccountNamespaces", label: "namespaces" },
] as const;

export const vaultK8sAuthRoleBinding: ResourceValidationPolicy = {
    name: "vault-k8s-auth-role-binding",
    description: "No Vault Kubernetes auth role binds service account names or namespaces with a glob (`*`, `team-*`): each role names the exact service accounts and namespaces that get its policies.",
    remediationSteps: "List the exact service accounts and namespaces of the workload, e.g. boundServiceAccountNames: [\"api\"], boundServiceAccountNamespaces: [\"shop-prod\"]; to select namespaces by label use boundServiceAccountNamespaceSelector.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        if (args.type !== VAULT_K8S_AUTH_ROLE) return;
        const props = propsOf(args);
        const { allowedRoles } = configOf<Config>(schema, args);
        // An unknown role name might be an exempt one: cannot judge.
        if (props.roleName === UNKNOWN_INPUT && allowedRoles.length > 0) return;
        const role = typeof props.roleName === "string" ? props.roleName : args.name;
        if (allowedRoles.includes(role)) return;
        for (const { key, label } of BINDINGS) {
            for (const value of strings(props[key]).filter(isGlob)) {
                reportViolation(`Kubernetes auth role "${role}" binds ${label} "${value}": any such workload gets its policies; bind exact names`);
            }
        }
    },
};
