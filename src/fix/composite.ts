/**
 * The framed photo and its person matte (src/segment) on the output canvas: the canvas extended
 * where the photo ends (white background; the clothes continued where the person runs into an
 * edge), the face outline kept as person whatever the matte says (a matte unsure about a pale face
 * must never bleach it), and what the matte tells the framing: the hair top, and which edges of
 * the photo the head or the clothes run into. The mixing with white itself, without the old
 * background's fringe, is src/segment's replaceBackground.
 */
import { clamp, quantile } from '../core/math.js';
import { climbToHairTop } from '../face/hair-top.js';
import type { Point, RgbImage } from '../face/types.js';
import type { Edge } from './frame.js';

/** An alpha matte at an image's size: 255 = person, 0 = background. */
export type Alpha = Uint8Array;

/**
 * A pixel of the output is photo when its point lies this far inside the photo's edges (source px):
 * a turned photo's resampled border mixes in the canvas colour.
 */
const edgeSlack = 1;

/**
 * Fill the pixels of a rendered canvas that lie beyond the photo (`inside` 0) from the photo's
 * nearest edge pixel: the clothes run on, the background (alpha 0) stays background. Nothing is
 * continued upwards: above the photo's top edge there is only background (a cut-off head is
 * refused before this). `toPhoto` maps an output pixel to its point in the photo.
 */
export function extendCanvas(
  rgb: RgbImage,
  alpha: Alpha | null,
  inside: Uint8Array,
  photo: { image: RgbImage; alpha: Alpha | null },
  toPhoto: (u: number, v: number) => Point,
): void {
  const { width, height } = rgb;
  const { image } = photo;
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const i = v * width + u;
      if (inside[i]) continue;
      const p = toPhoto(u + 0.5, v + 0.5);
      if (p.y < 0 || !alpha || !photo.alpha) {
        rgb.data.fill(255, i * 3, i * 3 + 3);
        if (alpha) alpha[i] = 0;
        continue;
      }
      const x = clamp(Math.floor(p.x), 0, image.width - 1);
      const y = clamp(Math.floor(p.y), 0, image.height - 1);
      const j = y * image.width + x;
      rgb.data[i * 3] = image.data[j * 3]!;
      rgb.data[i * 3 + 1] = image.data[j * 3 + 1]!;
      rgb.data[i * 3 + 2] = image.data[j * 3 + 2]!;
      alpha[i] = photo.alpha[j]!;
    }
  }
}

/** Which output pixels are photo: their point lies inside the photo, `edgeSlack` in from its edges. */
export function insidePhoto(width: number, height: number, photo: { width: number; height: number }, toPhoto: (u: number, v: number) => Point): Uint8Array {
  const inside = new Uint8Array(width * height);
  for (let v = 0; v < height; v++) {
    for (let u = 0; u < width; u++) {
      const p = toPhoto(u + 0.5, v + 0.5);
      inside[v * width + u] = p.x >= edgeSlack && p.x <= photo.width - edgeSlack && p.y >= edgeSlack && p.y <= photo.height - edgeSlack ? 1 : 0;
    }
  }
  return inside;
}

/** Set alpha to 255 inside a polygon (the face outline), in place. */
export function fillPolygon(alpha: Alpha, width: number, height: number, polygon: readonly Point[]): void {
  if (polygon.length < 3) return;
  const top = Math.max(0, Math.floor(Math.min(...polygon.map((p) => p.y))));
  const bottom = Math.min(height - 1, Math.ceil(Math.max(...polygon.map((p) => p.y))));
  for (let y = top; y <= bottom; y++) {
    const cy = y + 0.5;
    const crossings: number[] = [];
    for (let k = 0; k < polygon.length; k++) {
      const a = polygon[k]!;
      const b = polygon[(k + 1) % polygon.length]!;
      if ((a.y <= cy && b.y > cy) || (b.y <= cy && a.y > cy)) crossings.push(a.x + ((cy - a.y) / (b.y - a.y)) * (b.x - a.x));
    }
    crossings.sort((p, q) => p - q);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      const from = Math.max(0, Math.ceil(crossings[k]! - 0.5));
      const to = Math.min(width - 1, Math.floor(crossings[k + 1]! - 0.5));
      if (to >= from) alpha.fill(255, y * width + from, y * width + to + 1);
    }
  }
}

