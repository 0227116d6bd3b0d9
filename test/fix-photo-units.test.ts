import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { assessBackground, whitenBackground } from '../src/fix/background.js';
import { encodeJpeg, withJfifHeader } from '../src/fix/encode.js';
import { frameFace, frameMargins, frameTargets, type FaceGeometry, type FrameLimits } from '../src/fix/frame.js';
import type { RgbImage } from '../src/face/types.js';
import { readExif } from '../src/photo/exif.js';
import { readJpegHeader } from '../src/photo/jpeg.js';
import { loadSpec } from '../src/photo/spec.js';

const card = frameTargets(loadSpec('shebao-card'));
const big: FrameLimits = { width: 3000, height: 4000, padTop: false, maxScale: 2 };
/** A face in the middle of a large photo: 500 px wide, hair 0.9 face widths above the eyes. */
const face = (over: Partial<FaceGeometry> = {}): FaceGeometry => ({ faceWidth: 500, eyeMidX: 1500, eyeY: 2000, hairTop: 1550, ...over });

describe('frameTargets', () => {
  it('takes every number from the spec', () => {
    expect(card).toEqual({ width: 358, height: 441, faceWidth: { min: 179, max: 255 }, eyeMidX: { min: 162, max: 196 }, eyeMaxY: 234, hairTop: { min: 7, max: 21 } });
    expect(frameTargets(loadSpec('ga461')).faceWidth).toEqual({ min: 193, max: 221 });
  });

  it('refuses a spec without the rules it needs to frame a face', () => {
    const spec = loadSpec('shebao-card');
    const { 'face-width': _dropped, ...checks } = spec.checks;
    expect(() => frameTargets({ ...spec, checks })).toThrow(/face-width/);
  });
});

describe('frameFace', () => {
  it('lands face width, centring and hair top in the middle of their ranges when they agree', () => {
    const result = frameFace(face(), card, big);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.framing.predicted).toEqual({ faceWidth: 217, eyeMidX: 179, hairTop: 14, eyeY: 14 + 0.9 * 217 });
    expect(result.framing.scale).toBeCloseTo(217 / 500);
    // The crop has the output's shape.
    expect(result.framing.crop.width / result.framing.crop.height).toBeCloseTo(358 / 441);
  });

  it('shrinks the face towards its minimum before it lets the eye line drop below its limit', () => {
    // Hair 1.04 face widths above the eyes: at 217 px the eyes would be at y 240 (> 234).
    const result = frameFace(face({ hairTop: 2000 - 1.04 * 500 }), card, big);
    expect(result.ok && result.framing.predicted.eyeY).toBeLessThanOrEqual(234 - frameMargins.eyeY);
    expect(result.ok && result.framing.predicted.faceWidth).toBeLessThan(217);
    expect(result.ok && result.framing.predicted.faceWidth).toBeGreaterThanOrEqual(179 + frameMargins.faceWidth);
    expect(result.ok && result.framing.predicted.hairTop).toBeGreaterThanOrEqual(7);
  });

  it('lets very tall hair be cut rather than the eyes sit too low (the eye rule wins)', () => {
    const result = frameFace(face({ hairTop: 2000 - 1.5 * 500 }), card, big);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.framing.predicted.eyeY).toBeLessThanOrEqual(234 - frameMargins.eyeY);
    expect(result.framing.predicted.hairTop).toBeLessThan(7);
    expect(result.framing.predicted.faceWidth).toBeCloseTo(179 + frameMargins.faceWidth, 0);
  });

  it('moves the face within the centring range before it gives up at an edge', () => {
    // 340 px from the left edge at scale 217/500 is 148 output px: short of 179 but enough for 166.
    const result = frameFace(face({ eyeMidX: 390 }), card, big);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.framing.predicted.eyeMidX).toBeGreaterThanOrEqual(162 + frameMargins.eyeMidX);
    if (result.ok) expect(result.framing.crop.x).toBeGreaterThanOrEqual(0);
  });

  it('refuses when the crop would need pixels beyond the sides or the bottom, and says how many', () => {
    const left = frameFace(face({ eyeMidX: 150 }), card, big);
    expect(left).toMatchObject({ ok: false, reason: 'too-close-to-edge', missing: { left: expect.any(Number) } });
    const bottom = frameFace(face({ eyeY: 3900, hairTop: 3450 }), card, big);
    expect(bottom).toMatchObject({ ok: false, reason: 'too-close-to-edge', missing: { bottom: expect.any(Number) } });
  });

  it('adds white rows above the head only when allowed', () => {
    const nearTop = face({ eyeY: 460, hairTop: 10 });
    expect(frameFace(nearTop, card, big)).toMatchObject({ ok: false, missing: { top: expect.any(Number) } });
    const padded = frameFace(nearTop, card, { ...big, padTop: true });
    expect(padded.ok && padded.framing.crop.y).toBeLessThan(0);
    expect(padded.ok && padded.framing.predicted.hairTop).toBe(14);
  });

  it('keeps the crop off the blank corners of a turned photo', () => {
    // Only a disc of radius 1200 around the photo's centre is photo.
    const contains = (x: number, y: number) => Math.hypot(x - 1500, y - 2000) <= 1200;
    const result = frameFace(face(), card, { ...big, contains });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { x, y, width, height } = result.framing.crop;
    for (const [cx, cy] of [[x, y], [x + width, y], [x, y + height], [x + width, y + height]] as const) expect(contains(cx, cy)).toBe(true);
    expect(frameFace(face(), card, { ...big, contains: () => false })).toMatchObject({ ok: false, reason: 'too-close-to-edge' });
  });

  it('refuses to enlarge a tiny face more than the limit', () => {
    expect(frameFace(face({ faceWidth: 80, hairTop: 2000 - 72 }), card, big)).toMatchObject({ ok: false, reason: 'face-too-small' });
  });
});

