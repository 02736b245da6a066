import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, POLICIES } from "./all";

// The only place the pack is constructed: `new PolicyPack` reads ./package.json and starts serving.
new PolicyPack(PACK_NAME, {
    description: "platform-secrets: rotation, environment separation and hardening of secrets in AWS, Vault and Kubernetes.",
    policies: POLICIES,
});
