/**
 * (b) Staff accept, prepare, mark ready and assign the rider; the rider,
 * on emulated Regular 2G from the first byte, picks up and delivers; the
 * customer sees every status as it happens.
 */
import { expect, test } from "@playwright/test";
import {
  describeBytes,
  emulateRegular2G,
  meterBytes,
} from "./support/bytes.ts";
import {
  assignRider,
  customerStatus,
  openTicket,
  placeOrder,
  saveScreen,
  staffMove,
} from "./support/flows.ts";
import { openContext, person, signIn, synced } from "./support/roles.ts";

test("a rider on 2G delivers while the customer follows live", async ({
  browser,
}) => {
  const customer = await person(browser, "customer");
  const staff = await person(browser, "staff");
  const orderId = await placeOrder(customer.page, { search: "huile" });
  await synced(customer.page);

  await openTicket(staff.page, orderId);
  for (const status of ["accepted", "preparing", "ready"]) {
    await staffMove(staff.page, status);
    await expect(customerStatus(customer.page)).toHaveAttribute(
      "data-status",
      status,
    );
  }
  await assignRider(staff.page, "rd_dla_01");

  // A phone that lets the app read its GPS, near the Akwa store.
  const rider = await openContext(browser, "rider", {
    geolocation: { latitude: 4.0502, longitude: 9.6991 },
  });
  await emulateRegular2G(rider.page);
  const meter = await meterBytes(rider.page);
  const start = Date.now();
  await rider.page.goto("/");
  await expect(rider.page.locator("form.login-form")).toBeVisible();
  const signInShown = Date.now() - start;
  await signIn(rider.page, "rider");
  const card = rider.page.locator(
    `[data-testid=deliveries] [data-order="${orderId}"]`,
  );
  await expect(card).toBeVisible({ timeout: 90_000 });
  const deliveryShown = Date.now() - start;
  console.log(
    `rider on Regular 2G: sign-in screen after ${signInShown} ms, ` +
      `the assigned delivery on screen ${deliveryShown} ms after the ` +
      `first request`,
  );
  console.log(describeBytes("rider first visit on 2G", meter.count()));
  const location = rider.page.getByTestId("location");
  await expect(location).toHaveAttribute("data-mode", "gps");
  await expect(location.getByTestId("location-sent")).toContainText("4.0502");
  await saveScreen(rider.page, "rider-deliveries");

  await card.locator("button[data-action=picked_up]").click();
  await expect(customerStatus(customer.page)).toHaveAttribute(
    "data-status",
    "picked_up",
  );
  await card.locator("button[data-action=delivered]").click();
  await expect(customerStatus(customer.page)).toHaveAttribute(
    "data-status",
    "delivered",
  );
  await expect(customer.page.locator(".history li")).toHaveCount(6);
  await expect(
    staff.page.locator(`[data-order="${orderId}"][data-status=delivered]`),
  ).toHaveCount(1);
  await synced(rider.page);
  await saveScreen(customer.page, "customer-delivered");
  for (const { context } of [customer, staff, rider]) await context.close();
});
