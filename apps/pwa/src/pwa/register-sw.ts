/**
 * Registers the Workbox service worker and watches for new versions. A
 * new version installs in the background and then waits; the app shows
 * "update available", and only when the user accepts does it take over
 * (`SKIP_WAITING`) and the page reload. Nobody loses a half-typed form
 * to an update.
 */
import { createStore } from "../ui/store.ts";

/** The installed new version, waiting for the user's go-ahead. */
export const waitingWorker = createStore<ServiceWorker | null>(null);

let accepted = false;

export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  addEventListener("load", () => {
    register().catch(() => {
      // No service worker (private mode, http): the app still works
      // online; nothing to tell the user.
    });
  });
}

async function register(): Promise<void> {
  const container = navigator.serviceWorker;
  const registration = await container.register("/sw.js");
  const watch = (worker: ServiceWorker | null): void => {
    if (worker === null) return;
    const check = (): void => {
      // Without a controller this is the first install, not an update.
      if (worker.state === "installed" && container.controller !== null) {
        waitingWorker.set(worker);
      }
    };
    check();
    worker.addEventListener("statechange", check);
  };
  watch(registration.waiting);
  registration.addEventListener("updatefound", () =>
    watch(registration.installing),
  );
  container.addEventListener("controllerchange", () => {
    // The first install claims the page too; reload only on an update.
    if (accepted) location.reload();
  });
  const lookForUpdate = (): void => {
    registration.update().catch(() => undefined);
  };
  addEventListener("online", lookForUpdate);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") lookForUpdate();
  });
}

/** Lets the waiting version take over; the page reloads into it. */
export function applyUpdate(): void {
  const worker = waitingWorker.get();
  if (worker === null) return;
  accepted = true;
  worker.postMessage({ type: "SKIP_WAITING" });
}
