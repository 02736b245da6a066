import { ResolvedSecret } from "../catalog/model";
import { templateOrder } from "../catalog/rules/template";
import { RotatedBy, RotationReport, RotationStatus, dayNumber, parseDay, planRotation, rotationMarks, rotationReport, slotKeepers, versionToken } from "./schedule";
import { PREVIOUS_SUFFIX, ROTATED_BY_LAMBDA } from "../conventions";
import { nextCronDay, rateDays } from "./awsSchedule";
import { AccessKeySlot, accessKeySchedule, accessKeyTrigger } from "./accessKeys";

/** One random resource to create for a secret. */
export interface RandomSlot {
    /** Appended to the value resource's name: `""` for slot `a`, `-b` for slot `b`. */
    suffix: string;
    /** Delivered key: `NAME` for the current slot, `NAME_PREVIOUS` for the other. */
    key: string;
    keepers: Record<string, string>;
}

/** Everything rotation decides for one secret on one date: plain data, no resources. */
export interface SecretRotation {
    /** Random resources, slot `a` first; empty for `external` secrets. */
    slots: RandomSlot[];
    /** `ManagedSecret.version`: changes exactly when a delivered value changes. */
    version: string;
    /** AWS tags and Vault custom metadata to add. */
    marks: Record<string, string>;
    /** The `rotation` output `check` reports. */
    report: RotationReport;
    /** For `aws-access-key`: the two key slots (then `slots` is empty), with their replacement triggers. */
    accessKeys?: Array<AccessKeySlot & { trigger: Record<string, string> }>;
}

/**
 * Rotation of one secret on `now`. Slot `a` keeps the name the single-slot value always had, so
 * enabling `keepPrevious` adds slot `b` instead of renaming `a`.
 * @param warningDays days before a due date that `check` reports `due-soon`.
 */
export function secretRotation(secret: ResolvedSecret, environment: string, now: Date, warningDays: number,
    inputs: Readonly<Record<string, SecretRotation>> = {}): SecretRotation {
    const today = dayNumber(now);
    if (secret.kind === "template") return templateRotation(secret, inputs);
    if (secret.kind === "external") {
        const last = secret.lastRotated !== undefined ? parseDay(secret.lastRotated) : undefined;
        return {
            slots: [],
            // The value itself is never hashed; a person records a rotation by updating lastRotated.
            version: secret.lastRotated !== undefined ? versionToken({ lastRotated: secret.lastRotated }) : "",
            marks: rotationMarks({ periodDays: secret.rotationDays, keepPrevious: false, lastRotated: secret.lastRotated, rotatedBy: "person" }),
            report: rotationReport({
                periodDays: secret.rotationDays, keepPrevious: false, rotatedBy: "person",
                lastRotation: last, nextRotation: last !== undefined ? last + secret.rotationDays : undefined,
            }, today, warningDays),
        };
    }
    if (secret.kind === "aws-access-key") {
        const schedule = accessKeySchedule({ environment, name: secret.name, periodDays: secret.rotationDays }, now);
        const accessKeys = schedule.slots.map((slot) => ({ ...slot, trigger: accessKeyTrigger(slot, secret.emergencyRotation) }));
        return {
            slots: [],
            accessKeys,
            version: versionToken({ accessKeys: accessKeys.map((k) => [k.current, k.trigger]), keys: secret.accessKey?.keys ?? null }),
            marks: rotationMarks({ periodDays: secret.rotationDays, keepPrevious: true, rotatedBy: "pulumi" }),
            report: rotationReport({
                periodDays: secret.rotationDays, keepPrevious: true, rotatedBy: "pulumi",
                lastRotation: schedule.lastRotation, nextRotation: schedule.nextRotation,
            }, today, warningDays),
        };
    }
    const generation = { kind: secret.kind, length: secret.length, username: secret.username ?? null, avoid: secret.avoidCharacters };
    if (secret.awsRotation) {
        const expression = secret.awsRotation.scheduleExpression;
        const periodDays = secret.awsRotation.automaticallyAfterDays ?? (expression !== undefined ? rateDays(expression) : undefined) ?? secret.rotationDays;
        // A cron schedule names its days; a rate counts from the last rotation, which only AWS knows.
        const nextRotation = expression !== undefined ? nextCronDay(expression, today) : undefined;
        // A fixed keeper: after the initial value the Lambda rotates, and Pulumi must not replace it.
        const keepers = slotKeepers(secret.kind, periodDays, ROTATED_BY_LAMBDA);
        const rotatedBy: RotatedBy = ROTATED_BY_LAMBDA;
        return {
            slots: [{ suffix: "", key: secret.name, keepers }],
            version: versionToken({ generation, slots: [keepers] }),
            marks: rotationMarks({ periodDays, keepPrevious: false, rotatedBy }),
            report: rotationReport({ periodDays, keepPrevious: false, rotatedBy, nextRotation }, today, warningDays),
        };
    }
    const plan = planRotation({ environment, name: secret.name, periodDays: secret.rotationDays, keepPrevious: secret.keepPrevious }, now);
    const slots = plan.slots.map((slot): RandomSlot => ({
        suffix: slot.id === "a" ? "" : "-b",
        key: slot.id === plan.current ? secret.name : `${secret.name}${PREVIOUS_SUFFIX}`,
        keepers: slotKeepers(secret.kind, plan.periodDays, slot.rotation, secret.emergencyRotation, plan.slots.length),
    }));
    return {
        slots,
        version: versionToken({ generation, slots: slots.map((s) => [s.key, s.keepers]) }),
        marks: rotationMarks({ periodDays: plan.periodDays, keepPrevious: plan.keepPrevious, rotatedBy: "pulumi" }),
        report: rotationReport({
            periodDays: plan.periodDays, keepPrevious: plan.keepPrevious, rotatedBy: "pulumi",
            lastRotation: plan.lastRotation, nextRotation: plan.nextRotation,
        }, today, warningDays),
    };
}

