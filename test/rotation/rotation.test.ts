import { createHash } from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { PlatformSecrets, PlatformSecretsArgs } from "../../components/platformSecrets";
import { mockState } from "../../offline/mockState";
import { RecordedResource, RegistrationRecorder, redact, reveal } from "../../offline/recorder";
import { PROJECT } from "../harness";
import { VAULT_KV_SECRET as KV, AWS_SECRET_VERSION as VERSION, AWS_SECRET as SECRET, AWS_SECRET_ROTATION as ROTATION, AWS_SECRET_POLICY as FENCE } from "../types";
import { describeSecrets } from "../../offline/report";
import { invokeResult } from "../../offline/mocks";
import { effectivePolicies, evaluatePolicies } from "../../offline/policies";
import { POLICIES } from "../../policies/all";
import prodPack from "../../policies/config/prod.json";

/**
 * Rotation through the components, walking simulated dates. The mock random provider behaves as
 * `@pulumi/random` does across `pulumi up`s: the same inputs (keepers included) keep the same
 * value, any change gives a new one (a replacement). Values are compared, never printed.
 */

const DAY = 86_400_000;
const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:fake-postgres-rotation";
const LAMBDA_ROLE = "arn:aws:iam::123456789012:role/service-role/fake-postgres-rotation";

interface Run {
    recorder: RegistrationRecorder;
    platform: PlatformSecrets;
    /** `ignoreChanges` per URN, as the engine receives it. */
    ignoreChanges: Map<string, string[]>;
    /** Per secret, the JSON stored in Vault, parsed. */
    stored: Record<string, Record<string, string>>;
    /** Per secret, its registered `rotation` output. */
    rotation: Record<string, any>;
}

function catalog(overrides: (args: PlatformSecretsArgs) => void = () => undefined): PlatformSecretsArgs {
    const args: PlatformSecretsArgs = {
        environment: "prod",
        stores: { vault: { mount: "kv" }, aws: { region: "us-east-1" } },
        secrets: {
            JWT_SECRET_KEY: { kind: "jwt", rotationDays: 30 },
            DATABASE_PASSWORD: { kind: "password", rotationDays: 30 },
            API_TOKEN: { kind: "token", rotationDays: 45 },
            FAKE_VENDOR_KEY: { kind: "external", lastRotated: "2026-12-31", rotationDays: 60 },
        },
        externalValues: { FAKE_VENDOR_KEY: pulumi.secret("fake-vendor-value-for-tests") },
    };
    overrides(args);
    return args;
}

async function run(now: string, args: PlatformSecretsArgs = catalog()): Promise<Run> {
    pulumi.runtime.setAllConfig({}, []);
    pulumi.runtime.setMocks({
        newResource(a) {
            if (a.type.startsWith("random:")) {
                // A new value whenever the inputs change, as a replacement makes one.
                const inputsHash = createHash("sha256").update(JSON.stringify(a.inputs)).digest("hex");
                return mockState({ ...a, name: `${a.name}#${inputsHash}` }, { defaultRegion: "us-east-1" });
            }
            return mockState(a, { defaultRegion: "us-east-1" });
        },
        call(a) {
            // The account and partition the audit trail's bucket policy names, as check's mocks answer.
            if (a.token === "aws:index/getCallerIdentity:getCallerIdentity" || a.token === "aws:index/getPartition:getPartition") return invokeResult(a, { defaultRegion: "us-east-1" });
            throw new Error(`unexpected call to ${a.token}`);
        },
    }, PROJECT, "prod", false);
    const monitor = pulumi.runtime.getMonitor() as any;
    const ignoreChanges = new Map<string, string[]>();
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req: any, cb: any) => register(req, (err: any, resp: any) => {
        if (!err && resp) ignoreChanges.set(resp.getUrn(), req.getIgnorechangesList());
        cb(err, resp);
    });
    const recorder = RegistrationRecorder.attach(monitor);
    const platform = new PlatformSecrets("secrets", { ...args, now: new Date(now) });
    await (pulumi.runtime as any).waitForRPCs();
    const stored: Run["stored"] = {};
    const rotation: Run["rotation"] = {};
    for (const secret of describeSecrets(recorder)) {
        rotation[secret.name] = secret.rotation as any;
        const kv = secret.resources.map((urn) => recorder.get(urn)!).find((r) => r.type === KV);
        if (kv) stored[secret.name] = JSON.parse((reveal(kv.wireInputs) as any).dataJson);
    }
    return { recorder, platform, ignoreChanges, stored, rotation };
}

