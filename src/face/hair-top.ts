/**
 * Finds the top of the hair (头顶发迹) from the background above the head, not from the face box:
 * the detector's box starts somewhere on the forehead and says nothing about hair.
 *
 * The background colour is taken from the photo's top corners, which are background in any photo
 * that passes the framing rules. Columns over the face are scanned from the top edge down to the
 * eyes; in each, the head starts at the first row that departs clearly from that colour (and stays
 * departed, so a speck of JPEG noise does not count). The hair top is a low percentile of those
 * rows: the crown's apex, without the one column a stray hair or a speck could win.
 *
 * With the person segmented (src/segment), findHairTopInMatte reads the head's outline from the
 * matte instead, which holds in a busy room where no plain background surrounds the head.
 */
import { median, quantile } from '../core/math.js';
import type { PersonMatte } from '../segment/types.js';
import type { DetectedFace, HairTop, RgbImage } from './types.js';

/** Share of the image width/height sampled in each top corner as background. */
const cornerWidthShare = 0.1;
const cornerHeightShare = 0.06;
/**
 * Colour distance (Euclidean RGB, 0–441) that counts as "not background". JPEG noise and soft
 * light on a white wall stay below 20; dark hair on white is above 200, light-blond hair above 60.
 */
const minDeparture = 36;
/** Consecutive departing rows needed before a column's head top is accepted. */
const departedRun = 3;
/** Columns scanned: the eye midpoint ± this share of the face width (the crown is above the face). */
const scanHalfWidthShare = 0.3;
/** A corner with a quarter of its pixels farther than this from its median colour is not plain background. */
const plainSpread = 12;
/** Which of the columns' tops is taken: a low percentile, the apex without outliers. */
const apexPercentile = 0.1;
/** At least this share of the scanned columns must find the head, or the background is not usable. */
const minColumnsFound = 0.5;

/** The hair top above `face`, or null when the top corners are not a plain background or no head edge is found. */
export function findHairTop(image: RgbImage, face: DetectedFace): HairTop | null {
  const background = sampleBackground(image);
  if (background === null) return null;
  const threshold = Math.max(minDeparture, 4 * background.spread);
  const { leftEye, rightEye } = face.landmarks;
  const bottom = Math.min(image.height, Math.floor(Math.min(leftEye.y, rightEye.y)));
  const halfWidth = Math.max(4, face.faceWidth * scanHalfWidthShare);
  const from = Math.max(0, Math.round(face.eyeLine.midX - halfWidth));
  const to = Math.min(image.width - 1, Math.round(face.eyeLine.midX + halfWidth));
  if (bottom <= departedRun || to < from) return null;

  const tops: number[] = [];
  for (let x = from; x <= to; x++) {
    const top = findColumnTop(image, x, bottom, background.colour, threshold);
    if (top !== null) tops.push(top);
  }
  if (tops.length < (to - from + 1) * minColumnsFound) return null;
  const y = quantile(tops, apexPercentile);
  return { y, touchesTop: y === 0, background: background.colour };
}

/**
 * The hair top above `face` from a person matte (src/segment) of the same image: in each column
 * over the face, climb from the eyes while the matte says person (alpha ≥ 128, gaps shorter than
 * `departedRun` rows bridged, so a curl or a thin parting does not stop the climb); the head's top
 * in that column is the last person row reached. Climbing from the face, not scanning down from
 * the top edge, means a lamp, a sign or another person's hair above the head is never taken for
 * it. The top is the same low percentile of the columns as findHairTop's. Null when the matte does
 * not hold the face (fewer than half the columns are person at the eyes).
 */
export function findHairTopInMatte(matte: PersonMatte, face: DetectedFace): { y: number; touchesTop: boolean } | null {
  const { leftEye, rightEye } = face.landmarks;
  const y = climbToHairTop(matte.alpha, matte.width, matte.height, { eyeMidX: face.eyeLine.midX, faceWidth: face.faceWidth, fromRow: Math.floor(Math.min(leftEye.y, rightEye.y)) });
  return y === null ? null : { y, touchesTop: y === 0 };
}

