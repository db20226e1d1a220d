/**
 * Requests the server must refuse, over socket.io on a real server: each
 * gets its coded error in the acknowledgement, nothing is stored, and the
 * same socket keeps working.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MAX_PUSH_ROWS,
  type CollectionName,
  type ErrorCode,
} from "@okada/sync-rules";
import { startTestServer, type TestServer } from "@okada/test-tools";
import { createTokenService } from "../auth/tokens.ts";
import { connect, type TestClient } from "./test-client.ts";
import { order, product, storedDocs } from "./test-docs.ts";

let ts: TestServer;
let client: TestClient;

const stored = (collection: CollectionName, ids: readonly string[]) =>
  storedDocs(ts, collection, ids);

/** The socket is still connected and a pull still answers. */
async function expectWorking() {
  expect(client.socket.connected).toBe(true);
  const reply = await client.pull({
    v: 1,
    checkpoints: { stores: null },
    limit: 10,
  });
  expect(reply).toMatchObject({ ok: true, collections: { stores: {} } });
}

beforeAll(async () => {
  ts = await startTestServer();
  const tokens = createTokenService({
    secret: "test-secret-not-for-production",
  });
  const token = await tokens.sign({
    id: "customer",
    role: "customer",
    name: "x",
  });
  client = await connect(ts.url, { token });
});

afterAll(async () => {
  client.close();
  await ts.close();
});

describe("a bad request", () => {
  const pull = (body: unknown) => ({ event: "pull", body });
  const push = (body: unknown) => ({ event: "push", body });
  const good = (id: string) => [{ newDocumentState: order(id) }];
  const cases: {
    name: string;
    request: { event: string; body: unknown };
    code: ErrorCode;
    /** Documents that must not be stored afterwards. */
    absent?: [CollectionName, string][];
  }[] = [
    {
      name: "pull of another protocol version",
      request: pull({ v: 2, checkpoints: { stores: null }, limit: 10 }),
      code: "BAD_REQUEST",
    },
    {
      name: "pull that is not an object",
      request: pull("stores please"),
      code: "BAD_REQUEST",
    },
    {
      name: "pull of an unknown collection",
      request: pull({ v: 1, checkpoints: { carts: null }, limit: 10 }),
      code: "UNKNOWN_COLLECTION",
    },
    {
      name: "pull with a limit of 0",
      request: pull({ v: 1, checkpoints: { stores: null }, limit: 0 }),
      code: "BAD_REQUEST",
    },
    {
      name: "pull from a checkpoint the server never issued",
      request: pull({
        v: 1,
        checkpoints: { stores: { seq: "yesterday" } },
        limit: 10,
      }),
      code: "INVALID_CHECKPOINT",
    },
    {
      name: "push of another protocol version",
      request: push({ v: 0, rows: { orders: good("bad-version") } }),
      code: "BAD_REQUEST",
      absent: [["orders", "bad-version"]],
    },
    {
      name: "push to an unknown collection",
      request: push({ v: 1, rows: { carts: good("bad-carts") } }),
      code: "UNKNOWN_COLLECTION",
      absent: [["orders", "bad-carts"]],
    },
    {
      name: "push whose rows are not an array",
      request: push({ v: 1, rows: { orders: { 0: good("bad-rows")[0] } } }),
      code: "BAD_REQUEST",
      absent: [["orders", "bad-rows"]],
    },
    {
      name: "push with a schema violation in its second collection",
      request: push({
        v: 1,
        rows: {
          orders: good("bad-schema-good-order"),
          products: [{ newDocumentState: product("bad-schema", "free") }],
        },
      }),
      code: "SCHEMA_VIOLATION",
      absent: [
        ["orders", "bad-schema-good-order"],
        ["products", "bad-schema"],
      ],
    },
    {
      name: `push of more than ${MAX_PUSH_ROWS} rows`,
      request: push({
        v: 1,
        rows: {
          products: Array.from({ length: MAX_PUSH_ROWS + 1 }, (_, i) => ({
            newDocumentState: product(`bad-many-${i}`),
          })),
        },
      }),
      code: "PAYLOAD_TOO_LARGE",
      absent: [["products", "bad-many-0"]],
    },
    {
      name: "event the protocol does not have",
      request: { event: "delete", body: { v: 1 } },
      code: "BAD_REQUEST",
    },
  ];

  it.each(cases)(
    "$name: $code, nothing stored, the socket still works",
    async ({ request, code, absent = [] }) => {
      const reply = await client.request(request.event, request.body);
      expect(reply).toMatchObject({ ok: false, error: { code } });
      const { message } = (reply as { error: { message: string } }).error;
      expect(message.length).toBeGreaterThan(10);
      for (const [collection, id] of absent) {
        expect(await stored(collection, [id])).toEqual([]);
      }
      await expectWorking();
    },
  );

  it("without an acknowledgement is ignored and stores nothing", async () => {
    const id = "sock-no-ack";
    client.socket.emit("push", { v: 1, rows: { orders: good(id) } });
    client.socket.emit("pull");
    await expectWorking();
    expect(await stored("orders", [id])).toEqual([]);
  });

  it("with no payload, only an acknowledgement, is answered", async () => {
    const reply: unknown = await client.socket
      .timeout(5000)
      .emitWithAck("pull");
    expect(reply).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
  });
});
