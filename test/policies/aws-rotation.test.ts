import { awsSecretRotationConfigured } from "../../policies/rules/aws-secret-rotation-configured";
import { awsSecretRotationSchedule } from "../../policies/rules/aws-secret-rotation-schedule";
import { Res, WIRE_UNKNOWN, stackViolations } from "./harness";

const SECRET = "aws:secretsmanager/secret:Secret";
const ROTATION = "aws:secretsmanager/secretRotation:SecretRotation";
const ARN = "arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/api/api-token-AbCdEf";
const LAMBDA = "arn:aws:lambda:us-east-1:111111111111:function:fake-rotator";

const secret = (props: Record<string, unknown> = {}, name = "api-token"): Res => ({
    type: SECRET, name,
    props: { name: "prod/api/api-token", tags: { environment: "prod", criticality: "high" }, ...props },
});
const rotation = (props: Record<string, unknown> = {}, extra: Partial<Res> = {}): Res => ({
    type: ROTATION, name: "api-token-rotation",
    props: { secretId: ARN, rotationLambdaArn: LAMBDA, rotationRules: { automaticallyAfterDays: 30 }, ...props },
    ...extra,
});

describe("aws-secret-rotation-configured", () => {
    const run = (resources: Res[]) => stackViolations(awsSecretRotationConfigured, resources);
    const NONE = 'secret "prod/api/api-token" has no rotation: neither platform-secrets rotation marks nor an aws.secretsmanager.SecretRotation @ api-token';

    test("baseline: module marks, or a SecretRotation naming the secret by id, ARN or name", () => {
        expect(run([secret({ tags: { environment: "prod", "rotation-days": "90" } })])).toEqual([]);
        expect(run([secret({ arn: ARN }), rotation()])).toEqual([]);
        expect(run([secret({ id: ARN }), rotation()])).toEqual([]);
        expect(run([secret(), rotation({ secretId: "prod/api/api-token" })])).toEqual([]);
        // An ARN ends in the name and AWS's 6-character suffix.
        expect(run([secret(), rotation()])).toEqual([]);
        expect(run([])).toEqual([]);
    });
    test("followed through propertyDependencies.secretId", () => {
        expect(run([secret(), rotation({ secretId: WIRE_UNKNOWN }, { propertyDependencies: { secretId: ["api-token"] } })])).toEqual([]);
        // The dependency decides, whatever the value looks like.
        expect(run([secret(), secret({ name: "prod/api/other" }, "other"), rotation({}, { propertyDependencies: { secretId: ["other"] } })])).toEqual([NONE]);
    });
    test("no marks and no rotation", () => {
        expect(run([secret()])).toEqual([NONE]);
        expect(run([secret({ tags: undefined })])).toEqual([NONE]);
        expect(run([secret(), rotation({ secretId: "prod/api/other" })])).toEqual([NONE]);
        expect(run([secret({ name: undefined })])).toEqual(['secret "api-token" has no rotation: neither platform-secrets rotation marks nor an aws.secretsmanager.SecretRotation @ api-token']);
    });
    test("unknown values: no violation", () => {
        expect(run([secret({ tags: WIRE_UNKNOWN })])).toEqual([]);
        expect(run([secret({ tags: { "rotation-days": WIRE_UNKNOWN } })])).toEqual([]);
        expect(run([secret(), rotation({ secretId: WIRE_UNKNOWN })])).toEqual([]);
    });
});

