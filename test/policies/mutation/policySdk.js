"use strict";
/**
 * `@pulumi/policy` for `npm run mutation` only (stryker.config.json maps the package here).
 *
 * Stryker runs the policy tests once per mutant, and jest gives every test file of every run a
 * fresh module registry: each run then loaded `@pulumi/policy`'s index, whose `policy.js` pulls in
 * the pack server and with it `@pulumi/pulumi` and gRPC (about a second of CPU per test file per
 * mutant), for the one class the pack uses from it. This module gives the same exports without
 * the server: the SDK's own proxy module, and `Secret` as `policy.js` declares it (a class holding
 * `value`). Anything else is read from the real package on first use.
 */
const proxy = require("@pulumi/policy/proxy");

class Secret {
    constructor(value) {
        this.value = value;
    }
}

module.exports = { unknownCheckingProxy: proxy.unknownCheckingProxy, UnknownValueError: proxy.UnknownValueError, Secret };
for (const name of ["PolicyPack", "remediateResourceOfType", "validateResourceOfType", "validateRemediateResourceOfType", "validateStackResourcesOfType", "isResourcePolicy", "isStackPolicy", "getPulumiType"]) {
    Object.defineProperty(module.exports, name, { enumerable: true, get: () => require("@pulumi/policy/policy")[name] });
}
