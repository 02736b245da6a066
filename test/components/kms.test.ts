import { PlatformSecrets } from "../../components/platformSecrets";
import { setupHarness } from "../harness";

/** The key the module creates, for stacks without replica regions. */

const KEY = "aws:kms/key:Key";

test("the module's key is multi-Region even without replicas, so adding a replica region later never replaces it", async () => {
    const h = setupHarness({ stack: "dev" });
    new PlatformSecrets("solo", {
        environment: "dev",
        stores: { aws: { region: "eu-west-1" } },
        secrets: { API_TOKEN: { kind: "token" } },
    });
    await h.settle();
    expect(h.inputs(h.one(KEY))).toMatchObject({ multiRegion: true, region: "eu-west-1", enableKeyRotation: true });
    expect(h.ofType("aws:kms/replicaKey:ReplicaKey")).toEqual([]);
});
