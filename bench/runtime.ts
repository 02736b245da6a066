import * as pulumi from "@pulumi/pulumi";

/**
 * `pulumi.runtime.waitForRPCs`: exported by the SDK's runtime (runtime/settings.js) but not in its
 * typings. Resolves once every registration the program started has completed.
 */
export function waitForRPCs(): Promise<void> {
    const runtime = pulumi.runtime as typeof pulumi.runtime & { waitForRPCs?: () => Promise<void> };
    if (typeof runtime.waitForRPCs !== "function") throw new Error("@pulumi/pulumi: runtime.waitForRPCs is missing from this SDK version");
    return runtime.waitForRPCs();
}
