/**
 * The bench's own unit tests (formatting, targets, flags, fixtures):
 * `npx vitest run -c bench/vitest.config.ts`. None of them starts a
 * server; the bench itself is `npm run bench`.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["bench/**/*.test.ts"],
  },
});
