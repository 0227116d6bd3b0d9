/**
 * The top as the original photo shows it. An ID photo's frame ends just below the shoulders, where
 * long hair often hides the top; the original usually shows more of it. fix-photo reads a band of
 * the chest there, on the person matte, so a light top or bare shoulders hidden in the frame by
 * dark hair is never framed into a photo that passes (clothing-contrast, `original` parameters).
 */
import { isSkin, luma } from '../core/colour.js';
import type { DetectedFace, RgbImage } from '../face/types.js';
import type { Alpha } from './composite.js';

export interface TopBand {
  band: { from: number; to: number; halfWidth: number };
  minVisible: number;
  maxSkinShare: number;
  minMidShare: number;
}

export interface TopSeen {
  /** Share of the band that lies inside the photo, and of that part the share that is solidly person. */
  inside: number;
  visible: number;
  /** Of the band's person pixels: the share that is skin, and the share that is not skin and at most `maxLuma`. */
  skinShare: number;
  midShare: number;
  /** The band shows a light top or bare skin: the photo cannot pass clothing-contrast. */
  light: boolean;
}

/** Least share of the band inside the photo: less is a glimpse, not a top. */
const minInside = 0.3;

/** Alpha (0–255) from which a pixel is all person: soft edges mix in the background's colour. */
const solid = 230;

/**
 * Read the band `from`–`to` face widths below the chin; `maxLuma` is the clothing check's mid-tone
 * limit. Returns undefined when the band is not inside the image or not person enough to judge.
 */
export function topInOriginal(image: RgbImage, alpha: Alpha, face: DetectedFace, where: TopBand, maxLuma: number): TopSeen | undefined {
  const w = face.faceWidth;
  const chin = face.landmarks.chin.y;
  const x0 = Math.round(face.eyeLine.midX - where.band.halfWidth * w);
  const x1 = Math.round(face.eyeLine.midX + where.band.halfWidth * w);
  const y0 = Math.round(chin + where.band.from * w);
  const y1 = Math.round(chin + where.band.to * w);
  const area = Math.max(1, (x1 - x0) * (y1 - y0));
  let pixels = 0;
  let person = 0;
  let skin = 0;
  let mid = 0;
  for (let y = Math.max(0, y0); y < Math.min(image.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(image.width, x1); x++) {
      const at = y * image.width + x;
      pixels++;
      if (alpha[at]! < solid) continue;
      const r = image.data[at * 3]!;
      const g = image.data[at * 3 + 1]!;
      const b = image.data[at * 3 + 2]!;
      person++;
      if (isSkin(r, g, b)) skin++;
      else if (luma(r, g, b) <= maxLuma) mid++;
    }
  }
  const inside = pixels / area;
  const visible = person / Math.max(1, pixels);
  if (inside < minInside || visible < where.minVisible) return undefined;
  const skinShare = skin / person;
  const midShare = mid / person;
  return { inside, visible, skinShare, midShare, light: skinShare >= where.maxSkinShare || midShare < where.minMidShare };
}
