/**
 * Builds the service worker with Workbox once Vite has written the app:
 *
 * - precache: the app shell (HTML, JS, CSS, icons, manifest), so that a
 *   second visit starts with no network at all;
 * - navigations fall back to the precached `index.html` (the app routes
 *   by `#hash`, so every page is that file), except the API paths;
 * - images: cache first, kept for 30 days (product photos, icons);
 * - no `skipWaiting`: a new version waits until the user accepts the
 *   "update available" prompt (src/pwa/register-sw.ts), which posts
 *   `{type: "SKIP_WAITING"}`.
 */
import { join } from "node:path";
import type { Plugin } from "vite";
import { generateSW } from "workbox-build";

/** Paths the server answers itself; never the app shell. */
const API_PATHS = [/^\/v1\//, /^\/graphql/, /^\/socket\.io\//, /^\/couch\//];

export function serviceWorkerPlugin(): Plugin {
  let outDir = "";
  return {
    name: "okada-service-worker",
    apply: "build",
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    async closeBundle() {
      const { count, size, warnings } = await generateSW({
        globDirectory: outDir,
        globPatterns: ["**/*.{html,js,css,svg,png,webmanifest}"],
        // The big icons are for installing; the runtime cache keeps them.
        globIgnores: ["icons/*-512.png"],
        swDest: join(outDir, "sw.js"),
        // Vite names assets by content hash; no revision needed.
        dontCacheBustURLsMatching: /^assets\//,
        navigateFallback: "index.html",
        navigateFallbackDenylist: API_PATHS,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: false,
        inlineWorkboxRuntime: true,
        sourcemap: false,
        mode: "production",
        runtimeCaching: [
          {
            urlPattern: ({ request }) => request.destination === "image",
            handler: "CacheFirst",
            options: {
              cacheName: "okada-images",
              expiration: { maxEntries: 300, maxAgeSeconds: 30 * 86_400 },
            },
          },
        ],
      });
      for (const warning of warnings) this.warn(warning);
      this.info(`service worker: ${count} files precached, ${size} bytes`);
    },
  };
}
