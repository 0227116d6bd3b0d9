/**
 * Builds the fixtures of the checks that read the segmented person (background, clothing-contrast,
 * head-top) in fixtures/segment/, and writes fixtures/segment/INDEX.md. Deterministic: same sharp
 * version, same bytes. Run: `npx tsx scripts/make-segment-fixtures.ts` (after
 * scripts/make-face-fixtures.ts, whose pass fixture these start from).
 *
 * Each is the face fixtures' woman (fixtures/face/face-geometry.pass.jpg, from face-api's MIT demo
 * photo sample6.jpg) made a little smaller about the top edge's midpoint, so her shoulders show as
 * in an ID photo, wearing a painted top, in front of a painted background: white, dark, a room, a
 * sign, a second person, a shadow. Where she is comes from the fixture itself, not from the
 * segmentation these fixtures test: above the neck she is everything the face fixture did not
 * whiten (its background is pure white, joined to the edges); below it a fixed trapezoid is her top.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { jpegToFit, type Raw } from './lib/fixture-jpeg.js';

const require = createRequire(import.meta.url);
const faceApiDir = path.dirname(require.resolve('@vladmandic/face-api/package.json'));
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, 'fixtures', 'segment');
const baseFile = 'fixtures/face/face-geometry.pass.jpg';

const width = 358;
const height = 441;
/** Upper end of the 社保卡 file size range, 1 KB = 1024 bytes (DOMAIN.md §1.1: 14–40 KB). */
const maxBytes = 40 * 1024;

/** The base photo is shrunk by this about (179, 0): face width ~205 → ~185 px, eye line y 225 → ~203, chin y 392 → ~353. */
const shrink = 0.9;
/** In the shrunk photo: the eyes' midpoint x, the face width, and where the top's neckline starts. */
const midX = 179;
const faceWidth = 185;
const neckY = 368;

type Rgb = readonly [number, number, number];


interface Scene {
  file: string;
  what: string;
  /** The top's colour, or its colour at each pixel. */
  top: Rgb | ((x: number, y: number) => Rgb);
  /** The background's colour at each pixel. */
  background: (x: number, y: number) => Rgb;
  /** Drawn last, over person and background (a sign, a second person). */
  extra?: (image: Raw) => void | Promise<void>;
}

const white: Rgb = [255, 255, 255];
const navy: Rgb = [28, 34, 62];
const cream: Rgb = [236, 231, 220];
/** A mid-grey suit or T-shirt: luma 128, lighter than "dark" (90) but far from white. */
const midGrey: Rgb = [126, 128, 132];
/** A pink top: luma 140 like a grey suit, but coloured (chroma 100): light, not grey. */
const pink: Rgb = [222, 122, 140];
/** A light grey top: luma 170, most of it lighter than a mid-tone (150). */
const lightGrey: Rgb = [168, 170, 174];

