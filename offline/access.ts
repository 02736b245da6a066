import { PREVIOUS_SUFFIX } from "../components/conventions";
import { pathRules } from "../policies/lib/hcl";
import { documentsOf, statements } from "../policies/lib/iam";
import * as T from "../policies/lib/types";
import { list, strings } from "../policies/lib/values";
import { RecordedResource, RegistrationRecorder, UNKNOWN_TEXT, reveal } from "./recorder";
import { AccessGrant, CheckReport, ReportContext, ReportSecret } from "./report";
import { wildcardRegExp } from "../policies/lib/wildcard";

/**
 * The `access` section: who can read which catalog secret, derived from the access resources the
 * program declared (RBAC Roles and their bindings, IAM policies and their attachments, Vault policies
 * and the Kubernetes auth roles that hand them out), never from the catalog's `consumers`. A grant a
 * hand-written resource adds is reported the same way; a consumer whose grant is missing shows none.
 *
 * Only allows are read: a Deny elsewhere (the secrets' environment fence) can only narrow them.
 * Documents still unknown (a preview without mocks) contribute nothing.
 */

export const TYPES = {
    role: T.K8S_ROLE,
    roleBinding: T.K8S_ROLE_BINDING,
    clusterRole: T.K8S_CLUSTER_ROLE,
    clusterRoleBinding: T.K8S_CLUSTER_ROLE_BINDING,
    secret: T.K8S_SECRET,
    externalSecret: T.K8S_EXTERNAL_SECRET_V1,
    iamPolicy: T.IAM_POLICY,
    iamAttachment: T.IAM_ROLE_POLICY_ATTACHMENT,
    iamInlinePolicy: T.IAM_ROLE_POLICY,
    iamPolicyAttachment: T.IAM_POLICY_ATTACHMENT,
    iamUserPolicyAttachment: T.IAM_USER_POLICY_ATTACHMENT,
    iamGroupPolicyAttachment: T.IAM_GROUP_POLICY_ATTACHMENT,
    iamUserPolicy: T.IAM_USER_POLICY,
    iamGroupPolicy: T.IAM_GROUP_POLICY,
    iamRole: T.IAM_ROLE,
    secretPolicy: T.AWS_SECRET_POLICY,
    vaultPolicy: T.VAULT_POLICY,
    vaultRole: T.VAULT_K8S_AUTH_ROLE,
} as const;

type Fields = Record<string, unknown>;

/**
 * A value's fields, for reading structure: `{}` for anything that is not an object, so that
 * `fields(v).name` is what `v?.name` reads (none of the names read here exist on a primitive).
 */
function fields(value: unknown): Fields {
    return typeof value === "object" && value !== null ? value as Fields : {};
}

/** The own keys of a map-like value, none for `null` or `undefined` (`Object.keys(v ?? {})`). */
function keysOf(value: unknown): string[] {
    return value === undefined || value === null ? [] : Object.keys(value);
}

/** Inputs for reading structure (names, rules, documents). Callers never copy a value out of Secret data. */
function inputs(r: RecordedResource): Fields {
    return fields(reveal(r.wireInputs));
}

/** The catalog secret a projected key carries: `NAME`, or `NAME_PREVIOUS` for its previous value. */
export function secretOfKey(key: string, names: ReadonlySet<string>): string | undefined {
    if (names.has(key)) return key;
    const base = key.endsWith(PREVIOUS_SUFFIX) ? key.slice(0, -PREVIOUS_SUFFIX.length) : undefined;
    return base !== undefined && names.has(base) ? base : undefined;
}

function grant(out: AccessGrant[], principal: string, secret: string, via: string, actions: string[]): void {
    if (actions.length === 0) return;
    const existing = out.find((g) => g.principal === principal && g.secret === secret && g.via === via);
    if (existing) existing.actions = [...new Set([...existing.actions, ...actions])].sort();
    else out.push({ principal, secret, via, actions: [...new Set(actions)].sort() });
}

/**
 * Namespace/name to the catalog secrets in each Kubernetes Secret (written by Pulumi or by an ExternalSecret).
 * A Secret whose data is unknown (a preview, with a value not known yet: the provider makes the whole map
 * unknown) falls back on the placements the ManagedSecrets declared for it.
 */
