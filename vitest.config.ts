import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{sync-rules,server,client-sdk,test-tools,bench}/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/*.browser.test.ts"],
    // Server tests bind real ports and LevelDB folders; keep files apart
    // but allow a generous timeout for start-up on a slow CI machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    server: {
      deps: {
        // graphql 16 has no "exports" map: Vite resolves our imports to its
        // ESM build while Node loads the CommonJS one for graphql-ws, and
        // graphql-js refuses schemas from "another realm". Inlining
        // graphql-ws makes both resolve the same way.
        inline: ["graphql-ws"],
      },
    },
  },
});
