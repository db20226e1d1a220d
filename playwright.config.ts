/**
 * Browser tests of the PWA (`apps/pwa/tests/*.browser.test.ts`) in
 * Debian's Chromium against the real server: `npm start` builds the app
 * and serves it, on a free port, with a fresh data folder and the demo
 * data. Tests share the server and its demo accounts, so they run one
 * at a time.
 *
 * CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";

function freePort(): string {
  const script =
    "const s = require('node:net').createServer();" +
    "s.listen(0, '127.0.0.1', () => {" +
    "process.stdout.write(String(s.address().port)); s.close(); });";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" });
}

// Chosen once: workers load this file again and inherit the environment.
process.env["OKADA_E2E_PORT"] ??= freePort();
process.env["OKADA_E2E_DATA"] ??= mkdtempSync(join(tmpdir(), "okada-e2e-"));
const port = process.env["OKADA_E2E_PORT"];
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "apps/pwa/tests",
  testMatch: "**/*.browser.test.ts",
  outputDir: "test-results",
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [["list"]],
  globalSetup: "./apps/pwa/tests/support/global-setup.ts",
  use: {
    baseURL,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
      // Root in a container, and no network beyond the test server.
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-gpu",
        "--no-first-run",
      ],
    },
    serviceWorkers: "allow",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "npm start",
    url: `${baseURL}/v1/readyz`,
    env: {
      PORT: port,
      HOST: "127.0.0.1",
      DATA_DIR: process.env["OKADA_E2E_DATA"],
      JWT_SECRET: "browser-tests-only",
      LOG_LEVEL: "warn",
    },
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
