/**
 * One browser context per person: a phone for the customer and the
 * rider, a landscape tablet for store staff. Each signs in through the
 * app's own form.
 */
import {
  expect,
  type Browser,
  type BrowserContext,
  type Page,
} from "@playwright/test";

export type Role = "customer" | "rider" | "staff" | "admin";

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 1280, height: 800 };

export interface Person {
  context: BrowserContext;
  page: Page;
}

export interface ContextOptions {
  /** Default en-GB. */
  locale?: string;
  /** Grants the geolocation permission and reports this position. */
  geolocation?: { latitude: number; longitude: number };
}

export async function openContext(
  browser: Browser,
  role: Role,
  options: ContextOptions = {},
): Promise<Person> {
  const context = await browser.newContext({
    viewport: role === "staff" || role === "admin" ? TABLET : PHONE,
    locale: options.locale ?? "en-GB",
    ...(options.geolocation === undefined
      ? {}
      : { geolocation: options.geolocation, permissions: ["geolocation"] }),
  });
  const page = await context.newPage();
  return { context, page };
}

export async function signIn(page: Page, username: Role): Promise<void> {
  await page.locator("input[name=username]").fill(username);
  await page.locator("input[name=password]").fill("okada");
  await page.locator("form.login-form button[type=submit]").click();
  await expect(page.locator(`[data-role=${username}]`)).toBeVisible();
}

/** Signs in and waits for the first full sync. */
export async function person(
  browser: Browser,
  role: Role,
  options: ContextOptions = {},
): Promise<Person> {
  const opened = await openContext(browser, role, options);
  await opened.page.goto("/");
  await signIn(opened.page, role);
  await synced(opened.page);
  return opened;
}

/** Connected, with nothing left in the outbox. */
export async function synced(page: Page, timeout = 60_000): Promise<void> {
  const bar = page.getByTestId("sync-bar");
  await expect(bar).toHaveAttribute("data-phase", "idle", { timeout });
  await expect(bar).toHaveAttribute("data-pending", "0", { timeout });
}

/** The app itself says it is offline. */
export async function offline(page: Page): Promise<void> {
  await expect(page.getByTestId("sync-bar")).toHaveAttribute(
    "data-phase",
    "offline",
    { timeout: 45_000 },
  );
}

/** Waits until a service worker controls the page (precache done). */
export async function controlledByServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await expect
    .poll(() =>
      page.evaluate(() => navigator.serviceWorker.controller !== null),
    )
    .toBe(true);
}
