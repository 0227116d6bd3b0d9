/**
 * How sharp the person's outline is beside the head, against the face itself. A portrait is
 * focused on the face; hair and ears beside it are as sharp. What the matte joins to the person
 * there from the background (a photographer, a bystander's head, a lamp) is out of focus. The
 * background check fails a photo where it is (see checks/background.ts, `minBesideFocus`): the
 * block picture cannot tell such a leftover from hair by shape or colour, and fix-photo would put
 * it on white as part of the person.
 *
 * Measured at the face's standard scale (200 px wide, as src/face/content.ts measures the face),
 * in 8-px blocks between the eye line and the chin, outside the face outline and the ears and up to
 * 1.5 face widths beyond them.
 */
import type { DetectedFace, RgbImage } from '../face/types.js';
import { cutRect, resampleBytes, resampleRgb } from './planes.js';
import type { PersonMatte } from './types.js';

/** One side of the head (left or right as seen). */
export interface SideFocus {
  /** Blocks of person beside the head on this side (8 px at a face 200 px wide). */
  blocks: number;
  /**
   * The first quartile of their detail (luma gradient over luma), over the face's own detail: about
   * 1 for hair as sharp as the face, near 0 for a blurred background. A quarter of the blocks is
   * enough to call a side blurred: a leftover seldom fills the whole side.
   */
  focus: number;
}

/** Face width at the standard scale, px. */
const standardFaceWidth = 200;
/** Block side at the standard scale, px. */
const block = 8;
/** How far beyond the outline of the jaw the ears reach, in face widths: what lies further is beside the head. */
const earReach = 0.15;
/** How far beyond the jaw outline, in face widths, something is still beside the head (further is another part of the photo). */
const besideReach = 1.5;
/** Share of a block that must be person (matte ≥ 0.5) for the block to count. */
const personShare = 0.75;
/** Added to the luma (0–255) before dividing, so detail in a dark block is not blown up by its darkness. */
const lumaFloor = 20;

/**
 * The focus of each side of the head with any person beside it, or an empty list when there is
 * none (short hair against a wall). `matte` spans `image` at its own size.
 */
export function besideFocus(image: RgbImage, matte: PersonMatte, face: DetectedFace): SideFocus[] {
  if (matte.width !== image.width || matte.height !== image.height) return [];
  const scale = standardFaceWidth / face.faceWidth;
  const jaw = face.landmarks.points.slice(0, 17);
  const jawMinX = Math.min(...jaw.map((p) => p.x));
  const jawMaxX = Math.max(...jaw.map((p) => p.x));
  const chin = face.landmarks.points[8]!.y;
  // The rows from the eye line to the chin, with a row of blocks' margin for the gradient; the
  // columns to `besideReach` face widths beyond the jaw. At the standard scale that is a few
  // hundred pixels each way, whatever the photo's size.
  const top = Math.max(0, Math.floor(face.eyeLine.y - block / scale));
  const bottom = Math.min(image.height, Math.ceil(chin + block / scale));
  const left = Math.max(0, Math.floor(jawMinX - besideReach * face.faceWidth));
  const right = Math.min(image.width, Math.ceil(jawMaxX + besideReach * face.faceWidth));
  if (bottom - top < 2 || right - left < 2) return [];
  const window = { left, top, width: right - left, height: bottom - top };
  const width = Math.max(2, Math.round(window.width * scale));
  const height = Math.max(2, Math.round(window.height * scale));
  const [red, green, blue] = resampleRgb({ data: cutRect(image.data, image.width, 3, window), width: window.width, height: window.height, channels: 3 }, width, height);
  const alpha = resampleBytes(cutRect(matte.alpha, image.width, 1, window), window.width, window.height, width, height).data;
  const luma = new Float32Array(width * height);
  for (let i = 0; i < luma.length; i++) luma[i] = 255 * (0.299 * red.data[i]! + 0.587 * green.data[i]! + 0.114 * blue.data[i]!);
  const detail = (i: number) => Math.abs(luma[i]! - luma[i - 1]!) + Math.abs(luma[i]! - luma[i - width]!);
  const toX = (x: number) => (x - left) * scale;
  const toY = (y: number) => (y - top) * scale;
  const eyeRow = toY(face.eyeLine.y);
  const chinRow = toY(chin);
  const jawLeft = toX(jawMinX);
  const jawRight = toX(jawMaxX);

  // The face's own detail, between the eye line and the chin and a tenth of its width inside the jaw.
  let faceSum = 0;
  let faceLuma = 0;
  let faceCount = 0;
  const inset = 0.1 * standardFaceWidth;
  for (let y = Math.max(1, Math.round(eyeRow)); y < Math.min(height, chinRow); y++) {
    for (let x = Math.max(1, Math.round(jawLeft + inset)); x < Math.min(width, jawRight - inset); x++) {
      const i = y * width + x;
      faceSum += detail(i);
      faceLuma += luma[i]!;
      faceCount++;
    }
  }
  if (faceCount === 0) return [];
  const faceDetail = faceSum / faceCount / (faceLuma / faceCount + lumaFloor);
  if (faceDetail <= 0) return [];

  const sides: SideFocus[] = [];
  const reach = earReach * standardFaceWidth;
  for (const onLeft of [true, false]) {
    const details: number[] = [];
    for (let by = Math.max(1, Math.ceil(eyeRow / block)); (by + 1) * block <= Math.min(height, chinRow); by++) {
      for (let bx = 0; (bx + 1) * block <= width; bx++) {
        const x0 = bx * block;
        if (onLeft ? x0 + block > jawLeft - reach : x0 < jawRight + reach) continue;
        let count = 0;
        let sum = 0;
        let lumaSum = 0;
        for (let y = by * block; y < (by + 1) * block; y++) {
          for (let x = Math.max(1, x0); x < x0 + block; x++) {
            const i = y * width + x;
            if (alpha[i]! < 0.5) continue;
            count++;
            sum += detail(i);
            lumaSum += luma[i]!;
          }
        }
        if (count >= personShare * block * block) details.push(sum / count / (lumaSum / count + lumaFloor));
      }
    }
    if (details.length === 0) continue;
    details.sort((a, b) => a - b);
    sides.push({ blocks: details.length, focus: details[Math.floor(details.length / 4)]! / faceDetail });
  }
  return sides;
}
