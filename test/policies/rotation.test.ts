import { secretRotationKeepPrevious } from "../../policies/rules/secret-rotation-keep-previous";
import { secretRotationOverdue } from "../../policies/rules/secret-rotation-overdue";
import { secretRotationPeriod } from "../../policies/rules/secret-rotation-period";
import { secretRotationRequired } from "../../policies/rules/secret-rotation-required";
import { Res, WIRE_UNKNOWN, violations } from "./harness";

const PASSWORD = "random:index/randomPassword:RandomPassword";
const BYTES = "random:index/randomBytes:RandomBytes";
const AWS_SECRET = "aws:secretsmanager/secret:Secret";
const KV = "vault:kv/secretV2:SecretV2";

const random = (keepers?: Record<string, unknown> | string, type = BYTES): Res => ({
    type, props: { length: 64, ...(keepers !== undefined ? { keepers } : {}) },
});
const awsSecret = (tags: Record<string, unknown> | string): Res => ({ type: AWS_SECRET, props: { name: "prod/auth/jwt-secret-key", tags } });
const kvEntry = (data: Record<string, unknown>): Res => ({ type: KV, props: { name: "prod/auth/x", customMetadata: { maxVersions: 10, data } } });

const SCHEDULED = { kind: "jwt", rotation: "2026-10-01", "rotation-days": "90" };

describe("secret-rotation-required", () => {
    const run = (r: Res) => violations(secretRotationRequired, r);

    test("baseline: keepers with a slot date and a period", () => {
        expect(run(random(SCHEDULED))).toEqual([]);
        expect(run(random({ ...SCHEDULED, "rotation-days": 90 }, PASSWORD))).toEqual([]);
    });
    test("no keepers, or keepers without a schedule", () => {
        const message = 'no rotation schedule: keepers "rotation" and "rotation-days" are missing, so the value never changes';
        expect(run(random())).toEqual([message]);
        expect(run(random({ kind: "jwt" }))).toEqual([message]);
    });
    test("a slot that is not a date", () => {
        const notADay = (slot: string) => `keepers "rotation" is ${slot}, not a slot start date (YYYY-MM-DD) nor "aws-lambda"`;
        expect(run(random({ ...SCHEDULED, rotation: "soon" }))).toEqual([notADay('"soon"')]);
        expect(run(random({ "rotation-days": "90" }))).toEqual([notADay("null")]);
        // A day that does not exist, a timestamp, a date without its leading zeros: none is a slot start.
        for (const slot of ["2026-02-30", "2026-10-01T00:00:00Z", "2026-1-1", 20261001]) {
            expect(run(random({ ...SCHEDULED, rotation: slot }))).toEqual([notADay(JSON.stringify(slot))]);
        }
    });
    test("a Lambda-rotated value: its fixed keeper is a schedule (AWS rotates it)", () => {
        expect(run(random({ kind: "password", rotation: "aws-lambda", "rotation-days": "30" }, PASSWORD))).toEqual([]);
        expect(run(random({ kind: "password", rotation: "aws-lambda" }, PASSWORD))).toEqual(['keepers "rotation-days" is null, not a positive whole number of days']);
    });
    test("a period that is not a positive whole number", () => {
        expect(run(random({ ...SCHEDULED, "rotation-days": "0" }))).toEqual(['keepers "rotation-days" is "0", not a positive whole number of days']);
        expect(run(random({ rotation: "2026-10-01" }))).toEqual(['keepers "rotation-days" is null, not a positive whole number of days']);
    });
    test("unknown keepers or values: no violation", () => {
        expect(run(random(WIRE_UNKNOWN))).toEqual([]);
        expect(run(random({ rotation: WIRE_UNKNOWN, "rotation-days": WIRE_UNKNOWN }))).toEqual([]);
    });
    test("other resource types are not judged", () => {
        expect(run({ type: AWS_SECRET, props: {} })).toEqual([]);
    });
});

