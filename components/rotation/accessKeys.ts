import { PREVIOUS_SUFFIX } from "../conventions";
import { ScheduleInput, SlotId, planRotation } from "./schedule";

/**
 * Rotation of an `aws-access-key` secret: two IAM access keys (AWS allows two per user), slot `a` and
 * slot `b`, both created on the first deploy. They alternate exactly like a two-slot generated value
 * (`planRotation` with `keepPrevious`): slot `a` is renewed at even periods, `b` at odd ones, each key
 * lives two periods, and the one renewed last is current. A rotation thus replaces only the older
 * key, which no consumer holds any more (they were given the other one a period ago), and the key
 * consumers hold now stays valid, as `_PREVIOUS`, until the next rotation.
 *
 * Pure: which slot is current and each slot's generation date, from the period, the stagger and a date.
 */

export interface AccessKeySlot {
    id: SlotId;
    /** The slot's generation: the start (`YYYY-MM-DD`) of the period its key was made in. A new one replaces the key. */
    generation: string;
    /** Whether this slot's key is delivered under the `keys` names (else under `<name>_PREVIOUS`). */
    current: boolean;
}

export interface AccessKeySchedule {
    /** Slot `a` first. */
    slots: [AccessKeySlot, AccessKeySlot];
    current: SlotId;
    /** Day numbers: the current period's start, and the next one's. */
    lastRotation: number;
    nextRotation: number;
}

/** The two access-key slots on `now`. */
export function accessKeySchedule(input: Omit<ScheduleInput, "keepPrevious">, now: Date): AccessKeySchedule {
    const plan = planRotation({ ...input, keepPrevious: true }, now);
    const slot = (id: SlotId): AccessKeySlot => {
        const found = plan.slots.find((s) => s.id === id);
        if (!found) throw new Error(`planRotation gave no slot ${id} with keepPrevious`);
        return { id, generation: found.rotation, current: plan.current === id };
    };
    return { slots: [slot("a"), slot("b")], current: plan.current, lastRotation: plan.lastRotation, nextRotation: plan.nextRotation };
}

/**
 * What replaces a slot's `AccessKey` when it changes (its `replacementTrigger`): the generation, and the
 * emergency token when one is set (an emergency rotation replaces both keys, as it replaces both values
 * of any two-slot secret).
 */
export function accessKeyTrigger(slot: AccessKeySlot, emergency?: string): Record<string, string> {
    return { generation: slot.generation, ...(emergency !== undefined ? { emergency } : {}) };
}

/** The variables a slot's key is delivered as: `{ id, secret }` names, with `_PREVIOUS` for the older key. */
export function slotVariables(keys: { id: string; secret: string }, slot: Pick<AccessKeySlot, "current">): { id: string; secret: string } {
    const suffix = slot.current ? "" : PREVIOUS_SUFFIX;
    return { id: `${keys.id}${suffix}`, secret: `${keys.secret}${suffix}` };
}
