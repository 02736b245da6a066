import { managedSecretName } from "../../components/plan";
import { describeSecrets } from "../../offline/report";
import { Harness } from "../harness";
import { runStackProgram } from "./stackProgram";

let h: Harness;
beforeAll(async () => { ({ harness: h } = await runStackProgram("dev")); });

test("dev is lighter: Vault only, nothing protected, no AWS or KMS", () => {
    expect(h.recorder.resources.filter((r) => r.type.startsWith("aws:"))).toEqual([]);
    expect(h.recorder.resources.filter((r) => r.protect || r.retainOnDelete)).toEqual([]);
    expect(h.inputs(h.one("vault:kv/secretBackendV2:SecretBackendV2")).maxVersions).toBe(3);
});

test("dev has its dev-only secret, skips prod-only ones and the externals nobody set", () => {
    const names = describeSecrets(h.recorder).map((s) => managedSecretName("secrets", s.name));
    expect(names).toContain("secrets-debug-toolbar-token");
    expect(names).toContain("secrets-stripe-api-key");
    expect(names).not.toContain("secrets-pagerduty-routing-key");
    expect(names).not.toContain("secrets-sendgrid-api-key");
    expect(h.inputs(h.one("vault:kv/secretV2:SecretV2", "debug-toolbar-token-vault")).name).toBe("dev/app/debug-toolbar-token");
});