function kubernetesSecretContents(recorder: RegistrationRecorder, secrets: readonly ReportSecret[]): Map<string, Set<string>> {
    const names = new Set(secrets.map((s) => s.name));
    // A `projection` names keys freely (`password`, `jwt-secret-key`): the placements say whose they are.
    const placed = new Map<string, string>();
    for (const s of secrets) {
        for (const p of s.kubernetes.map(fields)) placed.set(`${p.namespace}/${p.secretName}/${p.key}`, s.name);
    }
    // Keys named otherwise than their secret (an access key's `keys`), from what each secret delivers.
    const owners = new Map(secrets.flatMap((s) => (s.variables ?? []).map((v) => [v, s.name] as const)));
    const contents = new Map<string, Set<string>>();
    const add = (ns: unknown, name: unknown, keys: string[]) => {
        const set = contents.get(`${ns}/${name}`) ?? new Set<string>();
        for (const k of keys) {
            const s = placed.get(`${ns}/${name}/${k}`) ?? secretOfKey(k, names) ?? owners.get(k);
            if (s) set.add(s);
        }
        contents.set(`${ns}/${name}`, set);
    };
    for (const r of recorder.ofType(TYPES.secret)) {
        const i = inputs(r);
        const metadata = fields(i.metadata);
        const ns = metadata.namespace ?? "default";
        const name = metadata.name ?? r.name;
        const unknown = i.stringData === undefined && i.data === undefined && ("stringData" in r.wireInputs || "data" in r.wireInputs);
        add(ns, name, unknown
            ? secrets.flatMap((s) => s.kubernetes.map(fields).filter((p) => p.namespace === ns && p.secretName === name).map((p) => String(p.key)))
            : [...keysOf(i.stringData), ...keysOf(i.data)]);
    }
    for (const r of recorder.ofType(TYPES.externalSecret)) {
        const i = inputs(r);
        const metadata = fields(i.metadata);
        const spec = fields(i.spec);
        const target = fields(spec.target).name ?? metadata.name ?? r.name;
        add(metadata.namespace ?? "default", target, list(spec.data).map((d) => fields(d).secretKey).filter((k): k is string => typeof k === "string"));
    }
    return contents;
}

/**
 * Built-in ClusterRoles that read Secrets (Kubernetes' defaults): a binding to one is a grant on every
 * Secret of its scope, though no resource of the program declares the role.
 */
const BUILTIN_SECRET_READERS: Record<string, string[]> = {
    "cluster-admin": ["*"],
    admin: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
    edit: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
};

interface RbacRule { resourceNames: string[]; verbs: string[] }

/** The rules of a Role or ClusterRole that reach Secrets. */
function secretRules(rules: unknown): RbacRule[] {
    return list(rules).map(fields).filter((rule) => {
        const groups = strings(rule.apiGroups);
        const resources = strings(rule.resources);
        return (groups.includes("") || groups.includes("*")) && (resources.includes("secrets") || resources.includes("*"));
    }).map((rule) => ({ resourceNames: strings(rule.resourceNames), verbs: strings(rule.verbs) }));
}

function subjectsOf(subjects: unknown, bindingNamespace: string | undefined): string[] {
    return list(subjects).map(fields).map((s) => s.kind === "ServiceAccount"
        ? `kubernetes:${s.namespace ?? bindingNamespace ?? "default"}/${s.name}`
        : `kubernetes:${String(s.kind ?? "").toLowerCase()}/${s.name}`);
}

/**
 * RBAC grants: Roles through RoleBindings (their namespace), ClusterRoles through RoleBindings (the
 * binding's namespace) and ClusterRoleBindings (every namespace), the built-in secret readers
 * included. No resourceNames: every Secret of the scope.
 */