function day(offset: number, from = "2027-01-01"): string {
    return new Date(Date.parse(from) + offset * DAY).toISOString().slice(0, 10);
}

function inputsOf(r: Run): Array<[string, unknown]> {
    return r.recorder.resources.map((res) => [res.urn, reveal(res.wireInputs)]);
}

describe("walking 200 days, one pulumi up per day", () => {
    const runs: Array<{ date: string; run: Run }> = [];
    // Vault only: the stored JSON is what is compared, and fewer resources keep 200 runs quick.
    const vaultOnly = catalog((a) => { a.stores = { vault: { mount: "kv" } }; });
    beforeAll(async () => {
        for (let i = 0; i < 200; i++) {
            runs.push({ date: day(i), run: await run(day(i), vaultOnly) });
        }
    }, 120_000);

    const generated = ["JWT_SECRET_KEY", "DATABASE_PASSWORD", "API_TOKEN"];

    test.each(generated)("%s: the value changes exactly on the announced due day, and not before", (name) => {
        let rotations = 0;
        for (let i = 1; i < runs.length; i++) {
            const before = runs[i - 1].run;
            const after = runs[i].run;
            const changed = before.stored[name][name] !== after.stored[name][name];
            const due = before.rotation[name].nextRotation === `${runs[i].date}T00:00:00Z`;
            expect([runs[i].date, changed]).toEqual([runs[i].date, due]);
            expect(after.rotation[name].status === "due").toBe(due);
            if (changed) rotations++;
        }
        expect(rotations).toBeGreaterThanOrEqual(name === "API_TOKEN" ? 4 : 6);
    });

    test("two slots: NAME and NAME_PREVIOUS are always both there and different", () => {
        for (const { run: r } of runs) {
            const jwt = r.stored.JWT_SECRET_KEY;
            expect(Object.keys(jwt)).toEqual(["JWT_SECRET_KEY", "JWT_SECRET_KEY_PREVIOUS"]);
            expect(jwt.JWT_SECRET_KEY).not.toBe(jwt.JWT_SECRET_KEY_PREVIOUS);
            expect(Object.keys(r.platform.secrets.JWT_SECRET_KEY.values)).toEqual(["JWT_SECRET_KEY", "JWT_SECRET_KEY_PREVIOUS"]);
            // Single-slot secrets deliver one key only.
            expect(Object.keys(r.stored.DATABASE_PASSWORD)).toEqual(["DATABASE_PASSWORD"]);
        }
    });

    test("two slots: a rotation turns the current value into the previous one, so no valid value is lost", () => {
        const rotationDays: number[] = [];
        for (let i = 1; i < runs.length; i++) {
            const before = runs[i - 1].run.stored.JWT_SECRET_KEY;
            const after = runs[i].run.stored.JWT_SECRET_KEY;
            if (before.JWT_SECRET_KEY === after.JWT_SECRET_KEY) {
                expect(after).toEqual(before);
                continue;
            }
            rotationDays.push(i);
            expect(after.JWT_SECRET_KEY_PREVIOUS).toBe(before.JWT_SECRET_KEY);
            expect([before.JWT_SECRET_KEY, before.JWT_SECRET_KEY_PREVIOUS]).not.toContain(after.JWT_SECRET_KEY);
        }
        expect(rotationDays.length).toBeGreaterThanOrEqual(6);
    });

    test("two slots alternate: each rotation replaces the other random resource", () => {
        const keepers = (r: Run, suffix: string) => (reveal(r.recorder.resources.find((res) => res.name === `secrets-jwt-secret-key-value${suffix}`)!.wireInputs) as any).keepers.rotation;
        const replaced: string[] = [];
        for (let i = 1; i < runs.length; i++) {
            const a = keepers(runs[i - 1].run, "") !== keepers(runs[i].run, "");
            const b = keepers(runs[i - 1].run, "-b") !== keepers(runs[i].run, "-b");
            expect(a && b).toBe(false);
            if (a) replaced.push("a");
            if (b) replaced.push("b");
        }
        expect(replaced.length).toBeGreaterThanOrEqual(6);
        expect(replaced.every((slot, i) => i === 0 || slot !== replaced[i - 1])).toBe(true);
    });

    test("version changes exactly when a delivered value changes", () => {
        for (const name of generated) {
            for (let i = 1; i < runs.length; i++) {
                const [before, after] = [runs[i - 1].run, runs[i].run];
                const valueChanged = JSON.stringify(before.stored[name]) !== JSON.stringify(after.stored[name]);
                expect(before.platform.secrets[name].version !== after.platform.secrets[name].version).toBe(valueChanged);
                expect(after.platform.secrets[name].version).toMatch(/^[0-9a-f]{16}$/);
            }
        }
    });

    test("external: due 60 days after lastRotated, due-soon 14 days before, overdue after", () => {
        const status = (date: string) => runs.find((r) => r.date === date)!.run.rotation.FAKE_VENDOR_KEY;
        expect(status("2027-02-14")).toMatchObject({ status: "ok", nextRotation: "2027-03-01T00:00:00Z", lastRotation: "2026-12-31T00:00:00Z", rotatedBy: "person" });
        expect(status("2027-02-15").status).toBe("due-soon");
        expect(status("2027-03-01").status).toBe("due");
        expect(status("2027-03-02").status).toBe("overdue");
        // Nothing about an external value changes with the date.
        expect(runs[0].run.stored.FAKE_VENDOR_KEY).toEqual(runs[199].run.stored.FAKE_VENDOR_KEY);
    });
});

