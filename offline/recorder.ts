import type {
    RegisterResourceOutputsRequest,
    RegisterResourceRequest,
    RegisterResourceResponse,
} from "@pulumi/pulumi/proto/resource_pb";

/**
 * Taps the SDK's mock monitor so that every registration is seen exactly as the engine
 * would see it: URN, parent, provider reference, `protect`, `retainOnDelete`, `ignoreChanges`,
 * `additionalSecretOutputs`, and inputs with their secret markers still in place. `setMocks`'
 * own `newResource` hook receives none of these options (its `MockResourceArgs` carry only
 * type, name, inputs, provider, custom, id and transforms), and its inputs have already lost
 * the secret markers.
 */

/** Signature keys of the Pulumi wire format (sdk/nodejs/runtime/rpc.ts). */
export const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_REF_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const WIRE_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const REDACTED = "[secret]";
export const UNKNOWN_TEXT = "[unknown]";

export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    custom: boolean;
    /** URN of the parent, `null` at the root. */
    parent: string | null;
    /** Provider reference `urn::id`, `null` for the default provider. */
    provider: string | null;
    protect: boolean;
    retainOnDelete: boolean;
    /** Input property paths whose changes the engine ignores (`ignoreChanges`). */
    ignoreChanges: string[];
    /** Output properties the engine stores as secrets (`additionalSecretOutputs`). */
    additionalSecretOutputs: string[];
    /**
     * URNs of the custom resources it waits for, as the engine receives them (`dependsOn` on a
     * component is expanded to the component's custom descendants).
     */
    dependencies?: string[];
    /** Per input property, the URNs of the resources its value came from (`secretId: secret.id` names the secret). */
    propertyDependencies?: Record<string, string[]>;
    /** `deleteBeforeReplace`, when set: a replacement deletes the old resource before creating the new one. */
    deleteBeforeReplace?: boolean;
    /** The `replacementTrigger` resource option in wire form, when set. */
    replacementTrigger?: unknown;
    /** Inputs in wire form: secrets are `{ [SPECIAL_SIG_KEY]: SECRET_SIG, value }`. */
    wireInputs: Record<string, unknown>;
    /** For components: what `registerOutputs` reported, in wire form. */
    wireOutputs?: Record<string, unknown>;
}

/** How a monitor answers: an error, or the response (the SDK's gRPC callback shape). */
export type MonitorCallback<T> = (err: unknown, resp?: T) => void;

/** The two calls of the resource monitor the recorder taps, with the SDK's request types. */
export interface MonitorLike {
    registerResource(req: RegisterResourceRequest, callback: MonitorCallback<RegisterResourceResponse>): unknown;
    registerResourceOutputs(req: RegisterResourceOutputsRequest, callback: MonitorCallback<unknown>): unknown;
}

/** The SDK's `MockMonitor`, as `pulumi.runtime.getMonitor()` returns it after `setMocks`. */
export interface MockMonitorLike extends MonitorLike {
    /** How the mock monitor forms URNs; replaceable (`engineUrn`). */
    newUrn(parent: string | undefined, type: string, name: string): string;
}

/**
 * The monitor the SDK uses, checked to be a mock monitor (`pulumi.runtime.setMocks` was called).
 * Throws otherwise: a real engine's monitor must never be tapped or have its URNs replaced.
 */
export function mockMonitor(monitor: unknown): MockMonitorLike {
    const m = monitor as Partial<Record<keyof MockMonitorLike, unknown>> | null | undefined;
    if (typeof m !== "object" || m === null
        || typeof m.registerResource !== "function"
        || typeof m.registerResourceOutputs !== "function"
        || typeof m.newUrn !== "function") {
        throw new Error("the Pulumi SDK has no mock monitor: call pulumi.runtime.setMocks before recording registrations");
    }
    return m as MockMonitorLike;
}

/** The request's property dependencies as the pack host reads them (server.js `getPropertyDependencies`). */
function propertyDependenciesOf(req: RegisterResourceRequest): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    const map = req.getPropertydependenciesMap?.();
    map?.forEach((value, key) => { out[key] = value.getUrnsList(); });
    return out;
}

export class RegistrationRecorder {
    readonly resources: RecordedResource[] = [];
    /** Registrations the real engine would refuse (a URN registered twice), as its messages. */
    readonly refused: string[] = [];
    private readonly byUrn = new Map<string, RecordedResource>();