export function rbacGrants(recorder: RegistrationRecorder, secrets: readonly ReportSecret[]): AccessGrant[] {
    const out: AccessGrant[] = [];
    const contents = kubernetesSecretContents(recorder, secrets);
    const roles = recorder.ofType(TYPES.role).map((r) => ({ r, i: inputs(r) }));
    const clusterRoles = recorder.ofType(TYPES.clusterRole).map((r) => ({ r, i: inputs(r) }));
    const clusterRole = (name: unknown): { via: string; rules: RbacRule[] } | undefined => {
        const declared = clusterRoles.find(({ i }) => fields(i.metadata).name === name);
        if (declared) return { via: declared.r.urn, rules: secretRules(declared.i.rules) };
        const builtin = typeof name === "string" ? BUILTIN_SECRET_READERS[name] : undefined;
        return builtin ? { via: `builtin:ClusterRole/${name}`, rules: [{ resourceNames: [], verbs: builtin }] } : undefined;
    };
    const apply = (principals: string[], namespace: string | undefined, role: { via: string; rules: RbacRule[] }) => {
        for (const rule of role.rules) {
            for (const [key, keySecrets] of contents) {
                const [ns, name] = key.split("/");
                if (namespace !== undefined && ns !== namespace) continue;
                if (rule.resourceNames.length > 0 && !rule.resourceNames.includes(name)) continue;
                for (const secret of keySecrets) for (const p of principals) grant(out, p, secret, role.via, rule.verbs);
            }
        }
    };
    for (const binding of recorder.ofType(TYPES.roleBinding)) {
        const b = inputs(binding);
        const ns = String(fields(b.metadata).namespace ?? "default");
        const roleRef = fields(b.roleRef);
        const principals = subjectsOf(b.subjects, ns);
        if (roleRef.kind === "Role") {
            const role = roles.find(({ i }) => (fields(i.metadata).namespace ?? "default") === ns && fields(i.metadata).name === roleRef.name);
            if (role) apply(principals, ns, { via: role.r.urn, rules: secretRules(role.i.rules) });
        } else if (roleRef.kind === "ClusterRole") {
            const role = clusterRole(roleRef.name);
            if (role) apply(principals, ns, role);
        }
    }
    for (const binding of recorder.ofType(TYPES.clusterRoleBinding)) {
        const b = inputs(binding);
        const roleRef = fields(b.roleRef);
        const role = roleRef.kind === "ClusterRole" ? clusterRole(roleRef.name) : undefined;
        if (role) apply(subjectsOf(b.subjects, undefined), undefined, role);
    }
    return out;
}

/** AWS secret name (the one in its ARN) to the catalog secrets stored in it. */
function awsSecretsByName(secrets: readonly ReportSecret[]): Map<string, string[]> {
    const map = new Map<string, string[]>();
    for (const s of secrets) {
        if (s.stores.aws) map.set(s.stores.aws.name, [...(map.get(s.stores.aws.name) ?? []), s.name]);
    }
    return map;
}

/** Catalog secrets an IAM `Resource` pattern covers. ARNs end with `-` and 6 random characters after the name. */
function secretsOfArnPattern(pattern: string, byName: Map<string, string[]>): string[] {
    const match = /^arn:[^:]*:secretsmanager:[^:]*:[^:]*:secret:(.+)$/.exec(pattern);
    const namePattern = pattern === "*" ? "*" : match?.[1];
    if (namePattern === undefined) return [];
    if (!/[*?]/.test(namePattern)) {
        return [...byName].filter(([name]) => namePattern === name || namePattern.length === name.length + 7 && namePattern.startsWith(`${name}-`))
            .flatMap(([, s]) => s);
    }
    const re = wildcardRegExp(namePattern, "iam");
    return [...byName].filter(([name]) => re.test(`${name}-AbCdEf`) || re.test(name)).flatMap(([, s]) => s);
}

function secretsManagerReadActions(actions: string[]): string[] {
    return actions.filter((a) => a === "*" || /^secretsmanager:/i.test(a));
}

/** Secrets Manager actions a NotAction statement is judged on: those that read or change a secret. */
const SECRET_ACTIONS = ["secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue", "secretsmanager:DescribeSecret",
    "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret", "secretsmanager:DeleteSecret", "secretsmanager:PutResourcePolicy"];

/** The Secrets Manager actions an Allow statement grants: its Action's, or all a NotAction leaves (actions are case-insensitive). */
function allowedSecretActions(st: { Action?: unknown; NotAction?: unknown }): string[] {
    if (st.NotAction === undefined) return secretsManagerReadActions(strings(st.Action));
    const excluded = strings(st.NotAction).map((n) => wildcardRegExp(n, "iam", { ignoreCase: true }));
    return SECRET_ACTIONS.filter((a) => !excluded.some((re) => re.test(a)));
}

/**
 * The grants one IAM document's Allow statements give `principal` on the stack's AWS secrets
 * (`byName`: AWS secret name to catalog secrets). test/access/evaluator.test.ts holds it to an IAM
 * policy simulator's decisions.
 */
