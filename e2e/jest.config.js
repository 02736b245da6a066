/**
 * `npm run e2e`: the end-to-end suite against the sandbox (sandbox/), which globalSetup starts
 * (building what is missing) and globalTeardown stops. One worker: the tests share the servers.
 */
module.exports = {
  rootDir: "..",
  testEnvironment: "node",
  roots: ["<rootDir>/e2e"],
  testMatch: ["**/*.e2e.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  globalSetup: "<rootDir>/e2e/globalSetup.ts",
  globalTeardown: "<rootDir>/e2e/globalTeardown.ts",
  maxWorkers: 1,
  testTimeout: 300000,
};
