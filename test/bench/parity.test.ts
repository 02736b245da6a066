import * as pulumi from "@pulumi/pulumi";
import { generateSecrets } from "../../bench/catalog";
import { declareNaive } from "../../bench/naive";
import { prepareModule } from "../../bench/module";
import { mockState } from "../../offline/mockState";
import { RegistrationRecorder, reveal } from "../../offline/recorder";

/**
 * The benchmark's baseline must declare what the module declares, rotation included (second
 * random resource for two-slot secrets, keepers, rotation tags), or the comparison is unfair.
 */

async function declared(program: () => void): Promise<Array<[string, string, unknown]>> {
    pulumi.runtime.setMocks({
        newResource: (args) => mockState(args, { defaultRegion: "us-east-1" }),
        call: (args) => { throw new Error(`unexpected call to ${args.token}`); },
    }, "platform-secrets", "prod", true);
    const recorder = RegistrationRecorder.attach(pulumi.runtime.getMonitor() as any);
    program();
    await (pulumi.runtime as any).waitForRPCs();
    return recorder.resources.filter((r) => r.custom)
        .map((r): [string, string, unknown] => [r.type, r.name, reveal(r.wireInputs)])
        .sort(([t1, n1], [t2, n2]) => `${t1}${n1}`.localeCompare(`${t2}${n2}`));
}

test("naive and module declare the same custom resources with the same inputs", async () => {
    const secrets = generateSecrets(40);
    expect(secrets.filter((s) => s.keepPrevious).length).toBeGreaterThanOrEqual(8);
    const naive = await declared(() => declareNaive(secrets));
    const module = await declared(prepareModule(secrets, "none"));
    expect(naive.filter(([, name]) => name.endsWith("-value-b")).length).toBe(secrets.filter((s) => s.keepPrevious).length);
    expect(module.map(([type, name]) => `${type} ${name}`)).toEqual(naive.map(([type, name]) => `${type} ${name}`));
    expect(module).toEqual(naive);
});
