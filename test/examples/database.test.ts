import * as path from "path";
import { loadProgramConfig } from "../../offline/config";
import { percentEncode } from "../../components/generation/template";
import { NOW_ENV } from "../../components/rotation/clock";
import type { Harness } from "../harness";
import { VAULT_KV_SECRET as KV } from "../types";

/**
 * The database example stack, run as the CLI would configure it, under the harness, on two days a
 * rotation apart: the role's password, the stored copies and the projected URL are one value, in
 * the order that keeps the server ahead of the pods.
 */

const EXAMPLE = path.resolve(__dirname, "../../examples/database");
const ROLE = "postgresql:index/role:Role";
const RANDOM = "random:index/randomPassword:RandomPassword";
const KUBE_SECRET = "kubernetes:core/v1:Secret";
const ALLOWED = /^(random:|vault:|kubernetes:|postgresql:|platform-secrets:|pulumi:pulumi:Stack$|pulumi:providers:)/;
// DATABASE_PASSWORD is `criticality: high`, so it rotates every 90 days: these days are in different periods.
const BEFORE = "2027-01-10";
const AFTER = "2027-04-20";

interface Run {
    h: Harness;
    program: typeof import("../../examples/database");
    isSecret: (o: unknown) => Promise<boolean>;
}

/** One run of the program on `day` (`PLATFORM_SECRETS_NOW`), with fresh copies of the SDK, the module and the example. */
async function run(day: string): Promise<Run> {
    jest.resetModules();
    const saved = process.env[NOW_ENV];
    process.env[NOW_ENV] = day;
    try {
        const { setupHarness } = await import("../harness");
        const pulumi = await import("@pulumi/pulumi");
        const loaded = loadProgramConfig({ programDir: EXAMPLE, stack: "staging" });
        const h = setupHarness({
            stack: "staging", qualifiedConfig: loaded.config, qualifiedSecretKeys: loaded.secretKeys,
            allowedTypes: ALLOWED, valuesFollowKeepers: true,
        });
        // Loaded once the mocks are set: the program registers its resources as it loads, and reads the date then.
        const program = await import("../../examples/database");
        await h.settle();
        return { h, program, isSecret: (o) => pulumi.isSecret(o as any) };
    } finally {
        if (saved === undefined) delete process.env[NOW_ENV];
        else process.env[NOW_ENV] = saved;
    }
}

/** What one run gave the role, the stores and the projection. */
function observed({ h }: Run) {
    const role = h.inputs(h.one(ROLE));
    const stored = JSON.parse(h.inputs(h.one(KV, "database-password-vault")).dataJson);
    const storedUrl = JSON.parse(h.inputs(h.one(KV, "database-url-vault")).dataJson);
    const projection = h.inputs(h.one(KUBE_SECRET));
    return {
        rolePassword: role.password as string,
        storedPassword: stored.DATABASE_PASSWORD as string,
        storedUrl: storedUrl.DATABASE_URL as string,
        projectedUrl: projection.stringData.DATABASE_URL as string,
        projectedKeys: Object.keys(projection.stringData),
        version: projection.metadata.annotations["platform-secrets.io/version"] as string,
        keepers: h.inputs(h.one(RANDOM, "database-password-value")).keepers as Record<string, string>,
    };
}

let before: Run;
let after: Run;

beforeAll(async () => {
    before = await run(BEFORE);
    after = await run(AFTER);
}, 120_000);

test("the role's password is the catalog's DATABASE_PASSWORD, and the URL is filled from it, percent-encoded", async () => {
    const o = observed(before);
    expect(o.rolePassword).toBe(o.storedPassword);
    // The (mock) password has characters a URL cannot hold as they are: the encoding is exercised.
    expect(percentEncode(o.rolePassword)).not.toBe(o.rolePassword);
    const url = `postgresql://app:${percentEncode(o.rolePassword)}@db.example.invalid:5432/app`;
    expect(o.storedUrl).toBe(url);
    expect(o.projectedUrl).toBe(url);
    // The application gets the URL only, not the bare password.
    expect(o.projectedKeys).toEqual(["DATABASE_URL"]);
    const role = before.h.one(ROLE);
    expect(before.h.inputs(role)).toMatchObject({ name: "app", login: true });
    // A Pulumi secret on the wire (so in state), and in the program's own output of the role.
    expect(before.h.redacted(role).password).toBe("[secret]");
    expect(await before.isSecret(before.program.role.password)).toBe(true);
});

test("the role is managed through the stack's postgresql provider, configured from stack config", () => {
    const { h } = before;
    const provider = h.one("pulumi:providers:postgresql", "app-db");
    expect(h.one(ROLE).provider).toMatch(new RegExp(`^${provider.urn}::`));
    expect(h.inputs(provider)).toMatchObject({ host: "db.example.invalid", port: "5432", username: "platform_admin", sslmode: "require", superuser: "false" });
    // The administrator's password is a stack config secret: secret on the wire too.
    expect(h.redacted(provider).password).toBe("[secret]");
});

test("order of operations: random value, then the stores, then the role, then the projected Secret, then the pods", () => {
    const { h } = before;
    const random = h.one(RANDOM, "database-password-value").urn;
    const storedPassword = h.one(KV, "database-password-vault").urn;
    const storedUrl = h.one(KV, "database-url-vault").urn;
    const role = h.one(ROLE);
    const projection = h.one(KUBE_SECRET);
    const deployment = h.one("kubernetes:apps/v1:Deployment", "app");
    // The role's password comes from the random value, and the role waits for both stored copies.
    expect(role.propertyDependencies?.password).toContain(random);
    expect(role.dependencies).toEqual(expect.arrayContaining([random, storedPassword, storedUrl]));
    // The projection waits for the stored URL (the module's own order: what it delivers is stored
    // first) and for the role (the example's transformation), so through it for the stored password too.
    expect(projection.dependencies).toEqual(expect.arrayContaining([storedUrl, role.urn]));
    expect(role.dependencies).not.toContain(projection.urn);
    // The pods start (and, on rotation, restart) after the Secret holds the URL.
    expect(deployment.dependencies).toContain(projection.urn);
});

test("a rotation changes the random value's keepers, the role's password, the URL and the Secret's version together", () => {
    const [o1, o2] = [observed(before), observed(after)];
    expect(o2.keepers.rotation).not.toBe(o1.keepers.rotation);
    expect(o2.rolePassword).not.toBe(o1.rolePassword);
    expect(o2.projectedUrl).not.toBe(o1.projectedUrl);
    expect(o2.version).not.toBe(o1.version);
    // Still one value on each day: the role, the store and the URL agree.
    expect(o2.storedPassword).toBe(o2.rolePassword);
    expect(o2.projectedUrl).toBe(`postgresql://app:${percentEncode(o2.rolePassword)}@db.example.invalid:5432/app`);
    expect(o2.storedUrl).toBe(o2.projectedUrl);
});
