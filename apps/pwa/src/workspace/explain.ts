/**
 * Refusals and merges in plain words: what the user did, what happened,
 * and that nothing else was lost. The server's rule code picks the
 * reason; its own (English) sentence is kept as a detail.
 */
import { orderRef } from "../i18n/format.ts";
import { t } from "../i18n/lang.ts";
import type { MessageKey } from "../i18n/messages.ts";
import type { Action } from "./journal.ts";
import type { Notice } from "./notices.ts";

export interface Explanation {
  title: string;
  body: string;
  detail?: string;
}

const ACTION_KEYS: Record<Action, MessageKey> = {
  place: "action.place",
  reprice: "action.reprice",
  pending: "action.place",
  accepted: "action.accepted",
  rejected: "action.rejected",
  preparing: "action.preparing",
  ready: "action.ready",
  picked_up: "action.picked_up",
  delivered: "action.delivered",
  failed: "action.failed",
  cancelled: "action.cancelled",
  assign: "action.assign",
  availability: "action.availability",
  location: "action.location",
  stock: "action.stock",
  open: "action.open",
};

const REASON_KEYS: Readonly<Record<string, MessageKey>> = {
  INVALID_TRANSITION: "refused.reason.transition",
  FORBIDDEN: "refused.reason.forbidden",
  IMMUTABLE_FIELD: "refused.reason.immutable",
  BUSINESS_RULE: "refused.reason.business",
  SCHEMA_VIOLATION: "refused.reason.schema",
  NOT_FOUND: "refused.reason.notFound",
  BAD_REQUEST: "refused.reason.stale",
};

/** "order #K3F9Q", "the stock of Riz 5 kg", "your availability". */
function thing(notice: Notice): string {
  switch (notice.collection) {
    case "orders":
      return t("thing.order", { ref: orderRef(notice.docId) });
    case "stock":
      return t("thing.stock", { name: notice.label ?? notice.docId });
    case "riders":
      return t("thing.rider");
    case "stores":
      return t("thing.store");
    case "products":
      return t("thing.product", { name: notice.label ?? notice.docId });
  }
}

export function explain(notice: Notice): Explanation {
  const what = thing(notice);
  const action =
    notice.action === undefined
      ? t("action.change")
      : t(ACTION_KEYS[notice.action]);
  if (notice.kind === "merged") {
    const body =
      notice.collection === "stock" ? t("merged.stock") : t("merged.body");
    return { title: t("merged.title", { what }), body };
  }
  const reason = t(REASON_KEYS[notice.code ?? ""] ?? "refused.reason.other");
  const explanation: Explanation = {
    title: t("refused.title", { action, what }),
    body: `${reason} ${t("refused.kept")}`,
  };
  if (notice.detail !== undefined) explanation.detail = notice.detail;
  return explanation;
}
