/** What people do in the app, as the tests drive it. */
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { TEST_STORE } from "./global-setup.ts";

export interface OrderChoice {
  search: string;
  address?: string;
  payment?: "cash" | "mtn_momo" | "orange_money";
}

/** Customer: store, search, add the first product in stock, check out. */
export async function placeOrder(
  page: Page,
  choice: OrderChoice,
): Promise<string> {
  await page.locator(`[data-store=${TEST_STORE}]`).click();
  const catalog = page.getByTestId("catalog");
  await catalog.locator("input[type=search]").fill(choice.search);
  await catalog.locator(".product button.add:not([disabled])").first().click();
  await page.getByTestId("cart-bar").click();
  const checkout = page.getByTestId("checkout");
  await checkout
    .locator("textarea[name=address]")
    .fill(choice.address ?? "Rue Joss, face pharmacie du Centre, Bonanjo");
  await checkout.locator(`input[value=${choice.payment ?? "cash"}]`).check();
  await page.getByTestId("place-order").click();
  const detail = page.getByTestId("order-detail");
  await expect(detail).toBeVisible();
  const id = await detail.getAttribute("data-order");
  if (id === null) throw new Error("the order page names no order");
  return id;
}

export function customerStatus(page: Page) {
  return page.getByTestId("order-detail").getByTestId("order-status");
}

/** Staff: opens the order's ticket on the board. */
export async function openTicket(page: Page, orderId: string): Promise<void> {
  await page.locator(`[data-testid=board] a[data-order="${orderId}"]`).click();
  await expect(page.getByTestId("order-panel")).toHaveAttribute(
    "data-order",
    orderId,
  );
}

/** Staff: one move on the open ticket (accepted, preparing, ready…). */
export async function staffMove(page: Page, action: string): Promise<void> {
  const panel = page.getByTestId("order-panel");
  await panel.locator(`button[data-action=${action}]`).click();
  await expect(panel.getByTestId("order-status")).toHaveAttribute(
    "data-status",
    action,
  );
}

export async function assignRider(page: Page, riderId: string): Promise<void> {
  const panel = page.getByTestId("order-panel");
  await panel.getByTestId("rider-select").selectOption(riderId);
  await panel.getByTestId("assign").click();
  await expect(panel.getByTestId("assign")).toBeDisabled();
}

/** Staff: accept, prepare, ready, give to the rider. */
export async function readyForRider(
  page: Page,
  orderId: string,
  riderId = "rd_dla_01",
): Promise<void> {
  await openTicket(page, orderId);
  for (const action of ["accepted", "preparing", "ready"]) {
    await staffMove(page, action);
  }
  await assignRider(page, riderId);
}

/** A screenshot kept in test-results/screens/ and attached to the test. */
export async function saveScreen(page: Page, name: string): Promise<void> {
  const info = test.info();
  const path = join(info.project.outputDir, "screens", `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await info.attach(name, { path, contentType: "image/png" });
}
