/**
 * (a) A customer loads the app online, goes offline, reloads (the
 * service worker serves the shell), browses and orders; back online, the
 * order reaches the store's tablet live.
 */
import { expect, test } from "@playwright/test";
import { describeBytes, kb, meterBytes } from "./support/bytes.ts";
import { placeOrder, saveScreen } from "./support/flows.ts";
import {
  controlledByServiceWorker,
  offline,
  openContext,
  person,
  signIn,
  synced,
} from "./support/roles.ts";

test("an order placed offline reaches the store's tablet live", async ({
  browser,
}) => {
  const customer = await openContext(browser, "customer");
  const meter = await meterBytes(customer.page);
  await customer.page.goto("/");
  await expect(customer.page.locator("form.login-form")).toBeVisible();
  const loginScreen = meter.count();
  await signIn(customer.page, "customer");
  await synced(customer.page);
  await controlledByServiceWorker(customer.page);
  const firstVisit = meter.count();
  console.log(describeBytes("first load, sign-in screen", loginScreen));
  console.log(describeBytes("first visit, signed in and synced", firstVisit));
  // The budget: everything the app needs to run, in whichever way it
  // arrived (the page's own requests or the service worker's precache).
  const app = firstVisit.shell + firstVisit.serviceWorker;
  console.log(`first-visit app bytes (shell + precache): ${kb(app)}`);
  expect(app).toBeLessThan(250 * 1024);

  const staff = await person(browser, "staff");
  await expect(staff.page.getByTestId("board")).toBeVisible();

  await customer.context.setOffline(true);
  await offline(customer.page);
  meter.reset();
  const reload = await customer.page.reload();
  expect(reload?.fromServiceWorker()).toBe(true);
  await expect(customer.page.getByTestId("stores")).toBeVisible();
  await expect(customer.page.getByTestId("sync-bar")).toHaveAttribute(
    "data-phase",
    "offline",
  );
  expect(meter.count().shell).toBe(0);

  // Browse: a category, then a search, all from the local database.
  await customer.page.locator("[data-store=st_dla_akwa]").click();
  const catalog = customer.page.getByTestId("catalog");
  await catalog.getByRole("button", { name: "Drinks" }).click();
  await expect(catalog.locator(".product").first()).toBeVisible();
  await catalog.getByRole("button", { name: "All" }).click();
  await catalog.locator("input[type=search]").fill("riz");
  await expect(catalog.locator(".product").first()).toContainText(/ri[cz]e?/i);
  await saveScreen(customer.page, "customer-catalog");
  await customer.page.locator("a.back").click();

  const orderId = await placeOrder(customer.page, {
    search: "riz",
    payment: "mtn_momo",
  });
  const detail = customer.page.getByTestId("order-detail");
  await expect(detail.getByTestId("waiting")).toBeVisible();
  await expect(customer.page.getByTestId("sync-bar")).toHaveAttribute(
    "data-pending",
    "1",
  );
  await saveScreen(customer.page, "customer-offline-order");
  const ticket = staff.page.locator(`[data-order="${orderId}"]`);
  await expect(ticket).toHaveCount(0);

  await customer.context.setOffline(false);
  await synced(customer.page);
  await expect(detail.getByTestId("waiting")).toHaveCount(0);
  await expect(
    staff.page.locator(`[data-column=pending] [data-order="${orderId}"]`),
  ).toBeVisible();
  await ticket.click();
  await expect(staff.page.getByTestId("intake")).toContainText(
    /stock set aside|Checked/,
  );
  await saveScreen(staff.page, "staff-board");

  // Stock: a recount on the tablet reaches the server.
  await staff.page.getByTestId("nav-stock").click();
  const stock = staff.page.getByTestId("stock");
  const first = stock.locator(".stock-row").first();
  const name = await first.locator(".name").textContent();
  const productId = await first.getAttribute("data-product");
  // The list sorts by stock and shows the lowest 50: narrow it down so
  // that the row stays on screen when its count goes up.
  await stock.locator("input[type=search]").fill(name ?? "");
  const row = stock.locator(`.stock-row[data-product="${productId}"]`);
  await expect(row).toHaveCount(1);
  const before = Number(await row.getByTestId("on-hand").textContent());
  await row.getByRole("button", { name: "+10" }).click();
  await expect(row.getByTestId("on-hand")).toHaveText(String(before + 10));
  await synced(staff.page);
  // Nobody else touched that shelf: no "changed at the same time" notice.
  await expect(
    staff.page.locator("[data-testid=notices] [data-kind=merged]"),
  ).toHaveCount(0);
  await saveScreen(staff.page, "staff-stock");
  await customer.context.close();
  await staff.context.close();
});
