/**
 * Bytes on the wire as Chromium counts them (headers plus compressed
 * bodies), per resource type: the page's own requests from the DevTools
 * protocol, the service worker's (its precache) from Playwright, and the
 * sync traffic over the WebSocket as payload bytes.
 */
import type { Page, Request } from "@playwright/test";

export interface ByteCount {
  /** Bytes per DevTools resource type: Document, Script, Stylesheet... */
  byType: Record<string, number>;
  /** HTML, JS, CSS and fonts the page fetched itself. */
  shell: number;
  /** What the service worker fetched (its precache of the app). */
  serviceWorker: number;
  /** Sync messages over the WebSocket, payload bytes before compression. */
  socketIn: number;
  socketOut: number;
  /** Page and service worker requests (the socket not included). */
  requests: number;
}

const SHELL_TYPES = ["Document", "Script", "Stylesheet", "Font"];

export interface ByteMeter {
  count(): ByteCount;
  reset(): void;
}

function emptyCount(): ByteCount {
  return {
    byType: {},
    shell: 0,
    serviceWorker: 0,
    socketIn: 0,
    socketOut: 0,
    requests: 0,
  };
}

function byteLength(payload: string | { length: number }): number {
  return typeof payload === "string"
    ? new TextEncoder().encode(payload).length
    : payload.length;
}

export async function meterBytes(page: Page): Promise<ByteMeter> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  let count = emptyCount();
  const types = new Map<string, { type: string; fromSw: boolean }>();
  cdp.on("Network.responseReceived", (event) => {
    types.set(event.requestId, {
      type: event.type ?? "Other",
      fromSw: event.response.fromServiceWorker === true,
    });
  });
  cdp.on("Network.loadingFinished", (event) => {
    const seen = types.get(event.requestId);
    if (seen === undefined || seen.fromSw) return;
    count.byType[seen.type] =
      (count.byType[seen.type] ?? 0) + event.encodedDataLength;
    if (SHELL_TYPES.includes(seen.type)) {
      count.shell += event.encodedDataLength;
    }
    count.requests += 1;
  });
  page.on("websocket", (socket) => {
    socket.on("framereceived", ({ payload }) => {
      count.socketIn += byteLength(payload);
    });
    socket.on("framesent", ({ payload }) => {
      count.socketOut += byteLength(payload);
    });
  });
  const onWorkerRequest = (request: Request): void => {
    if (request.serviceWorker() === null) return;
    request.sizes().then(
      (sizes) => {
        count.serviceWorker +=
          sizes.responseBodySize + sizes.responseHeadersSize;
        count.requests += 1;
      },
      () => undefined,
    );
  };
  page.context().on("requestfinished", onWorkerRequest);
  return {
    count: () => ({ ...count, byType: { ...count.byType } }),
    reset: () => {
      count = emptyCount();
    },
  };
}

/** Regular 2G (Firefox DevTools preset): 250/50 kbit/s, 300 ms. */
export async function emulateRegular2G(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 300,
    downloadThroughput: (250 * 1000) / 8,
    uploadThroughput: (50 * 1000) / 8,
  });
}

export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** One line for the test output. */
export function describeBytes(label: string, count: ByteCount): string {
  return (
    `${label}: shell ${kb(count.shell)} (HTML+JS+CSS+fonts), ` +
    `service worker precache ${kb(count.serviceWorker)}, ` +
    `sync over WebSocket ${kb(count.socketIn)} in / ` +
    `${kb(count.socketOut)} out (uncompressed payload), ` +
    `${count.requests} requests; by type ${JSON.stringify(count.byType)}`
  );
}
