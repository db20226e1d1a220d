/** (e) French and English, switched at any time and remembered. */
import { expect, test } from "@playwright/test";
import { saveScreen } from "./support/flows.ts";
import { openContext, person, signIn, synced } from "./support/roles.ts";

test("the language switch applies at once and is remembered", async ({
  browser,
}) => {
  const { context, page } = await openContext(browser, "customer", {
    locale: "fr-CM",
  });
  await page.goto("/");
  const submit = page.locator("form.login-form button[type=submit]");
  await expect(submit).toHaveText("Se connecter");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");

  await page.getByTestId("lang-en").click();
  await expect(submit).toHaveText("Sign in");
  await page.reload();
  await expect(submit).toHaveText("Sign in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await signIn(page, "customer");
  await synced(page);
  const title = page.getByTestId("stores").locator("h2");
  await expect(title).toHaveText("Stores in Douala");
  await page.getByTestId("lang-fr").click();
  await expect(title).toHaveText("Magasins à Douala");
  await expect(page.getByTestId("sync-pending")).toHaveText(
    "Tout est synchronisé",
  );
  await page.reload();
  await expect(title).toHaveText("Magasins à Douala");
  await saveScreen(page, "customer-stores-fr");
  await context.close();

  // The fourth role, for the record: the admin overview.
  const admin = await person(browser, "admin");
  await expect(admin.page.getByTestId("admin")).toBeVisible();
  await saveScreen(admin.page, "admin-overview");
  await admin.context.close();
});