    /** Wraps the monitor in place; returns the recorder. Call right after `setMocks`. */
    static attach(monitor: MonitorLike): RegistrationRecorder {
        const recorder = new RegistrationRecorder();
        const register = monitor.registerResource.bind(monitor);
        monitor.registerResource = (req: RegisterResourceRequest, callback: MonitorCallback<RegisterResourceResponse>) =>
            register(req, (err, resp) => {
                if (!err && resp && recorder.byUrn.has(resp.getUrn())) {
                    // The engine refuses a second registration of a URN, and so does check.
                    const message = `Duplicate resource URN '${resp.getUrn()}'; try giving it a unique name`;
                    recorder.refused.push(message);
                    callback(Object.assign(new Error(message), { code: 2, details: message }), undefined);
                    return;
                }
                if (!err && resp) {
                    recorder.add({
                        urn: resp.getUrn(),
                        type: req.getType(),
                        name: req.getName(),
                        custom: req.getCustom(),
                        parent: req.getParent() || null,
                        provider: req.getProvider() || null,
                        protect: req.getProtect() === true,
                        retainOnDelete: req.getRetainondelete() === true,
                        ignoreChanges: req.getIgnorechangesList?.() ?? [],
                        additionalSecretOutputs: req.getAdditionalsecretoutputsList?.() ?? [],
                        dependencies: req.getDependenciesList?.() ?? [],
                        propertyDependencies: propertyDependenciesOf(req),
                        wireInputs: req.getObject()?.toJavaScript() ?? {},
                        ...(req.getDeletebeforereplace?.() ? { deleteBeforeReplace: true } : {}),
                        ...(req.getReplacementTrigger?.() ? { replacementTrigger: req.getReplacementTrigger()?.toJavaScript() } : {}),
                    });
                }
                callback(err, resp);
            });
        const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
        monitor.registerResourceOutputs = (req: RegisterResourceOutputsRequest, callback: MonitorCallback<unknown>) => {
            const resource = recorder.byUrn.get(req.getUrn());
            if (resource) {
                resource.wireOutputs = req.getOutputs()?.toJavaScript() ?? {};
            }
            return registerOutputs(req, callback);
        };
        return recorder;
    }

    private add(resource: RecordedResource): void {
        this.resources.push(resource);
        this.byUrn.set(resource.urn, resource);
    }

    get(urn: string): RecordedResource | undefined {
        return this.byUrn.get(urn);
    }

    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** Every resource below `urn` in the parent tree, excluding `urn` itself. */
    descendants(urn: string): RecordedResource[] {
        const below = new Set([urn]);
        const found: RecordedResource[] = [];
        // Registration order puts parents before children, so one pass suffices.
        for (const r of this.resources) {
            if (r.parent && below.has(r.parent)) {
                below.add(r.urn);
                found.push(r);
            }
        }
        return found;
    }
}

function isSpecial(value: unknown, sig: string): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SPECIAL_SIG_KEY] === sig;
}

/** The wire value with every secret replaced by `"[secret]"` and unknowns by `"[unknown]"`: safe to print. */
export function redact(value: unknown): unknown {
    if (isSpecial(value, SECRET_SIG)) return REDACTED;
    if (isSpecial(value, RESOURCE_REF_SIG)) return value.urn;
    if (value === WIRE_UNKNOWN) return UNKNOWN_TEXT;
    if (Array.isArray(value)) return value.map(redact);
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
    }
    return value;
}

/**
 * The wire value as a program would see it, secrets unwrapped and unknowns `undefined`.
 * For evaluating policies in-process; never print the result.
 */
export function reveal(value: unknown): unknown {
    if (isSpecial(value, SECRET_SIG)) return reveal(value.value);
    if (isSpecial(value, RESOURCE_REF_SIG)) return value.urn;
    if (value === WIRE_UNKNOWN) return undefined;
    if (Array.isArray(value)) return value.map(reveal);
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
    }
    return value;
}

/** Whether the wire value is, or contains, a secret. */
export function containsSecret(value: unknown): boolean {
    if (isSpecial(value, SECRET_SIG)) return true;
    if (Array.isArray(value)) return value.some(containsSecret);
    if (typeof value === "object" && value !== null) return Object.values(value).some(containsSecret);
    return false;
}
