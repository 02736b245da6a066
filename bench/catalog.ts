/**
 * Generated catalogs for the benchmark. Every secret is fully specified (kind, group,
 * length, criticality, description), so the naive baseline can declare exactly the inputs
 * the module derives, without importing the module's defaults.
 */

export type BenchKind = "password" | "token" | "jwt" | "fernet" | "django" | "hex" | "basic-auth" | "external";
export type BenchCriticality = "critical" | "high" | "medium" | "low";

export interface BenchSecret {
    name: string;
    kind: BenchKind;
    group: string;
    /** In the kind's unit (characters or bytes); absent for `external`. */
    length?: number;
    criticality: BenchCriticality;
    description: string;
    username?: string;
    format?: string;
    /** Rotation period in days, as the module's defaults give it (written out in the module's config too). */
    rotationDays: number;
    /** Two slots, `NAME` and `NAME_PREVIOUS`: two random resources. */
    keepPrevious: boolean;
    /** `<environment>/<group>/<kebab-name>`, as the module stores it. */
    path: string;
    /** Resource-name stem, as the module names a secret's component. */
    resourceName: string;
}

export const ENVIRONMENT = "prod";
export const OWNER = "platform-team";
export const VAULT_MOUNT = "kv";
export const VAULT_MAX_VERSIONS = 10;
export const AWS_REGION = "us-east-1";
export const REPLICA_REGIONS = ["us-west-2"];
export const RECOVERY_WINDOW_DAYS = 30;
/** Name of the module's root component; the naive baseline uses the same resource names. */
export const ROOT_NAME = "secrets";

/**
 * A mix seen in service catalogs: mostly passwords, tokens and hex keys, some signing and
 * encryption keys, a few values provided by people. 20 slots, so every 20 secrets hold 1 external.
 */
const MIX: Array<{ kind: BenchKind; suffix: string; length?: number }> = [
    { kind: "password", suffix: "DB_PASSWORD", length: 32 },
    { kind: "token", suffix: "API_TOKEN", length: 32 },
    { kind: "hex", suffix: "HMAC_KEY", length: 32 },
    { kind: "password", suffix: "REDIS_PASSWORD", length: 40 },
    { kind: "jwt", suffix: "JWT_SECRET", length: 64 },
    { kind: "basic-auth", suffix: "BASIC_AUTH", length: 24 },
    { kind: "token", suffix: "WEBHOOK_TOKEN", length: 32 },
    { kind: "password", suffix: "AMQP_PASSWORD", length: 32 },
    { kind: "hex", suffix: "CACHE_KEY", length: 16 },
    { kind: "django", suffix: "DJANGO_SECRET_KEY", length: 50 },
    { kind: "password", suffix: "ADMIN_PASSWORD", length: 32 },
    { kind: "token", suffix: "SERVICE_TOKEN", length: 48 },
    { kind: "fernet", suffix: "FERNET_KEY", length: 32 },
    { kind: "hex", suffix: "SIGNING_KEY", length: 32 },
    { kind: "password", suffix: "SMTP_PASSWORD", length: 32 },
    { kind: "external", suffix: "VENDOR_API_KEY" },
    { kind: "basic-auth", suffix: "METRICS_AUTH", length: 32 },
    { kind: "token", suffix: "SESSION_TOKEN", length: 32 },
    { kind: "jwt", suffix: "REFRESH_JWT_SECRET", length: 48 },
    { kind: "password", suffix: "LDAP_PASSWORD", length: 32 },
];

/** The module's documented defaults, restated: critical and high 90 days, medium 180, low 365, fernet 365. */
const ROTATION_DAYS: Record<BenchCriticality, number> = { critical: 90, high: 90, medium: 180, low: 365 };
/** Signing and encryption keys keep the previous value: jwt, fernet, and session/signing/CSRF names. */
function keepsPrevious(kind: BenchKind, name: string): boolean {
    return kind === "jwt" || kind === "fernet" || (kind !== "external" && /(^|_)(SESSION|SIGNING|CSRF)(_|$)/.test(name));
}

const CRITICALITY_CYCLE: BenchCriticality[] = ["critical", "high", "high", "medium", "low"];
const TEAMS = ["payments", "identity", "search", "billing", "catalog", "orders", "notify", "media"];

export function kebab(name: string): string {
    return name.toLowerCase().replace(/_+/g, "-");
}

/** N secrets over about N/10 groups; the same N always gives the same catalog. */
export function generateSecrets(count: number): BenchSecret[] {
    const groupCount = Math.max(1, Math.round(count / 10));
    const secrets: BenchSecret[] = [];
    for (let i = 0; i < count; i++) {
        const slot = MIX[i % MIX.length];
        const service = `SVC${String(i).padStart(4, "0")}`;
        const name = `${service}_${slot.suffix}`;
        const g = i % groupCount;
        const group = `${TEAMS[g % TEAMS.length]}-${String(g).padStart(3, "0")}`;
        const criticality = CRITICALITY_CYCLE[i % CRITICALITY_CYCLE.length];
        secrets.push({
            name,
            kind: slot.kind,
            group,
            length: slot.length,
            criticality,
            rotationDays: slot.kind === "fernet" ? 365 : ROTATION_DAYS[criticality],
            keepPrevious: keepsPrevious(slot.kind, name),
            description: `${slot.suffix.toLowerCase().replace(/_/g, " ")} of ${service.toLowerCase()}`,
            username: slot.kind === "basic-auth" ? `svc${i}` : undefined,
            // Half of the external values carry a format, so the module's check is exercised.
            format: slot.kind === "external" && i % 40 < 20 ? "^fake-" : undefined,
            path: `${ENVIRONMENT}/${group}/${kebab(name)}`,
            resourceName: `${ROOT_NAME}-${kebab(name)}`,
        });
    }
    return secrets;
}

/** Distinct groups, in first-seen order. */
export function groupsOf(secrets: BenchSecret[]): string[] {
    return [...new Set(secrets.map((s) => s.group))];
}

/** The fake value of an external secret: plain text here, wrapped in `pulumi.secret` by the caller. */
export function externalValue(secret: BenchSecret): string {
    return `fake-${kebab(secret.name)}`;
}
