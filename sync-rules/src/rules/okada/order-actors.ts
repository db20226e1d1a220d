/**
 * Test support only: the devices that edit an order in the convergence
 * tests. Each offers every edit its user could make next; the model
 * keeps the ones the rules allow.
 */
import type { WireDoc } from "../../protocol.ts";
import type { OrderDoc } from "../../schemas/orders.ts";
import type { Wire } from "../define.ts";
import { USERS, patch, step } from "../test-support.ts";
import type { RuleUser } from "../types.ts";
import { nextStatuses } from "./api.ts";
import type { Actor } from "./sync-model.ts";

export const asOrder = (doc: WireDoc) => doc as Wire<OrderDoc> & WireDoc;

function statusSteps(user: RuleUser) {
  return (local: WireDoc, now: string): WireDoc[] =>
    nextStatuses(user, local).map((to) => {
      const next = step(asOrder(local), to, user.id, now);
      return to === "rejected"
        ? patch(next, { rejectionReason: "Out of stock" })
        : next;
    });
}

export function customerPhone(name = "customer", skew = -7): Actor {
  const user = USERS.customer;
  return {
    name,
    user,
    skew,
    edits: (local, now) => {
      const order = asOrder(local);
      const [first, ...rest] = order.items;
      if (first === undefined) return statusSteps(user)(local, now);
      const more = { ...first, qty: first.qty + 1 };
      return [
        ...statusSteps(user)(local, now),
        patch(order, {
          items: [more, ...rest],
          totalXaf: order.totalXaf + first.unitPriceXaf,
          updatedAt: now,
        }),
        // Same total, other items: only a merge that keeps items and
        // total together stays consistent.
        patch(order, { items: [...order.items].reverse(), updatedAt: now }),
        patch(order, {
          deliveryAddress: {
            text: `Gate ${now.slice(14, 16)}`,
            city: "Douala",
          },
          updatedAt: now,
        }),
      ];
    },
  };
}

export function staffTablet(
  name: string,
  skew: number,
  reassign: boolean,
): Actor {
  const user = USERS.staff;
  return {
    name,
    user,
    skew,
    edits: (local, now) => [
      ...statusSteps(user)(local, now),
      ...(reassign
        ? ["rd_dla_01", "rd_dla_02"].map((riderId) =>
            patch(local, { riderId, updatedAt: now }),
          )
        : []),
      patch(local, {
        payment: { ...asOrder(local).payment, status: "paid" },
        updatedAt: now,
      }),
    ],
  };
}

export function riderPhone(user: RuleUser, skew: number): Actor {
  return { name: user.id, user, skew, edits: statusSteps(user) };
}
