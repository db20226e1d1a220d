/**
 * Hash routing: `#/store/st_dla_akwa` is `["store", "st_dla_akwa"]`.
 * Every page is `index.html`, which the service worker has precached,
 * so a reload works offline on any screen.
 */
import { useEffect, useState } from "preact/hooks";

export type Route = readonly string[];

function currentRoute(): Route {
  return location.hash
    .replace(/^#\/?/, "")
    .split("/")
    .filter((part) => part !== "")
    .map((part) => decodeURIComponent(part));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = (): void => setRoute(currentRoute());
    addEventListener("hashchange", update);
    return () => removeEventListener("hashchange", update);
  }, []);
  return route;
}

/** `href` for a route: `link("store", id)` is `#/store/<id>`. */
export function link(...parts: string[]): string {
  return `#/${parts.map((part) => encodeURIComponent(part)).join("/")}`;
}

export function navigate(...parts: string[]): void {
  location.hash = link(...parts);
}
