import * as path from "path";

/**
 * `npm run mutation` maps `@pulumi/policy` to test/policies/mutation/policySdk.js (see that file for
 * why). The mutation score is only the pack's if that module is the SDK minus its server: the same
 * exports, the SDK's own proxy functions, and a Secret of the same shape. Both are required by
 * path, so the mapping does not apply here.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const real = require(path.join(__dirname, "../../node_modules/@pulumi/policy/index.js"));
const shim = require(path.join(__dirname, "mutation/policySdk.js"));

test("the mutation-run SDK exports exactly what @pulumi/policy exports", () => {
    expect(Object.keys(shim).sort()).toEqual(Object.keys(real).sort());
});

test("its proxy functions are the SDK's own; the rest is read from the SDK", () => {
    expect(shim.unknownCheckingProxy).toBe(real.unknownCheckingProxy);
    expect(shim.UnknownValueError).toBe(real.UnknownValueError);
    expect(shim.PolicyPack).toBe(real.PolicyPack);
    expect(shim.validateResourceOfType).toBe(real.validateResourceOfType);
});

test("its Secret holds the value as the SDK's does", () => {
    const mine = new shim.Secret("not-a-real-value");
    const theirs = new real.Secret("not-a-real-value");
    expect(Object.getOwnPropertyNames(mine)).toEqual(Object.getOwnPropertyNames(theirs));
    expect(mine.value).toBe(theirs.value);
    expect(shim.Secret.name).toBe(real.Secret.name);
});
