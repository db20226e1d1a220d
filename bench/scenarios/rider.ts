/**
 * `rider-reconnect`: a synced rider with 20 assigned orders goes
 * offline, works through them (3 edits per order: picked up, cash or
 * mobile money paid, delivered; the status edits each add a history
 * event) while the phone records 240 location fixes, then reconnects.
 *
 * The order rules give a rider two status edges (ready → picked_up →
 * delivered), so the third edit per order is the payment status, which
 * a rider may also set.
 */
import type { OrderDoc, ProductDoc, RiderDoc } from "@okada/sync-rules";
import type { BenchClient, PlainDoc } from "../clients/types.ts";
import { ADMIN, type RunEnv } from "../harness/env.ts";
import { BenchError } from "../harness/errors.ts";
import {
  advanced,
  fixAt,
  isoAfter,
  pendingOrder,
  readyFor,
  seededRandom,
} from "./orders.ts";
import {
  serverDocs,
  serverPush,
  syncUserOf,
  visibleDocs,
} from "./server-side.ts";
import type { SyncScenario } from "./types.ts";

export const RIDER_ORDERS = 20;
export const FIXES_PER_EDIT = 4;

async function assignedOrders(env: RunEnv, riderId: string) {
  const staff = await syncUserOf(env, "staff");
  const storeId = staff.storeId ?? "";
  const products = (await visibleDocs(env, ADMIN, "products"))
    .map((doc) => doc as unknown as ProductDoc)
    .filter((p) => p.storeId === storeId);
  if (products.length < 6) {
    throw new BenchError("SETUP", `Store ${storeId} has too few products.`);
  }
  const random = seededRandom(20);
  const start = Date.now() - 3 * 3_600_000;
  return Array.from({ length: RIDER_ORDERS }, (_, i) => {
    const createdAt = start + i * 60_000;
    const order = pendingOrder({
      customerId: "customer",
      storeId,
      products,
      itemCount: 3 + (i % 4),
      createdAt,
      random,
    });
    return readyFor(order, staff.id, riderId, createdAt);
  });
}

/** The rider's day offline: 60 order edits, 240 fixes, in time order. */
async function rideOffline(
  client: BenchClient,
  orderIds: readonly string[],
  riderId: string,
): Promise<void> {
  // An hour ago: a fix every 3 s, an edit every 30 s, all in the past.
  const start = Date.now() - 3_600_000;
  let minute = 0;
  let fixes = 0;
  const recordFixes = async () => {
    for (let i = 0; i < FIXES_PER_EDIT; i++) {
      const rider = (await client.get("riders", riderId)) as RiderDoc | null;
      if (rider === null) throw new BenchError("SETUP", "rider doc missing");
      minute += 0.05;
      const fix = fixAt(rider, fixes++, isoAfter(start, minute));
      await client.put("riders", fix as unknown as PlainDoc);
    }
  };
  const edit = async (id: string, change: (o: OrderDoc) => OrderDoc) => {
    const order = (await client.get("orders", id)) as OrderDoc | null;
    if (order === null) throw new BenchError("SETUP", `order ${id} missing`);
    await client.put("orders", change(order) as unknown as PlainDoc);
    await recordFixes();
  };
  for (const id of orderIds) {
    const at = () => isoAfter(start, (minute += 0.5));
    await edit(id, (o) => advanced(o, "picked_up", "rider", at()));
    await edit(id, (o) => ({
      ...o,
      payment: { ...o.payment, status: "paid" },
      updatedAt: at(),
    }));
    await edit(id, (o) => advanced(o, "delivered", "rider", at()));
  }
}

export const riderReconnect: SyncScenario = {
  name: "rider-reconnect",
  user: "rider",
  cold: false,
  async prepare(env) {
    const rider = await syncUserOf(env, "rider");
    const riderId = rider.riderId ?? "";
    const orders = await assignedOrders(env, riderId);
    const rows = orders.map((order) => ({
      newDocumentState: { ...order, _deleted: false },
    }));
    await serverPush(env, ADMIN, "orders", rows);
    const ids = orders.map((o) => o.id);
    let lastFix = "";
    return {
      async whileOffline(client) {
        await rideOffline(client, ids, riderId);
        const mine = await client.get("riders", riderId);
        lastFix = (mine as RiderDoc | null)?.location?.recordedAt ?? "";
      },
      async done() {
        const held = await serverDocs(env, "orders", ids);
        const delivered = held.filter((o) => {
          const order = o as unknown as OrderDoc;
          return (
            order.status === "delivered" && order.payment.status === "paid"
          );
        });
        const [me] = await serverDocs(env, "riders", [riderId]);
        const fix = (me as unknown as RiderDoc | undefined)?.location;
        return delivered.length === ids.length && fix?.recordedAt === lastFix;
      },
    };
  },
};
