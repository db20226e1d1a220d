/**
 * What the server's order intake decided (server/src/reconcile): the
 * shelf holds the items, the prices moved, or the order was refused and
 * why. Reason codes are shown in the user's language; product IDs as
 * names.
 */
import type { IntakeReason, OrderDoc } from "@okada/sync-rules";
import { money } from "../i18n/format.ts";
import { t } from "../i18n/lang.ts";
import type { MessageKey } from "../i18n/messages.ts";
import { productName } from "./order-parts.ts";
import type { ProductMap } from "./products.ts";

const REASON_KEYS: Record<IntakeReason, MessageKey> = {
  STORE_CLOSED: "intake.reason.STORE_CLOSED",
  PRODUCT_UNAVAILABLE: "intake.reason.PRODUCT_UNAVAILABLE",
  OUT_OF_STOCK: "intake.reason.OUT_OF_STOCK",
  PRICE_CHANGED: "intake.reason.PRICE_CHANGED",
};

function names(ids: readonly string[] | undefined, products: ProductMap) {
  return (ids ?? []).map((id) => productName(products, id)).join(", ");
}

/** Why intake refused the order, or null when it did not. */
export function intakeReason(
  order: OrderDoc,
  products: ProductMap,
): string | null {
  const intake = order.intake;
  if (intake?.reason === undefined || intake.outcome !== "rejected") {
    return null;
  }
  return t(REASON_KEYS[intake.reason], {
    names: names(intake.productIds, products),
  });
}

/** Price changes as lines; `honoured`: the ones the customer keeps. */
export function priceLines(
  order: OrderDoc,
  products: ProductMap,
  honoured: boolean,
): string[] {
  return (order.intake?.adjustments ?? [])
    .filter((a) => a.honoured === honoured)
    .map((a) =>
      t(honoured ? "intake.honoured" : "intake.priceLine", {
        name: productName(products, a.productId),
        from: money(a.orderedXaf),
        to: money(a.currentXaf),
      }),
    );
}

/** One line for the store tablet. */
export function intakeSummary(order: OrderDoc, products: ProductMap): string {
  const intake = order.intake;
  if (intake === undefined) return t("intake.staff.none");
  switch (intake.outcome) {
    case "confirmed":
      return intake.stock === "held"
        ? t("intake.staff.held")
        : t("intake.staff.confirmed");
    case "needs_confirmation":
      return t("intake.staff.needs");
    case "short":
      return t("intake.staff.short", {
        names: names(intake.productIds, products),
      });
    case "rejected":
      return intakeReason(order, products) ?? t("status.rejected");
  }
}
