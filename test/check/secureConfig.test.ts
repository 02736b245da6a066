import * as pulumi from "@pulumi/pulumi";
import { Output } from "@pulumi/pulumi/output";
import { patchSecretGetters, unknownSecretOutput } from "../../offline/config";

/** A `secure:` value reaches the program as an unknown secret, through the SDK's own getters. */

let restore: () => void;

beforeAll(() => {
    pulumi.runtime.setAllConfig({ "demo:token": "[secret]", "demo:db": `{"password":"[secret]"}`, "demo:plain": "visible" }, ["demo:token", "demo:db"]);
    pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name, state: a.inputs }), call: () => ({}) }, "demo", "dev", true);
    restore = patchSecretGetters({ Config: pulumi.Config as any, Output: Output as any }, ["demo:token", "demo:db"]);
});

afterAll(() => restore());

async function describeOutput(o: pulumi.Output<unknown>): Promise<{ known: boolean; secret: boolean; ran: boolean }> {
    let ran = false;
    // Settled once the apply has run, or has been skipped (unknown): the derived Output's
    // isKnown resolves together with its value. (`unwrap` cannot be used: it waits for a value.)
    await (o.apply(() => { ran = true; }) as any).isKnown;
    return { known: await (o as any).isKnown, secret: await (o as any).isSecret, ran };
}

test("the placeholder Output is unknown and secret, and apply callbacks never see a value", async () => {
    expect(await describeOutput(unknownSecretOutput(Output as any) as pulumi.Output<string>)).toEqual({ known: false, secret: true, ran: false });
});

test.each(["getSecret", "requireSecret", "getSecretObject", "requireSecretObject", "getSecretNumber", "requireSecretNumber", "getSecretBoolean", "requireSecretBoolean"])(
    "%s on a secure key returns an unknown secret",
    async (getter) => {
        const config = new pulumi.Config("demo") as any;
        for (const key of ["token", "db"]) {
            expect(await describeOutput(config[getter](key))).toEqual({ known: false, secret: true, ran: false });
        }
    },
);

test("other keys keep the SDK's behaviour; secretness of everything derived is kept", async () => {
    const config = new pulumi.Config("demo");
    expect(await describeOutput(config.requireSecret("plain"))).toEqual({ known: true, secret: true, ran: true });
    expect(config.get("plain")).toBe("visible");
    expect(config.get("token")).toBe("[secret]");
    const derived = pulumi.interpolate`user:${config.requireSecret("token")}`;
    expect(await pulumi.isSecret(derived)).toBe(true);
});
