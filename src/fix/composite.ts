/**
 * The framed photo and its person matte (src/segment) on the output canvas: the canvas extended
 * where the photo ends (white background; the clothes continued where the person runs into an
 * edge), the face outline kept as person whatever the matte says (a matte unsure about a pale face
 * must never bleach it), and what the matte tells the framing: the hair top, and which edges of
 * the photo the head or the clothes run into. The mixing with white itself, without the old
 * background's fringe, is src/segment's replaceBackground.
 */
import { ycbcr } from '../core/colour.js';
import { flood4 } from '../core/grid.js';
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
  flood4(width, n, [at], (k) => {
    if (body[k] !== 0 || !core[k]) return false;
    body[k] = 1;
    return true;
  });
  const near = dilate(body, width, height, thread + softEdge);
  let cleared = 0;
  for (let i = 0; i < n; i++) {
    if (alpha[i] === 0 || near[i]) continue;
    alpha[i] = 0;
    cleared++;
  }
  return cleared / n;
}

/**
 * What the matte kept of a blue or green backdrop at the head's edge: a band of a dark-blue stage
 * wall over the hair, a patch of a flag behind an ear. Hair and skin are warm or grey; such a
 * patch is cold, so it is told apart by its chroma (JFIF YCbCr) from the hair's own, measured in
 * the hair above the eyebrows: a pixel whose Cb is more than `coldLimits.chroma` above the hair's
 * (and above neutral), or whose Cr is as far below, is cold. Cold patches outside the face outline
 * that the matte is sure of (alpha ≥ 128), that lie wholly above the base of the nose (a navy
 * jacket's shoulder can reach above a raised chin) and to one side of the eyes' midpoint (a blue
 * cap or hood covers the middle of the head: shebao does not cut it off), touch the background,
 * and that are leftovers by their shape (leftoverShape), become background; round them, for `ring`
 * px, each pixel keeps as much of its alpha as it is not cold (a hair strand over the patch stays).
 * A cold patch inside the hair (a clip) does not touch the background and stays: clearing it
 * would make a hole. In place; returns the share of the picture cleared.
 */
export function clearColdEdges(rgb: RgbImage, alpha: Alpha, face: { outline: readonly Point[]; noseY: number; browY: number; midX: number }): number {
  const { width, height, data } = rgb;
  const n = width * height;
  const faceMask = new Uint8Array(n);
  fillPolygon(faceMask, width, height, face.outline);
  const chroma = (i: number) => ycbcr(data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!);
  const noseRow = Math.floor(face.noseY);
  const hair = hairColours(rgb, alpha, faceMask, face.browY);
  if (hair.cb.length < minHair) return 0;
  const cbLimit = Math.max(128, quantile(hair.cb, 0.5));
  const crLimit = Math.min(128, quantile(hair.cr, 0.5));
  const coldness = new Float32Array(n);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (alpha[i] === 0 || faceMask[i]) continue;
      const c = chroma(i);
      if (c.y < coldLimits.minLuma) continue;
      // Dark pixels carry less chroma for the same hue: the limit shrinks with luma, down to a floor.
      const limit = Math.max(coldLimits.minChroma, coldLimits.chroma * Math.min(1, c.y / coldLimits.fullLuma));
      coldness[i] = Math.max(c.cb - cbLimit, crLimit - c.cr) / limit;
    }
  }
  const background = new Uint8Array(n);
  for (let i = 0; i < n; i++) background[i] = alpha[i]! < 128 ? 1 : 0;
  const nearBackground = dilate(background, width, height, 2);
  // Patches the matte is sure of (alpha ≥ 128): a soft hair edge over a blue wall is cold too, and
  // replaceBackground takes the wall's colour out of it.
  const solidCold = (i: number) => alpha[i]! >= 128 && coldness[i]! > 1;
  const seen = new Uint8Array(n);
  const label = new Int32Array(n);
  const clear = new Uint8Array(n);
  const keep = new Uint8Array(n);
  const enter = (i: number) => {
    if (seen[i] || !solidCold(i)) return false;
    seen[i] = 1;
    return true;
  };
  for (let start = 0; start < n; start++) {
    if (seen[start] || !solidCold(start)) continue;
    const patch = flood4(width, n, [start], enter);
    let touches = false;
    let lowest = 0;
    let left = width;
    let right = 0;
    for (const j of patch) {
      if (nearBackground[j]) touches = true;
      lowest = Math.max(lowest, Math.floor(j / width));
      left = Math.min(left, j % width);
      right = Math.max(right, j % width);
      label[j] = start + 1;
    }
    // A patch that runs on below the nose may be the clothes (a navy jacket's shoulder beside a
    // raised chin), not the backdrop; one across the middle of the head a cap, a hood or a hairband;
    // one inside the hair a clip; one closed in by the person a highlight on a hairband. They stay,
    // whole. A shapeless fragment may go with a patch beside it.
    const aside = touches && lowest < noseRow && (right < face.midX || left > face.midX);
    const shape = aside ? leftoverShape(patch, label, start + 1, alpha, width) : 'closed';
    if (shape === 'leftover') for (const j of patch) clear[j] = 1;
    else if (shape === 'closed') for (const j of patch) keep[j] = 1;
  }
  // The patch goes; round it, each pixel keeps as much as it is not cold (hair over the patch
  // stays), except what belongs to a patch that stays.
  const ring = dilate(clear, width, height, coldLimits.ring);
  let cleared = 0;
  for (let i = 0; i < n; i++) {
    if (alpha[i] === 0 || !ring[i] || coldness[i]! <= 0 || keep[i]) continue;
    alpha[i] = clear[i] ? 0 : Math.round(alpha[i]! * Math.max(0, 1 - coldness[i]!));
    cleared++;
  }
  return cleared / n;
}

