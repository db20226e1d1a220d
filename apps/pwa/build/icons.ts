/**
 * The app icons, drawn here rather than kept as binary files: the same
 * mark as public/icon.svg (a white wheel on green, Okada's moto-taxi),
 * rasterised with anti-aliased edges at the sizes the manifest lists.
 */
import type { Plugin } from "vite";
import { encodePng } from "./png.ts";

const GREEN = [0x0b, 0x7a, 0x4b] as const;
const YELLOW = [0xf4, 0xc4, 0x30] as const;

interface IconSpec {
  fileName: string;
  size: number;
  /** Maskable icons keep the mark inside the central safe zone. */
  maskable: boolean;
}

export const ICONS: readonly IconSpec[] = [
  { fileName: "icons/icon-192.png", size: 192, maskable: false },
  { fileName: "icons/icon-512.png", size: 512, maskable: false },
  { fileName: "icons/maskable-512.png", size: 512, maskable: true },
];

/** Coverage of a pixel by a shape with signed distance `d` (< 0 inside). */
function cover(d: number): number {
  return Math.min(1, Math.max(0, 0.5 - d));
}

function roundedSquare(x: number, y: number, half: number, r: number) {
  const qx = Math.abs(x) - half + r;
  const qy = Math.abs(y) - half + r;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

export function drawIcon(size: number, maskable: boolean): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  const c = size / 2;
  const scale = maskable ? 0.32 : 0.4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = px + 0.5 - c;
      const y = py + 0.5 - c;
      const background = maskable
        ? 1
        : cover(roundedSquare(x, y, size / 2, size * 0.18));
      const radius = Math.hypot(x, y);
      const ring = cover(Math.abs(radius - size * scale * 0.75) - size * 0.06);
      const hub = cover(radius - size * scale * 0.22);
      const white = Math.max(ring, 0);
      const i = (py * size + px) * 4;
      const base = hub > 0 ? YELLOW : GREEN;
      const mix = hub > 0 ? hub : 0;
      for (let k = 0; k < 3; k++) {
        const under = (GREEN[k] ?? 0) * (1 - mix) + (base[k] ?? 0) * mix;
        pixels[i + k] = Math.round(under * (1 - white) + 255 * white);
      }
      pixels[i + 3] = Math.round(255 * background);
    }
  }
  return pixels;
}

/** Emits the PNG icons into the build output. */
export function iconsPlugin(): Plugin {
  return {
    name: "okada-icons",
    apply: "build",
    generateBundle() {
      for (const icon of ICONS) {
        this.emitFile({
          type: "asset",
          fileName: icon.fileName,
          source: encodePng(icon.size, drawIcon(icon.size, icon.maskable)),
        });
      }
    },
  };
}
