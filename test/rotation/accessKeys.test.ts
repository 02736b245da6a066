import { AccessKeySchedule, accessKeySchedule, accessKeyTrigger, slotVariables } from "../../components/rotation/accessKeys";
import { SlotId, dayNumber } from "../../components/rotation/schedule";
import { secretRotation } from "../../components/rotation/secretRotation";
import { resolveCatalog } from "../../components/catalog/validate";

/**
 * The access-key slots (components/rotation/accessKeys.ts) as AWS would see them under a daily
 * `pulumi up`: each slot is one `AccessKey`, replaced (deleted, then created: `deleteBeforeReplace`)
 * when its generation changes. Consumers are given the current key at each deploy.
 */

const DAY = 86_400_000;
const START = Date.UTC(2027, 0, 1);

interface Key { serial: number; slot: SlotId; created: number }

function simulate(periodDays: number, days: number, name = "DEPLOY_KEY") {
    const at = (day: number) => new Date(START + day * DAY);
    const schedule = (day: number): AccessKeySchedule => accessKeySchedule({ environment: "prod", name, periodDays }, at(day));
    const existing = new Map<SlotId, Key & { generation: string }>();
    let serial = 0;
    let most = 0;
    let consumerHolds: Key | undefined;
    let rotations = 0;
    for (let day = 0; day < days; day++) {
        const plan = schedule(day);
        const today = dayNumber(at(day));
        const yesterdaysCurrent = consumerHolds;
        for (const slot of plan.slots) {
            const key = existing.get(slot.id);
            if (key && key.generation === slot.generation) continue;
            if (key) {
                // A replacement deletes the old key first: never the key a consumer holds.
                expect(key.serial).not.toBe(yesterdaysCurrent?.serial);
                existing.delete(slot.id);
                rotations++;
            }
            existing.set(slot.id, { serial: ++serial, slot: slot.id, created: today, generation: slot.generation });
            most = Math.max(most, existing.size);
        }
        // Exactly two keys after every deploy, never three at any moment.
        expect(existing.size).toBe(2);
        const current = existing.get(plan.current);
        expect(current).toBeDefined();
        if (!current) return { rotations, most };
        // The current key exists since before or at today; the one consumers got at the last rotation is still there.
        expect(current.created).toBeLessThanOrEqual(today);
        if (yesterdaysCurrent) expect([...existing.values()].map((k) => k.serial)).toContain(yesterdaysCurrent.serial);
        // At most one slot changes a day, and the other slot holds what consumers had.
        expect(plan.slots.filter((s) => s.current)).toHaveLength(1);
        consumerHolds = current;
    }
    return { rotations, most };
}

test.each([1, 2, 7, 30, 90])("200 days of daily deploys with a %i-day period: two keys, none revoked while a consumer holds it", (period) => {
    const { rotations, most } = simulate(period, 200);
    expect(most).toBe(2);
    // Every period after the first deploy rotates one key.
    expect(rotations).toBeGreaterThanOrEqual(Math.floor(200 / period) - 1);
    expect(rotations).toBeLessThanOrEqual(Math.ceil(200 / period) + 1);
});

test("a rotation replaces exactly the older slot, which becomes current; the other becomes _PREVIOUS", () => {
    const input = { environment: "prod", name: "DEPLOY_KEY", periodDays: 90 };
    const before = accessKeySchedule(input, new Date(START));
    const next = new Date(before.nextRotation * DAY);
    const after = accessKeySchedule(input, next);
    const changed = after.slots.filter((s, i) => s.generation !== before.slots[i].generation);
    expect(changed).toHaveLength(1);
    expect(changed[0].id).not.toBe(before.current);
    expect(after.current).toBe(changed[0].id);
    expect(changed[0].generation).toBe(new Date(before.nextRotation * DAY).toISOString().slice(0, 10));
    // The day before, nothing changes.
    expect(accessKeySchedule(input, new Date(next.getTime() - DAY)).slots).toEqual(before.slots);
});

test("the trigger is the generation, plus the emergency token when set; the variables of each slot", () => {
    const slot = { id: "a" as const, generation: "2027-01-01", current: false };
    expect(accessKeyTrigger(slot)).toEqual({ generation: "2027-01-01" });
    expect(accessKeyTrigger(slot, "incident-42")).toEqual({ generation: "2027-01-01", emergency: "incident-42" });
    const keys = { id: "AWS_ACCESS_KEY_ID", secret: "AWS_SECRET_ACCESS_KEY" };
    expect(slotVariables(keys, { current: true })).toEqual(keys);
    expect(slotVariables(keys, slot)).toEqual({ id: "AWS_ACCESS_KEY_ID_PREVIOUS", secret: "AWS_SECRET_ACCESS_KEY_PREVIOUS" });
});

test("secretRotation of an access key: no random slot, two key slots; an emergency token changes both triggers", () => {
    const base = resolveCatalog({
        environment: "prod",
        stores: { vault: { mount: "kv" } },
        secrets: { DEPLOY_KEY: { kind: "aws-access-key", user: "deploy-bot", policyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"], keys: { id: "AWS_ACCESS_KEY_ID", secret: "AWS_SECRET_ACCESS_KEY" } } },
    }).secrets[0];
    const now = new Date(START);
    const plain = secretRotation(base, "prod", now, 14);
    const emergency = secretRotation({ ...base, emergencyRotation: "incident-42" }, "prod", now, 14);
    expect(plain.slots).toEqual([]);
    expect(plain.accessKeys?.map((k) => k.id)).toEqual(["a", "b"]);
    expect(plain.marks).toEqual({ "rotation-days": "90", "keep-previous": "true" });
    expect(emergency.accessKeys?.map((k) => k.trigger.emergency)).toEqual(["incident-42", "incident-42"]);
    expect(emergency.version).not.toBe(plain.version);
    expect(plain.report).toMatchObject({ periodDays: 90, keepPrevious: true, rotatedBy: "pulumi" });
});