/**
 * A cold patch is a leftover of the backdrop when it has a body (`coldLimits.minCore` px at least
 * 2 px inside it; without one it is a `fragment`, like the cold gaps between strands at a hair edge
 * over a blue wall) and at least `minOpen` of its outline borders the background (else it is
 * `closed`: a blue highlight on a hairband, with the hairband all round it).
 */
function leftoverShape(patch: readonly number[], label: Int32Array, id: number, alpha: Alpha, width: number): 'leftover' | 'fragment' | 'closed' {
  const n = label.length;
  const inside = (k: number) => k >= 0 && k < n && label[k] === id;
  let core = 0;
  let outline = 0;
  let open = 0;
  for (const j of patch) {
    const x = j % width;
    const near = [j - 1, j + 1, j - width, j + width];
    const round = [...near, j - 2, j + 2, j - 2 * width, j + 2 * width, j - width - 1, j - width + 1, j + width - 1, j + width + 1];
    if (x >= 2 && x < width - 2 && round.every(inside)) core++;
    const out = near.filter((k, side) => !(side === 0 && x === 0) && !(side === 1 && x === width - 1) && k >= 0 && k < n && label[k] !== id);
    if (out.length === 0) continue;
    outline++;
    if (out.some((k) => alpha[k]! < 128)) open++;
  }
  if (open < coldLimits.minOpen * outline) return 'closed';
  return core >= coldLimits.minCore ? 'leftover' : 'fragment';
}

/**
 * Chosen on the corpus's fix-photo outputs: chroma 12 above the hair's Cb (or below its Cr) on the
 * 0–255 scale, from luma 80 up, shrinking with luma below it to 6; a body of 20 px (the stage
 * wall over df_img67's hair has 309, the flag behind fr_obama's ear 25, the strand gaps of
 * df_img12's crown 0) and a third of the outline open (a hairband's highlight in df_img26: 6%),
 * with a 6-px edge; luma below 10 is too dark for its chroma to mean anything.
 */
const coldLimits = { chroma: 12, minChroma: 6, fullLuma: 80, minCore: 20, minOpen: 0.3, ring: 6, minLuma: 10 } as const;

/** Fewest hair pixels (output px) from which the hair's colour is trusted. */
const minHair = 200;

/** The colour (JFIF YCbCr) of the hair: the pixels above row `above` (the eyebrows, or higher) that the matte is sure of (alpha ≥ 230), outside the face. */
function hairColours(rgb: RgbImage, alpha: Alpha, faceMask: Uint8Array, above: number): { y: number[]; cb: number[]; cr: number[] } {
  const { width, height, data } = rgb;
  const hair = { y: [] as number[], cb: [] as number[], cr: [] as number[] };
  for (let y = 0; y < Math.min(height, Math.floor(above)); y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (alpha[i]! < 230 || faceMask[i]) continue;
      const c = ycbcr(data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!);
      hair.y.push(c.y);
      hair.cb.push(c.cb);
      hair.cr.push(c.cr);
    }
  }
  return hair;
}

/**
 * A second look, on white: what the first matte kept of the old background beside the head (the
 * shoulder of a gold statue behind the hair, a poster's letters) stands out on white, and the
 * segmentation model run again on the person put on white (`second`, its matte of `onWhite`) is
 * no longer sure of it. A pixel is doubted when:
 * - the second look gives it at most `doubtLimits.second` (of 255), and on white it is not near
 *   white (RGB distance over `doubtLimits.visible`): a leftover a person would see;
 * - it keeps `doubtLimits.faceGap` px from the face outline (an ear is never touched);
 * - it has not the hair's colour (the hair above the forehead that both looks are sure of, between
 *   its 10th and 90th percentiles in Y, Cb and Cr, widened by `doubtLimits.hairSlack`): a hair edge
 *   the second look trims stays.
 * Doubted shapes that have a body (they survive an opening of `doubtLimits.open` px, with at least
 * `doubtLimits.minArea` px after it) and lie wholly above the base of the nose (an earring and the
 * clothes are never touched) become background, and so does what they fade into that the second
 * look calls background (`doubtLimits.background` or less), up to `doubtLimits.reach` px from them
 * and on the same terms of place: the translucent rest of the same object, faint on white, which
 * would otherwise stay as a smudge. For `doubtLimits.ring` px round all that the matte takes the
 * second look's alpha where that is lower. Without enough hair to know its colour
 * (`minHair` px) nothing is cleared. In place; returns the share of the picture cleared.
 */