describe("secret-rotation-period", () => {
    const run = (r: Res, config = {}) => violations(secretRotationPeriod, r, config);
    const tags = (criticality: string, days: string, kind = "password") => ({ criticality, "rotation-days": days, kind });

    test("baseline: within the maximum for the criticality", () => {
        expect(run(awsSecret(tags("critical", "90")))).toEqual([]);
        expect(run(awsSecret(tags("medium", "180")))).toEqual([]);
        expect(run(kvEntry(tags("low", "365")))).toEqual([]);
        expect(run(awsSecret(tags("critical", "365", "fernet")))).toEqual([]);
        expect(run(random({ ...SCHEDULED, "rotation-days": "365" }))).toEqual([]);
    });
    test("longer than the criticality allows", () => {
        expect(run(awsSecret(tags("critical", "91")))).toEqual(["rotation period of 91 days exceeds the 90-day maximum for critical secrets"]);
        expect(run(kvEntry(tags("medium", "181")))).toEqual(["rotation period of 181 days exceeds the 180-day maximum for medium secrets"]);
    });
    test("encryption keys have their own maximum", () => {
        expect(run(awsSecret(tags("low", "366", "fernet")))).toEqual(["rotation period of 366 days exceeds the 365-day maximum for encryption keys (fernet)"]);
        expect(run(random({ kind: "fernet", rotation: "2026-01-01", "rotation-days": "400" }))).toEqual(["rotation period of 400 days exceeds the 365-day maximum for encryption keys (fernet)"]);
    });
    test("a random value without criticality is held to the loosest limit", () => {
        expect(run(random({ ...SCHEDULED, "rotation-days": "366" }))).toEqual(["rotation period of 366 days exceeds the 365-day maximum for any secret"]);
        expect(run(awsSecret(tags("unheard-of", "366")))).toEqual(["rotation period of 366 days exceeds the 365-day maximum for any secret"]);
    });
    test("configurable", () => {
        const config = { maxDays: { critical: 30, high: 60, medium: 90, low: 120 }, encryptionKeyMaxDays: 200 };
        expect(run(awsSecret(tags("critical", "31")), config)).toEqual(["rotation period of 31 days exceeds the 30-day maximum for critical secrets"]);
        expect(run(awsSecret(tags("low", "201", "fernet")), config)).toEqual(["rotation period of 201 days exceeds the 200-day maximum for encryption keys (fernet)"]);
        expect(run(awsSecret(tags("low", "366", "jwt")), { encryptionKinds: ["jwt"] })).toEqual(["rotation period of 366 days exceeds the 365-day maximum for encryption keys (jwt)"]);
    });
    test("no period or unknown marks: nothing to judge", () => {
        expect(run(awsSecret({ criticality: "critical" }))).toEqual([]);
        expect(run(awsSecret(WIRE_UNKNOWN))).toEqual([]);
        expect(run(awsSecret(tags("critical", WIRE_UNKNOWN)))).toEqual([]);
        expect(run(random(WIRE_UNKNOWN))).toEqual([]);
        expect(run({ type: "aws:kms/key:Key", props: { tags: tags("critical", "900") } })).toEqual([]);
    });
});

describe("secret-rotation-keep-previous", () => {
    const run = (r: Res, config = {}) => violations(secretRotationKeepPrevious, r, config);
    const prod = { environment: "prod", criticality: "critical" };

    test("baseline: signing keys keep their previous value; other secrets need not", () => {
        expect(run(awsSecret({ ...prod, kind: "jwt", "keep-previous": "true" }))).toEqual([]);
        expect(run(awsSecret({ ...prod, kind: "password", "secret-name": "DATABASE_PASSWORD" }))).toEqual([]);
    });
    test("an encryption or signing key without keep-previous in production", () => {
        expect(run(awsSecret({ ...prod, kind: "fernet" }))).toEqual([
            'a signing or encryption key (kind fernet) stored without its previous value (tag "keep-previous" is not "true"): a rotation would invalidate what it signed or encrypted',
        ]);
        expect(run(kvEntry({ ...prod, kind: "token", "secret-name": "SESSION_SECRET_KEY", "keep-previous": "false" }))).toEqual([
            'a signing or encryption key (name SESSION_SECRET_KEY) stored without its previous value (tag "keep-previous" is not "true"): a rotation would invalidate what it signed or encrypted',
        ]);
    });
    test("a template is not judged by its name: its previous value follows its inputs, judged on their own", () => {
        expect(run(awsSecret({ ...prod, kind: "template", "secret-name": "SESSION_CONFIG", "keep-previous": "false" }))).toEqual([]);
    });
    test("outside production, or with another production list, not judged", () => {
        expect(run(awsSecret({ environment: "dev", kind: "jwt" }))).toEqual([]);
        expect(run(awsSecret({ ...prod, kind: "jwt" }), { productionEnvironments: ["live"] })).toEqual([]);
        expect(run(awsSecret({ environment: "live", kind: "jwt" }), { productionEnvironments: ["live"] })).toHaveLength(1);
        expect(run(awsSecret({ kind: "jwt" }), { environment: "prod" })).toHaveLength(1);
    });
    test("configurable kinds and names", () => {
        expect(run(awsSecret({ ...prod, kind: "jwt" }), { kinds: [] })).toEqual([]);
        expect(run(awsSecret({ ...prod, kind: "hex", "secret-name": "HMAC_KEY" }), { namePattern: "HMAC" })).toHaveLength(1);
    });
    test("unknown marks: no violation", () => {
        expect(run(awsSecret(WIRE_UNKNOWN), { environment: "prod" })).toEqual([]);
        expect(run(awsSecret({ ...prod, kind: "jwt", "keep-previous": WIRE_UNKNOWN }))).toEqual([]);
        expect(run(awsSecret({ environment: WIRE_UNKNOWN, kind: "jwt" }))).toEqual([]);
    });
});