/** Most urgent first: a template is as urgent as its most urgent input. */
const URGENCY: RotationStatus[] = ["overdue", "due", "due-soon", "unknown", "ok"];

/**
 * A template has no value of its own: its version is a hash of its text and its inputs' versions,
 * so it changes exactly when one of them does; it is reported due with the earliest of them.
 * @param inputs the rotation of every secret it references (declared first).
 */
export function templateRotation(secret: ResolvedSecret, inputs: Readonly<Record<string, SecretRotation>>): SecretRotation {
    const names = secret.inputs ?? [];
    const missing = names.filter((n) => inputs[n] === undefined);
    if (missing.length > 0) throw new Error(`${secret.name}: the rotation of ${missing.join(", ")} is needed before this template's`);
    const reports = names.map((n) => ({ name: n, ...inputs[n].report }));
    const byNext = reports.filter((r) => r.nextRotation !== null).sort((a, b) => (a.nextRotation ?? "").localeCompare(b.nextRotation ?? ""));
    const lasts = reports.map((r) => r.lastRotation).filter((d): d is string => d !== null).sort();
    const earliest = byNext[0] ?? reports[0];
    const report: RotationReport = {
        periodDays: secret.rotationDays,
        keepPrevious: secret.keepPrevious,
        nextRotation: byNext[0]?.nextRotation ?? null,
        status: URGENCY.find((u) => reports.some((r) => r.status === u)) ?? "unknown",
        rotatedBy: earliest?.rotatedBy ?? "pulumi",
        lastRotation: lasts[lasts.length - 1] ?? null,
        inputs: reports.map((r) => ({ name: r.name, nextRotation: r.nextRotation, lastRotation: r.lastRotation, status: r.status })),
    };
    return {
        slots: [],
        version: versionToken({ template: secret.template, inputs: names.map((n) => [n, inputs[n].version]) }),
        marks: rotationMarks({ periodDays: secret.rotationDays, keepPrevious: secret.keepPrevious, rotatedBy: report.rotatedBy }),
        report,
    };
}

/** The rotation of every secret of a catalog on `now`, by name, templates after their inputs. */
export function catalogRotations(secrets: readonly ResolvedSecret[], environment: string, now: Date, warningDays: number): Record<string, SecretRotation> {
    const rotations: Record<string, SecretRotation> = {};
    for (const s of templateOrder([...secrets], (x) => x.name, (x) => x.inputs)) {
        rotations[s.name] = secretRotation(s, environment, now, warningDays, rotations);
    }
    return rotations;
}
