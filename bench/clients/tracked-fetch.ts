/**
 * PouchDB's HTTP requests as a browser would make them: the global
 * `fetch` with kept-alive connections, a request sent again when its
 * kept-alive connection turned out closed, and a count of requests in
 * flight so that a finished sync can wait for PouchDB's stragglers.
 */

/**
 * The server closed a kept-alive connection (after its 5 s idle
 * timeout) just as a request went out on it. Browsers send such a
 * request again on a new connection; undici does not, so we do.
 */
export function closedBeforeAnswer(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return code === "UND_ERR_SOCKET" || code === "ECONNRESET";
}

/**
 * The global fetch, counting requests in flight. PouchDB hands it
 * node-fetch `Headers`, which undici wants as plain pairs.
 */
export class TrackedFetch {
  #inFlight = 0;
  #drained: (() => void)[] = [];

  readonly fetch = async (
    url: string | Request,
    init?: RequestInit,
  ): Promise<Response> => {
    const headers = new Headers();
    const given = init?.headers as Iterable<[string, string]> | undefined;
    for (const [name, value] of given ?? []) headers.set(name, value);
    this.#inFlight += 1;
    try {
      const response = await fetch(url, { ...init, headers }).catch(
        (error: unknown) => {
          if (!closedBeforeAnswer(error)) throw error;
          return fetch(url, { ...init, headers });
        },
      );
      // Read the body here so that "done" means the bytes arrived.
      const empty = [101, 204, 205, 304].includes(response.status);
      const body = empty ? null : await response.arrayBuffer();
      const { status, statusText } = response;
      return new Response(body, {
        status,
        statusText,
        headers: response.headers,
      });
    } finally {
      this.#inFlight -= 1;
      if (this.#inFlight === 0) this.#drained.splice(0).forEach((f) => f());
    }
  };

  /**
   * Resolves once no request is in flight. PouchDB 9 sends an `info()`
   * per batch without waiting for it, so a finished replication may
   * still have requests out.
   */
  idle(): Promise<void> {
    if (this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }
}
