import * as pulumi from "@pulumi/pulumi";
import { SECRET_GROUP_TYPE } from "./typeTokens";

export { SECRET_GROUP_TYPE };

export interface SecretGroupArgs {
    /** The catalog group (`secrets.<NAME>.group`) whose secrets this component holds. Required. */
    group: string;
}

/** One member of a group, as `check` reports it. */
export interface SecretGroupMember {
    /** What the secret's declaration reports (`SecretDeclaration.report`): never a value. */
    report: pulumi.Inputs;
    /** Every resource that belongs to the secret, its environment fence included. */
    resources: pulumi.Resource[];
}

/**
 * The secrets of one catalog group (`secrets.<NAME>.group`) under `PlatformSecrets`: the parent of
 * their resources, and, per member, its report and the URNs of its resources as outputs. One
 * component per group rather than per secret: the SDK's cost of a component per secret is about
 * 13% of a 1000-secret program's time and peak memory.
 */
export class SecretGroup extends pulumi.ComponentResource {
    readonly group: string;
    private completed = false;

    constructor(name: string, args: SecretGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super(SECRET_GROUP_TYPE, name, {}, opts);
        this.group = args.group;
    }

    /**
     * Registers the members' reports. Call it once, in the same synchronous run that constructed the
     * group (before the SDK registers empty outputs on its own), after the last member resource exists.
     */
    complete(members: Record<string, SecretGroupMember>): void {
        if (this.completed) throw new pulumi.ResourceError(`SecretGroup ${this.group}: its members were already registered`, this);
        this.completed = true;
        this.registerOutputs({
            group: this.group,
            secrets: Object.fromEntries(Object.entries(members).map(([secretName, m]) => [secretName, {
                ...m.report,
                resources: m.resources.map((r) => r.urn),
            }])),
        });
    }
}