test("staggering: secrets with the same period are not all due the same day", async () => {
    const names = Array.from({ length: 12 }, (_, i) => `FAKE_SECRET_${i}`);
    const r = await run("2027-01-01", catalog((a) => {
        a.secrets = Object.fromEntries(names.map((n) => [n, { kind: "hex", rotationDays: 90 }]));
        a.externalValues = {};
    }));
    const due = new Set(names.map((n) => r.rotation[n].nextRotation));
    expect(due.size).toBeGreaterThanOrEqual(8);
});

test("changing nothing changes nothing: the same date and config register the same inputs", async () => {
    const first = inputsOf(await run("2027-03-01T06:00:00Z"));
    const second = inputsOf(await run("2027-03-01T23:00:00Z"));
    expect(second).toEqual(first);
});

describe("emergency rotation", () => {
    test("a new token replaces the named secret's values, both slots, and nothing else", async () => {
        const date = "2027-03-01";
        const before = await run(date);
        const after = await run(date, catalog((a) => { a.secrets.JWT_SECRET_KEY.emergencyRotation = "2027-03-01-incident-42"; }));
        const jwtBefore = before.stored.JWT_SECRET_KEY;
        const jwtAfter = after.stored.JWT_SECRET_KEY;
        expect(jwtAfter.JWT_SECRET_KEY).not.toBe(jwtBefore.JWT_SECRET_KEY);
        // The compromised value is not kept as previous either.
        expect(Object.values(jwtAfter)).not.toContain(jwtBefore.JWT_SECRET_KEY);
        expect(Object.values(jwtAfter)).not.toContain(jwtBefore.JWT_SECRET_KEY_PREVIOUS);
        expect(after.platform.secrets.JWT_SECRET_KEY.version).not.toBe(before.platform.secrets.JWT_SECRET_KEY.version);

        const changed = inputsOf(after).filter(([urn, inputs]) => JSON.stringify(inputs) !== JSON.stringify(inputsOf(before).find(([u]) => u === urn)?.[1]));
        const names = changed.map(([urn]) => urn.split("::").pop()).sort();
        expect(names).toEqual([
            "secrets-jwt-secret-key-aws-version", "secrets-jwt-secret-key-value", "secrets-jwt-secret-key-value-b", "secrets-jwt-secret-key-vault",
        ]);
        expect(inputsOf(after).map(([u]) => u).sort()).toEqual(inputsOf(before).map(([u]) => u).sort());
        const keepers = after.recorder.resources.filter((r) => r.name.startsWith("secrets-jwt-secret-key-value")).map((r) => (reveal(r.wireInputs) as any).keepers);
        expect(keepers.map((k) => k.emergency)).toEqual(["2027-03-01-incident-42", "2027-03-01-incident-42"]);
    });

    test("on a single-slot secret it replaces the one value", async () => {
        const before = await run("2027-03-01");
        const after = await run("2027-03-01", catalog((a) => { a.secrets.DATABASE_PASSWORD.emergencyRotation = "incident-43"; }));
        expect(after.stored.DATABASE_PASSWORD.DATABASE_PASSWORD).not.toBe(before.stored.DATABASE_PASSWORD.DATABASE_PASSWORD);
        expect(after.stored.JWT_SECRET_KEY).toEqual(before.stored.JWT_SECRET_KEY);
        expect(after.stored.API_TOKEN).toEqual(before.stored.API_TOKEN);
    });
});