/**
 * The face outline as a polygon: the jaw landmarks from ear to ear, then the eyebrows back
 * (68-point scheme: 0–16, then 26 down to 17), pulled in by 5% towards its centre so its edge
 * stays on skin where the landmarks sit on the cheek's very edge. Nothing outside the face.
 */
export function faceOutline(points: readonly Point[]): Point[] {
  if (points.length < 27) return [];
  const outline = [...points.slice(0, 17), ...points.slice(17, 27).reverse()];
  const cx = outline.reduce((sum, p) => sum + p.x, 0) / outline.length;
  const cy = outline.reduce((sum, p) => sum + p.y, 0) / outline.length;
  return outline.map((p) => ({ x: cx + (p.x - cx) * 0.95, y: cy + (p.y - cy) * 0.95 }));
}

/**
 * What the matte keeps: the person, the part joined to the face, and their edge up to 8 px out
 * (hair strands, soft or not). Shapes apart from the person are what the segmentation took for
 * person in the background: a lamp, a sign's letters, photographers or passers-by behind (a second
 * person whose face the detector sees has been refused before this). They become background, and
 * so does what hangs on the person by a thread under 7 px wide that reaches more than 8 px out (a
 * flagpole or a backdrop's letters touching the hair). In place; returns the share of the picture
 * cleared.
 */
export function keepPerson(alpha: Alpha, width: number, height: number, seed: Point): number {
  const n = width * height;
  const solid = new Uint8Array(n);
  for (let i = 0; i < n; i++) solid[i] = alpha[i]! >= 128 ? 1 : 0;
  // The person's body without threads: eroded, filled from the face, grown back.
  const core = erode(solid, width, height, thread);
  const at = clamp(Math.round(seed.y), 0, height - 1) * width + clamp(Math.round(seed.x), 0, width - 1);
  const body = new Uint8Array(n);
  if (core[at]) {
    const stack = [at];
    body[at] = 1;
    const visit = (k: number) => {
      if (body[k] === 0 && core[k]) {
        body[k] = 1;
        stack.push(k);
      }
    };
    while (stack.length > 0) {
      const j = stack.pop()!;
      const x = j % width;
      if (x > 0) visit(j - 1);
      if (x < width - 1) visit(j + 1);
      if (j >= width) visit(j - width);
      if (j + width < n) visit(j + width);
    }
  }
  const near = dilate(body, width, height, thread + softEdge);
  let cleared = 0;
  for (let i = 0; i < n; i++) {
    if (alpha[i] === 0 || near[i]) continue;
    alpha[i] = 0;
    cleared++;
  }
  return cleared / n;
}

/** Half the width (output px) of a thread that does not join a shape to the person. */
const thread = 3;
/** How far (output px) the person's edge is kept beyond their body: hair strands. */
const softEdge = 8;

/** A binary mask shrunk by `radius` px (a square): the complement of the grown complement. */
function erode(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const inverse = mask.map((v) => 1 - v);
  return dilate(inverse, width, height, radius).map((v) => 1 - v);
}

/** A binary mask grown by `radius` px (a square), in two running passes. */
function dilate(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const across = new Uint8Array(mask.length);
  for (let y = 0; y < height; y++) {
    let last = -Infinity;
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x]) last = x;
      if (x - last <= radius) across[y * width + x] = 1;
    }
    last = Infinity;
    for (let x = width - 1; x >= 0; x--) {
      if (mask[y * width + x]) last = x;
      if (last - x <= radius) across[y * width + x] = 1;
    }
  }
  const grown = new Uint8Array(mask.length);
  for (let x = 0; x < width; x++) {
    let last = -Infinity;
    for (let y = 0; y < height; y++) {
      if (across[y * width + x]) last = y;
      if (y - last <= radius) grown[y * width + x] = 1;
    }
    last = Infinity;
    for (let y = height - 1; y >= 0; y--) {
      if (across[y * width + x]) last = y;
      if (last - y <= radius) grown[y * width + x] = 1;
    }
  }
  return grown;
}

