import { defineConfig } from "vitest/config";

// Unit tests of the pure modules (`src/**/*.test.ts`, next to what they test): `npm run test:unit`,
// run by `dotnet test` through tests/CarePathway.Web.Tests (WebUnitTests). No DOM: what needs the
// browser is covered by the browser tests.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
