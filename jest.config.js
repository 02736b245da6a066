/** Transpile only: type checking is `npm run typecheck`, once, not per test file. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  moduleNameMapper: {
    "^platform-secrets$": "<rootDir>/components/index.ts",
  },
  testTimeout: 60000,
};
