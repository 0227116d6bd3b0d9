/**
 * Generates the photo fixtures in fixtures/photo/ deterministically: a synthetic head-and-shoulders
 * figure (white wall, skin-tone face, dark hair, dark top) drawn pixel by pixel with a seeded noise
 * texture, and one variant per failing rule, named `<check-id>.<outcome>-<what>.<ext>`.
 * Run: npm run fixtures. fixtures/photo/INDEX.md says how each one was made.
 *
 * The figure is drawn so the face detector finds a passing head; the face rules are tested both
 * ways on real portraits in fixtures/face/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp, { type Sharp } from 'sharp';
import { seededRandom as random } from './lib/random.js';

const outDir = fileURLToPath(new URL('../fixtures/photo/', import.meta.url));
const W = 358;
const H = 441;

type Rgb = [number, number, number];

interface Portrait {
  background?: Rgb;
  clothes?: Rgb;
  /** Dark frame width in px. */
  frame?: number;
  /** Darkening of the right half of the wall, 0–1. */
  shadow?: number;
  width?: number;
  height?: number;
  noise?: number;
}

function drawPortrait(p: Portrait = {}): { data: Buffer; width: number; height: number } {
  const width = p.width ?? W;
  const height = p.height ?? H;
  const sx = width / W;
  const sy = height / H;
  const background = p.background ?? [252, 252, 252];
  const clothes = p.clothes ?? [28, 34, 58];
  const rand = random(20261122);
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / sx;
      const v = y / sy;
      let color: Rgb = background;
      let texture = 0;
      if (p.shadow && u > W / 2) {
        const k = 1 - p.shadow * ((u - W / 2) / (W / 2));
        color = [background[0] * k, background[1] * k, background[2] * k];
      }
      // Proportions chosen so the face detector measures a passing head: face width ~206 px,
      // eye midpoint x ~177, eyes ~242 px above the bottom, hair top 16 px below the edge.
      const hair = ((u - 179) / 124) ** 2 + ((v - 135) / 120) ** 2 < 1 && v < 180;
      const face = ((u - 179) / 110) ** 2 + ((v - 210) / 118) ** 2 < 1;
      const neck = Math.abs(u - 179) < 42 && v > 300 && v < 350;
      const body = v > 340 && Math.abs(u - 179) < 80 + (v - 340) * 1.6;
      if (hair) [color, texture] = [[35, 28, 24], 10];
      if (face || neck) [color, texture] = [[222, 182, 152], 6];
      if (face && Math.abs(v - 200) < 6 && (Math.abs(u - 140) < 16 || Math.abs(u - 218) < 16)) color = [40, 30, 30]; // eyes
      if (face && Math.abs(v - 186) < 3 && (Math.abs(u - 140) < 20 || Math.abs(u - 218) < 20)) color = [60, 40, 30]; // brows
      if (face && Math.abs(u - 179) < 8 && v > 215 && v < 250) color = [200, 150, 125]; // nose
      if (face && Math.abs(v - 275) < 5 && Math.abs(u - 179) < 28) color = [170, 70, 70]; // mouth
      if (body) [color, texture] = [clothes, 8];
      if (p.frame && (u < p.frame || u >= W - p.frame || v < p.frame || v >= H - p.frame)) color = [20, 20, 20];
      const n = ((p.noise ?? 3) + texture) * (rand() - 0.5) * 2;
      const at = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) data[at + c] = Math.max(0, Math.min(255, Math.round((color[c] as number) + n)));
    }
  }
  return { data, width, height };
}

function image(p: Portrait = {}) {
  const { data, width, height } = drawPortrait(p);
  return sharp(data, { raw: { width, height, channels: 3 } });
}

