import { defineConfig } from "vite";
import { iconsPlugin } from "./build/icons.ts";
import { serviceWorkerPlugin } from "./build/service-worker.ts";

export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2020",
    // 2G: one request less per asset beats a few bytes of reuse.
    assetsInlineLimit: 2048,
    reportCompressedSize: true,
    // RxDB, Dexie and socket.io make one ~180 KB (gzip) chunk; known.
    chunkSizeWarningLimit: 700,
  },
  plugins: [iconsPlugin(), serviceWorkerPlugin()],
});
