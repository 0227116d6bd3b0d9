/** Binary masks for the fixture scripts: erosion and dilation with a (2r+1)² square. */

/** Binary erosion with a (2r+1)² square: a pixel stays 1 only if its whole square is 1. */
export function erode(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  return invert(dilate(invert(mask), w, h, r));
}

/** Binary dilation with a (2r+1)² square, as a row pass then a column pass. */
export function dilate(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const rows = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) {
        if (mask[y * w + k] === 1) {
          rows[y * w + x] = 1;
          break;
        }
      }
    }
  }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) {
        if (rows[k * w + x] === 1) {
          out[y * w + x] = 1;
          break;
        }
      }
    }
  }
  return out;
}

export function invert(mask: Uint8Array): Uint8Array {
  return mask.map((v) => 1 - v);
}

/**
 * Grow a mask from the pixels on `stack` into 4-neighbours that `accept` allows, within the first
 * `rows` rows of a `w`-wide image (a flood fill; `keep` and `stack` are updated in place).
 */
export function growMask(keep: Uint8Array, stack: number[], w: number, rows: number, accept: (index: number) => boolean): void {
  while (stack.length > 0) {
    const i = stack.pop() as number;
    const x = i % w;
    const y = (i - x) / w;
    for (const [dx, dy] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
    ] as const) {
      const nx = x + dx;
      const ny = y + dy;
      if (nx < 0 || ny < 0 || nx >= w || ny >= rows) continue;
      const j = ny * w + nx;
      if (keep[j] === 0 && accept(j)) {
        keep[j] = 1;
        stack.push(j);
      }
    }
  }
}
