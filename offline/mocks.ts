import type { MockCallArgs, MockResourceArgs, Mocks } from "@pulumi/pulumi/runtime/mocks";
import { FAKE_ACCOUNT_ID, mockState } from "./mockState";

/**
 * The engine's side of an offline run: every resource "creates" with realistic, repeatable
 * ids and outputs, and the few invokes programs commonly make return what AWS would.
 * Any other invoke returns `{}`: the program sees empty results rather than failing, as a
 * check that needs no cloud account must not depend on data sources.
 */
export interface OfflineMockOptions {
    /** Region of the default AWS provider (`aws:region`). */
    defaultRegion: string;
    /** See MockContext.freshValues. @default false */
    freshValues?: boolean;
}

const PARTITION = { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };

function regionResult(region: string) {
    return { name: region, region, id: region, description: region, endpoint: `ec2.${region}.amazonaws.com` };
}

export function invokeResult(args: Pick<MockCallArgs, "token" | "inputs">, options: OfflineMockOptions): Record<string, unknown> {
    switch (args.token) {
        case "aws:index/getCallerIdentity:getCallerIdentity":
            return {
                accountId: FAKE_ACCOUNT_ID,
                arn: `arn:aws:iam::${FAKE_ACCOUNT_ID}:user/offline-check`,
                userId: "AIDAOFFLINECHECKEXAMPLE",
                id: FAKE_ACCOUNT_ID,
            };
        case "aws:index/getRegion:getRegion": {
            const asked = args.inputs?.region ?? args.inputs?.name;
            return regionResult(typeof asked === "string" ? asked : options.defaultRegion);
        }
        case "aws:index/getPartition:getPartition":
            return PARTITION;
        default:
            return {};
    }
}

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * URNs as the engine forms them: the parent's whole type chain, without the root Stack
 * (`urn:pulumi:prod::proj::my:Component$aws:s3/bucket:Bucket::name`). The mock monitor keeps
 * only the parent's last type and includes the Stack, so its URNs match no real preview.
 */
export function engineUrn(stack: string, project: string) {
    return (parent: string | undefined, type: string, name: string): string => {
        const parentType = parent ? parent.split("::")[2] : undefined;
        const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
        return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
    };
}

export function offlineMocks(options: OfflineMockOptions): Mocks {
    return {
        newResource: (args: MockResourceArgs) => mockState(args, { defaultRegion: options.defaultRegion, freshValues: options.freshValues }),
        call: (args: MockCallArgs) => invokeResult(args, options),
    };
}
