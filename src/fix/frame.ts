/**
 * Where to cut: the scale and crop that put the face where the spec wants it. Pure arithmetic on
 * measurements, so it is tested without pixels.
 *
 * The framing lands every measure as near its aim as the photo allows: eye midpoint x and hair top
 * the middle of their spec range, face width a tenth of the way up its range (room for the
 * shoulders); each is scored by its distance from the aim (in half-ranges, squared), and the best
 * framing on a half-pixel grid wins. Hard limits: the crop
 * reaches beyond each edge of the photo no farther than the caller allows (freely where the canvas
 * becomes white background, a little where the clothes are continued, not at all where the head
 * would have to be invented), the face width and eye midpoint stay inside their ranges by a safety
 * margin, and the eye line stays above its limit by a margin. Continued clothes cost, so the
 * framing moves the face within its ranges first. The hair top may leave its range only when the eye rule
 * cannot otherwise hold (DOMAIN §1.1: very tall hair is cut; the eye rule wins).
 */
import { ShebaoError } from '../core/errors.js';
import { clamp } from '../core/math.js';
import type { PhotoSpec } from '../photo/spec.js';

export interface Range {
  min: number;
  max: number;
}

/** What the spec asks of the output, in its pixels. */
export interface FrameTargets {
  width: number;
  height: number;
  faceWidth: Range;
  eyeMidX: Range;
  /** Lowest allowed eye line (y grows downwards); undefined when the spec has no eye rule. */
  eyeMaxY?: number;
  hairTop: Range;
}

/** The face as measured in the (upright) source photo, in its pixels. */
export interface FaceGeometry {
  faceWidth: number;
  eyeMidX: number;
  /** The lower eye's y: the eye rule measures the eye line's lowest point. */
  eyeY: number;
  hairTop: number;
}

export interface FrameLimits {
  /** The photo's size, in its own pixels (before any turn). */
  width: number;
  height: number;
  /** Largest enlargement accepted: beyond it the result is too soft to send. */
  maxScale: number;
  /**
   * How far (photo px) the crop may reach beyond each edge of the photo: 0 not at all, Infinity
   * freely. Beyond an edge the canvas is extended: white where it is background, the clothes
   * continued where the person runs into that edge.
   */
  reach: Record<Edge, number>;
  /**
   * Edges the person runs into: reaching beyond them repeats the clothes, so the framing does it
   * only as far as it must (a cost per output px), while beyond the other edges is plain white.
   */
  costly?: Partial<Record<Edge, boolean>>;
  /**
   * The face was measured on the photo turned about its centre: where a point of the turned canvas
   * lies in the photo's own pixels. The identity when absent.
   */
  toPhoto?: (x: number, y: number) => { x: number; y: number };
}

/**
 * Safety margins, output px: how far check-photo's measurement of the finished photo may differ
 * from the framing's prediction. After fix-photo's one correction pass, on 20 framings of the
 * phone fixture (5 sizes from 420×560 to 3024×4032, 4 positions each) the differences were at most
 * 2 px for the face width, 1 px for the eye midpoint, 3 px for the eye line and 2 px for the hair
 * top; the margins leave room beyond that.
 */
export const frameMargins = { faceWidth: 6, eyeMidX: 4, eyeY: 5, hairTop: 3 } as const;

export interface Framing {
  /** Output px per source px. */
  scale: number;
  /** The source rectangle that becomes the output; y < 0 means white rows are added above. */
  crop: { x: number; y: number; width: number; height: number };
  /** Where the face lands in the output. */
  predicted: { faceWidth: number; eyeMidX: number; eyeY: number; hairTop: number };
}

export type Edge = 'left' | 'right' | 'top' | 'bottom';

export type FrameResult =
  | { ok: true; framing: Framing }
  /** The face is too small to enlarge to the smallest allowed width. */
  | { ok: false; reason: 'face-too-small'; neededScale: number }
  /** The crop would need pixels beyond these edges of the photo (source px missing on each). */
  | { ok: false; reason: 'too-close-to-edge'; missing: Partial<Record<Edge, number>> };

