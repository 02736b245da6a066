import { PREVIOUS_SUFFIX } from "../components/conventions";
import { pathRules } from "../policies/lib/hcl";
import { documentsOf, statements } from "../policies/lib/iam";
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
    role: "kubernetes:rbac.authorization.k8s.io/v1:Role",
    roleBinding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
    secret: "kubernetes:core/v1:Secret",
    externalSecret: "kubernetes:external-secrets.io/v1:ExternalSecret",
    iamPolicy: "aws:iam/policy:Policy",
    iamAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    iamInlinePolicy: "aws:iam/rolePolicy:RolePolicy",
    vaultPolicy: "vault:index/policy:Policy",
    vaultRole: "vault:kubernetes/authBackendRole:AuthBackendRole",
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

function globRegex(pattern: string): RegExp {
    return wildcardRegExp(pattern, "iam");
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
    const contents = new Map<string, Set<string>>();
    const add = (ns: unknown, name: unknown, keys: string[]) => {
        const set = contents.get(`${ns}/${name}`) ?? new Set<string>();
        for (const k of keys) {
            const s = secretOfKey(k, names);
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

export function rbacGrants(recorder: RegistrationRecorder, secrets: readonly ReportSecret[]): AccessGrant[] {
    const out: AccessGrant[] = [];
    const contents = kubernetesSecretContents(recorder, secrets);
    const roles = recorder.ofType(TYPES.role).map((r) => ({ r, i: inputs(r) }));
    for (const binding of recorder.ofType(TYPES.roleBinding)) {
        const b = inputs(binding);
        const ns = fields(b.metadata).namespace ?? "default";
        const roleRef = fields(b.roleRef);
        if (roleRef.kind !== "Role") continue;
        const role = roles.find(({ i }) => (fields(i.metadata).namespace ?? "default") === ns && fields(i.metadata).name === roleRef.name);
        if (!role) continue;
        const principals = list(b.subjects).map(fields).map((s) => s.kind === "ServiceAccount"
            ? `kubernetes:${s.namespace ?? ns}/${s.name}`
            : `kubernetes:${String(s.kind ?? "").toLowerCase()}/${s.name}`);
        const prefix = `${ns}/`;
        for (const rule of list(role.i.rules).map(fields)) {
            const groups = strings(rule.apiGroups);
            const resources = strings(rule.resources);
            if (!(groups.includes("") || groups.includes("*")) || !(resources.includes("secrets") || resources.includes("*"))) continue;
            const resourceNames = strings(rule.resourceNames);
            // No resourceNames: every Secret of the namespace.
            for (const [key, keySecrets] of contents) {
                if (!key.startsWith(prefix) || !(resourceNames.length === 0 || resourceNames.includes(key.slice(prefix.length)))) continue;
                for (const secret of keySecrets) {
                    for (const p of principals) grant(out, p, secret, role.r.urn, strings(rule.verbs));
                }
            }
        }
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
    const re = globRegex(namePattern);
    return [...byName].filter(([name]) => re.test(`${name}-AbCdEf`) || re.test(name)).flatMap(([, s]) => s);
}

function secretsManagerReadActions(actions: string[]): string[] {
    return actions.filter((a) => a === "*" || /^secretsmanager:/i.test(a));
}

/** Secrets Manager actions a NotAction statement is judged on: those that read or change a secret. */
const SECRET_ACTIONS = ["secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue", "secretsmanager:DescribeSecret",
    "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret", "secretsmanager:DeleteSecret", "secretsmanager:PutResourcePolicy"];

function documentGrants(out: AccessGrant[], principal: string, via: string, document: unknown, byName: Map<string, string[]>): void {
    for (const st of documentsOf([document]).flatMap(statements)) {
        if (st.Effect !== "Allow") continue;
        // NotAction grants every action it does not list; NotResource every secret it does not cover.
        const actions = st.NotAction !== undefined
            ? SECRET_ACTIONS.filter((a) => !strings(st.NotAction).some((n) => globRegex(n).test(a) || globRegex(n.toLowerCase()).test(a.toLowerCase())))
            : secretsManagerReadActions(strings(st.Action));
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

function roleName(role: unknown): string | undefined {
    if (typeof role !== "string" || role === UNKNOWN_TEXT) return undefined;
    return role.startsWith("arn:") ? role.split("/").pop() : role;
}

export function iamGrants(recorder: RegistrationRecorder, secrets: readonly ReportSecret[]): AccessGrant[] {
    const out: AccessGrant[] = [];
    const byName = awsSecretsByName(secrets);
    const policies = recorder.ofType(TYPES.iamPolicy).map((r) => ({ r, i: inputs(r) }));
    for (const attachment of recorder.ofType(TYPES.iamAttachment)) {
        const a = inputs(attachment);
        const role = roleName(a.role);
        const policy = policies.find(({ i }) => typeof a.policyArn === "string" && typeof i.name === "string" && a.policyArn.endsWith(`:policy/${i.name}`)
            || (typeof a.policyArn === "string" && typeof i.path === "string" && a.policyArn.endsWith(`:policy${i.path}${i.name}`)));
        if (!role || !policy) continue;
        documentGrants(out, `aws:role/${role}`, policy.r.urn, policy.i.policy, byName);
    }
    for (const inline of recorder.ofType(TYPES.iamInlinePolicy)) {
        const i = inputs(inline);
        const role = roleName(i.role);
        if (role) documentGrants(out, `aws:role/${role}`, inline.urn, i.policy, byName);
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
