import { describe, expect, it } from 'vitest';
import type { DetectedFace, RgbImage } from '../src/face/types.js';
import { besideFocus } from '../src/segment/focus.js';
import type { PersonMatte } from '../src/segment/types.js';
import { seededRandom } from '../scripts/lib/random.js';

const width = 360;
const height = 440;
/** A face 200 px wide centred at x 180, eyes at y 200, chin at y 330. */
const jawLeft = 80;
const jawRight = 280;

function face(): DetectedFace {
  const points = Array.from({ length: 68 }, (_, i) => {
    if (i < 17) {
      const t = i / 16;
      return { x: jawLeft + t * (jawRight - jawLeft), y: 200 + 130 * Math.sin(Math.PI * t) };
    }
    return { x: 180, y: 240 };
  });
  return {
    box: { x: jawLeft, y: 120, width: 200, height: 220 },
    score: 0.99,
    landmarks: { points, leftEye: { x: 140, y: 200 }, rightEye: { x: 220, y: 200 } } as DetectedFace['landmarks'],
    faceWidth: 200,
    eyeLine: { y: 200, midX: 180 },
    tiltDegrees: 0,
  };
}

/** Grey texture everywhere: random pixels, box-blurred three times (radius 3) where `blurred(x)`; all of it person where `person(x)`. */
function scene(blurred: (x: number) => boolean, person: (x: number) => boolean): { image: RgbImage; matte: PersonMatte } {
  const random = seededRandom(7);
  let values = Float32Array.from({ length: width * height }, () => 60 + 120 * random());
  for (let pass = 0; pass < 3; pass++) {
    const next = Float32Array.from(values);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (!blurred(x)) continue;
        let sum = 0;
        for (let dy = -3; dy <= 3; dy++) for (let dx = -3; dx <= 3; dx++) sum += values[Math.min(height - 1, Math.max(0, y + dy)) * width + Math.min(width - 1, Math.max(0, x + dx))]!;
        next[y * width + x] = sum / 49;
      }
    }
    values = next;
  }
  const data = new Uint8Array(width * height * 3);
  const alpha = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) {
    data.fill(Math.round(values[i]!), i * 3, i * 3 + 3);
    alpha[i] = person(i % width) ? 255 : 0;
  }
  return { image: { data, width, height, channels: 3 }, matte: { width, height, alpha } };
}

describe('besideFocus', () => {
  it('is about 1 for something beside the head as sharp as the face, and near 0 for a blurred one', () => {
    const sharp = scene(() => false, () => true);
    const [left, right] = besideFocus(sharp.image, sharp.matte, face());
    expect(left!.focus).toBeGreaterThan(0.8);
    expect(right!.focus).toBeGreaterThan(0.8);
    const blurredRight = scene((x) => x > jawRight + 30, () => true);
    const sides = besideFocus(blurredRight.image, blurredRight.matte, face());
    expect(sides[0]!.focus).toBeGreaterThan(0.8);
    expect(sides[1]!.focus).toBeLessThan(0.2);
  });

  it('counts only the person beside the head, beyond the ears', () => {
    // Person only within the face and ears: nothing beside the head to judge.
    const narrow = scene(() => true, (x) => x > jawLeft - 25 && x < jawRight + 25);
    expect(besideFocus(narrow.image, narrow.matte, face())).toEqual([]);
    // Person on the right only: one side, with its blocks counted (8 px at this face width).
    const oneSide = scene(() => false, (x) => x > jawLeft - 25);
    const sides = besideFocus(oneSide.image, oneSide.matte, face());
    expect(sides).toHaveLength(1);
    expect(sides[0]!.blocks).toBeGreaterThan(60);
  });
});