/** The old background's colour: the median of the pixels the matte calls background (every 7th), white when there are none. */
export function backgroundColour(rgb: RgbImage, alpha: Alpha): [number, number, number] {
  const values: number[][] = [[], [], []];
  for (let i = 0; i < alpha.length; i += 7) {
    if (alpha[i]! > 5) continue;
    for (let c = 0; c < 3; c++) values[c]!.push(rgb.data[i * 3 + c]!);
  }
  return values.map((v) => (v.length > 0 ? Math.round(quantile(v, 0.5)) : 255)) as [number, number, number];
}

/**
 * The hair top from a matte, climbed as findHairTopInMatte climbs it (climbToHairTop: each
 * column's top is where the person ends, so a lamp or a sign above the head that the matte took
 * for person does not count), from the forehead. `touchesTop`:
 * the photo's top edge cuts the hair; `grazesTop`: the apex is on the first row, but the edge only
 * touches the crown (see `crownGraze`). Undefined when fewer than half the columns start on the
 * person.
 */
export function matteHairTop(
  alpha: Alpha,
  width: number,
  height: number,
  face: { eyeMidX: number; eyeY: number; faceWidth: number },
): { y: number; touchesTop: boolean; grazesTop: boolean } | undefined {
  // Climbed from 0.3 face widths above the eyes: the matte of a levelled or framed canvas has no landmarks.
  const y = climbToHairTop(alpha, width, height, { eyeMidX: face.eyeMidX, faceWidth: face.faceWidth, fromRow: Math.floor(face.eyeY - 0.3 * face.faceWidth) });
  if (y === null) return undefined;
  if (y > 0) return { y, touchesTop: false, grazesTop: false };
  // The apex is on the first row: the photo's edge cuts the crown, or only touches it. A crown is
  // round, so the edge cuts a chord whose width tells how deep it cuts: a chord of `crownGraze`
  // face widths leaves about 1% of a face width of hair outside (a pixel or two in the output),
  // which a person does not see; a wider one is a cut head.
  const reach = crownSpan * face.faceWidth;
  let longest = 0;
  let run = 0;
  for (let x = Math.max(0, Math.round(face.eyeMidX - reach)); x <= Math.min(width - 1, Math.round(face.eyeMidX + reach)); x++) {
    run = alpha[x]! >= 128 && (height < 2 || alpha[width + x]! >= 128) ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  const cut = longest > crownGraze * face.faceWidth;
  return { y, touchesTop: cut, grazesTop: !cut };
}

/** Half the width, in face widths, of the span over the eyes where the top edge may meet the hair. */
const crownSpan = 0.7;

/**
 * The widest chord, in face widths, that the top edge may cut from the hair and still count as
 * touching it, not cutting it. Measured on the real-photo corpus: crowns that only graze the edge
 * meet it over 0.11–0.12 face widths; heads a person sees as cut, over 0.39–0.96.
 */
const crownGraze = 0.2;

/** What the matte says about a side or the bottom edge of the photo, for the framing (see FrameLimits.reach). */
export interface EdgeContact {
  /** The head (hair top to the ears' lobes) runs into this edge: the canvas may not be extended there. */
  head: boolean;
  /** The person runs into this edge somewhere: extending the canvas there continues the clothes. */
  person: boolean;
}

/**
 * Which of the photo's sides and bottom the person runs into, and whether it is the head: an edge
 * counts when its alpha is ≥ 128 over more than 2% of its length within the band looked at (a few
 * stray pixels of a soft matte do not). The head band is from the hair top down to the ears' lobes
 * (shoulders rise to the sides below them).
 */
export function edgeContacts(alpha: Alpha, width: number, height: number, head: { top: number; bottom: number }): Record<'left' | 'right' | 'bottom', EdgeContact> {
  const share = (value: (i: number) => number, from: number, to: number) => {
    const lo = Math.max(0, Math.floor(from));
    const hi = Math.min(to, Math.ceil(to));
    let count = 0;
    for (let i = lo; i < hi; i++) if (value(i) >= 128) count++;
    return hi > lo ? count / (hi - lo) : 0;
  };
  const touches = 0.02;
  const side = (x: number): EdgeContact => {
    const column = (y: number) => alpha[y * width + x]!;
    return { head: share(column, head.top, Math.min(height, head.bottom)) > touches, person: share(column, 0, height) > touches };
  };
  const bottom = (x: number) => alpha[(height - 1) * width + x]!;
  return { left: side(0), right: side(width - 1), bottom: { head: false, person: share(bottom, 0, width) > touches } };
}
