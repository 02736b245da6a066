import * as pulumi from "@pulumi/pulumi";
import { SecretConsumer, SecretConsumerArgs } from "../../components/access/secretConsumer";
import { ResolvedKubernetes } from "../../components/catalog/model";
import { ANNOTATION } from "../../components/conventions";
import { secretReaderRole, versionHash } from "../../components/kubernetes/objects";
import { Harness, setupHarness } from "../harness";
import { validateKubernetesObject } from "./fixtures";

/** The seams with rotation: every key of `ManagedSecret.values` is delivered, and `version` drives the annotation. */

const kube = (mode: ResolvedKubernetes["mode"]): ResolvedKubernetes => ({
    mode, refreshInterval: "1h", namespaceRule: "suffix", namespaces: {}, source: "vault", vaultAuthMount: "kubernetes", readerServiceAccount: "platform-secrets-reader",
});

function twoSlot(version: string): SecretConsumerArgs {
    return {
        consumer: "api",
        environment: "prod",
        config: { namespace: "shop-prod", serviceAccount: "api" },
        kubernetes: kube("external-secrets"),
        secrets: [{
            name: "JWT_SECRET_KEY",
            values: { JWT_SECRET_KEY: pulumi.secret("fake-current"), JWT_SECRET_KEY_PREVIOUS: pulumi.secret("fake-previous") },
            version,
            vault: { mount: "kv", path: "prod/auth/jwt-secret-key" },
            source: "vault",
        }],
    };
}

let h: Harness;
async function build(args: SecretConsumerArgs): Promise<void> {
    h = setupHarness({ stack: "prod" });
    new SecretConsumer("consumer-api", args);
    await h.settle();
}

test("both slots of a two-slot secret land in the consumer's Secret (external-secrets)", async () => {
    await build(twoSlot("slot-2026-01-01"));
    const es = h.inputs(h.one("kubernetes:external-secrets.io/v1:ExternalSecret"));
    expect(es.spec.data).toEqual([
        { secretKey: "JWT_SECRET_KEY", remoteRef: { key: "prod/auth/jwt-secret-key", property: "JWT_SECRET_KEY" } },
        { secretKey: "JWT_SECRET_KEY_PREVIOUS", remoteRef: { key: "prod/auth/jwt-secret-key", property: "JWT_SECRET_KEY_PREVIOUS" } },
    ]);
    expect(es.metadata.annotations[ANNOTATION.version]).toBe(versionHash({ JWT_SECRET_KEY: "slot-2026-01-01" }));
});

test("both slots of a two-slot secret land in the consumer's Secret (secret mode)", async () => {
    await build({ ...twoSlot(""), kubernetes: kube("secret") });
    const secret = h.one("kubernetes:core/v1:Secret");
    expect(h.inputs(secret).stringData).toEqual({ JWT_SECRET_KEY: "fake-current", JWT_SECRET_KEY_PREVIOUS: "fake-previous" });
    expect(() => validateKubernetesObject(secret, h.inputs(secret))).not.toThrow();
});

test("the version annotation changes exactly when a member's version does", () => {
    expect(versionHash({ A: "1", B: "x" })).toBe(versionHash({ B: "x", A: "1" }));
    expect(versionHash({ A: "1", B: "x" })).not.toBe(versionHash({ A: "2", B: "x" }));
    expect(versionHash({ A: "1" })).toMatch(/^[0-9a-f]{16}$/);
});

test("a consumer without secrets gets no Secret, no Role, no grant", async () => {
    await build({ ...twoSlot(""), secrets: [], config: { namespace: "shop-prod", serviceAccount: "api", awsRoleName: "shop-prod-api" }, vault: { authMount: "kubernetes" } });
    expect(h.recorder.resources.filter((r) => r.custom)).toEqual([]);
    expect(() => secretReaderRole({ name: "r", namespace: "n", labels: {} }, [])).toThrow("n/r: a Role without resourceNames would grant every Secret of the namespace");
});

test("without a projection, only store grants", async () => {
    await build({ ...twoSlot(""), kubernetes: undefined, vault: { authMount: "kubernetes-prod" } });
    expect(h.recorder.resources.filter((r) => r.custom).map((r) => r.type).sort()).toEqual(["vault:index/policy:Policy", "vault:kubernetes/authBackendRole:AuthBackendRole"]);
    expect(h.inputs(h.one("vault:kubernetes/authBackendRole:AuthBackendRole")).backend).toBe("kubernetes-prod");
});
