import * as path from "path";
import { Secret } from "@pulumi/policy";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { POLICIES } from "../../policies/all";
import devPack from "../../policies/config/dev.json";
import prodPack from "../../policies/config/prod.json";
import { PolicyError, defaultPackConfigFile, effectivePolicies, evaluatePolicies, policyProps, policySection } from "../../offline/policies";
import { RESOURCE_REF_SIG, RecordedResource, RegistrationRecorder, SECRET_SIG, SPECIAL_SIG_KEY, WIRE_UNKNOWN } from "../../offline/recorder";
import { CheckReport } from "../../offline/report";

/** The pack inside `check`: config resolution, props as the analyzer sees them, evaluation. */

const STACK = "urn:pulumi:prod::p::pulumi:pulumi:Stack::p-prod";
const secretWire = (value: unknown) => ({ [SPECIAL_SIG_KEY]: SECRET_SIG, value });

function recorded(type: string, name: string, wireInputs: Record<string, unknown>, extra: Partial<RecordedResource> = {}): RecordedResource {
    return { urn: `urn:pulumi:prod::p::${type}::${name}`, type, name, custom: true, parent: STACK, provider: null, protect: false, retainOnDelete: false, ignoreChanges: [], additionalSecretOutputs: [], wireInputs, ...extra };
}
const stack: RecordedResource = { urn: STACK, type: "pulumi:pulumi:Stack", name: "p-prod", custom: false, parent: null, provider: null, protect: false, retainOnDelete: false, ignoreChanges: [], additionalSecretOutputs: [], wireInputs: {} };

const probe: ResourceValidationPolicy = {
    name: "probe", description: "records what it is given", enforcementLevel: "advisory",
    configSchema: { properties: { environment: { type: "string" }, now: { type: "string" }, limit: { type: "integer", default: 3 } } },
    validateResource: (args, report) => {
        if (args.type !== "test:index:Thing") return;
        report(JSON.stringify({ config: args.getConfig(), protect: args.opts.protect, retain: (args.opts as any).retainOnDelete, provider: args.provider?.props.namespace }));
    },
};
const stackProbe: StackValidationPolicy = {
    name: "stack-probe", description: "reports the stack once", enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        report(`${args.resources.length} resources`);
        report("about the first", args.resources[0].urn);
    },
};

describe("effectivePolicies", () => {
    const run = { environment: "prod", now: new Date("2026-11-24T00:00:00Z") };
    const levels = (pack: Record<string, unknown>) => effectivePolicies([probe, stackProbe], pack, run, "pack.json").map((e) => e.level);

    test("the policy's own level, then `all`, then the policy's entry", () => {
        expect(levels({})).toEqual(["advisory", "mandatory"]);
        expect(levels({ all: "disabled" })).toEqual(["disabled", "disabled"]);
        expect(levels({ all: { enforcementLevel: "advisory" }, probe: "mandatory" })).toEqual(["mandatory", "advisory"]);
        expect(levels({ all: "mandatory", probe: { enforcementLevel: "advisory", limit: 5 } })).toEqual(["advisory", "mandatory"]);
        expect(effectivePolicies([{ ...probe, enforcementLevel: undefined }], {}, run, "x")[0].level).toBe("advisory");
    });
    test("config: the schema's defaults under the entry's properties, the run's environment and time where the schema has them", () => {
        const [p, s] = effectivePolicies([probe, stackProbe], { probe: { enforcementLevel: "mandatory", limit: 5 } }, run, "pack.json");
        expect(p.config).toEqual({ limit: 5, environment: "prod", now: "2026-11-24T00:00:00.000Z" });
        expect(s.config).toEqual({});
        const [given] = effectivePolicies([probe], { probe: { environment: "staging", now: "2030-01-01T00:00:00Z" } }, { ...run, environment: null }, "x");
        expect(given.config).toEqual({ limit: 3, environment: "staging", now: "2030-01-01T00:00:00Z" });
        const [none] = effectivePolicies([probe], {}, { ...run, environment: null }, "x");
        expect(none.config).toEqual({ limit: 3, now: "2026-11-24T00:00:00.000Z" });
    });
    test("mistakes in the pack config are errors that name the file", () => {
        expect(() => levels({ nope: "mandatory" })).toThrow(new PolicyError('pack.json: no policy named "nope" in the pack'));
        expect(() => levels({ probe: "strict" })).toThrow(new PolicyError('pack.json: probe: enforcementLevel "strict" is not one of advisory, mandatory, remediate, disabled'));
        expect(() => levels({ all: { enforcementLevel: 3 } })).toThrow(new PolicyError("pack.json: all: enforcementLevel 3 is not one of advisory, mandatory, remediate, disabled"));
        expect(() => levels({ probe: { limt: 1 } })).toThrow(new PolicyError("pack.json: probe.limt is not a configuration property of this policy"));
    });
    test("the shipped configs name only policies of the pack", () => {
        for (const [file, pack] of [["dev.json", devPack], ["prod.json", prodPack]] as const) {
            expect(() => effectivePolicies(POLICIES, pack, run, file)).not.toThrow();
        }
        expect(effectivePolicies(POLICIES, prodPack, run, "prod").every((e) => e.level === "mandatory")).toBe(true);
    });
});

