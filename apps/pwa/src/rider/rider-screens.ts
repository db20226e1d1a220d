/**
 * The rider's app, made for 2G and for outages: availability, location
 * reporting, and the deliveries assigned to them, each moved along with
 * one tap (picked up, delivered, failed) whether or not there is a
 * network at that moment.
 */
import {
  RIDER_AVAILABILITY,
  type OrderDoc,
  type RiderDoc,
  type StoreDoc,
} from "@okada/sync-rules";
import { h, type JSX } from "preact";
import { useEffect, useMemo } from "preact/hooks";
import { t } from "../i18n/lang.ts";
import { isFinal } from "../orders/order-parts.ts";
import { useDoc, useDocs } from "../ui/use-docs.ts";
import { useWorkspace } from "../workspace/context.ts";
import { AVAILABILITY_KEYS } from "./availability-labels.ts";
import { DeliveryCard } from "./delivery-card.ts";
import { LocationPanel } from "./location-panel.ts";
import { LocationReporter } from "./location-reporter.ts";
import { setAvailability, writeLocation } from "./rider-writes.ts";

function Availability({
  rider,
}: {
  rider: RiderDoc | null | undefined;
}): JSX.Element {
  const ws = useWorkspace();
  return h(
    "div",
    {
      class: "availability",
      role: "group",
      "aria-label": t("rider.availability"),
    },
    h("span", null, t("rider.availability")),
    RIDER_AVAILABILITY.map((value) =>
      h(
        "button",
        {
          key: value,
          type: "button",
          class: rider?.availability === value ? "chip on" : "chip",
          "aria-pressed": rider?.availability === value,
          "data-testid": `availability-${value}`,
          disabled: rider == null,
          onClick: () => void setAvailability(ws, value),
        },
        t(AVAILABILITY_KEYS[value]),
      ),
    ),
  );
}

export function RiderScreens(): JSX.Element {
  const ws = useWorkspace();
  const { db, user } = ws;
  const riderId = user.riderId ?? "";
  const rider = useDoc<RiderDoc>(
    () => db.riders.findOne(riderId).$,
    [db, riderId],
  );
  const orders = useDocs<OrderDoc>(
    () => db.orders.find({ selector: { riderId }, sort: [{ id: "desc" }] }).$,
    [db, riderId],
  );
  const stores = useDocs<StoreDoc>(() => db.stores.find().$, [db]);
  const storesById = new Map(stores.map((s) => [s.id, s]));
  const reporter = useMemo(
    () => new LocationReporter({ write: (fix) => writeLocation(ws, fix) }),
    [ws],
  );
  useEffect(() => {
    reporter.start();
    return () => reporter.stop();
  }, [reporter]);
  // A fix taken before the rider's document synced is written once it is here.
  const riderHere = rider != null;
  useEffect(() => {
    if (riderHere) void reporter.flush();
  }, [reporter, riderHere]);

  const active = orders.filter((o) => !isFinal(o.status));
  const done = orders.filter((o) => isFinal(o.status)).slice(0, 20);
  const card = (order: OrderDoc): JSX.Element =>
    h(DeliveryCard, {
      key: order.id,
      order,
      store: storesById.get(order.storeId),
    });
  return h(
    "div",
    { class: "rider", "data-testid": "rider" },
    h(Availability, { rider }),
    h(LocationPanel, { reporter, rider }),
    h("h2", null, t("rider.deliveries")),
    active.length === 0 ? h("p", { class: "empty" }, t("rider.none")) : null,
    h("ul", { class: "cards", "data-testid": "deliveries" }, active.map(card)),
    done.length > 0 ? h("h2", null, t("rider.done")) : null,
    h("ul", { class: "cards done" }, done.map(card)),
  );
}