/**
 * The climb of findHairTopInMatte on a bare alpha plane (alpha ≥ 128 is person), from `fromRow`
 * (clamped to the image) up, over the columns `eyeMidX` ± `scanHalfWidthShare` face widths: the
 * low percentile of the columns' tops, or null when fewer than half the columns start on the
 * person. fix-photo climbs its own matte with it, from a little above the eyes.
 */
export function climbToHairTop(alpha: Uint8Array, width: number, height: number, where: { eyeMidX: number; faceWidth: number; fromRow: number }): number | null {
  const bottom = Math.min(height - 1, where.fromRow);
  const halfWidth = Math.max(4, where.faceWidth * scanHalfWidthShare);
  const from = Math.max(0, Math.round(where.eyeMidX - halfWidth));
  const to = Math.min(width - 1, Math.round(where.eyeMidX + halfWidth));
  if (bottom < 0 || to < from) return null;
  const isPerson = (x: number, y: number) => alpha[y * width + x]! >= 128;
  const tops: number[] = [];
  for (let x = from; x <= to; x++) {
    if (!isPerson(x, bottom)) continue;
    let top = bottom;
    let gap = 0;
    for (let y = bottom - 1; y >= 0 && gap < departedRun; y--) {
      if (isPerson(x, y)) {
        top = y;
        gap = 0;
      } else {
        gap++;
      }
    }
    tops.push(top);
  }
  if (tops.length < (to - from + 1) * minColumnsFound) return null;
  return quantile(tops, apexPercentile);
}

function findColumnTop(
  image: RgbImage,
  x: number,
  bottom: number,
  colour: [number, number, number],
  threshold: number,
): number | null {
  let run = 0;
  for (let y = 0; y < bottom; y++) {
    if (distanceAt(image, x, y, colour) > threshold) {
      run++;
      if (run === departedRun) return y - departedRun + 1;
    } else {
      run = 0;
    }
  }
  return null;
}

function distanceAt(image: RgbImage, x: number, y: number, colour: [number, number, number]): number {
  const i = (y * image.width + x) * 3;
  const dr = image.data[i]! - colour[0];
  const dg = image.data[i + 1]! - colour[1];
  const db = image.data[i + 2]! - colour[2];
  return Math.sqrt(dr * dr + dg * dg + db * db);
}

interface Background {
  colour: [number, number, number];
  /** Distance from that colour within which three quarters of the corner pixels lie: how plain the background is. */
  spread: number;
}

/**
 * Median colour of the two top corners. A corner that is not plain (a head or a pattern reaching
 * into it) is left out; when neither is plain there is no background to measure against.
 */
function sampleBackground(image: RgbImage): Background | null {
  const w = Math.max(1, Math.round(image.width * cornerWidthShare));
  const h = Math.max(1, Math.round(image.height * cornerHeightShare));
  const corners = [cornerPixels(image, 0, w, h), cornerPixels(image, image.width - w, w, h)]
    .map((pixels) => ({ pixels, ...describePixels(pixels) }))
    .filter((corner) => corner.spread <= plainSpread);
  if (corners.length === 0) return null;
  return describePixels(corners.flatMap((corner) => corner.pixels));
}

function cornerPixels(image: RgbImage, left: number, w: number, h: number): Array<[number, number, number]> {
  const pixels: Array<[number, number, number]> = [];
  for (let y = 0; y < h; y++) {
    for (let x = left; x < left + w; x++) {
      const i = (y * image.width + x) * 3;
      pixels.push([image.data[i]!, image.data[i + 1]!, image.data[i + 2]!]);
    }
  }
  return pixels;
}

function describePixels(pixels: Array<[number, number, number]>): Background {
  const colour: [number, number, number] = [0, 1, 2].map((c) => median(pixels.map((p) => p[c]!))) as [number, number, number];
  const spread = quantile(
    pixels.map((p) => Math.hypot(p[0] - colour[0], p[1] - colour[1], p[2] - colour[2])),
    0.75,
  );
  return { colour, spread };
}