describe("aws-secret-rotation-schedule", () => {
    const run = (resources: Res[], config = {}) => stackViolations(awsSecretRotationSchedule, resources, config);
    const over = (days: number, source: string, limit: number, what: string, of = ' (secret "prod/api/api-token")') =>
        `rotation period of ${days} days (${source}) exceeds the ${limit}-day maximum for ${what}${of} @ api-token-rotation`;

    test("baseline: within the maximum for the secret's criticality; cron schedules are not judged", () => {
        expect(run([secret(), rotation()])).toEqual([]);
        expect(run([secret(), rotation({ rotationRules: { automaticallyAfterDays: 90 } })])).toEqual([]);
        expect(run([secret({ tags: { criticality: "low" } }), rotation({ rotationRules: { automaticallyAfterDays: 365 } })])).toEqual([]);
        expect(run([secret(), rotation({ rotationRules: { scheduleExpression: "rate(30 days)" } })])).toEqual([]);
        expect(run([secret(), rotation({ rotationRules: { scheduleExpression: "cron(0 16 1,15 * ? *)" } })])).toEqual([]);
        expect(run([secret(), rotation({ rotationRules: { scheduleExpression: "rate(12 hours)" } })])).toEqual([]);
    });
    test("above the maximum: automaticallyAfterDays or rate(N days)", () => {
        expect(run([secret(), rotation({ rotationRules: { automaticallyAfterDays: 120 } })]))
            .toEqual([over(120, "rotationRules.automaticallyAfterDays", 90, "high secrets")]);
        expect(run([secret(), rotation({ rotationRules: { scheduleExpression: "rate(100 days)" } })]))
            .toEqual([over(100, "rotationRules.scheduleExpression rate(100 days)", 90, "high secrets")]);
        expect(run([secret({ tags: { criticality: "medium" } }), rotation({ rotationRules: [{ automaticallyAfterDays: 200 }] })]))
            .toEqual([over(200, "rotationRules.automaticallyAfterDays", 180, "medium secrets")]);
        expect(run([secret({ tags: { criticality: "medium" } }), rotation({ rotationRules: { automaticallyAfterDays: 200 } })], { maxDays: { medium: 200 } })).toEqual([]);
    });
    test("no criticality tag, or a secret not in the stack: high", () => {
        expect(run([secret({ tags: {} }), rotation({ rotationRules: { automaticallyAfterDays: 120 } })]))
            .toEqual([over(120, "rotationRules.automaticallyAfterDays", 90, "high secrets")]);
        expect(run([rotation({ rotationRules: { automaticallyAfterDays: 120 } })]))
            .toEqual([over(120, "rotationRules.automaticallyAfterDays", 90, "high secrets", "")]);
    });
    test("the secret followed through propertyDependencies.secretId", () => {
        const low = secret({ name: "prod/api/batch", tags: { criticality: "low" } }, "batch");
        expect(run([secret(), low, rotation({ secretId: WIRE_UNKNOWN, rotationRules: { automaticallyAfterDays: 200 } }, { propertyDependencies: { secretId: ["batch"] } })])).toEqual([]);
        expect(run([secret(), low, rotation({ rotationRules: { automaticallyAfterDays: 200 } }, { propertyDependencies: { secretId: ["api-token"] } })]))
            .toEqual([over(200, "rotationRules.automaticallyAfterDays", 90, "high secrets")]);
    });
    test("unknown values: no violation unless above every maximum", () => {
        expect(run([secret(), rotation({ rotationRules: WIRE_UNKNOWN })])).toEqual([]);
        expect(run([secret(), rotation({ rotationRules: { automaticallyAfterDays: WIRE_UNKNOWN } })])).toEqual([]);
        expect(run([secret(), rotation({ secretId: WIRE_UNKNOWN, rotationRules: { automaticallyAfterDays: 200 } })])).toEqual([]);
        expect(run([secret({ tags: WIRE_UNKNOWN }), rotation({ rotationRules: { automaticallyAfterDays: 200 } })])).toEqual([]);
        expect(run([secret({ tags: { criticality: WIRE_UNKNOWN } }), rotation({ rotationRules: { automaticallyAfterDays: 400 } })]))
            .toEqual([over(400, "rotationRules.automaticallyAfterDays", 365, "any secret")]);
    });
});