describe("marks", () => {
    let r: Run;
    beforeAll(async () => { r = await run("2027-03-01"); });
    const byName = (name: string) => r.recorder.resources.find((res) => res.name === name)!;
    const inputs = (res: RecordedResource) => redact(res.wireInputs) as any;

    test("every random resource has kind, rotation slot start and period keepers; both values of a two-slot secret say so", () => {
        const randoms = r.recorder.resources.filter((res) => res.type.startsWith("random:"));
        expect(randoms).toHaveLength(4);
        for (const res of randoms) {
            const twoSlot = res.name.startsWith("secrets-jwt-secret-key-");
            expect(Object.keys(inputs(res).keepers).sort()).toEqual(twoSlot ? ["kind", "rotation", "rotation-days", "slots"] : ["kind", "rotation", "rotation-days"]);
            expect(inputs(res).keepers.rotation).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            if (twoSlot) expect(inputs(res).keepers.slots).toBe("2");
        }
        expect(inputs(byName("secrets-api-token-value")).keepers).toMatchObject({ kind: "token", "rotation-days": "45" });
    });

    test("AWS tags and Vault metadata carry the period, the slots and, for external secrets, the last rotation", () => {
        expect(inputs(byName("secrets-jwt-secret-key-aws")).tags).toMatchObject({ "rotation-days": "30", "keep-previous": "true" });
        expect(inputs(byName("secrets-jwt-secret-key-vault")).customMetadata.data).toMatchObject({ "rotation-days": "30", "keep-previous": "true" });
        expect(inputs(byName("secrets-database-password-aws")).tags).toMatchObject({ "rotation-days": "30", "keep-previous": "false" });
        expect(inputs(byName("secrets-fake-vendor-key-aws")).tags).toMatchObject({ "rotation-days": "60", "keep-previous": "false", "last-rotated": "2026-12-31" });
        expect(inputs(byName("secrets-fake-vendor-key-vault")).customMetadata.data).toMatchObject({ "last-rotated": "2026-12-31" });
        expect(inputs(byName("secrets-jwt-secret-key-aws")).tags).not.toHaveProperty("rotated-by");
    });

    test("the stored JSON is a secret on the wire", () => {
        expect(inputs(byName("secrets-jwt-secret-key-vault")).dataJson).toBe("[secret]");
        expect(inputs(byName("secrets-jwt-secret-key-aws-version")).secretString).toBe("[secret]");
    });
});