export function documentGrants(out: AccessGrant[], principal: string, via: string, document: unknown, byName: Map<string, string[]>): void {
    for (const st of documentsOf([document]).flatMap(statements)) {
        if (st.Effect !== "Allow") continue;
        // NotAction grants every action it does not list; NotResource every secret it does not cover.
        const actions = allowedSecretActions(st);
        if (actions.length === 0) continue;
        const covered = st.NotResource !== undefined
            ? (() => {
                const excluded = new Set(strings(st.NotResource).flatMap((r) => secretsOfArnPattern(r, byName)));
                return [...byName.values()].flat().filter((s) => !excluded.has(s));
            })()
            : strings(st.Resource).flatMap((resource) => secretsOfArnPattern(resource, byName));
        for (const secret of covered) grant(out, principal, secret, via, actions);
    }
}

function principalName(value: unknown, kind: "role" | "user" | "group"): string | undefined {
    if (typeof value !== "string" || value === UNKNOWN_TEXT) return undefined;
    return value.startsWith("arn:") ? (value.includes(`:${kind}/`) ? value.split("/").pop() : undefined) : value;
}

/**
 * The principals of a resource policy statement: `public` for `*` (or an Allow with NotPrincipal),
 * `aws:role|user/<name>` for IAM ARNs, `aws:account/<id>` for an account or its root. Services are
 * not workloads and are left out.
 */
function resourcePolicyPrincipals(st: { Principal?: unknown; NotPrincipal?: unknown }): string[] {
    if (st.NotPrincipal !== undefined) return ["public"];
    if (st.Principal === "*") return ["public"];
    const aws = strings(fields(st.Principal).AWS);
    return aws.flatMap((p) => {
        if (p === "*") return ["public"];
        const arn = /^arn:[^:]*:iam::(\d{12}):(root|role\/.*|user\/.*)$/.exec(p);
        if (arn) return arn[2] === "root" ? [`aws:account/${arn[1]}`] : [`aws:${arn[2].split("/")[0]}/${arn[2].split("/").pop()}`];
        return /^\d{12}$/.test(p) ? [`aws:account/${p}`] : [];
    });
}

/**
 * IAM grants: managed policies through RolePolicyAttachment, PolicyAttachment (roles, users, groups),
 * UserPolicyAttachment and GroupPolicyAttachment; inline RolePolicy, UserPolicy and GroupPolicy; a
 * role's inlinePolicies; and secret resource policies (SecretPolicy) naming principals.
 */
export function iamGrants(recorder: RegistrationRecorder, secrets: readonly ReportSecret[]): AccessGrant[] {
    const out: AccessGrant[] = [];
    const byName = awsSecretsByName(secrets);
    const policies = recorder.ofType(TYPES.iamPolicy).map((r) => ({ r, i: inputs(r) }));
    const policyOf = (arn: unknown) => policies.find(({ i }) => typeof arn === "string" && typeof i.name === "string" && (arn.endsWith(`:policy/${i.name}`)
        || (typeof i.path === "string" && arn.endsWith(`:policy${i.path}${i.name}`))));
    const attached = (type: string, principalsOf: (a: Fields) => string[]) => {
        for (const attachment of recorder.ofType(type)) {
            const a = inputs(attachment);
            const policy = policyOf(a.policyArn);
            if (!policy) continue;
            for (const principal of principalsOf(a)) documentGrants(out, principal, policy.r.urn, policy.i.policy, byName);
        }
    };
    const named = (kind: "role" | "user" | "group", values: unknown[]) => values.map((v) => principalName(v, kind)).filter((n): n is string => n !== undefined).map((n) => `aws:${kind}/${n}`);
    attached(TYPES.iamAttachment, (a) => named("role", [a.role]));
    attached(TYPES.iamUserPolicyAttachment, (a) => named("user", [a.user]));
    attached(TYPES.iamGroupPolicyAttachment, (a) => named("group", [a.group]));
    attached(TYPES.iamPolicyAttachment, (a) => [...named("role", strings(a.roles)), ...named("user", strings(a.users)), ...named("group", strings(a.groups))]);
    for (const [type, kind, field] of [[TYPES.iamInlinePolicy, "role", "role"], [TYPES.iamUserPolicy, "user", "user"], [TYPES.iamGroupPolicy, "group", "group"]] as const) {
        for (const inline of recorder.ofType(type)) {
            const i = inputs(inline);
            for (const principal of named(kind, [i[field]])) documentGrants(out, principal, inline.urn, i.policy, byName);
        }
    }
    for (const role of recorder.ofType(TYPES.iamRole)) {
        const i = inputs(role);
        const name = typeof i.name === "string" ? i.name : role.name;
        for (const inline of list(i.inlinePolicies).map(fields)) documentGrants(out, `aws:role/${name}`, role.urn, inline.policy, byName);
    }
    for (const resourcePolicy of recorder.ofType(TYPES.secretPolicy)) {
        const i = inputs(resourcePolicy);
        const covered = typeof i.secretArn === "string" ? secretsOfArnPattern(i.secretArn, byName) : [];
        for (const st of documentsOf([i.policy]).flatMap(statements)) {
            if (st.Effect !== "Allow") continue;
            const actions = allowedSecretActions(st);
            for (const principal of resourcePolicyPrincipals(st)) {
                for (const secret of covered) grant(out, principal, secret, resourcePolicy.urn, actions);
            }
        }
    }
    return out;
}

