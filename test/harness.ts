import * as pulumi from "@pulumi/pulumi";
import { mockState } from "../offline/mockState";
import { RecordedResource, RegistrationRecorder, redact, reveal } from "../offline/recorder";
import { invokeResult } from "../offline/mocks";

export const PROJECT = "platform-secrets";

/** Resource types a test expects; anything else is a bug and fails the registration. */
export const DEFAULT_ALLOWED = /^(random:|aws:|vault:|kubernetes:|platform-secrets:|pulumi:pulumi:Stack$|pulumi:providers:)/;

export interface HarnessOptions {
    stack?: string;
    /** Stack config, `platform-secrets:` keys without the namespace; objects are JSON-encoded as the CLI does. */
    config?: Record<string, unknown>;
    /** Keys (without namespace) that the CLI would mark secret. */
    secretKeys?: string[];
    /** Config exactly as the CLI passes it (`namespace:key` to string), e.g. from `loadProgramConfig`. */
    qualifiedConfig?: Record<string, string>;
    /** Secret keys of `qualifiedConfig`, fully qualified. */
    qualifiedSecretKeys?: string[];
    allowedTypes?: RegExp;
    preview?: boolean;
    /**
     * Generated values (random resources) seeded by their keepers too, not by their name alone: a
     * rotation (new keepers) then yields a new value, as the engine's replacement would. @default false
     */
    valuesFollowKeepers?: boolean;
}

export interface Harness {
    recorder: RegistrationRecorder;
    /** Waits until every registration the program started has completed. */
    settle(): Promise<void>;
    ofType(type: string): RecordedResource[];
    /** The one resource of `type` whose name ends with `suffix`; throws otherwise. */
    one(type: string, suffix?: string): RecordedResource;
    /** Inputs as the provider would receive them (secrets unwrapped): assertions only, never printed. */
    inputs(resource: RecordedResource): Record<string, any>;
    /** Inputs with secrets replaced by "[secret]". */
    redacted(resource: RecordedResource): Record<string, any>;
}

/**
 * Mocks the engine for one test file. Registrations are recorded with their options;
 * unexpected resource types and any provider function call throw.
 */
const ACCOUNT_INVOKES = ["aws:index/getCallerIdentity:getCallerIdentity", "aws:index/getPartition:getPartition"];

export function setupHarness(options: HarnessOptions = {}): Harness {
    const stack = options.stack ?? "test";
    const allowed = options.allowedTypes ?? DEFAULT_ALLOWED;
    const config = Object.fromEntries(Object.entries(options.config ?? {}).map(([k, v]) => [
        `${PROJECT}:${k}`, typeof v === "string" ? v : JSON.stringify(v),
    ]));
    pulumi.runtime.setAllConfig({ ...options.qualifiedConfig, ...config }, [
        ...(options.qualifiedSecretKeys ?? []), ...(options.secretKeys ?? []).map((k) => `${PROJECT}:${k}`),
    ]);
    pulumi.runtime.setMocks({
        newResource(args) {
            if (!allowed.test(args.type)) {
                throw new Error(`unexpected resource ${args.type} "${args.name}"`);
            }
            const seeded = options.valuesFollowKeepers && args.type.startsWith("random:")
                ? { ...args, name: `${args.name}|${JSON.stringify(args.inputs.keepers ?? {})}` }
                : args;
            return mockState(seeded, { defaultRegion: "us-east-1" });
        },
        call(args) {
            // The account and partition (the audit trail's bucket policy names them), as check's mocks answer.
            if (ACCOUNT_INVOKES.includes(args.token)) return invokeResult(args, { defaultRegion: "us-east-1" });
            throw new Error(`unexpected call to ${args.token}`);
        },
    }, PROJECT, stack, options.preview ?? false);
    const recorder = RegistrationRecorder.attach(pulumi.runtime.getMonitor() as any);
    const ofType = (type: string) => recorder.ofType(type);
    return {
        recorder,
        settle: async () => {
            await (pulumi.runtime as any).waitForRPCs();
        },
        ofType,
        one(type, suffix = "") {
            const found = ofType(type).filter((r) => r.name.endsWith(suffix));
            if (found.length !== 1) {
                throw new Error(`expected one ${type} named *${suffix}, found ${found.map((r) => r.name).join(", ") || "none"}`);
            }
            return found[0];
        },
        inputs: (r) => reveal(r.wireInputs) as Record<string, any>,
        redacted: (r) => redact(r.wireInputs) as Record<string, any>,
    };
}

/**
 * The value of an Output, for assertions, read through the public `apply`. An unknown Output
 * (a preview value the engine does not know yet) never runs `apply`, so this never resolves
 * for one: the test times out rather than seeing a made-up value.
 */
export function unwrap<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => {
        resolve(v);
        return v;
    }));
}

