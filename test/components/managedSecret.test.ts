import { resolveCatalog } from "../../components/catalog/validate";
import { existingSecretsKey } from "../../components/aws/kms";
import { ManagedSecret } from "../../components/managedSecret";
import { Harness, setupHarness, unwrap } from "../harness";

/** `ManagedSecret` used alone, outside `PlatformSecrets`: the same safety in production. */

let harness: Harness;
beforeEach(() => {
    harness = setupHarness();
});

const KEY = existingSecretsKey("arn:aws:kms:us-east-1:123456789012:key/00000000-0000-4000-8000-000000000000", []);

function declare(environment: string, extra: Record<string, unknown> = {}, name = "webhook") {
    const [secret] = resolveCatalog({
        environment,
        stores: { aws: { region: "us-east-1" } },
        secrets: { WEBHOOK_SECRET: { kind: "hex", group: "webhooks" } },
    }).secrets;
    return new ManagedSecret(name, {
        secret,
        environment,
        aws: { region: "us-east-1", key: KEY, recoveryWindowDays: environment === "prod" ? 30 : 0 },
        ...extra,
    });
}

test("in production the stored copy and its fence are protected by default, as inside PlatformSecrets", async () => {
    const managed = declare("prod");
    await harness.settle();
    const custom = harness.recorder.resources.filter((r) => r.custom);
    expect(custom.map((r) => r.type).sort()).toEqual([
        "aws:secretsmanager/secret:Secret", "aws:secretsmanager/secretPolicy:SecretPolicy", "aws:secretsmanager/secretVersion:SecretVersion", "random:index/randomBytes:RandomBytes",
    ]);
    // The random value and the version stay replaceable, so that rotation works (components/protection.ts).
    expect(custom.filter((r) => r.protect).map((r) => r.name).sort()).toEqual(["webhook-aws", "webhook-fence"]);
    expect(managed.fence).toBeDefined();
    const fence = harness.inputs(harness.one("aws:secretsmanager/secretPolicy:SecretPolicy", "webhook-fence"));
    expect(fence.blockPublicPolicy).toBe(true);
    const statements = JSON.parse(fence.policy).Statement as { Effect: string; Condition?: Record<string, Record<string, string>> }[];
    expect(statements.some((s) => s.Effect === "Deny" && JSON.stringify(s.Condition ?? {}).includes('"prod"'))).toBe(true);
});

test("outside production nothing is protected by default", async () => {
    declare("dev");
    await harness.settle();
    expect(harness.recorder.resources.filter((r) => r.custom && r.protect)).toEqual([]);
});

test("an explicit protection wins in production, and productionEnvironments moves the default", async () => {
    declare("prod", { protection: "none" }, "unprotected");
    declare("live", { productionEnvironments: ["live"] }, "live");
    await harness.settle();
    const protectedOf = (prefix: string) => harness.recorder.resources.filter((r) => r.custom && r.name.startsWith(prefix)).map((r) => r.protect);
    expect(protectedOf("unprotected").filter(Boolean)).toEqual([]);
    expect(protectedOf("live").filter(Boolean)).toHaveLength(2);
});

describe("slots: a two-slot secret's values by slot, for what must follow one slot (alternating database roles)", () => {
    function declareKey(now: string, name: string) {
        const [secret] = resolveCatalog({
            environment: "dev",
            stores: { aws: { region: "us-east-1" } },
            secrets: { SIGNING_KEY: { kind: "jwt", rotationDays: 30 } },
        }).secrets;
        return new ManagedSecret(name, { secret, environment: "dev", now: new Date(now), aws: { region: "us-east-1", key: KEY, recoveryWindowDays: 0 } });
    }

    test("NAME is the current slot's value, NAME_PREVIOUS the other's", async () => {
        const managed = declareKey("2027-01-10", "key");
        await harness.settle();
        expect(managed.slots).toBeDefined();
        const slots = managed.slots!;
        const [a, b, current, previous] = await Promise.all([unwrap(slots.a), unwrap(slots.b), unwrap(managed.values.SIGNING_KEY), unwrap(managed.values.SIGNING_KEY_PREVIOUS)]);
        expect(a).not.toBe(b);
        expect(current).toBe(slots.current === "a" ? a : b);
        expect(previous).toBe(slots.current === "a" ? b : a);
    });

    test("a rotation makes the other slot current, and renews only that slot", async () => {
        const before = declareKey("2027-01-10", "before");
        const after = declareKey("2027-02-09", "after");
        await harness.settle();
        expect(after.slots!.current).not.toBe(before.slots!.current);
        const keepers = (resource: string) => harness.inputs(harness.one("random:index/randomBytes:RandomBytes", resource)).keepers;
        const renewed = after.slots!.current === "a" ? "value" : "value-b";
        const kept = after.slots!.current === "a" ? "value-b" : "value";
        expect(keepers(`after-${renewed}`)).not.toEqual(keepers(`before-${renewed}`));
        expect(keepers(`after-${kept}`)).toEqual(keepers(`before-${kept}`));
    });

    test("a one-slot secret has none", async () => {
        expect(declare("dev").slots).toBeUndefined();
    });
});
