/**
 * Direct calls to the server for test setup: sign in, and write a
 * document through the GraphQL push the stock RxDB plugin uses.
 */
import {
  graphqlQueryBuilders,
  type CollectionName,
  type StoreDoc,
} from "@okada/sync-rules";

export async function apiLogin(
  baseURL: string,
  username: string,
): Promise<string> {
  const response = await fetch(`${baseURL}/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: "okada" }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status}`);
  const body = (await response.json()) as { token: string };
  return body.token;
}

async function graphql(
  baseURL: string,
  token: string,
  request: object,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseURL}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(request),
  });
  const body = (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: unknown;
  };
  if (body.data === undefined || body.errors !== undefined) {
    throw new Error(`graphql: ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

/** Every document of a collection the user may read (first 1,000). */
export async function pullAll<T>(
  baseURL: string,
  token: string,
  collection: CollectionName,
): Promise<T[]> {
  const builders = graphqlQueryBuilders(collection);
  const request = builders.pullQueryBuilder(null, 1000);
  const data = await graphql(baseURL, token, request);
  const page = Object.values(data)[0] as { documents: T[] };
  return page.documents;
}

/**
 * Staff of the store set its hours to round the clock, so that order
 * intake accepts orders whatever the time of day the tests run.
 */
export async function openRoundTheClock(
  baseURL: string,
  storeId: string,
): Promise<void> {
  const token = await apiLogin(baseURL, "staff");
  const stores = await pullAll<StoreDoc & { _deleted: boolean }>(
    baseURL,
    token,
    "stores",
  );
  const store = stores.find((s) => s.id === storeId);
  if (store === undefined) throw new Error(`no store ${storeId}`);
  const next = {
    ...store,
    open: true,
    hours: { opens: "00:00", closes: "00:00" },
    updatedAt: new Date().toISOString(),
  };
  const push = graphqlQueryBuilders("stores").pushQueryBuilder([
    { assumedMasterState: store, newDocumentState: next },
  ]);
  await graphql(baseURL, token, push);
}
