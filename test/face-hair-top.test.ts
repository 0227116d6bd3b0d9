import { describe, expect, it } from 'vitest';
import { findHairTop, findHairTopInMatte } from '../src/face/hair-top.js';
import type { PersonMatte } from '../src/segment/types.js';
import type { DetectedFace, RgbImage } from '../src/face/types.js';

const width = 358;
const height = 441;

/** A synthetic photo: `background` everywhere, a dark head (an ellipse) whose top is at `top`. */
function photo(options: { top: number; background?: (x: number, y: number) => [number, number, number]; hair?: [number, number, number] }): RgbImage {
  const data = new Uint8Array(width * height * 3);
  const hair = options.hair ?? [30, 25, 20];
  const cx = 179;
  const rx = 120;
  const ry = 170;
  const cy = options.top + ry;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inHead = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
      const colour = inHead ? hair : (options.background?.(x, y) ?? [255, 255, 255]);
      data.set(colour, (y * width + x) * 3);
    }
  }
  return { data, width, height, channels: 3 };
}

/** A face as detectFaces would describe it: eyes at y 220 around x 179, face width 200. */
const face: DetectedFace = {
  box: { x: 60, y: 120, width: 240, height: 240 },
  score: 0.9,
  landmarks: {
    leftEye: { x: 139, y: 220 },
    rightEye: { x: 219, y: 220 },
    nose: { x: 179, y: 260 },
    mouth: { x: 179, y: 300 },
    chin: { x: 179, y: 350 },
    jaw: [],
    points: [],
  },
  faceWidth: 200,
  eyeLine: { y: 220, midX: 179 },
  tiltDegrees: 0,
};

describe('findHairTop', () => {
  /** Within 1 px: the ellipse's very top row is a single pixel, which the scan treats like a stray hair. */
  function expectNear(actual: number | undefined, expected: number): void {
    expect(actual).toBeDefined();
    expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(1);
  }

  it.each([7, 14, 21, 40])('finds a head whose top is at y = %i on white', (top) => {
    const hairTop = findHairTop(photo({ top }), face);
    expectNear(hairTop?.y, top);
    expect(hairTop).toMatchObject({ touchesTop: false, background: [255, 255, 255] });
  });

  it('says the hair touches the top edge when the head is cut', () => {
    expect(findHairTop(photo({ top: -10 }), face)).toMatchObject({ y: 0, touchesTop: true });
  });

  it('finds light-blond hair on white and dark hair on a light grey wall', () => {
    expectNear(findHairTop(photo({ top: 14, hair: [225, 195, 140] }), face)?.y, 14);
    expectNear(findHairTop(photo({ top: 14, background: () => [200, 200, 205] }), face)?.y, 14);
  });

  it('ignores JPEG-like noise on the background', () => {
    let seed = 3;
    const noise = (): number => ((seed = (seed * 48271) % 2147483647) % 9) - 4;
    const noisy = photo({ top: 12, background: () => [250 + noise(), 250 + noise(), 250 + noise()] });
    expectNear(findHairTop(noisy, face)?.y, 12);
  });

  it('ignores one stray hair above the head', () => {
    const image = photo({ top: 18 });
    for (let y = 5; y < 18; y++) image.data.set([30, 25, 20], (y * width + 179) * 3);
    expectNear(findHairTop(image, face)?.y, 18);
  });

  it('gives up when the top corners are not a plain background', () => {
    const stripes = photo({ top: 14, background: (x) => (x % 6 < 3 ? [250, 250, 250] : [40, 60, 200]) });
    expect(findHairTop(stripes, face)).toBeNull();
  });

  it('uses the plain corner when a head or object reaches into the other', () => {
    const image = photo({ top: 14, background: (x, y) => (x < 40 && y < 40 ? [((x * 37) % 200) + 20, 90, 30] : [255, 255, 255]) });
    const hairTop = findHairTop(image, face);
    expectNear(hairTop?.y, 14);
    expect(hairTop?.background).toEqual([255, 255, 255]);
  });
});

describe('findHairTopInMatte', () => {
  /** A matte of the synthetic head (person 255), plus `extra` person rows (a lamp, another head). */
  function matte(top: number, extra?: (x: number, y: number) => boolean): PersonMatte {
    const image = photo({ top });
    const alpha = new Uint8Array(width * height);
    for (let i = 0; i < alpha.length; i++) {
      const x = i % width;
      const y = Math.floor(i / width);
      alpha[i] = image.data[i * 3] === 30 || extra?.(x, y) ? 255 : 0;
    }
    return { width, height, alpha };
  }

  it.each([7, 14, 40])('finds the outline\'s top at y = %i', (top) => {
    const found = findHairTopInMatte(matte(top), face);
    expect(Math.abs((found?.y ?? -99) - top)).toBeLessThanOrEqual(1);
    expect(found?.touchesTop).toBe(false);
  });

  it('says the head touches the top edge when it is cut', () => {
    expect(findHairTopInMatte(matte(-10), face)).toEqual({ y: 0, touchesTop: true });
  });

  /** A flat-topped head (rows from `top` down, x 100–258) and extra person rows `from`–`to` above it. */
  function flat(top: number, from: number, to: number): PersonMatte {
    const alpha = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 100; x <= 258; x++) if (y >= top || (y >= from && y <= to)) alpha[y * width + x] = 255;
    }
    return { width, height, alpha };
  }

  it('climbs from the face, so a thing above the head that the matte holds is not the head', () => {
    // A lamp or another person's hair at rows 0–4, 6 rows clear of the head's top at 11.
    expect(findHairTopInMatte(flat(11, 0, 4), face)?.y).toBe(11);
  });

  it('bridges a gap of two rows (a curl, a thin parting) but not three', () => {
    expect(findHairTopInMatte(flat(20, 12, 17), face)?.y).toBe(12);
    expect(findHairTopInMatte(flat(20, 12, 16), face)?.y).toBe(20);
  });

  it('gives up when the matte does not hold the face', () => {
    expect(findHairTopInMatte({ width, height, alpha: new Uint8Array(width * height) }, face)).toBeNull();
  });
});
