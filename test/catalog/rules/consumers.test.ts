import { eachRuleCase } from "./fixtures";

/** Rules of `consumers` (rules/consumers.ts): names Kubernetes accepts. */

describe("each rule names the field and says how to fix it", () => {
    eachRuleCase([
        ["invalid namespace", (c) => { c.consumers.api.namespace = "Shop_Prod"; },
            "consumers.api.namespace", `"Shop_Prod" is not a valid Kubernetes namespace; use lower-case letters, digits and "-" (at most 63)`],
    ]);
});