/** The geometry rules of a spec as framing targets; throws when the spec lacks one fix-photo needs. */
export function frameTargets(spec: PhotoSpec): FrameTargets {
  const { dimensions, 'face-width': faceWidth, 'head-top': hairTop, 'face-centered': centred, 'eye-height': eye } = spec.checks;
  if (!dimensions || !faceWidth || !hairTop) {
    const missing = [!dimensions && 'dimensions', !faceWidth && 'face-width', !hairTop && 'head-top'].filter((id): id is string => id !== false);
    throw new ShebaoError('spec-missing-rules', { spec: spec.id, missing });
  }
  return {
    width: dimensions.width,
    height: dimensions.height,
    faceWidth: { min: faceWidth.min, max: faceWidth.max },
    // Without a centring rule the eyes go to the middle, ± the margin.
    eyeMidX: centred ? { min: centred.min, max: centred.max } : { min: dimensions.width / 2, max: dimensions.width / 2 },
    eyeMaxY: eye ? dimensions.height - eye.minFromBottom : undefined,
    hairTop: { min: hairTop.min, max: hairTop.max },
  };
}

/** Grid step of the search, output px. */
const step = 0.5;

/**
 * Cost of canvas beyond an edge the person runs into (continued clothes), in the units of the
 * other costs (a measure half its range from its aim costs 1): the first 4 output px are free (a
 * sliver no one sees, and what a photo that already passes may need when fixed again), then each
 * 10 px weigh as much as a face half-way to the end of its centring range.
 */
const extension = { freePx: 4, px: 10 } as const;

/**
 * Where in its range (inside the margins) the face width is aimed, 0 = smallest, 1 = largest. Not
 * the middle: at the middle of shebao-card's range (217 of 358 px) the face fills 61% of the
 * width and the collar is all that shows below the chin; a tenth of the way up (191 px) the
 * shoulders and the top come into the picture, as in a studio's ID photo, and clothing-contrast
 * sees the clothes rather than the neck. shebao's own choice, from looking at fix-photo's outputs
 * on the real-photo corpus.
 */
const faceWidthAim = 0.1;

