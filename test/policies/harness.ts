import { Secret, unknownCheckingProxy } from "@pulumi/policy";
import type { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { SECRETS_VISIBLE } from "../../policies/lib/values";

/**
 * Calls policies as the pack host does (server.js): props behind `unknownCheckingProxy`, which
 * throws on any unknown read, so a policy that touches an unknown value fails its test.
 */

/** The engine's sentinel for an unknown value in a preview. */
export { WIRE_UNKNOWN } from "../../offline/recorder";

export interface Res {
    type: string;
    props: Record<string, unknown>;
    name?: string;
    urn?: string;
    protect?: boolean;
    retainOnDelete?: boolean;
    provider?: Record<string, unknown>;
    /** Per property, the names of the resources (of the same call) its value came from. */
    propertyDependencies?: Record<string, string[]>;
}

const urnOf = (r: Res) => r.urn ?? `urn:pulumi:test::proj::${r.type}::${r.name ?? "fixture"}`;

function options(r: Res) {
    return {
        protect: r.protect ?? false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        ...(r.retainOnDelete !== undefined ? { retainOnDelete: r.retainOnDelete } : {}),
    };
}

/** The resource's provider, as the pack host hands it to policies (a Kubernetes provider with these props). */
const providerOf = (r: Res) => r.provider ? { type: "pulumi:providers:kubernetes", props: r.provider, urn: "urn:provider", name: "p", opts: options(r) } : undefined;

/** Messages a resource policy reports for one resource. */
export function violations(policy: ResourceValidationPolicy, r: Res, config: Record<string, unknown> = {}): string[] {
    const messages: string[] = [];
    const props = unknownCheckingProxy(r.props);
    const validations = [policy.validateResource!].flat();
    for (const validate of validations) {
        void validate({
            type: r.type, props, urn: urnOf(r), name: r.name ?? "fixture", opts: options(r),
            provider: providerOf(r),
            stackTags: new Map(),
            isType: () => false, asType: () => undefined,
            getConfig: <T extends object>() => config as T,
            notApplicable: (reason?: string) => { throw new Error(`notApplicable: ${reason}`); },
        } as any, (message: string) => messages.push(message));
    }
    return messages;
}

/** Violations a stack policy reports, as `message @ name` (or `message` for the stack itself). */
export function stackViolations(policy: StackValidationPolicy, resources: Res[], config: Record<string, unknown> = {}): string[] {
    const out: string[] = [];
    const byUrn = new Map(resources.map((r) => [urnOf(r), r]));
    const given = resources.map((r): PolicyResource => ({
        type: r.type, props: unknownCheckingProxy(r.props), urn: urnOf(r), name: r.name ?? "fixture", opts: options(r),
        dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined,
        provider: providerOf(r),
    } as any));
    // As the pack host does: dependencies are the resource objects themselves.
    resources.forEach((r, i) => {
        given[i].propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies ?? {})
            .map(([k, names]) => [k, given.filter((g) => names.includes(g.name))]));
    });
    void policy.validateStack({
        resources: given,
        stackTags: new Map(),
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string) => { throw new Error(`notApplicable: ${reason}`); },
    }, (message: string, urn?: string) => out.push(urn ? `${message} @ ${byUrn.get(urn)?.name}` : message));
    return out;
}

/** Props as `check` builds them: secrets as `Secret`, with the marker that secretness is visible. */
export function withSecretMarkers(props: Record<string, unknown>): Record<string, unknown> {
    return Object.assign(props, { [SECRETS_VISIBLE]: true });
}

export const secret = (value: unknown) => new Secret(value);