test("defaultPackConfigFile: prod.json for production environments, dev.json otherwise", () => {
    expect(path.basename(defaultPackConfigFile("prod", ["prod"]))).toBe("prod.json");
    expect(path.basename(defaultPackConfigFile("live", ["live"]))).toBe("prod.json");
    expect(path.basename(defaultPackConfigFile("prod", ["live"]))).toBe("dev.json");
    expect(path.basename(defaultPackConfigFile(null, ["prod"]))).toBe("dev.json");
});

test("policyProps: secrets kept as Secret values, references as URNs, unknowns as the sentinel", () => {
    const props = policyProps({
        a: secretWire("s"), b: [{ [SPECIAL_SIG_KEY]: RESOURCE_REF_SIG, urn: "urn:x" }], c: WIRE_UNKNOWN, d: { e: 1, f: undefined }, g: null,
    }) as Record<string, any>;
    expect(props.a).toBeInstanceOf(Secret);
    expect(props.a.value).toBe("s");
    expect(props).toEqual({ a: expect.anything(), b: ["urn:x"], c: WIRE_UNKNOWN, d: { e: 1 }, g: null });
});

describe("evaluatePolicies", () => {
    const provider = recorded("pulumi:providers:kubernetes", "k8s", { namespace: "shop-prod" }, { urn: "urn:pulumi:prod::p::pulumi:providers:kubernetes::k8s" });
    const thing = recorded("test:index:Thing", "a", { x: 1 }, { protect: true, retainOnDelete: true, provider: `${provider.urn}::0000-fake-id` });
    const other = recorded("test:index:Thing", "b", {});
    const effective = (pack: Record<string, unknown>) => effectivePolicies([probe, stackProbe], pack, { environment: "prod", now: new Date("2026-11-24T00:00:00Z") }, "x");

    test("resource policies per resource with options and provider; stack policies once, on the Stack's URN by default", () => {
        const violations = evaluatePolicies([stack, provider, thing, other], effective({}));
        expect(violations).toEqual([
            { policy: "probe", enforcementLevel: "advisory", urn: thing.urn, message: JSON.stringify({ config: { limit: 3, environment: "prod", now: "2026-11-24T00:00:00.000Z" }, protect: true, retain: true, provider: "shop-prod" }) },
            { policy: "probe", enforcementLevel: "advisory", urn: other.urn, message: JSON.stringify({ config: { limit: 3, environment: "prod", now: "2026-11-24T00:00:00.000Z" }, protect: false, retain: false }) },
            { policy: "stack-probe", enforcementLevel: "mandatory", urn: STACK, message: "4 resources" },
            { policy: "stack-probe", enforcementLevel: "mandatory", urn: STACK, message: "about the first" },
        ]);
    });
    test("stack policies get dependencies and propertyDependencies as resource objects, as the pack host gives them", () => {
        const seen: string[] = [];
        const deps: StackValidationPolicy = {
            name: "deps", description: "records the dependencies", enforcementLevel: "advisory",
            validateStack: (args) => {
                for (const r of args.resources) {
                    const byKey = Object.entries(r.propertyDependencies).map(([k, v]) => `${k}=${v.map((d) => d.name).join("+")}`);
                    seen.push(`${r.name}: [${r.dependencies.map((d) => d.name).join(", ")}] {${byKey.join(", ")}} ${r.dependencies.every((d) => args.resources.includes(d))}`);
                }
            },
        };
        const user = recorded("test:index:Thing", "c", {}, { dependencies: [thing.urn, "urn:pulumi:prod::p::test:index:Thing::gone"], propertyDependencies: { x: [thing.urn, other.urn], y: [] } });
        evaluatePolicies([thing, other, user], effectivePolicies([deps], {}, { environment: null, now: new Date() }, "x"));
        expect(seen).toEqual(["a: [] {} true", "b: [] {} true", "c: [a] {x=a+b, y=} true"]);
    });
    test("disabled policies do not run", () => {
        expect(evaluatePolicies([stack, thing], effective({ all: "disabled" }))).toEqual([]);
    });
    test("notApplicable is no violation; any other error names the policy and the resource", () => {
        const skip: ResourceValidationPolicy = { name: "skip", description: "d", validateResource: (args) => args.notApplicable("n/a") };
        const skipStack: StackValidationPolicy = { name: "skip-stack", description: "d", validateStack: (args) => args.notApplicable() };
        expect(evaluatePolicies([stack, thing], effectivePolicies([skip, skipStack], {}, { environment: null, now: new Date() }, "x"))).toEqual([]);
        const broken: ResourceValidationPolicy = { name: "broken", description: "d", validateResource: () => { throw new Error("boom"); } };
        expect(() => evaluatePolicies([thing], effectivePolicies([broken], {}, { environment: null, now: new Date() }, "x")))
            .toThrow(new PolicyError(`policy broken failed on ${thing.urn}: boom`));
        const brokenStack: StackValidationPolicy = { name: "broken-stack", description: "d", validateStack: () => { throw "bad"; } };
        expect(() => evaluatePolicies([stack], effectivePolicies([brokenStack], {}, { environment: null, now: new Date() }, "x")))
            .toThrow(new PolicyError(`policy broken-stack failed on ${STACK}: bad`));
    });
    test("unknown inputs reach the pack's policies without an error or a violation", () => {
        const unknowns = [
            recorded("aws:secretsmanager/secret:Secret", "s", { name: WIRE_UNKNOWN, kmsKeyId: WIRE_UNKNOWN, tags: WIRE_UNKNOWN, replicas: WIRE_UNKNOWN, recoveryWindowInDays: WIRE_UNKNOWN }, { protect: true }),
            recorded("random:index/randomBytes:RandomBytes", "r", { length: WIRE_UNKNOWN, keepers: WIRE_UNKNOWN }),
            recorded("aws:iam/policy:Policy", "i", { policy: WIRE_UNKNOWN }),
            recorded("kubernetes:rbac.authorization.k8s.io/v1:Role", "k", { metadata: WIRE_UNKNOWN, rules: WIRE_UNKNOWN }),
            recorded("kubernetes:core/v1:Secret", "ks", { metadata: { namespace: WIRE_UNKNOWN }, stringData: secretWire(WIRE_UNKNOWN) }),
            recorded("aws:secretsmanager/secretVersion:SecretVersion", "v", { secretString: secretWire(WIRE_UNKNOWN) }),
            recorded("aws:cloudtrail/trail:Trail", "t", { s3BucketName: WIRE_UNKNOWN, enableLogging: WIRE_UNKNOWN, eventSelectors: WIRE_UNKNOWN }),
            recorded("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "l", { bucket: WIRE_UNKNOWN, rules: WIRE_UNKNOWN }),
        ];
        const pack = effectivePolicies(POLICIES, prodPack, { environment: "prod", now: new Date("2026-11-24T00:00:00Z") }, "prod.json");
        expect(evaluatePolicies([stack, ...unknowns], pack)).toEqual([]);
    });
});

test("policySection: the file for the program's environment unless a config is given", () => {
    const recorder = new RegistrationRecorder();
    recorder.resources.push(stack, recorded("random:index/randomPassword:RandomPassword", "pw", { length: 32 }));
    const report = (environment: string | null): CheckReport => ({ project: "p", stack: "s", environment, resources: [], secrets: [], access: [], violations: [] });
    const ctx = (config: Record<string, string> = {}, policyConfig?: Record<string, unknown>) => ({
        project: "p", stack: "s", recorder, stackOutputs: {}, config, secretKeys: [], now: new Date("2026-11-24T00:00:00Z"), policyConfig,
    });
    const levels = (c: ReturnType<typeof ctx>, environment: string | null) => {
        const r = report(environment);
        policySection()(c, r);
        return r.violations.map((v) => `${v.policy}:${v.enforcementLevel}`);
    };
    expect(levels(ctx(), "prod")).toEqual(["secret-rotation-required:mandatory"]);
    expect(levels(ctx(), "dev")).toEqual(["secret-rotation-required:advisory"]);
    expect(levels(ctx({ "p:productionEnvironments": '["live"]' }), "live")).toEqual(["secret-rotation-required:mandatory"]);
    expect(levels(ctx({ "p:productionEnvironments": '["live"]' }), "prod")).toEqual(["secret-rotation-required:advisory"]);
    expect(levels(ctx({ "p:productionEnvironments": "not json" }), "prod")).toEqual(["secret-rotation-required:mandatory"]);
    expect(levels(ctx({}, { "secret-rotation-required": "disabled" }), "prod")).toEqual([]);
    expect(() => levels(ctx({}, { typo: "mandatory" }), "prod")).toThrow('--policy-config: no policy named "typo" in the pack');
});
