import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ShebaoError } from '../src/core/errors.js';
import { clamp, clampByte, median, quantile } from '../src/core/math.js';
import { assessBackground, whitenBackground } from '../src/fix/background.js';
import { encodeJpeg, withJfifHeader } from '../src/fix/encode.js';
import { clearColdEdges, clearDoubted, edgeContacts, extendCanvas, faceOutline, fillPolygon, insidePhoto, keepPerson, matteHairTop } from '../src/fix/composite.js';
import { beyondEdges, frameFace, frameMargins, frameTargets, type FaceGeometry, type FrameLimits } from '../src/fix/frame.js';
import { fixResultJson, renderFixBatchItem, renderFixHuman } from '../src/fix/render.js';
import type { Change, FixResult, Refusal } from '../src/fix/types.js';
import type { DetectedFace, RgbImage } from '../src/face/types.js';
import { topInOriginal } from '../src/fix/clothes.js';
import { sayChange, sayRefusal } from '../src/i18n/fix.js';
import { sayError, wording } from '../src/i18n/index.js';
import { readExif } from '../src/photo/exif.js';
import { readJpegHeader } from '../src/photo/jpeg.js';
import { loadSpec } from '../src/photo/spec.js';

const card = frameTargets(loadSpec('shebao-card'));
const closed = { left: 0, right: 0, top: 0, bottom: 0 };
const big: FrameLimits = { width: 3000, height: 4000, maxScale: 2, reach: closed };
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
    let error: unknown;
    try {
      frameTargets({ ...spec, checks });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ShebaoError);
    expect(error).toMatchObject({ code: 'spec-missing-rules', details: { spec: 'shebao-card', missing: ['face-width'] } });
    expect(sayError(error as ShebaoError, 'en').message).toBe('spec shebao-card lacks rules fix-photo needs: face-width');
  });
});

