/**
 * (c) A rider works through an outage: picks up, delivers, changes
 * availability and reports a position offline; after reconnecting the
 * server holds all of it and the store and the customer see it.
 */
import type { RiderDoc } from "@okada/sync-rules";
import { expect, test } from "@playwright/test";
import { apiLogin, pullAll } from "./support/api.ts";
import { customerStatus, placeOrder, readyForRider } from "./support/flows.ts";
import { offline, person, synced } from "./support/roles.ts";

test("a rider's offline updates are reconciled after reconnecting", async ({
  browser,
  baseURL,
}) => {
  const customer = await person(browser, "customer");
  const staff = await person(browser, "staff");
  const rider = await person(browser, "rider");
  const orderId = await placeOrder(customer.page, { search: "sucre" });
  await synced(customer.page);
  await readyForRider(staff.page, orderId);
  const card = rider.page.locator(`[data-order="${orderId}"]`);
  await expect(card.locator("button[data-action=picked_up]")).toBeVisible();

  await rider.context.setOffline(true);
  await offline(rider.page);
  await card.locator("button[data-action=picked_up]").click();
  await card.locator("button[data-action=delivered]").click();
  await expect(card.getByTestId("order-status")).toHaveAttribute(
    "data-status",
    "delivered",
  );
  await rider.page.getByTestId("availability-busy").click();
  const location = rider.page.getByTestId("location");
  await expect(location).toHaveAttribute("data-mode", "manual");
  await location.locator("input[name=lat]").fill("4.0511");
  await location.locator("input[name=lng]").fill("9.7679");
  await location.locator("button[type=submit]").click();
  await expect(location.getByTestId("location-sent")).toContainText("4.0511");
  await expect(rider.page.getByTestId("sync-bar")).toHaveAttribute(
    "data-pending",
    "2",
  );
  await expect(card.getByTestId("waiting")).toBeVisible();
  // Nothing has reached the others yet.
  await expect(customerStatus(customer.page)).toHaveAttribute(
    "data-status",
    "ready",
  );

  await rider.context.setOffline(false);
  await synced(rider.page);
  await expect(customerStatus(customer.page)).toHaveAttribute(
    "data-status",
    "delivered",
  );
  await expect(
    staff.page.locator(`[data-order="${orderId}"][data-status=delivered]`),
  ).toHaveCount(1);
  const history = customer.page.locator(".history li");
  await expect(history).toHaveCount(6);

  const token = await apiLogin(baseURL ?? "", "staff");
  const riders = await pullAll<RiderDoc>(baseURL ?? "", token, "riders");
  const me = riders.find((r) => r.id === "rd_dla_01");
  expect(me?.availability).toBe("busy");
  expect(me?.location?.lat).toBeCloseTo(4.0511, 4);
  for (const { context } of [customer, staff, rider]) await context.close();
});
