/**
 * (d) A refused action is explained and nothing else is lost. The rider
 * is offline with two deliveries; meanwhile the store gives one of them
 * to another rider. Back online, the rider's work on the first goes
 * through; the pickup of the second is refused, said so in plain words,
 * and the order is where the store put it.
 */
import { expect, test } from "@playwright/test";
import {
  assignRider,
  customerStatus,
  openTicket,
  placeOrder,
  readyForRider,
  saveScreen,
} from "./support/flows.ts";
import { offline, person, synced } from "./support/roles.ts";

test("a refused pickup is shown and the rider's other work is kept", async ({
  browser,
}) => {
  const customer = await person(browser, "customer");
  const staff = await person(browser, "staff");
  const rider = await person(browser, "rider");
  const kept = await placeOrder(customer.page, { search: "lait" });
  await customer.page.locator("a[href='#/stores']").click();
  const taken = await placeOrder(customer.page, { search: "savon" });
  await synced(customer.page);
  await readyForRider(staff.page, kept);
  await readyForRider(staff.page, taken);
  const keptCard = rider.page.locator(`[data-order="${kept}"]`);
  const takenCard = rider.page.locator(`[data-order="${taken}"]`);
  await expect(
    takenCard.locator("button[data-action=picked_up]"),
  ).toBeVisible();
  await expect(keptCard.locator("button[data-action=picked_up]")).toBeVisible();

  await rider.context.setOffline(true);
  await offline(rider.page);
  await keptCard.locator("button[data-action=picked_up]").click();
  await keptCard.locator("button[data-action=delivered]").click();
  await takenCard.locator("button[data-action=picked_up]").click();
  await expect(takenCard.getByTestId("order-status")).toHaveAttribute(
    "data-status",
    "picked_up",
  );

  await openTicket(staff.page, taken);
  await assignRider(staff.page, "rd_dla_02");
  await synced(staff.page);

  await rider.context.setOffline(false);
  await synced(rider.page);
  const notice = rider.page.locator(
    `[data-testid=notices] [data-kind=refused][data-doc="${taken}"]`,
  );
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("another rider");
  await expect(notice).toContainText("picked up");
  await expect(
    rider.page.locator(`[data-testid=deliveries] [data-order="${taken}"]`),
  ).toHaveCount(0);
  await saveScreen(rider.page, "rider-refused");

  // The other delivery went through; the taken order is where staff put it.
  await expect(
    staff.page.locator(`[data-order="${kept}"][data-status=delivered]`),
  ).toHaveCount(1);
  const takenTicket = staff.page.locator(
    `[data-column=ready] [data-order="${taken}"]`,
  );
  await expect(takenTicket).toContainText("rd_dla_02");
  await expect(customerStatus(customer.page)).toHaveAttribute(
    "data-status",
    "ready",
  );
  await notice.getByRole("button", { name: "OK" }).click();
  await expect(notice).toHaveCount(0);
  for (const { context } of [customer, staff, rider]) await context.close();
});