/** A mid-grey jacket open over a white shirt, by column. */
const jacket = (x: number): Rgb => (Math.abs(x - midX) < 0.42 * faceWidth ? white : midGrey);

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const base = await shrunkBase();
  const person = personMask(base);
  const room = await roomTexture();
  const scenes: Scene[] = [
    {
      file: 'clothing-contrast.pass-dark.jpg',
      what: 'a navy top on a white background: every check that reads the segmented person passes',
      top: navy,
      background: () => white,
    },
    {
      file: 'clothing-contrast.fail-light-top.jpg',
      what: 'a cream top RGB(236,231,220) on a white background: the top is too light; the background passes',
      top: cream,
      background: () => white,
    },
    {
      file: 'clothing-contrast.pass-mid-grey.jpg',
      what: 'a mid-grey top RGB(126,128,132) on a white background: not dark, but a mid-tone that stands out from white (a grey suit, a grey T-shirt): passes',
      top: midGrey,
      background: () => white,
    },
    {
      file: 'clothing-contrast.pass-jacket.jpg',
      what: 'a mid-grey jacket RGB(126,128,132) open over a white shirt (the shirt 0.42 face widths either side of the eyes\' midpoint), its shoulders reaching both edges from y 380, on a white background: under 78% of the clothes is grey, but both sides of the jacket are: passes',
      top: jacket,
      background: () => white,
      extra: (image) => {
        for (let y = 380; y < height; y++) for (let x = 0; x < width; x++) image.data.set(jacket(x), (y * width + x) * 3);
      },
    },
    {
      file: 'clothing-contrast.fail-pink.jpg',
      what: 'a pink top RGB(222,122,140) on a white background: as dark as a grey suit (luma 140) but coloured, a light top',
      top: pink,
      background: () => white,
    },
    {
      file: 'clothing-contrast.fail-light-grey.jpg',
      what: 'a light grey top RGB(168,170,174) on a white background: too light',
      top: lightGrey,
      background: () => white,
    },
    {
      file: 'background.fail-dark.jpg',
      what: 'a navy top on a dark grey wall RGB(48,48,52): the wall fails (dark), the top passes (a background problem, not the clothes)',
      top: navy,
      background: () => [48, 48, 52],
    },
    {
      file: 'background.fail-busy.jpg',
      what: 'window blinds and a frame behind her (face-api demo/sample6.jpg, x 0–240, y 0–296, stretched): the background is busy; the hair top is still found, from her outline',
      top: navy,
      background: (x, y) => pixel(room, x, y),
    },
    {
      file: 'background.fail-object.jpg',
      what: 'a red sign with white stripes, 56×40 px, in the top left corner of a white background, clear of her head',
      top: navy,
      background: () => white,
      extra: (image) => drawSign(image, 8, 24, 56, 40),
    },
    {
      file: 'background.fail-other-person.jpg',
      what: 'two of her side by side, each shrunk ×0.6 on a white background: the second, cut by the right edge, is another person behind or beside her (30 px apart, not touching)',
      top: navy,
      background: () => white,
      extra: (image) => twoPeople(image, 0.6, 200),
    },
    {
      file: 'background.fail-blurred-beside.jpg',
      what: `a navy top on white, with a copy of her blurred (Gaussian, σ ${blurredCopy.sigma} px) standing ${blurredCopy.dx} px to the right behind her: a bystander out of focus, cut by the right edge and touching her hair; the background round them is white`,
      top: navy,
      background: () => white,
      extra: (image) => blurredNeighbour(image, blurredCopy),
    },
    {
      file: 'background.fail-shadow.jpg',
      what: 'a white wall that darkens from the middle to 60% at the right edge (a lamp on the left)',
      top: navy,
      background: (x) => {
        const t = Math.max(0, (x - width / 2) / (width / 2));
        const level = Math.round(255 * (1 - 0.4 * t));
        return [level, level, level];
      },
    },
  ];
  const rows: string[] = [];
  for (const scene of scenes) {
    const image = await paint(base, person, scene);
    const { bytes, quality } = await jpegToFit(image, maxBytes);
    writeFileSync(path.join(outDir, scene.file), bytes);
    rows.push(`| \`${scene.file}\` | ${scene.what} | q${quality}, ${(bytes.length / 1024).toFixed(1)} KB |`);
  }
  writeFileSync(path.join(outDir, 'INDEX.md'), renderIndex(rows));
}

/** The pass fixture shrunk about the top edge's midpoint onto a white canvas of the same size. */
async function shrunkBase(): Promise<Raw> {
  const w = Math.round(width * shrink);
  const h = Math.round(height * shrink);
  const left = Math.round(midX - midX * shrink);
  const { data } = await sharp(path.join(root, baseFile))
    .resize(w, h, { kernel: 'lanczos3' })
    .extend({ left, right: width - w - left, top: 0, bottom: height - h, background: '#ffffff' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width, height };
}

/**
 * Her pixels: above the neckline, everything the face fixture did not whiten (near-white pixels
 * joined to the top or side edges are its background); from the neckline down, a trapezoid from
 * ±0.45 face widths at the neckline widening by 0.8 px per row (her shoulders and top).
 */
function personMask(image: Raw): Uint8Array {
  const { data } = image;
  const background = new Uint8Array(width * height);
  const stack: number[] = [];
  const nearWhite = (i: number) => Math.min(data[i * 3]!, data[i * 3 + 1]!, data[i * 3 + 2]!) >= 240;
  const seed = (i: number) => {
    if (!background[i] && nearWhite(i)) {
      background[i] = 1;
      stack.push(i);
    }
  };
  for (let x = 0; x < width; x++) seed(x);
  for (let y = 0; y < neckY; y++) {
    seed(y * width);
    seed(y * width + width - 1);
  }
  while (stack.length > 0) {
    const i = stack.pop()!;
    const x = i % width;
    const y = Math.floor(i / width);
    if (y >= neckY) continue;
    if (x > 0) seed(i - 1);
    if (x < width - 1) seed(i + 1);
    if (y > 0) seed(i - width);
    if (y < neckY - 1) seed(i + width);
  }
  const person = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const half = 0.45 * faceWidth + 0.8 * (y - neckY);
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      person[i] = y < neckY ? 1 - background[i]! : Math.abs(x + 0.5 - midX) <= half ? 1 : 0;
    }
  }
  return person;
}

/** The base with her top painted below the neckline and the background painted around her. */
async function paint(base: Raw, person: Uint8Array, scene: Scene): Promise<Raw> {
  const data = Buffer.from(base.data);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const colour = person[i] ? (y >= neckY ? (typeof scene.top === 'function' ? scene.top(x, y) : scene.top) : undefined) : scene.background(x, y);
      if (!colour) continue;
      data[i * 3] = colour[0];
      data[i * 3 + 1] = colour[1];
      data[i * 3 + 2] = colour[2];
    }
  }
  const image = { data, width, height };
  await scene.extra?.(image);
  return image;
}