/** Catalog secrets a Vault policy path covers (`*` at the end and `+` for one segment, as Vault reads them). */
function secretsOfVaultPath(path: string, secrets: readonly ReportSecret[]): string[] {
    const re = wildcardRegExp(path, "vault");
    return secrets.filter((s) => s.stores.vault && re.test(`${s.stores.vault.mount}/data/${s.stores.vault.path}`)).map((s) => s.name);
}

export function vaultGrants(recorder: RegistrationRecorder, secrets: readonly ReportSecret[]): AccessGrant[] {
    const out: AccessGrant[] = [];
    const policies = recorder.ofType(TYPES.vaultPolicy).map((r) => ({ r, i: inputs(r) }));
    for (const roleResource of recorder.ofType(TYPES.vaultRole)) {
        const role = inputs(roleResource);
        const principals = strings(role.boundServiceAccountNamespaces).flatMap((ns) => strings(role.boundServiceAccountNames).map((sa) => `kubernetes:${ns}/${sa}`));
        for (const policyName of strings(role.tokenPolicies)) {
            const policy = policies.find(({ i }) => i.name === policyName);
            if (!policy || typeof policy.i.policy !== "string") continue;
            for (const { path, capabilities } of pathRules(policy.i.policy)) {
                const reads = capabilities.filter((c) => c === "read" || c === "sudo" || c === "root");
                for (const secret of secretsOfVaultPath(path, secrets)) {
                    for (const p of principals) grant(out, p, secret, policy.r.urn, reads);
                }
            }
        }
    }
    return out;
}

function compareGrants(a: AccessGrant, b: AccessGrant): number {
    return a.principal.localeCompare(b.principal) || a.secret.localeCompare(b.secret) || a.via.localeCompare(b.via);
}

/** The `ReportSection` that fills `access`. */
export function accessSection(ctx: ReportContext, report: CheckReport): void {
    report.access.push(...[
        ...rbacGrants(ctx.recorder, report.secrets),
        ...iamGrants(ctx.recorder, report.secrets),
        ...vaultGrants(ctx.recorder, report.secrets),
    ].sort(compareGrants));
}

/** How a grant reads in the matrix: `k` Kubernetes RBAC, `a` AWS IAM, `v` Vault. */
function channel(grant: AccessGrant, report: CheckReport): string {
    const via = report.resources.find((r) => r.urn === grant.via)?.type ?? "";
    return via.startsWith("kubernetes:") ? "k" : via.startsWith("aws:") ? "a" : via.startsWith("vault:") ? "v" : "?";
}

/** Principals by secrets: each cell says through what a principal can read a secret. Empty when nothing is granted. */
export function formatAccessMatrix(report: CheckReport): string[] {
    if (report.access.length === 0) return [];
    const principals = [...new Set(report.access.map((g) => g.principal))].sort();
    const secrets = report.secrets.map((s) => s.name).filter((n) => report.access.some((g) => g.secret === n));
    const cell = (p: string, s: string) => [...new Set(report.access.filter((g) => g.principal === p && g.secret === s).map((g) => channel(g, report)))].sort().join("");
    const width = Math.max(...principals.map((p) => p.length));
    const cols = secrets.map((_, i) => String(i + 1).padStart(3));
    return [
        `Access (${report.access.length} grants; k = Kubernetes RBAC get, v = Vault read, a = AWS IAM read):`,
        ...secrets.map((s, i) => `  ${String(i + 1).padStart(3)}  ${s}`),
        "",
        `  ${"".padEnd(width)} ${cols.join("")}`,
        ...principals.map((p) => `  ${p.padEnd(width)} ${secrets.map((s) => (cell(p, s) || ".").padStart(3)).join("")}`),
    ];
}