describe("aws-secret-rotation-schedule: schedule forms and criticalities, one change each", () => {
    const run = (resources: Res[], config = {}) => stackViolations(awsSecretRotationSchedule, resources, config);
    const at = (rotationRules: unknown, tags: unknown = { criticality: "high" }) => run([secret({ tags }), rotation({ rotationRules })]);
    const over = (days: number, source: string, limit: number, what: string) =>
        `rotation period of ${days} days (${source}) exceeds the ${limit}-day maximum for ${what} (secret "prod/api/api-token") @ api-token-rotation`;
    test("rate(N days) with spaces, the singular, or around the expression; two-digit and three-digit periods", () => {
        expect(at({ scheduleExpression: "rate( 100  days )" })).toEqual([over(100, "rotationRules.scheduleExpression rate( 100  days )", 90, "high secrets")]);
        expect(at({ scheduleExpression: "  rate(100 day)  " })).toEqual([over(100, "rotationRules.scheduleExpression rate(100 day)", 90, "high secrets")]);
        expect(at({ scheduleExpression: "rate(91 days)" })).toEqual([over(91, "rotationRules.scheduleExpression rate(91 days)", 90, "high secrets")]);
        expect(at({ scheduleExpression: "rate(1 day)" })).toEqual([]);
    });
    test("not a rate in days: not judged", () => {
        for (const scheduleExpression of ["rate(100days)", "rate(100 days", "xrate(100 days)", "rate(100 days)x", "rate(100 weeks)", "rate(days)"]) {
            expect(at({ scheduleExpression })).toEqual([]);
        }
        expect(at({ scheduleExpression: 100 })).toEqual([]);
    });
    test("automaticallyAfterDays as a decimal string; it wins over a schedule expression", () => {
        expect(at({ automaticallyAfterDays: "120" })).toEqual([over(120, "rotationRules.automaticallyAfterDays", 90, "high secrets")]);
        expect(at({ automaticallyAfterDays: 30, scheduleExpression: "rate(120 days)" })).toEqual([]);
        expect(at({ automaticallyAfterDays: 1.5 })).toEqual([]);
    });
    test("every rule of a list is judged; the limit itself is within", () => {
        expect(at([{ automaticallyAfterDays: 30 }, { automaticallyAfterDays: 95 }])).toEqual([over(95, "rotationRules.automaticallyAfterDays", 90, "high secrets")]);
        expect(at({ automaticallyAfterDays: 90 }, { criticality: "critical" })).toEqual([]);
        expect(at({ automaticallyAfterDays: 91 }, { criticality: "critical" })).toEqual([over(91, "rotationRules.automaticallyAfterDays", 90, "critical secrets")]);
    });
    test("a criticality the config does not know is held to high; a config without it makes no violation for it", () => {
        expect(at({ automaticallyAfterDays: 120 }, { criticality: "extreme" })).toEqual([over(120, "rotationRules.automaticallyAfterDays", 90, "high secrets")]);
        expect(at({ automaticallyAfterDays: 120 }, { criticality: 5 })).toEqual([over(120, "rotationRules.automaticallyAfterDays", 90, "high secrets")]);
        expect(run([secret(), rotation({ rotationRules: { automaticallyAfterDays: 120 } })], { maxDays: { low: 365 } })).toEqual([]);
    });
    test("a secret not known yet is held to the loosest maximum, and named as any secret", () => {
        expect(run([secret(), rotation({ secretId: WIRE_UNKNOWN, rotationRules: { automaticallyAfterDays: 400 } })]))
            .toEqual(["rotation period of 400 days (rotationRules.automaticallyAfterDays) exceeds the 365-day maximum for any secret @ api-token-rotation"]);
        expect(run([secret(), rotation({ secretId: WIRE_UNKNOWN, rotationRules: { automaticallyAfterDays: 400 } })], { maxDays: { critical: 30, high: 500 } })).toEqual([]);
    });
    test("only SecretRotations are judged, against the stack's Secrets", () => {
        expect(run([secret(), { type: "aws:ssm/parameter:Parameter", name: "p", props: { rotationRules: { automaticallyAfterDays: 400 } } }])).toEqual([]);
        expect(run([{ type: "aws:kms/key:Key", name: "k", props: { name: "prod/api/api-token", tags: { criticality: "low" } } }, rotation({ secretId: "prod/api/api-token", rotationRules: { automaticallyAfterDays: 120 } })]))
            .toEqual(["rotation period of 120 days (rotationRules.automaticallyAfterDays) exceeds the 90-day maximum for high secrets @ api-token-rotation"]);
    });
});
