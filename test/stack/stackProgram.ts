import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Output } from "@pulumi/pulumi/output";
import { loadProgramConfig, patchSecretGetters } from "../../offline/config";
import { Harness, setupHarness } from "../harness";

export const ROOT = path.resolve(__dirname, "../..");

/**
 * Runs this repository's `index.ts` for a stack, with the configuration the CLI would give
 * it from `Pulumi.yaml` and `Pulumi.<stack>.yaml`; `secure:` values are unknown secrets.
 */
export async function runStackProgram(stack: string): Promise<{ harness: Harness; program: any }> {
    const loaded = loadProgramConfig({ programDir: ROOT, stack });
    const harness = setupHarness({ stack, qualifiedConfig: loaded.config, qualifiedSecretKeys: loaded.secretKeys, preview: true });
    patchSecretGetters({ Config: pulumi.Config as any, Output: (pulumi as any).Output ?? Output }, loaded.secretKeys);
    // Loaded once the mocks are set: the program registers its resources as it loads.
    const program = await import("../../index");
    await harness.settle();
    return { harness, program };
}
