/**
 * The "update available" prompt: a new service worker installs in the
 * background and waits; the page keeps running the old version until
 * the user accepts, then reloads into the new one.
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import { controlledByServiceWorker, openContext } from "./support/roles.ts";

/** The service worker `npm start` serves. */
const SW_PATH = fileURLToPath(new URL("../dist/sw.js", import.meta.url));

test("a new version waits for the user's go-ahead", async ({ browser }) => {
  const { context, page } = await openContext(browser, "customer");
  await page.goto("/");
  await controlledByServiceWorker(page);
  await expect(page.getByTestId("update")).toHaveCount(0);

  // A new build is deployed: the same worker, one comment longer.
  const built = await readFile(SW_PATH, "utf8");
  await writeFile(SW_PATH, `${built}\n// next build\n`);
  try {
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const prompt = page.getByTestId("update");
    await expect(prompt).toBeVisible();

    const reloaded = page.waitForEvent("load");
    await prompt.getByRole("button").click();
    await reloaded;
    await expect(page.locator("form.login-form")).toBeVisible();
    await expect(page.getByTestId("update")).toHaveCount(0);
  } finally {
    await writeFile(SW_PATH, built);
    await context.close();
  }
});
