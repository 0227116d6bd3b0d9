/**
 * Where to cut: the scale and crop that put the face where the spec wants it. Pure arithmetic on
 * measurements, so it is tested without pixels.
 *
 * The framing lands every measure as near the middle of its range as the photo allows: face width,
 * eye midpoint x and hair top are scored by their distance from the middle of their spec range
 * (in half-ranges, squared), and the best framing on a half-pixel grid wins. Hard limits: the crop
 * lies inside the photo (except white rows above the head when the background is light and plain),
 * the face width and eye midpoint stay inside their ranges by a safety margin, and the eye line
 * stays above its limit by a margin. The hair top may leave its range only when the eye rule
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
  /** The source photo's size. */
  width: number;
  height: number;
  /** White rows may be added above the photo (light plain background, hair not cut). */
  padTop: boolean;
  /** Largest enlargement accepted: beyond it the result is too soft to send. */
  maxScale: number;
  /**
   * Which points of the width × height canvas are photo (a turned photo has blank corners); every
   * point when absent. `above`: the point may lie above the photo's top edge (white rows allowed).
   */
  contains?: (x: number, y: number, above: boolean) => boolean;
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
  for (const w of widths) {
    const scale = w / face.faceWidth;
    const cropWidth = targets.width / scale;
    const cropHeight = targets.height / scale;
    for (const h of hairs) {
      const eyeY = h + scale * eyeBelowHair;
      if (eyeY > eyeLimit) continue;
      if (h < hairRange.min && !hairMustGive) continue;
      const hairCost = h >= hairRange.min ? ((h - mid(hairRange)) / half(hairRange)) ** 2 : 100 + (hairRange.min - h) ** 2;
      const widthCost = ((w - mid(widthRange)) / half(widthRange)) ** 2;
      const y = face.hairTop - h / scale;
      // The eye midpoint x the photo's sides allow at this scale.
      const xMin = Math.max(xRange.min, targets.width - (limits.width - face.eyeMidX) * scale);
      const xMax = Math.min(xRange.max, face.eyeMidX * scale);
      const xFree = clamp(mid(xRange), xRange.min, xRange.max);
      const freeCost = hairCost + widthCost + ((xFree - mid(xRange)) / half(xRange)) ** 2;
      if (!unbounded || freeCost < unbounded.cost) {
        unbounded = { cost: freeCost, crop: { x: face.eyeMidX - xFree / scale, y, width: cropWidth, height: cropHeight } };
      }
      if (xMin > xMax) continue;
      if (y + cropHeight > limits.height) continue;
      // White rows added above lie above the hair top (which is inside the photo): they cover background only.
      if (y < 0 && !limits.padTop) continue;
      // No x can make this (width, hair) better than the best so far: skip the corner search.
      if (best && hairCost + widthCost >= best.cost) continue;
      const x = limits.contains ? nearestFitting(mid(xRange), xMin, xMax, (x) => cornersInside(limits, face.eyeMidX - x / scale, y, cropWidth, cropHeight)) : clamp(mid(xRange), xMin, xMax);
      if (x === undefined) continue;
      const cost = hairCost + widthCost + ((x - mid(xRange)) / half(xRange)) ** 2;
      if (best && cost >= best.cost) continue;
      best = {
        cost,
        framing: {
          scale,
          crop: { x: face.eyeMidX - x / scale, y, width: cropWidth, height: cropHeight },
          predicted: { faceWidth: w, eyeMidX: x, eyeY, hairTop: h },
        },
      };
    }
  }
  if (best) return { ok: true, framing: best.framing };
  const crop = unbounded?.crop;
  if (!crop) return { ok: false, reason: 'face-too-small', neededScale: smallestScale };
  const missing: Partial<Record<Edge, number>> = {};
  if (crop.x < 0) missing.left = -crop.x;
  if (crop.x + crop.width > limits.width) missing.right = crop.x + crop.width - limits.width;
  if (crop.y < 0 && !limits.padTop) missing.top = -crop.y;
  if (crop.y + crop.height > limits.height) missing.bottom = crop.y + crop.height - limits.height;
  return { ok: false, reason: 'too-close-to-edge', missing };
}

/** The crop's four corners are photo (white rows above allowed only as limits.padTop says). */
function cornersInside(limits: FrameLimits, left: number, top: number, width: number, height: number): boolean {
  const contains = limits.contains as NonNullable<FrameLimits['contains']>;
  return (
    contains(left, top, limits.padTop) && contains(left + width, top, limits.padTop) && contains(left, top + height, false) && contains(left + width, top + height, false)
  );
}

/** The value in [min, max] nearest `target`, on the search grid, for which `fits` holds. */
function nearestFitting(target: number, min: number, max: number, fits: (value: number) => boolean): number | undefined {
  const start = clamp(target, min, max);
  for (let offset = 0; start - offset >= min || start + offset <= max; offset += step) {
    if (start - offset >= min && fits(start - offset)) return start - offset;
    if (offset > 0 && start + offset <= max && fits(start + offset)) return start + offset;
  }
  return undefined;
}

function rangeSteps(range: Range): number[] {
  const values: number[] = [];
  for (let v = Math.ceil(range.min / step) * step; v <= range.max + 1e-9; v += step) values.push(v);
  if (values.length === 0) values.push((range.min + range.max) / 2);
  return values;
}
