import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{sync-rules,server,client-sdk,test-tools}/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/*.browser.test.ts"],
    // Server tests bind real ports and LevelDB folders; keep files apart
    // but allow a generous timeout for start-up on a slow CI machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