/** A region of face-api's demo photo with no person in it (window blinds and a frame), stretched to the fixture's size. */
async function roomTexture(): Promise<Raw> {
  const data = await sharp(path.join(faceApiDir, 'demo/sample6.jpg'))
    .extract({ left: 0, top: 0, width: 240, height: 296 })
    .resize(width, height, { fit: 'fill' })
    .removeAlpha()
    .raw()
    .toBuffer();
  return { data, width, height };
}

function pixel(image: Raw, x: number, y: number): Rgb {
  const i = (y * image.width + x) * 3;
  return [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
}

/** background.fail-blurred-beside.jpg: how far right her blurred copy stands, and the Gaussian blur's sigma (px). */
const blurredCopy = { dx: 150, sigma: 10.5 };

/**
 * A copy of her blurred and moved `dx` px, behind her (only where the background is white): a
 * bystander out of focus, cut by the edge, touching her hair. Its outline is her sharp one, as a
 * matte cuts a leftover out of a photo put on white.
 */
async function blurredNeighbour(image: Raw, copy: typeof blurredCopy): Promise<void> {
  const layer = await sharp(image.data, { raw: { width, height, channels: 3 } }).blur(copy.sigma).raw().toBuffer();
  const isWhite = (data: Buffer, i: number) => Math.min(data[i]!, data[i + 1]!, data[i + 2]!) >= 250;
  const original = Buffer.from(image.data);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = x - copy.dx;
      if (sx < 0 || sx >= width) continue;
      const to = (y * width + x) * 3;
      const from = (y * width + sx) * 3;
      if (!isWhite(original, to) || isWhite(original, from)) continue;
      for (let c = 0; c < 3; c++) image.data[to + c] = layer[from + c]!;
    }
  }
}

/** A red board with four white stripes, as a sign or a poster left on the wall. */
function drawSign(image: Raw, left: number, top: number, w: number, h: number): void {
  for (let y = top; y < top + h; y++) {
    for (let x = left; x < left + w; x++) {
      const stripe = (y - top) % 10 >= 6 && x > left + 4 && x < left + w - 4;
      const i = (y * image.width + x) * 3;
      image.data[i] = stripe ? 250 : 200;
      image.data[i + 1] = stripe ? 250 : 30;
      image.data[i + 2] = stripe ? 250 : 40;
    }
  }
}

/** The scene shrunk by `scale` twice on white, bottom-aligned: once at the left edge, once `dx` px to the right. */
function twoPeople(image: Raw, scale: number, dx: number): void {
  const copy = Buffer.from(image.data);
  image.data.fill(255);
  const w = Math.round(width * scale);
  const h = Math.round(height * scale);
  for (const left of [0, dx]) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w && left + x < width; x++) {
        // Nearest source pixel: a fixture, not a photo to look at.
        const from = (Math.min(height - 1, Math.round(y / scale)) * width + Math.min(width - 1, Math.round(x / scale))) * 3;
        const to = ((height - h + y) * width + left + x) * 3;
        if (copy[from] === 255 && copy[from + 1] === 255 && copy[from + 2] === 255) continue;
        image.data[to] = copy[from]!;
        image.data[to + 1] = copy[from + 1]!;
        image.data[to + 2] = copy[from + 2]!;
      }
    }
  }
}


function renderIndex(rows: string[]): string {
  const faceApiVersion = (JSON.parse(readFileSync(path.join(faceApiDir, 'package.json'), 'utf8')) as { version: string }).version;
  return [
    '# Segmentation fixtures',
    '',
    'Generated by `scripts/make-segment-fixtures.ts` (run `npx tsx scripts/make-segment-fixtures.ts` after',
    '`scripts/make-face-fixtures.ts`); do not edit by hand.',
    '',
    `Source: \`${baseFile}\`, the woman of \`demo/sample6.jpg\` in the \`@vladmandic/face-api\` npm package,`,
    `version ${faceApiVersion}, MIT licence (Copyright (c) Vladimir Mandic). Each fixture shrinks it ×${shrink} about the`,
    'top edge\'s midpoint (face width ~185 px, eye line y≈203, hair top ~14 px), paints a top below her',
    `neckline (y ≥ ${neckY}, a trapezoid widening to the bottom corners) and paints the background round her.`,
    'They are checked with the face checks on, so the background and clothing checks read the segmented person.',
    '',
    'All are baseline JPEG, 358×441, 24-bit RGB, 350 dpi.',
    '',
    '| file | what it shows | encoding |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

await main();