export function clearDoubted(rgb: RgbImage, alpha: Alpha, onWhite: RgbImage, second: Alpha, face: { outline: readonly Point[]; noseY: number; browY: number }): number {
  const { width, height, data } = rgb;
  const n = width * height;
  const faceMask = new Uint8Array(n);
  fillPolygon(faceMask, width, height, face.outline);
  const nearFace = dilate(faceMask, width, height, doubtLimits.faceGap);
  // The hair above the forehead: above the eyebrows by `forehead` face widths (the jaw's span).
  const xs = face.outline.map((p) => p.x);
  const sure = alpha.map((a, i) => Math.min(a, second[i]!)); // what both looks call person
  const hair = hairColours(rgb, sure, faceMask, face.browY - doubtLimits.forehead * (Math.max(...xs) - Math.min(...xs)));
  if (hair.y.length < minHair) return 0;
  const range = (values: number[]) => [quantile(values, 0.1) - doubtLimits.hairSlack, quantile(values, 0.9) + doubtLimits.hairSlack] as const;
  const hairRange = { y: range(hair.y), cb: range(hair.cb), cr: range(hair.cr) };
  const inRange = (value: number, [low, high]: readonly [number, number]) => value >= low && value <= high;
  const doubted = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (second[i]! > doubtLimits.unsure || nearFace[i]) continue;
    const at = i * 3;
    if (Math.hypot(255 - onWhite.data[at]!, 255 - onWhite.data[at + 1]!, 255 - onWhite.data[at + 2]!) <= doubtLimits.visible) continue;
    const c = ycbcr(data[at]!, data[at + 1]!, data[at + 2]!);
    if (!(inRange(c.y, hairRange.y) && inRange(c.cb, hairRange.cb) && inRange(c.cr, hairRange.cr))) doubted[i] = 1;
  }
  const body = dilate(erode(doubted, width, height, doubtLimits.open), width, height, doubtLimits.open);
  const noseRow = Math.floor(face.noseY);
  const seen = new Uint8Array(n);
  const clear = new Uint8Array(n);
  let any = false;
  for (let start = 0; start < n; start++) {
    if (!body[start] || seen[start]) continue;
    const shape = flood4(width, n, [start], (i) => {
      if (!body[i] || seen[i]) return false;
      seen[i] = 1;
      return true;
    });
    const doubtful = shape.filter((i) => second[i]! <= doubtLimits.second).length;
    if (doubtful < doubtLimits.minArea || shape.some((i) => Math.floor(i / width) >= noseRow)) continue;
    for (const i of shape) clear[i] = 1;
    any = true;
  }
  if (!any) return 0;
  // What the cleared shapes fade into that the second look calls background (a translucent rest of
  // the same object, faint on white) goes with them, up to `doubtLimits.reach` px from them.
  let front: number[] = [];
  for (let i = 0; i < n; i++) if (clear[i]) front.push(i);
  for (let step = 0; step < doubtLimits.reach && front.length > 0; step++) {
    const next: number[] = [];
    for (const i of front) {
      const x = i % width;
      for (const j of [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width]) {
        if (j < 0 || j >= n || clear[j] || alpha[j] === 0 || second[j]! > doubtLimits.background || nearFace[j] || Math.floor(j / width) >= noseRow) continue;
        clear[j] = 1;
        next.push(j);
      }
    }
    front = next;
  }
  const round = dilate(clear, width, height, doubtLimits.ring);
  let cleared = 0;
  for (let i = 0; i < n; i++) {
    const to = clear[i] ? 0 : second[i]!;
    if (!round[i] || to >= alpha[i]!) continue;
    alpha[i] = to;
    cleared++;
  }
  return cleared / n;
}

/**
 * Chosen on the corpus's fix-photo outputs (358×441): the second look gives the gold statue behind
 * df_img37's hair 0–200 (median 44, 95th percentile 172), so a shape needs 40 px the second look
 * gives less than half (128) and grows through what it gives up to 200; it must be 5 px thick
 * (opened by 2): the hair edges the second look trims (hu_person-linda, hu_stock-emotions-a-8) are
 * thinner or have the hair's colour; visible is an RGB distance from white over 60; the face keeps a 3-px gap, the cleared
 * shape a 4-px soft ring; the forehead ends 0.4 face widths above the eyebrows. The faint rest of a
 * bystander's head beside df_img41's ear (mirrored) reached about 20 px past the cleared shape.
 */
const doubtLimits = { visible: 60, open: 2, minArea: 40, faceGap: 3, hairSlack: 8, forehead: 0.4, ring: 4, second: 128, unsure: 200, background: 64, reach: 24 } as const;

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