/** Encode at the first quality (from 95 down) whose file fits the 14–40 KB range's middle. */
async function jpegNear(p: Portrait, targetBytes = 26_000, extra: (s: Sharp) => Sharp = (s) => s): Promise<Buffer> {
  let best: Buffer | undefined;
  for (let quality = 95; quality >= 40; quality -= 5) {
    const buffer = await extra(image(p).withMetadata({ density: 350 })).jpeg({ quality, mozjpeg: false }).toBuffer();
    best = buffer;
    if (buffer.length <= targetBytes) break;
  }
  return best as Buffer;
}

const fixtures: Array<{ name: string; how: string; make: () => Promise<Buffer> }> = [
  { name: 'pass.jpg', how: 'the figure on a white wall, dark top, 350 dpi, baseline JPEG in the KB range', make: () => jpegNear({}) },
  { name: 'background.pass-near-white.jpg', how: 'wall RGB(243,244,242): near-white passes', make: () => jpegNear({ background: [243, 244, 242], noise: 1 }) },
  { name: 'background.fail-grey.jpg', how: 'wall RGB(215,215,215)', make: () => jpegNear({ background: [215, 215, 215] }) },
  { name: 'background.fail-blue.jpg', how: 'wall RGB(200,225,250): a light blue backdrop', make: () => jpegNear({ background: [200, 225, 250] }) },
  { name: 'background.fail-red.jpg', how: 'wall RGB(220,40,40): a red backdrop', make: () => jpegNear({ background: [220, 40, 40] }) },
  { name: 'background.fail-frame.jpg', how: 'white wall inside a 6 px dark frame', make: () => jpegNear({ frame: 6 }) },
  { name: 'background.fail-shadow.jpg', how: 'the right half of the wall darkens to 55%', make: () => jpegNear({ shadow: 0.45 }) },
  { name: 'clothing-contrast.fail-white.jpg', how: 'a white top RGB(240,240,236)', make: () => jpegNear({ clothes: [240, 240, 236] }) },
  { name: 'dimensions.fail-small.jpg', how: 'the figure at 300×370 px', make: () => jpegNear({ width: 300, height: 370, noise: 8 }) },
  { name: 'dimensions.fail-sideways.jpg', how: 'the photo stored at 441×358 (rotated pixels)', make: () => jpegNear({}, 26_000, (s) => s.rotate(90)) },
  { name: 'file-size.fail-small.jpg', how: 'quality 20: under 14 KB', make: () => image().withMetadata({ density: 350 }).jpeg({ quality: 20 }).toBuffer() },
  { name: 'file-size.fail-large.jpg', how: 'heavy noise at quality 98: over 40 KB', make: () => image({ noise: 40 }).withMetadata({ density: 350 }).jpeg({ quality: 98 }).toBuffer() },
  // No withMetadata() here: it converts the output to sRGB, which would undo the colour mode.
  { name: 'color-mode.fail-grayscale.jpg', how: 'a one-channel (grayscale) JPEG', make: () => image().toColourspace('b-w').jpeg({ quality: 90 }).toBuffer() },
  { name: 'color-mode.fail-cmyk.jpg', how: 'a four-channel CMYK JPEG', make: () => image().toColourspace('cmyk').jpeg({ quality: 85 }).toBuffer() },
  { name: 'color-mode.fail-grey-content.jpg', how: 'three channels, but every pixel grey (greyscale() then saved as RGB)', make: () => jpegNear({}, 26_000, (s) => s.greyscale().toColourspace('srgb')) },
  {
    name: 'orientation.fail-rotated.jpg',
    how: 'stored a quarter turn to the left (441×358) with EXIF Orientation 6 (turn 90° clockwise to view), as a phone stores a portrait: upright it is pass.jpg',
    make: () => jpegNear({}, 26_000, (s) => s.rotate(-90).withMetadata({ orientation: 6, density: 350 })),
  },
  { name: 'format.fail-progressive.jpg', how: 'a progressive JPEG', make: () => image().withMetadata({ density: 350 }).jpeg({ quality: 80, progressive: true }).toBuffer() },
  { name: 'format.fail-png.jpg', how: 'a PNG named .jpg', make: () => image().png({ compressionLevel: 9 }).toBuffer() },
  { name: 'format.fail-webp.jpg', how: 'a WebP named .jpg', make: () => image().webp({ quality: 80 }).toBuffer() },
  { name: 'format.fail-gif.jpg', how: 'a GIF named .jpg', make: () => image().gif().toBuffer() },
  {
    name: 'format.fail-heic.jpg',
    how: 'the first bytes of an HEIC file (ftyp heic box) named .jpg; no image data',
    make: async () => Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(64)]),
  },
  { name: 'resolution.warn-72dpi.jpg', how: 'JFIF density 72 dpi', make: () => jpegNear({}, 26_000, (s) => s.withMetadata({ density: 72 })) },
  {
    name: 'recent.warn-old.jpg',
    how: 'EXIF DateTimeOriginal 2020:03:01',
    make: () => jpegNear({}, 26_000, (s) => s.withExif({ IFD0: { Make: 'shebao' }, IFD2: { DateTimeOriginal: '2020:03:01 10:00:00' } }).withMetadata({ density: 350 })),
  },
  {
    name: 'recent.pass-2026.jpg',
    how: 'EXIF DateTimeOriginal 2026:10:01 (tests run with today = 2026-11-22)',
    make: () => jpegNear({}, 26_000, (s) => s.withExif({ IFD0: { Make: 'shebao' }, IFD2: { DateTimeOriginal: '2026:10:01 10:00:00' } }).withMetadata({ density: 350 })),
  },
  { name: 'readable.fail-empty.jpg', how: 'zero bytes', make: async () => Buffer.alloc(0) },
  {
    name: 'readable.fail-truncated.jpg',
    how: 'pass.jpg cut to its first 75% of bytes',
    make: async () => {
      const full = await jpegNear({});
      return full.subarray(0, Math.floor(full.length * 0.75));
    },
  },
  {
    name: 'readable.fail-random.jpg',
    how: '20,000 seeded random bytes',
    make: async () => {
      const rand = random(7);
      return Buffer.from(Array.from({ length: 20_000 }, () => Math.floor(rand() * 256)));
    },
  },
  {
    name: 'readable.fail-bomb.jpg',
    how: 'a tiny JPEG whose frame header claims 30000×30000 pixels',
    make: async () => {
      const small = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ffffff' } }).jpeg().toBuffer();
      const bomb = Buffer.from(small);
      for (let i = 2; i < bomb.length - 9; i++) {
        if (bomb[i] === 0xff && bomb[i + 1] === 0xc0) {
          bomb.writeUInt16BE(30000, i + 5);
          bomb.writeUInt16BE(30000, i + 7);
          break;
        }
      }
      return bomb;
    },
  },
  {
    name: 'readable.fail-bomb.png',
    how: 'a PNG header (IHDR) claiming 30000×30000 pixels with no image data',
    make: async () => {
      const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ffffff' } }).png().toBuffer();
      const bomb = Buffer.from(png);
      bomb.writeUInt32BE(30000, 16);
      bomb.writeUInt32BE(30000, 20);
      return bomb;
    },
  },
];

mkdirSync(outDir, { recursive: true });
const index = ['# Photo fixtures', '', 'Generated by `npm run fixtures` (scripts/make-fixtures.ts): a synthetic figure, no real person.', '', '| file | bytes | how it was made |', '|---|---|---|'];
for (const fixture of fixtures) {
  const buffer = await fixture.make();
  writeFileSync(path.join(outDir, fixture.name), buffer);
  index.push(`| ${fixture.name} | ${buffer.length} | ${fixture.how} |`);
}
writeFileSync(path.join(outDir, 'INDEX.md'), `${index.join('\n')}\n`);
console.log(`wrote ${fixtures.length} fixtures to ${outDir}`);
