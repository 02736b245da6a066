import * as pulumi from "@pulumi/pulumi";
import { PlatformSecrets, PlatformSecretsArgs } from "../../components/platformSecrets";
import { RecordedResource, containsSecret } from "../../offline/recorder";
import { IAM_ACCESS_KEY, IAM_USER, IAM_USER_POLICY, IAM_USER_POLICY_ATTACHMENT, VAULT_KV_SECRET } from "../../policies/lib/types";
import { Harness, setupHarness, unwrap } from "../harness";
import { mockState } from "../../offline/mockState";
import { describeResources } from "../../offline/report";
import { effectivePolicies, evaluatePolicies } from "../../offline/policies";
import { POLICIES } from "../../policies/all";
import prodPack from "../../policies/config/prod.json";

/** `kind: aws-access-key` inside PlatformSecrets: the IAM user, its permissions, two keys, the store entry. */

const FAKE_POLICY_ARN = "arn:aws:iam::123456789012:policy/fake-artifacts-upload";

function args(now: Date): PlatformSecretsArgs {
    return {
        environment: "prod",
        stores: { vault: { mount: "kv" } },
        secrets: {
            DEPLOY_KEY: {
                kind: "aws-access-key",
                user: "deploy-bot",
                policyArns: [FAKE_POLICY_ARN],
                policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::fake-bucket/*" }] },
                keys: { id: "AWS_ACCESS_KEY_ID", secret: "AWS_SECRET_ACCESS_KEY" },
            },
        },
        now,
    };
}

let h: Harness;
beforeEach(() => {
    h = setupHarness({ stack: "prod" });
});

async function deploy(now: Date) {
    const platform = new PlatformSecrets("secrets", args(now));
    await h.settle();
    const keys = h.ofType(IAM_ACCESS_KEY);
    const entry = h.one(VAULT_KV_SECRET, "deploy-key-vault");
    const data = JSON.parse(String(h.inputs(entry).dataJson));
    return { platform, keys, entry, data };
}

const trigger = (r: RecordedResource) => r.replacementTrigger as Record<string, string>;
const fakeKeyId = (r: RecordedResource) => mockState({ type: r.type, name: r.name, inputs: {} }, { defaultRegion: "us-east-1" }).id;

test("the user <environment>-<user> (tagged, protected in production), its permissions, and two keys replaced by their slot", async () => {
    const { keys } = await deploy(new Date("2027-01-01T00:00:00Z"));
    const user = h.one(IAM_USER);
    expect(h.inputs(user)).toEqual({
        name: "prod-deploy-bot",
        tags: { environment: "prod", "managed-by": "platform-secrets", owner: "platform-team", criticality: "high", "secret-name": "DEPLOY_KEY", kind: "aws-access-key" },
    });
    expect(user.protect).toBe(true);
    expect(h.inputs(h.one(IAM_USER_POLICY_ATTACHMENT))).toEqual({ user: "prod-deploy-bot", policyArn: FAKE_POLICY_ARN });
    expect(JSON.parse(h.inputs(h.one(IAM_USER_POLICY)).policy).Statement[0].Action).toBe("s3:PutObject");
    expect(keys.map((k) => k.name)).toEqual(["secrets-deploy-key-key-a", "secrets-deploy-key-key-b"]);
    for (const key of keys) {
        // Never protected (it could not be replaced), deleted before its replacement is made (AWS allows two keys).
        expect(key.protect).toBe(false);
        expect(key.deleteBeforeReplace).toBe(true);
        expect(key.additionalSecretOutputs).toContain("secret");
        expect(h.inputs(key)).toEqual({ user: "prod-deploy-bot" });
        expect(trigger(key).generation).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
});

test("the store entry holds both variables of the current key and _PREVIOUS of the other, all Pulumi secrets", async () => {
    const { platform, keys, entry, data } = await deploy(new Date("2027-01-01T00:00:00Z"));
    expect(Object.keys(data)).toEqual(["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID_PREVIOUS", "AWS_SECRET_ACCESS_KEY_PREVIOUS"]);
    expect(containsSecret(entry.wireInputs.dataJson)).toBe(true);
    const [newer, older] = [...keys].sort((x, y) => trigger(y).generation.localeCompare(trigger(x).generation));
    expect(data.AWS_ACCESS_KEY_ID).toMatch(/^AKIANOTAREALKEY[0-9A-F]{5}$/);
    expect(data.AWS_SECRET_ACCESS_KEY).toContain("NOT-A-REAL-CREDENTIAL");
    // The current key is the slot renewed last (the mock's id of each key follows from its name).
    expect(data.AWS_ACCESS_KEY_ID).toBe(fakeKeyId(newer));
    expect(data.AWS_ACCESS_KEY_ID_PREVIOUS).toBe(fakeKeyId(older));
    const declared = platform.secrets.DEPLOY_KEY;
    expect(Object.keys(declared.values)).toEqual(Object.keys(data));
    for (const v of Object.values(declared.values)) expect(await pulumi.isSecret(v)).toBe(true);
    expect(await unwrap(declared.value)).toBe(data.AWS_SECRET_ACCESS_KEY);
});

test("across a rotation exactly the older key's trigger changes, and that key becomes current", async () => {
    const first = await deploy(new Date("2027-01-01T00:00:00Z"));
    const rotation = first.platform.catalog.secrets[0];
    const before = first.keys.map((k) => trigger(k).generation);
    const currentBefore = before[0] > before[1] ? 0 : 1;
    // The next rotation day (90 days from the current slot's start).
    const next = new Date(`${before[currentBefore]}T00:00:00Z`).getTime() + rotation.rotationDays * 86_400_000;
    const reportBefore = describeResources(h.recorder.resources);
    h = setupHarness({ stack: "prod" });
    const second = await deploy(new Date(next));
    // In check's report (`--now` on either side), the only entry that changes is that slot's key: its trigger.
    const reportAfter = describeResources(h.recorder.resources);
    const changed = reportAfter.filter((r) => JSON.stringify(r) !== JSON.stringify(reportBefore.find((b) => b.urn === r.urn)));
    expect(changed.map((r) => [r.name, r.replacementTrigger])).toEqual([[second.keys[1 - currentBefore].name, { generation: new Date(next).toISOString().slice(0, 10) }]]);
    const after = second.keys.map((k) => trigger(k).generation);
    expect(after[currentBefore]).toBe(before[currentBefore]);
    expect(after[1 - currentBefore]).not.toBe(before[1 - currentBefore]);
    expect(after[1 - currentBefore]).toBe(new Date(next).toISOString().slice(0, 10));
    // What consumers held is now _PREVIOUS, still there (the same slot's key: its trigger did not change).
    expect(second.data.AWS_ACCESS_KEY_ID_PREVIOUS).toBe(first.data.AWS_ACCESS_KEY_ID);
});

describe("the pack (prod config)", () => {
    const now = new Date("2027-01-01T00:00:00Z");
    async function violations(policy?: unknown) {
        const a = args(now);
        // A compliant production stack around it: AWS replicated, so only the access key's resources matter.
        a.stores = { vault: { mount: "kv" }, aws: { region: "us-east-1", replicaRegions: ["us-west-2"] } };
        if (policy !== undefined) a.secrets.DEPLOY_KEY.policy = policy as Record<string, unknown>;
        new PlatformSecrets("secrets", a);
        await h.settle();
        return evaluatePolicies(h.recorder.resources, effectivePolicies(POLICIES, prodPack, { environment: "prod", now }, "prod.json"));
    }

    test("flags nothing of the module's output, the secret-rotation rules included", async () => {
        expect(await violations()).toEqual([]);
    });

    test("judges the user's inline policy like any IAM document (aws-iam-secret-access)", async () => {
        const found = await violations({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }] });
        expect(found.map((v) => [v.policy, v.urn.split("::").pop()])).toEqual([["aws-iam-secret-access", "secrets-deploy-key-policy"]]);
    });
});