describe("AWS-native rotation", () => {
    let r: Run;
    const args = catalog((a) => {
        a.secrets.DATABASE_PASSWORD = { kind: "password", stores: ["aws"], awsRotation: { lambdaArn: LAMBDA, lambdaRoleArn: LAMBDA_ROLE, automaticallyAfterDays: 30, duration: "3h" } };
    });
    beforeAll(async () => { r = await run("2027-03-01", args); });
    const byName = (name: string) => r.recorder.resources.find((res) => res.name === name)!;

    test("attaches a SecretRotation with the Lambda and schedule to the secret", () => {
        const rotation = r.recorder.ofType(ROTATION);
        expect(rotation.map((res) => res.name)).toEqual(["secrets-database-password-aws-rotation"]);
        expect(reveal(rotation[0].wireInputs)).toEqual({
            secretId: expect.stringMatching(/^arn:aws:secretsmanager:us-east-1:\d{12}:secret:prod\/passwords\/database-password-/),
            region: "us-east-1",
            rotationLambdaArn: LAMBDA,
            rotationRules: { automaticallyAfterDays: 30, duration: "3h" },
        });
    });

    test("Pulumi stops writing the value: the version ignores secretString and stage moves; other versions do not", () => {
        expect(r.ignoreChanges.get(byName("secrets-database-password-aws-version").urn)).toEqual(["secretString", "versionStages"]);
        // A label keeps the initial version from being deprecated and deleted, so a refresh never finds it gone.
        expect((reveal(byName("secrets-database-password-aws-version").wireInputs) as any).versionStages).toEqual(["AWSCURRENT", "platform-secrets-initial"]);
        expect((reveal(byName("secrets-jwt-secret-key-aws-version").wireInputs) as any)).not.toHaveProperty("versionStages");
        expect(r.ignoreChanges.get(byName("secrets-jwt-secret-key-aws-version").urn)).toEqual([]);
        expect(r.recorder.ofType(KV).map((res) => res.name)).not.toContain("secrets-database-password-vault");
    });

    test("tagged rotated-by aws-lambda; the random value is the initial one only, never rescheduled", async () => {
        expect((reveal(byName("secrets-database-password-aws").wireInputs) as any).tags).toMatchObject({ "rotated-by": "aws-lambda", "rotation-days": "30" });
        const keepers = (run: Run) => (reveal(run.recorder.resources.find((res) => res.name === "secrets-database-password-value")!.wireInputs) as any).keepers;
        expect(keepers(r)).toEqual({ kind: "password", rotation: "aws-lambda", "rotation-days": "30" });
        const later = await run("2028-06-01", args);
        expect(keepers(later)).toEqual(keepers(r));
        expect(later.rotation.DATABASE_PASSWORD).toEqual({
            periodDays: 30, keepPrevious: false, nextRotation: null, status: "unknown", rotatedBy: "aws-lambda", lastRotation: null,
        });
    });

    test("the secret's environment fence exempts the Lambda's role from its read and write denies; other fences do not", () => {
        const fence = (name: string) => JSON.parse((reveal(byName(name).wireInputs) as any).policy);
        const own = fence("secrets-fence-prod-passwords-database-password");
        const read = own.Statement.find((st: any) => st.Sid === "DenyReadsFromOtherEnvironments");
        expect(read.Condition.ArnNotLike).toEqual({ "aws:PrincipalArn": [LAMBDA_ROLE] });
        expect(own.Statement.map((st: any) => st.Sid)).toEqual(["DenyReadsFromOtherEnvironments"]);
        expect(JSON.stringify(fence("secrets-fence-prod-auth-jwt-secret-key"))).not.toContain(LAMBDA_ROLE);
        expect(r.recorder.ofType(FENCE).length).toBeGreaterThan(1);
    });

    test("the production pack accepts the Lambda-rotated value: its fixed keeper is a rotation schedule", () => {
        const found = evaluatePolicies(r.recorder.resources, effectivePolicies(POLICIES, prodPack, { environment: "prod", now: new Date("2027-03-01T00:00:00Z") }, "prod.json"));
        expect(found.map((v) => `${v.policy}: ${v.message}`)).toEqual([]);
    });

    test("other resources are unaffected: no SecretRotation without awsRotation", async () => {
        const plain = await run("2027-03-01");
        expect(plain.recorder.ofType(ROTATION)).toEqual([]);
        expect(plain.recorder.ofType(SECRET)).toHaveLength(4);
        expect(plain.recorder.ofType(VERSION)).toHaveLength(4);
    });
});

test("ManagedSecret alone refuses awsRotation without its own AWS secret, or with a Vault copy", async () => {
    const { resolveCatalog } = await import("../../components/catalog/validate");
    const { ManagedSecret } = await import("../../components/managedSecret");
    pulumi.runtime.setMocks({ newResource: (a) => mockState(a, { defaultRegion: "us-east-1" }), call: () => ({}) }, PROJECT, "prod", false);
    const [secret] = resolveCatalog({
        environment: "prod",
        stores: { vault: { mount: "kv" } },
        secrets: { DATABASE_PASSWORD: { kind: "password", awsRotation: { lambdaArn: LAMBDA, lambdaRoleArn: LAMBDA_ROLE, automaticallyAfterDays: 30 } } },
    }).secrets;
    expect(() => new ManagedSecret("alone", { secret, environment: "prod", vault: { mount: "kv", mountName: "kv", maxVersions: 10 } }))
        .toThrow("secrets.DATABASE_PASSWORD.awsRotation: needs the secret in its own AWS secret (`aws`) and in no other store");
});