describe("secret-rotation-overdue", () => {
    const run = (r: Res, now = "2026-11-24T12:00:00Z") => violations(secretRotationOverdue, r, { now });

    test("baseline: a slot still running; an external rotated recently", () => {
        expect(run(random(SCHEDULED))).toEqual([]);
        expect(run(awsSecret({ kind: "external", "last-rotated": "2026-10-01", "rotation-days": "90" }))).toEqual([]);
        expect(run(random(SCHEDULED), "2026-12-29T23:59:59Z")).toEqual([]);
    });
    test("a generated value whose slot has ended", () => {
        expect(run(random(SCHEDULED), "2026-12-30T00:00:00Z")).toEqual(["overdue since 2026-12-30: the rotation slot starting 2026-10-01 lasted 90 days; run pulumi up to rotate"]);
    });
    test("a two-slot value lives two periods: current, then previous", () => {
        const twoSlot = random({ ...SCHEDULED, slots: "2" });
        expect(run(twoSlot, "2027-03-29T23:59:59Z")).toEqual([]);
        expect(run(twoSlot, "2027-03-30T00:00:00Z")).toEqual(["overdue since 2027-03-30: the rotation slot starting 2026-10-01 lasted 180 days (2 slots of 90); run pulumi up to rotate"]);
    });
    test("an external value past last-rotated plus its period is not judged: this deploy cannot rotate it", () => {
        const stale = { kind: "external", "last-rotated": "2026-01-15", "rotation-days": "90" };
        expect(run(kvEntry(stale))).toEqual([]);
        expect(run(awsSecret(stale))).toEqual([]);
    });
    test("a Lambda-rotated value (fixed keeper) is not judged, however late", () => {
        expect(run(random({ kind: "password", rotation: "aws-lambda", "rotation-days": "30" }), "2030-01-01T00:00:00Z")).toEqual([]);
    });
    test("the current time when not configured", () => {
        expect(violations(secretRotationOverdue, random({ ...SCHEDULED, rotation: "2001-01-01" }))).toHaveLength(1);
        expect(violations(secretRotationOverdue, random({ ...SCHEDULED, rotation: "2999-01-01" }))).toEqual([]);
    });
    test("a slot start that is not a real YYYY-MM-DD day has no due date (secret-rotation-required reports it)", () => {
        for (const rotation of ["2001-02-30", "2001-01-01T00:00:00Z", "2001-1-1", "x2001-01-01"]) {
            expect(run(random({ ...SCHEDULED, rotation }))).toEqual([]);
        }
        expect(run(random({ ...SCHEDULED, rotation: "2001-02-28" }))).toEqual(["overdue since 2001-05-29: the rotation slot starting 2001-02-28 lasted 90 days; run pulumi up to rotate"]);
    });
    test("missing or unknown dates: nothing to judge", () => {
        expect(run(awsSecret({ "rotation-days": "90" }))).toEqual([]);
        expect(run(awsSecret({ "last-rotated": "yesterday", "rotation-days": "90" }))).toEqual([]);
        expect(run(awsSecret({ "last-rotated": "2020-13-45", "rotation-days": "90" }))).toEqual([]);
        expect(run(random({ rotation: WIRE_UNKNOWN, "rotation-days": "90" }))).toEqual([]);
        expect(run(random(WIRE_UNKNOWN))).toEqual([]);
        expect(run(awsSecret(WIRE_UNKNOWN))).toEqual([]);
        expect(run({ type: "aws:kms/key:Key", props: { tags: { "last-rotated": "2001-01-01", "rotation-days": "1" } } })).toEqual([]);
    });
});