function image(width: number, height: number, paint: (x: number, y: number) => [number, number, number]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(paint(x, y), (y * width + x) * 3);
  }
  return { data, width, height, channels: 3 };
}

const at = (img: RgbImage, x: number, y: number) => [...img.data.subarray((y * img.width + x) * 3, (y * img.width + x) * 3 + 3)];

/** A dark "head" (disc) with a light spot inside, on a given wall, 358×441. */
const portrait = (wall: (x: number, y: number) => [number, number, number]) =>
  image(358, 441, (x, y) => {
    const d = Math.hypot(x - 179, y - 260);
    if (d < 12) return [235, 230, 222]; // light, but inside the head (an earring, the white of an eye)
    if (d < 150 || y > 380) return [40, 35, 30];
    return wall(x, y);
  });

describe('background', () => {
  it('whitens a light plain wall, gradient included, and keeps what is inside the head', () => {
    const photo = portrait((_x, y) => [236 - y / 40, 231 - y / 40, 222 - y / 40]);
    const verdict = assessBackground(photo);
    expect(verdict.kind).toBe('light');
    whitenBackground(photo, verdict.colour, verdict.spread);
    expect(at(photo, 5, 5)).toEqual([255, 255, 255]);
    expect(at(photo, 5, 370)).toEqual([255, 255, 255]);
    expect(at(photo, 179, 260)).toEqual([235, 230, 222]);
    expect(at(photo, 179, 200)).toEqual([40, 35, 30]);
  });

  it('names what it will not whiten: a blue backdrop, a grey wall, a busy room, an already white wall', () => {
    expect(assessBackground(portrait(() => [67, 142, 219])).kind).toBe('coloured');
    expect(assessBackground(portrait(() => [120, 120, 118])).kind).toBe('dark');
    expect(assessBackground(portrait((_x, y) => (Math.floor(y / 6) % 2 ? [240, 240, 240] : [150, 140, 120]))).kind).toBe('busy');
    expect(assessBackground(portrait(() => [254, 254, 253])).kind).toBe('already-white');
  });

  it('leaves white rows added above the photo out of the judgement', () => {
    const photo = portrait((_x, y) => (y < 20 ? [255, 255, 255] : [120, 120, 118]));
    expect(assessBackground(photo, 20).kind).toBe('dark');
  });
});

describe('encoding', () => {
  it('keeps one JFIF header with the density and drops EXIF, GPS and ICC', async () => {
    const withEverything = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#808080' } })
      .withExif({ IFD0: { Make: 'phone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 13/1 5/1' } })
      .withMetadata({ density: 72 })
      .jpeg()
      .toBuffer();
    expect(readExif((await sharp(withEverything).metadata()).exif!).hasGps).toBe(true);
    const clean = withJfifHeader(withEverything, 350);
    const meta = await sharp(clean).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.density).toBe(350);
    expect(readJpegHeader(clean).jfif).toMatchObject({ units: 1, xDensity: 350, yDensity: 350 });
    expect(clean.subarray(2, 4)).toEqual(Buffer.from([0xff, 0xe0]));
  });

  it('searches the quality so the file lands in the size range, never padding it', async () => {
    const noise = image(358, 441, (x, y) => {
      const v = (((x * 73856093) ^ (y * 19349663)) >>> 0) % 64;
      return [100 + v, 120 + (v >> 1), 140 - (v >> 2)];
    });
    const encoded = await encodeJpeg(sharp, noise, { startQuality: 70, minBytes: 14 * 1024, maxBytes: 40 * 1024, dpi: 350 });
    expect(encoded.fits).toBe(true);
    expect(encoded.bytes.length).toBeGreaterThanOrEqual(14 * 1024);
    expect(encoded.bytes.length).toBeLessThanOrEqual(40 * 1024);
    expect(encoded.tries[0]?.quality).toBe(70);
    expect(encoded.tries.length).toBeLessThanOrEqual(7);
    // The file ends with the JPEG's end-of-image marker: nothing appended.
    expect([...encoded.bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
    expect((await sharp(encoded.bytes).metadata()).isProgressive).toBe(false);
  });
});
