import { it } from "vitest";
import { startTestServer, login, requestJson } from "@okada/test-tools";
import { graphqlQueryBuilders } from "@okada/sync-rules";

it("close after big push", async () => {
  for (let round = 0; round < 6; round++) {
    const ts = await startTestServer({ seed: true });
    const token = await login(ts.url, "staff");
    const b = graphqlQueryBuilders("products");
    const doc = (id: string) => ({ id, storeId: "s", name: { fr: "a", en: "b" }, category: "c", priceXaf: 5, unit: "u", active: true, updatedAt: "2024-05-01T08:00:00.000Z", _deleted: false });
    const rows = Array.from({ length: 500 }, (_, i) => ({ newDocumentState: doc(`r${round}-${i}`) }));
    const r = await requestJson(ts.graphqlUrl, { token, body: b.pushQueryBuilder(rows) });
    const t = Date.now();
    const timer = setInterval(() => console.log("still closing", round, Date.now() - t), 5000);
    await ts.close();
    clearInterval(timer);
    console.log("round", round, r.status, "close ms", Date.now() - t);
  }
}, 600_000);
