/** Mango queries (`_find`), for the server's background processes. */
import type { CouchHttp } from "./couch-http.ts";
import { asArray, asObject, asStoredDoc } from "./couch-wire.ts";
import type { FindRequest, StoredDoc } from "./types.ts";

export async function findDocs(
  http: CouchHttp,
  db: string,
  request: FindRequest,
): Promise<StoredDoc[]> {
  const what = "POST /db/_find";
  const body = await http.call({
    method: "POST",
    db,
    path: "_find",
    body: {
      selector: request.selector,
      limit: request.limit ?? 200,
      skip: request.skip ?? 0,
    },
  });
  const docs = asArray(asObject(body, what)["docs"], what);
  return docs
    .map((doc) => asStoredDoc(doc, what))
    .filter((doc) => !doc._id.startsWith("_design/"));
}