describe('frameFace', () => {
  it('lands centring and hair top in the middle of their ranges and the face width a tenth up its range (room for the shoulders)', () => {
    const result = frameFace(face(), card, big);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    // Face width 185–249 inside the margins: a tenth of the way up is 191.4, 191.5 on the grid.
    expect(result.framing.predicted).toEqual({ faceWidth: 191.5, eyeMidX: 179, hairTop: 14, eyeY: 14 + 0.9 * 191.5 });
    expect(result.framing.scale).toBeCloseTo(191.5 / 500);
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

  it('refuses when the crop would need pixels beyond the sides or the bottom it may not reach, and says how many', () => {
    const left = frameFace(face({ eyeMidX: 150 }), card, big);
    expect(left).toMatchObject({ ok: false, reason: 'too-close-to-edge', missing: { left: expect.any(Number) } });
    const bottom = frameFace(face({ eyeY: 3900, hairTop: 3450 }), card, big);
    expect(bottom).toMatchObject({ ok: false, reason: 'too-close-to-edge', missing: { bottom: expect.any(Number) } });
    // Allowed to reach 100 px beyond the left edge, it still misses what lies beyond that.
    const short = frameFace(face({ eyeMidX: 150 }), card, { ...big, reach: { ...closed, left: 100 } });
    expect(short.ok).toBe(false);
    if (!short.ok && short.reason === 'too-close-to-edge') expect(short.missing.left).toBeCloseTo((left as { missing: { left: number } }).missing.left - 100, 0);
  });

  it('extends the canvas beyond an edge of background freely, and centres the face', () => {
    const result = frameFace(face({ eyeMidX: 150 }), card, { ...big, reach: { ...closed, left: Infinity } });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.framing.crop.x).toBeLessThan(0);
    expect(result.framing.predicted.eyeMidX).toBe(179);
    expect(beyondEdges(result.framing.crop, big).left).toBeCloseTo(-result.framing.crop.x);
  });

  it('continues the clothes beyond an edge only as far as it must: the face moves within its range first', () => {
    const reach = { ...closed, left: 300 };
    const free = frameFace(face({ eyeMidX: 390 }), card, { ...big, reach });
    const costly = frameFace(face({ eyeMidX: 390 }), card, { ...big, reach, costly: { left: true } });
    expect(free.ok && costly.ok).toBe(true);
    if (!free.ok || !costly.ok) return;
    expect(free.framing.predicted.eyeMidX).toBe(179);
    expect(costly.framing.predicted.eyeMidX).toBeLessThan(179);
    expect(Math.max(0, -costly.framing.crop.x)).toBeLessThan(Math.max(0, -free.framing.crop.x));
  });

  it('adds white rows above the head only when allowed', () => {
    const nearTop = face({ eyeY: 460, hairTop: 10 });
    expect(frameFace(nearTop, card, big)).toMatchObject({ ok: false, missing: { top: expect.any(Number) } });
    const padded = frameFace(nearTop, card, { ...big, reach: { ...closed, top: Infinity } });
    expect(padded.ok && padded.framing.crop.y).toBeLessThan(0);
    expect(padded.ok && padded.framing.predicted.hairTop).toBe(14);
  });

  it('keeps the crop inside a turned photo when it may not reach beyond it', () => {
    // The face was measured on the photo turned 10° about its centre, on a canvas grown to hold it.
    const t = (10 * Math.PI) / 180;
    const [tw, th] = [3000 * Math.cos(t) + 4000 * Math.sin(t), 3000 * Math.sin(t) + 4000 * Math.cos(t)];
    const toPhoto = (x: number, y: number) => ({
      x: 1500 + (x - tw / 2) * Math.cos(t) + (y - th / 2) * Math.sin(t),
      y: 2000 - (x - tw / 2) * Math.sin(t) + (y - th / 2) * Math.cos(t),
    });
    const turned = { ...big, toPhoto };
    const result = frameFace(face({ eyeMidX: tw / 2, eyeY: th / 2, hairTop: th / 2 - 450 }), card, turned);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.values(beyondEdges(result.framing.crop, turned)).every((px) => px <= 1e-6)).toBe(true);
    // The same face near the turned photo's left edge cannot be framed inside it.
    const near = frameFace(face({ eyeMidX: 500, eyeY: th / 2, hairTop: th / 2 - 450 }), card, turned);
    expect(near).toMatchObject({ ok: false, reason: 'too-close-to-edge', missing: { left: expect.any(Number) } });
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
    expect(verdict.colour).toEqual({ r: expect.any(Number), g: expect.any(Number), b: expect.any(Number) });
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

/** A matte painted by a function of (x, y), 0–255. */
function matte(width: number, height: number, paint: (x: number, y: number) => number): Uint8Array {
  const alpha = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) alpha[y * width + x] = paint(x, y);
  return alpha;
}

/** A head (disc of radius 60 at 100,120) on shoulders (everything below y 200), 200×260. */
const head = (x: number, y: number) => (Math.hypot(x - 100, y - 120) < 60 || y > 200 ? 255 : 0);
const headFace = { eyeMidX: 100, eyeY: 130, faceWidth: 80 };

describe('the person matte', () => {
  it('finds the hair top going up from the forehead: a lamp above the head does not count; hair at the top edge is cut', () => {
    const lamp = matte(200, 260, (x, y) => (y < 20 && Math.abs(x - 100) < 30 ? 255 : head(x, y)));
    expect(matteHairTop(lamp, 200, 260, headFace)).toEqual({ y: 61, touchesTop: false, grazesTop: false });
    // The edge cuts a chord of 0.83 face widths from the crown: a cut head.
    const cut = matte(200, 260, (x, y) => head(x, y + 70));
    expect(matteHairTop(cut, 200, 260, { ...headFace, eyeY: 60 })).toEqual({ y: 0, touchesTop: true, grazesTop: false });
  });

  it('tells a crown that only touches the top edge from one the edge cuts', () => {
    // The crown's apex 0.2 px above the edge: the edge meets it over 0.12 face widths.
    const grazed = matte(200, 260, (x, y) => head(x, y + 60.2));
    expect(matteHairTop(grazed, 200, 260, { ...headFace, eyeY: 70 })).toEqual({ y: 0, touchesTop: false, grazesTop: true });
    // 4 px above it: a chord of 0.53 face widths.
    const cut = matte(200, 260, (x, y) => head(x, y + 64));
    expect(matteHairTop(cut, 200, 260, { ...headFace, eyeY: 66 })).toEqual({ y: 0, touchesTop: true, grazesTop: false });
  });

  it('tells which edges the clothes run into and which the head does', () => {
    const clothes = edgeContacts(matte(200, 260, head), 200, 260, { top: 60, bottom: 160 });
    expect(clothes).toEqual({ left: { head: false, person: true }, right: { head: false, person: true }, bottom: { head: false, person: true } });
    const hairAtLeft = edgeContacts(matte(200, 260, (x, y) => (x < 10 && y > 80 && y < 150 ? 255 : head(x, y))), 200, 260, { top: 60, bottom: 160 });
    expect(hairAtLeft.left).toEqual({ head: true, person: true });
  });

  it('keeps the person with their soft edge; clears every shape apart from them', () => {
    const alpha = matte(200, 260, (x, y) => {
      if (Math.hypot(x - 10, y - 10) < 4) return 255; // a speck
      if (x > 185 && y < 100) return 150; // a faint blur at the right edge
      if (x < 30 && y > 100 && y < 160) return 250; // a large confident shape (a passer-by's shoulder)
      if (y > 175) return 255; // the shoulders
      if (Math.hypot(x - 100, y - 120) < 64) return Math.hypot(x - 100, y - 120) < 60 ? 255 : 100; // the head with a soft edge
      return 0;
    });
    const cleared = keepPerson(alpha, 200, 260, { x: 100, y: 130 });
    expect(cleared).toBeGreaterThan(0);
    expect([alpha[10 * 200 + 10], alpha[50 * 200 + 195], alpha[150 * 200 + 20]]).toEqual([0, 0, 0]);
    expect(alpha[120 * 200 + 162]).toBe(100); // the head's soft edge stays
    expect(alpha[230 * 200 + 5]).toBe(255); // the shoulders, joined to the head, stay
  });

  it('clears a blue or green patch of the old backdrop at the head\'s edge, not the hair or a clip inside it', () => {
    // Brown hair (a disc round 100,120) with a navy band over the right of its crown that the matte
    // kept, a blue clip inside the hair, and a green patch beside it at the background's edge.
    const brown: [number, number, number] = [90, 60, 40];
    const navy: [number, number, number] = [25, 35, 90];
    const inHead = (x: number, y: number) => Math.hypot(x - 100, y - 120) < 60;
    const ring = (x: number, y: number) => !inHead(x, y) && Math.hypot(x - 100, y - 120) < 70 && y < 100;
    const band = (x: number, y: number) => ring(x, y) && x > 110;
    const clip = (x: number, y: number) => Math.hypot(x - 70, y - 90) < 6;
    const green = (x: number, y: number) => x >= 160 && x < 172 && y > 110 && y < 140;
    // A navy collar rising beside the jaw from the shoulders: cold, but it runs on below the nose.
    const collar = (x: number, y: number) => x >= 25 && x < 40 && y > 130 && y <= 200;
    const rgb = image(200, 260, (x, y) => (clip(x, y) || band(x, y) || collar(x, y) ? navy : green(x, y) ? [60, 140, 70] : inHead(x, y) || y > 200 ? brown : [255, 255, 255]));
    const alpha = matte(200, 260, (x, y) => (inHead(x, y) || band(x, y) || green(x, y) || collar(x, y) || y > 200 ? 255 : 0));
    // The face: a box from (70,110) to (130,175), brows at y 110, the base of the nose at y 150.
    const outline = [{ x: 70, y: 110 }, { x: 130, y: 110 }, { x: 130, y: 175 }, { x: 70, y: 175 }];
    const cleared = clearColdEdges(rgb, alpha, { outline, noseY: 150, browY: 110, midX: 100 });
    expect(cleared).toBeGreaterThan(0);
    expect(alpha[(60 * 200) + 135]).toBe(0); // the navy band over the crown's right
    expect(alpha[(125 * 200) + 166]).toBe(0); // the green patch beside the head
    expect(alpha[(90 * 200) + 70]).toBe(255); // the clip inside the hair stays
    expect(alpha[(75 * 200) + 100]).toBe(255); // the hair stays
    expect(alpha[(230 * 200) + 100]).toBe(255); // the shoulders are not touched
    expect(alpha[(135 * 200) + 32]).toBe(255); // nor the collar
    // The same navy over the whole crown, across the middle of the head, is a cap: it stays.
    const cap = image(200, 260, (x, y) => (ring(x, y) ? navy : inHead(x, y) ? brown : [255, 255, 255]));
    const capAlpha = matte(200, 260, (x, y) => (inHead(x, y) || ring(x, y) ? 255 : 0));
    expect(clearColdEdges(cap, capAlpha, { outline, noseY: 150, browY: 110, midX: 100 })).toBe(0);
    // Hair that is itself blue-grey (a cool light) is the reference: nothing is cleared.
    const cool = image(200, 260, (x, y) => (inHead(x, y) || band(x, y) ? [70, 80, 105] : [255, 255, 255]));
    const coolAlpha = matte(200, 260, (x, y) => (inHead(x, y) || band(x, y) ? 255 : 0));
    expect(clearColdEdges(cool, coolAlpha, { outline, noseY: 150, browY: 110, midX: 100 })).toBe(0);
  });

  it('clears what the second look on white doubts beside the head, not the hair, an earring or the clothes', () => {
    // Dark-brown hair (a disc round 100,120), a gold patch joined to it at the top right (a statue
    // behind), a thin band of hair edge the second look trims on the left, a gold earring below the
    // nose and gold clothes. The first matte kept all of it; the second look is unsure of the patch,
    // the band, the earring and the clothes' edge.
    const brown: [number, number, number] = [60, 40, 30];
    const gold: [number, number, number] = [215, 185, 120];
    const inHead = (x: number, y: number) => Math.hypot(x - 100, y - 120) < 60;
    const patch = (x: number, y: number) => !inHead(x, y) && x > 130 && x < 165 && y > 55 && y < 80;
    // Its faint rest beyond it (too light to be seen as a leftover alone) that the second look
    // calls background, and a faint smudge as light far from any leftover.
    const fade = (x: number, y: number) => x >= 165 && x < 180 && y > 55 && y < 80;
    const smudge = (x: number, y: number) => x >= 10 && x < 25 && y > 20 && y < 40;
    const band = (x: number, y: number) => inHead(x, y) && x < 45;
    const earring = (x: number, y: number) => x >= 30 && x < 40 && y > 150 && y < 175;
    const clothes = (y: number) => y > 200;
    const rgb = image(200, 260, (x, y) => (patch(x, y) || earring(x, y) || clothes(y) ? gold : fade(x, y) || smudge(x, y) ? [240, 232, 215] : inHead(x, y) ? brown : [255, 255, 255]));
    const alpha = matte(200, 260, (x, y) => (inHead(x, y) || patch(x, y) || fade(x, y) || smudge(x, y) || earring(x, y) || clothes(y) ? 255 : 0));
    // The second look doubts the patch's left half (90 of 255), and is unsure of its right (170).
    const second = matte(200, 260, (x, y) => (patch(x, y) && x >= 150 ? 170 : fade(x, y) || smudge(x, y) ? 30 : patch(x, y) || band(x, y) || earring(x, y) || (clothes(y) && x < 20) ? 90 : alpha[y * 200 + x]!));
    // The face: a box from (70,110) to (130,175), brows at y 110, the base of the nose at y 150.
    const face = { outline: [{ x: 70, y: 110 }, { x: 130, y: 110 }, { x: 130, y: 175 }, { x: 70, y: 175 }], noseY: 150, browY: 110 };
    const cleared = clearDoubted(rgb, alpha, rgb, second, face);
    expect(cleared).toBeGreaterThan(0);
    expect([alpha[65 * 200 + 140], alpha[65 * 200 + 160]]).toEqual([0, 0]); // the gold patch, both halves
    expect(alpha[65 * 200 + 178]).toBe(0); // and its faint rest
    expect(alpha[30 * 200 + 17]).toBe(255); // a faint smudge alone is not a leftover
    expect(alpha[120 * 200 + 42]).toBe(255); // the hair's edge: the hair's colour
    expect(alpha[160 * 200 + 35]).toBe(255); // the earring, below the nose
    expect(alpha[230 * 200 + 10]).toBe(255); // the clothes
    expect(alpha[80 * 200 + 100]).toBe(255); // the hair
    // When the second look is as sure as the first, nothing changes.
    const same = matte(200, 260, (x, y) => (inHead(x, y) || patch(x, y) ? 255 : 0));
    expect(clearDoubted(rgb, same, rgb, same.slice(), face)).toBe(0);
  });

  it('never lets the matte lighten the face: the outline from the landmarks is person', () => {
    // 68 points: a jaw from (40,100) round to (160,100) and eyebrows at y 80.
    const jaw = Array.from({ length: 17 }, (_, i) => ({ x: 100 - 60 * Math.cos((Math.PI * i) / 16), y: 100 + 60 * Math.sin((Math.PI * i) / 16) }));
    const brows = Array.from({ length: 10 }, (_, i) => ({ x: 50 + (100 * i) / 9, y: 80 }));
    const points = [...jaw, ...brows, ...Array.from({ length: 41 }, () => ({ x: 100, y: 120 }))];
    const alpha = new Uint8Array(200 * 200);
    fillPolygon(alpha, 200, 200, faceOutline(points));
    expect(alpha[120 * 200 + 100]).toBe(255);
    expect(alpha[90 * 200 + 100]).toBe(255);
    expect(alpha[70 * 200 + 100]).toBe(0); // above the eyebrows: hair or background, the matte decides
    expect(alpha[100 * 200 + 20]).toBe(0);
  });

  it('extends the canvas: the clothes continue from the edge of the photo, nothing continues above it', () => {
    const photo = image(10, 10, (_x, y) => (y > 5 ? [20, 30, 40] : [200, 200, 200]));
    const photoAlpha = matte(10, 10, (_x, y) => (y > 5 ? 255 : 0));
    // A 14×14 output whose pixel (u, v) is the photo's point (u − 2, v − 2).
    const out = image(14, 14, () => [255, 255, 255]);
    const alpha = new Uint8Array(14 * 14);
    const toPhoto = (u: number, v: number) => ({ x: u - 2, y: v - 2 });
    const inside = insidePhoto(14, 14, photo, toPhoto);
    extendCanvas(out, alpha, inside, { image: photo, alpha: photoAlpha }, toPhoto);
    expect([at(out, 0, 12), alpha[12 * 14]]).toEqual([[20, 30, 40], 255]); // left of the clothes: clothes
    expect([at(out, 0, 4), alpha[4 * 14]]).toEqual([[200, 200, 200], 0]); // left of the wall: wall, to become white
    expect([at(out, 6, 0), alpha[6]]).toEqual([[255, 255, 255], 0]); // above the photo: white
    expect([at(out, 6, 13), alpha[13 * 14 + 6]]).toEqual([[20, 30, 40], 255]); // below: the clothes go on
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

describe('core/math', () => {
  it.each([
    [5, 0, 10, 5],
    [-1, 0, 10, 0],
    [11, 0, 10, 10],
    [0.5, 0, 1, 0.5],
  ])('clamp(%d, %d, %d) = %d', (value, min, max, expected) => expect(clamp(value, min, max)).toBe(expected));

  it.each([
    [-3.2, 0],
    [0.4, 0],
    [127.5, 128],
    [254.6, 255],
    [300, 255],
  ])('clampByte(%d) = %d', (value, expected) => expect(clampByte(value)).toBe(expected));

  it('takes quantiles by rank, without interpolation', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(quantile([10, 40, 20, 30, 50], 0.75)).toBe(40);
    expect(quantile([7], 0.1)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

const words = { zh: wording('zh').fix, en: wording('en').fix };

describe('the words of fix-photo', () => {
  it.each<[Change, string, string]>([
    [{ id: 'rotated', orientation: 6 }, '按 EXIF 方向标记（6）把像素转正', 'turned the pixels upright as the EXIF orientation (6) says'],
    [
      { id: 'converted', from: 'png+grayscale', to: 'sRGB JPEG', format: 'png', flattened: true, space: 'grayscale', profile: null },
      'PNG 转为 JPEG；透明部分填成白色；灰度转为 RGB（照片仍是黑白的）',
      'PNG to JPEG; transparent parts filled with white; grayscale to RGB (the photo is still black-and-white)',
    ],
    [{ id: 'levelled', degrees: -7.3 }, '把头摆正：整张照片转了 7.3°', 'levelled the head: turned the photo 7.3°'],
    [
      { id: 'scaled', factor: 1.3, predicted: { faceWidth: 208, eyeMidX: 179, eyeY: 229, hairTop: 14 }, soft: true },
      '缩放 ×1.3：脸宽约 208 px，两眼中点 x≈179，眼睛 y≈229，头顶 y≈14（放大较多，照片可能不够清晰）',
      'scaled ×1.3: face width ≈208 px, eye midpoint x≈179, eyes y≈229, hair top y≈14 (enlarged a lot: the photo may look soft)',
    ],
    [
      { id: 'background-kept', reason: 'dark', colour: [120, 120, 118] },
      '背景太暗（RGB(120,120,118)），无法可靠地变白：请在白墙前、光线充足处重拍',
      'the background is too dark (RGB(120,120,118)) to whiten reliably: retake in front of a white wall in good light',
    ],
    [{ id: 'metadata-removed', exif: true, gps: false, icc: true, takenOn: null }, '去掉了 EXIF、ICC 色彩配置', 'removed EXIF and the ICC profile'],
    [{ id: 'encoded', quality: 90, bytes: 27_057, dpi: null }, '基线 JPEG，质量 90，26.4 KB', 'baseline JPEG, quality 90, 26.4 KB'],
  ])('says %j in each language', (change, zh, en) => {
    expect(sayChange(words.zh, change)).toBe(zh);
    expect(sayChange(words.en, change)).toBe(en);
  });

  it.each<[Refusal, string, string]>([
    [{ id: 'several-faces', faces: 3 }, '照片里有 3 张人脸，不知道该裁哪一个', '3 faces in the photo; which one is the applicant?'],
    [
      { id: 'face-too-small', faceWidth: 80, minFaceWidth: 179, enlargement: 2.24 },
      '脸在原图里只有 80 px 宽，要放大 ×2.2 才到 179 px，会很模糊',
      'the face is only 80 px wide in the original; reaching 179 px means enlarging ×2.2, which blurs it',
    ],
    [
      { id: 'too-close-to-edge', missing: { left: 12, bottom: 3 } },
      '头部离照片左、下边太近：按规格裁剪，左边还缺 12 px，下边还缺 3 px（原图像素）',
      'the head is too close to the left and bottom edge: framing it to the spec needs 12 px more on the left, 3 px more on the bottom (pixels of the original)',
    ],
  ])('says the refusal %j in each language, with what to do', (refusal, zh, en) => {
    expect(sayRefusal(words.zh, refusal)).toEqual({ message: zh, hint: expect.any(String) });
    expect(sayRefusal(words.en, refusal)).toEqual({ message: en, hint: expect.any(String) });
  });

  it('--json keeps the data and adds the words; an error of a batch keeps its code and details', () => {
    const refused: FixResult = { input: 'a.jpg', output: null, ok: false, changes: [{ id: 'rotated', orientation: 3 }], refused: { id: 'no-face' } };
    expect(fixResultJson(refused, 'en')).toEqual({
      input: 'a.jpg',
      output: null,
      ok: false,
      changes: [{ id: 'rotated', orientation: 3, message: 'turned the pixels upright as the EXIF orientation (3) says' }],
      refused: { id: 'no-face', message: 'no face found in the photo', hint: 'retake facing the camera, eyes open, in good light, nothing covering the face' },
    });
    const failed: FixResult = { input: 'b.jpg', output: null, ok: false, changes: [], error: { code: 'output-exists', details: { file: 'out/b.jpg' } } };
    expect(fixResultJson(failed, 'zh').error).toEqual({ code: 'output-exists', details: { file: 'out/b.jpg' }, message: '文件已存在：out/b.jpg，没有覆盖', hint: '换一个文件名，或加 --force 覆盖它' });
    // The JPEG bytes of a library call are not JSON.
    expect(fixResultJson({ ...refused, jpeg: Buffer.from([1]) }, 'en')).not.toHaveProperty('jpeg');
  });

  it('renders a refused photo and a failed one of a batch for people', async () => {
    const { Chalk } = await import('chalk');
    const color = new Chalk({ level: 0 });
    const spec = loadSpec('shebao-card');
    const refused: FixResult = { input: 'a.jpg', output: null, ok: false, changes: [], refused: { id: 'head-cut-off' } };
    expect(renderFixHuman(refused, spec, { lang: 'zh', color })).toBe('✗ a.jpg：无法修复\n  原图里头顶已被裁掉（头发碰到照片上边）\n      → 重拍时头顶上方留出空间\n');
    const internal: FixResult = { input: 'b.jpg', output: null, ok: false, changes: [], error: { code: 'fix-internal-error', details: { message: 'boom' } } };
    expect(renderFixBatchItem(internal, { lang: 'en', color })).toMatch(/^✗ b\.jpg: cannot be fixed\n {2}internal error: boom\n/);
  });
});

describe('the top in the original (fix-photo refuses a light top hidden in the frame)', () => {
  const where = loadSpec('shebao-card').checks['clothing-contrast']?.segmented?.original;
  const maxLuma = loadSpec('shebao-card').checks['clothing-contrast']?.segmented?.midTone?.maxLuma ?? 150;
  // A 200×400 photo: the face 60 px wide, the chin at y 120; below it the chest, one colour.
  const face = { faceWidth: 60, eyeLine: { y: 60, midX: 100 }, landmarks: { chin: { x: 100, y: 120 } } } as unknown as DetectedFace;
  const photo = (chest: [number, number, number], person = 255) => {
    const image: RgbImage = { width: 200, height: 400, channels: 3, data: new Uint8Array(200 * 400 * 3) };
    const alpha = new Uint8Array(200 * 400);
    for (let at = 0; at < 200 * 400; at++) {
      image.data.set(at >= 200 * 130 ? chest : [255, 255, 255], at * 3);
      alpha[at] = at >= 200 * 130 ? person : 0;
    }
    return { image, alpha };
  };

  it('reads a navy or mid-grey top as a top, and cream cloth or bare skin as light', () => {
    expect(where).toBeDefined();
    const seen = (chest: [number, number, number]) => {
      const { image, alpha } = photo(chest);
      return topInOriginal(image, alpha, face, where!, maxLuma);
    };
    expect(seen([28, 34, 62])).toMatchObject({ light: false, skinShare: 0, midShare: 1 });
    expect(seen([126, 128, 132])).toMatchObject({ light: false });
    expect(seen([236, 231, 220])).toMatchObject({ light: true, midShare: 0 });
    expect(seen([224, 172, 140])).toMatchObject({ light: true, skinShare: 1 });
  });

  it('does not judge a band that is not the person or lies outside the photo', () => {
    const { image, alpha } = photo([236, 231, 220], 0);
    expect(topInOriginal(image, alpha, face, where!, maxLuma)).toBeUndefined();
    const high = { ...face, landmarks: { chin: { x: 100, y: 390 } } } as unknown as DetectedFace;
    expect(topInOriginal(photo([236, 231, 220]).image, photo([236, 231, 220]).alpha, high, where!, maxLuma)).toBeUndefined();
  });

  it('says the refusal with its numbers in both languages', () => {
    const refusal: Refusal = { id: 'light-top', skinShare: 0.56, midToneShare: 0.44 };
    expect(sayRefusal(wording('zh').fix, refusal).message).toContain('裸露的皮肤（56%）');
    expect(sayRefusal(wording('en').fix, refusal).message).toContain('bare skin across the chest (56%)');
    expect(sayRefusal(wording('en').fix, { id: 'light-top', skinShare: 0.1, midToneShare: 0.2 }).message).toContain('a light top');
  });
});