/** Search the framing; pure. */
export function frameFace(face: FaceGeometry, targets: FrameTargets, limits: FrameLimits): FrameResult {
  const m = frameMargins;
  const inner = (range: Range, margin: number): Range => {
    const mid = (range.min + range.max) / 2;
    return range.max - range.min >= 2 * margin ? { min: range.min + margin, max: range.max - margin } : { min: mid, max: mid };
  };
  const widthRange = inner(targets.faceWidth, m.faceWidth);
  const xRange = inner(targets.eyeMidX, m.eyeMidX);
  const hairRange = inner(targets.hairTop, m.hairTop);
  const mid = (r: Range) => (r.min + r.max) / 2;
  const half = (r: Range) => Math.max(1, (r.max - r.min) / 2);
  const widthAim = widthRange.min + faceWidthAim * (widthRange.max - widthRange.min);
  const eyeLimit = targets.eyeMaxY === undefined ? Infinity : targets.eyeMaxY - m.eyeY;
  const eyeBelowHair = face.eyeY - face.hairTop;

  const smallestScale = widthRange.min / face.faceWidth;
  // Only the eye rule may push the hair top above its range (cut hair): when even the smallest
  // allowed face puts the eyes too low with the hair in range. Never an edge of the photo.
  const hairMustGive = hairRange.min + smallestScale * eyeBelowHair > eyeLimit;
  if (smallestScale > limits.maxScale) return { ok: false, reason: 'face-too-small', neededScale: smallestScale };

  let best: { cost: number; framing: Framing } | undefined;
  /** The best framing when the photo's edges are ignored, to say which edge is short. */
  let unbounded: { cost: number; crop: Framing['crop'] } | undefined;
  const widths = rangeSteps(widthRange).filter((w) => w / face.faceWidth <= limits.maxScale);
  // The hair top may go above its range (down to the top edge and beyond: cut) only for the eye rule.
  const hairs = rangeSteps({ min: Math.min(hairRange.min, -targets.height / 4), max: hairRange.max });
  const xs = rangeSteps(xRange);
  for (const w of widths) {
    const scale = w / face.faceWidth;
    const cropWidth = targets.width / scale;
    const cropHeight = targets.height / scale;
    for (const h of hairs) {
      const eyeY = h + scale * eyeBelowHair;
      if (eyeY > eyeLimit) continue;
      if (h < hairRange.min && !hairMustGive) continue;
      const hairCost = h >= hairRange.min ? ((h - mid(hairRange)) / half(hairRange)) ** 2 : 100 + (hairRange.min - h) ** 2;
      const widthCost = ((w - widthAim) / half(widthRange)) ** 2;
      const y = face.hairTop - h / scale;
      const xFree = clamp(mid(xRange), xRange.min, xRange.max);
      const freeCost = hairCost + widthCost + ((xFree - mid(xRange)) / half(xRange)) ** 2;
      if (!unbounded || freeCost < unbounded.cost) {
        unbounded = { cost: freeCost, crop: { x: face.eyeMidX - xFree / scale, y, width: cropWidth, height: cropHeight } };
      }
      // No x can make this (width, hair) better than the best so far: skip the search along x.
      if (best && hairCost + widthCost >= best.cost) continue;
      for (const x of xs) {
        const centreCost = ((x - mid(xRange)) / half(xRange)) ** 2;
        if (best && hairCost + widthCost + centreCost >= best.cost) continue;
        const crop = { x: face.eyeMidX - x / scale, y, width: cropWidth, height: cropHeight };
        const beyond = beyondEdges(crop, limits);
        if (edges.some((edge) => beyond[edge] > limits.reach[edge] + 1e-9)) continue;
        const extensionCost = edges.reduce((sum, edge) => sum + (limits.costly?.[edge] ? (Math.max(0, beyond[edge] * scale - extension.freePx) / extension.px) ** 2 : 0), 0);
        const cost = hairCost + widthCost + centreCost + extensionCost;
        if (best && cost >= best.cost) continue;
        best = { cost, framing: { scale, crop, predicted: { faceWidth: w, eyeMidX: x, eyeY, hairTop: h } } };
      }
    }
  }
  if (best) return { ok: true, framing: best.framing };
  const crop = unbounded?.crop;
  if (!crop) return { ok: false, reason: 'face-too-small', neededScale: smallestScale };
  // How much more of the photo each edge would need, beyond what may be added there.
  const beyond = beyondEdges(crop, limits);
  const missing: Partial<Record<Edge, number>> = {};
  for (const edge of edges) if (beyond[edge] > limits.reach[edge]) missing[edge] = beyond[edge] - limits.reach[edge];
  return { ok: false, reason: 'too-close-to-edge', missing };
}

const edges: readonly Edge[] = ['left', 'right', 'top', 'bottom'];

/**
 * How far (photo px) a crop reaches beyond each edge of the photo, negative when it stays inside:
 * the farthest of its four corners, mapped into the photo (a rectangle turned against another
 * reaches farthest at a corner).
 */
export function beyondEdges(crop: Framing['crop'], limits: Pick<FrameLimits, 'width' | 'height' | 'toPhoto'>): Record<Edge, number> {
  const beyond = { left: -Infinity, right: -Infinity, top: -Infinity, bottom: -Infinity };
  for (const [cx, cy] of [
    [crop.x, crop.y],
    [crop.x + crop.width, crop.y],
    [crop.x, crop.y + crop.height],
    [crop.x + crop.width, crop.y + crop.height],
  ] as const) {
    const { x, y } = limits.toPhoto ? limits.toPhoto(cx, cy) : { x: cx, y: cy };
    beyond.left = Math.max(beyond.left, -x);
    beyond.right = Math.max(beyond.right, x - limits.width);
    beyond.top = Math.max(beyond.top, -y);
    beyond.bottom = Math.max(beyond.bottom, y - limits.height);
  }
  return beyond;
}

function rangeSteps(range: Range): number[] {
  const values: number[] = [];
  for (let v = Math.ceil(range.min / step) * step; v <= range.max + 1e-9; v += step) values.push(v);
  if (values.length === 0) values.push((range.min + range.max) / 2);
  return values;
}
