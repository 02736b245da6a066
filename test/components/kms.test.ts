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

describe("a key the user brings, with a replica region", () => {
    const SECRET = "aws:secretsmanager/secret:Secret";
    const build = async (kmsKeyId: string) => {
        const h = setupHarness({ stack: "prod" });
        new PlatformSecrets("brought", {
            environment: "prod",
            stores: { aws: { region: "us-east-1", replicaRegions: ["eu-west-1"], kmsKeyId } },
            consumers: { api: { namespace: "shop-prod", serviceAccount: "api", awsRoleName: "shop-prod-api" } },
            secrets: { API_TOKEN: { kind: "token", consumers: ["api"] } },
        });
        await h.settle();
        return h;
    };

    test("a multi-Region key ARN: each replica is encrypted by the key's replica in its own region, and only those are granted", async () => {
        const mrk = (r: string) => `arn:aws:kms:${r}:123456789012:key/mrk-0123456789abcdef0123456789abcdef`;
        const h = await build(mrk("us-east-1"));
        expect(h.ofType(KEY)).toEqual([]);
        expect(h.inputs(h.one(SECRET))).toMatchObject({ kmsKeyId: mrk("us-east-1"), replicas: [{ region: "eu-west-1", kmsKeyId: mrk("eu-west-1") }] });
        const policy = JSON.parse(h.inputs(h.one("aws:iam/policy:Policy")).policy);
        expect(policy.Statement[1].Resource).toEqual([mrk("eu-west-1"), mrk("us-east-1")]);
    });

    test("an alias: the alias in each region, and the grant restricted to keys carrying it", async () => {
        const h = await build("alias/fake-secrets");
        expect(h.inputs(h.one(SECRET))).toMatchObject({ kmsKeyId: "alias/fake-secrets", replicas: [{ region: "eu-west-1", kmsKeyId: "alias/fake-secrets" }] });
        const policy = JSON.parse(h.inputs(h.one("aws:iam/policy:Policy")).policy);
        expect(policy.Statement[1].Condition["ForAnyValue:StringEquals"]).toEqual({ "kms:ResourceAliases": ["alias/fake-secrets"] });
    });
});
