/**
 * Builds the inputs of the fix-photo tests in fixtures/fix/ from a sample portrait in the
 * @vladmandic/face-api npm package (demo/sample6.jpg, MIT). Deterministic: same package version,
 * same bytes. Run: `npx tsx scripts/make-fix-fixtures.ts`.
 *
 * They are ordinary photos, not ID photos: a phone shot with EXIF rotation and GPS, a cut-out PNG,
 * a blue backdrop and a room to put on white, a shoulder at the edge to extend the canvas for, and
 * the photos fix-photo must refuse (a head cut by the edge, no face). The woman is the one in
 * fixtures/face (the leftmost in the sample). Her eye and face positions were measured once on
 * the source with face-api's landmarks and are constants here, so this script does not depend on
 * the code it helps to test.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { affineTurn } from './lib/affine.js';
import { dilate, erode, growMask } from './lib/mask.js';

const require = createRequire(import.meta.url);
const faceApiDir = path.dirname(require.resolve('@vladmandic/face-api/package.json'));
const faceApiVersion = (JSON.parse(readFileSync(path.join(faceApiDir, 'package.json'), 'utf8')) as { version: string }).version;
const source = 'demo/sample6.jpg';
const outDir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'fix');

/** In the source: the leftmost woman's eye centres (her eyes tilt 6.5°) and face width (jaw landmarks), px. */
const leftEye = { x: 324, y: 605 };
const rightEye = { x: 421, y: 594 };
const eyeMid = { x: (leftEye.x + rightEye.x) / 2, y: (leftEye.y + rightEye.y) / 2 };
const faceWidth = 216;
/** Her chin and the top of her hair in the source, read off an enlargement. */
const chinY = 750;
const hairTopY = 380;
/**
 * Her hair "tied back": her head may be no wider than 0.64 face widths each side of the eye
 * midpoint (an ellipse from the hair top to the chin). ID photos want the ears visible, and the
 * background check samples strips 10% of the width down both sides, which her loose hair (1.64
 * face widths wide) would fill at any allowed face width.
 */
const headHalfWidth = 0.64 * faceWidth;
/**
 * The part of the source the portraits show: her head and shoulders, 3:4, with her neighbour's face
 * (eyes at x ≈ 700–790) outside it.
 */
const portrait = { left: 60, top: 150, width: 600, height: 800 };

interface Raw {
  data: Buffer;
  width: number;
  height: number;
}

interface Made {
  file: string;
  what: string;
  how: string;
  bytes: number;
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const room = await readRegion(portrait);
  // Dressed for an ID photo: hair tied back behind the ears, a dark high-necked top.
  const mask = personMask(room);
  const dressed = paintDarkTop(room);
  const made: Made[] = [];
  const save = (file: string, bytes: Buffer, what: string, how: string) => {
    writeFileSync(path.join(outDir, file), bytes);
    made.push({ file, what, how, bytes: bytes.length });
  };

  // A light wall, as at home: warm light grey, lighter at the top, with sensor noise.
  const wall = composite(dressed, mask, (x, y) => wallColour(x, y, room.height));
  const phoneSize = { width: 1500, height: 2000 };
  const upright = await sharp(wall.data, { raw: rawInfo(wall) }).resize(phoneSize.width, phoneSize.height, { kernel: 'lanczos3' }).raw().toBuffer();
  // A phone stores the sensor's landscape pixels and says "rotate 90° clockwise to view" (EXIF
  // Orientation 6), with where and when the photo was taken.
  save(
    'phone-rotated-gps.jpg',
    await sharp(upright, { raw: { ...phoneSize, channels: 3 } })
      .rotate(270)
      .withExif({
        IFD0: { Make: 'shebao-fixture', Model: 'phone', DateTime: '2026:11:01 10:20:30' },
        IFD2: { DateTimeOriginal: '2026:11:01 10:20:30' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '31/1 13/1 5/1', GPSLongitudeRef: 'E', GPSLongitude: '121/1 28/1 30/1' },
      })
      // sharp writes the Orientation tag only through withMetadata (which also embeds an sRGB profile, as phones do).
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 82, mozjpeg: false })
      .toBuffer(),
    'a phone photo on a light wall: 2000×1500 stored, EXIF Orientation 6 (shown 1500×2000 upright), GPS position, capture date; face ~540 px wide',
    `region x ${portrait.left}–${portrait.left + portrait.width}, y ${portrait.top}–${portrait.top + portrait.height}; background replaced by a light wall; scaled ×2.5; pixels turned 90° anticlockwise; q82`,
  );

  // A cut-out exported by a photo app: transparent around the person.
  const cutoutSize = { width: 480, height: 640 };
  const rgba = Buffer.alloc(room.width * room.height * 4);
  for (let i = 0; i < room.width * room.height; i++) {
    dressed.data.copy(rgba, i * 4, i * 3, i * 3 + 3);
    rgba[i * 4 + 3] = Math.round(mask[i]! * 255);
  }
  save(
    'cutout-transparent.png',
    await sharp(rgba, { raw: { width: room.width, height: room.height, channels: 4 } })
      .resize(cutoutSize.width, cutoutSize.height, { kernel: 'lanczos3' })
      .png({ compressionLevel: 9 })
      .toBuffer(),
    'a cut-out PNG: the person on a transparent background, 480×640, face ~173 px wide',
    'the portrait region with everything but the person transparent; scaled ×0.8',
  );

  // Too close to the left edge: her eye midpoint 90 px (×2.5 = 225 px) from the left edge, while an
  // ID photo needs 162–196 of 358 px there at any allowed scale.
  const edgeLeft = Math.round(eyeMid.x - portrait.left - 90);
  save(
    'edge-left.jpg',
    await sharp(wall.data, { raw: rawInfo(wall) })
      .extract({ left: edgeLeft, top: 0, width: wall.width - edgeLeft, height: wall.height })
      .jpeg({ quality: 80, mozjpeg: false })
      .toBuffer(),
    'the light-wall portrait cut 90 px left of her eye midpoint: an ID crop would need pixels left of the photo',
    `light-wall portrait region, columns ${edgeLeft}–${wall.width} kept; q80`,
  );

  // Close to the left edge, her head whole: the photo ends 150 px left of her eye midpoint (her
  // tied-back head reaches 138 px), so only her shoulder runs into the edge. fix-photo extends
  // the canvas there instead of refusing.
  const shoulderLeft = Math.round(eyeMid.x - portrait.left - 150);
  save(
    'edge-shoulder.jpg',
    await sharp(wall.data, { raw: rawInfo(wall) })
      .extract({ left: shoulderLeft, top: 0, width: wall.width - shoulderLeft, height: wall.height })
      .jpeg({ quality: 80, mozjpeg: false })
      .toBuffer(),
    'the light-wall portrait cut 150 px left of her eye midpoint: her head is whole, her left shoulder runs into the edge',
    `light-wall portrait region, columns ${shoulderLeft}–${wall.width} kept; q80`,
  );

  // The room as it was: window blinds and a wooden frame behind her head.
  save(
    'background-busy.jpg',
    await sharp(room.data, { raw: rawInfo(room) }).jpeg({ quality: 80, mozjpeg: false }).toBuffer(),
    'the portrait in the room as photographed (eyes levelled): window blinds and a wooden frame behind her head, her loose hair and light dress',
    `region x ${portrait.left}–${portrait.left + portrait.width}, y ${portrait.top}–${portrait.top + portrait.height} as is; q80`,
  );

  // A studio's blue backdrop (RGB 67,142,219 is the common 蓝底).
  const blue = composite(dressed, mask, () => [67, 142, 219]);
  save(
    'background-blue.jpg',
    await sharp(blue.data, { raw: rawInfo(blue) }).resize(450, 600).jpeg({ quality: 80, mozjpeg: false }).toBuffer(),
    'a blue-backdrop portrait (RGB 67,142,219), 450×600',
    'the portrait region with the background replaced by blue; scaled ×0.75; q80',
  );

  // No person: the blinds and window frame at the top left of the sample.
  save(
    'no-face.jpg',
    await sharp(path.join(faceApiDir, source)).extract({ left: 0, top: 0, width: 300, height: 400 }).jpeg({ quality: 80, mozjpeg: false }).toBuffer(),
    'no face: window blinds and frame',
    'region x 0–300, y 0–400; q80',
  );

  writeFileSync(path.join(outDir, 'INDEX.md'), renderIndex(made));
}

function rawInfo(image: Raw): { width: number; height: number; channels: 3 } {
  return { width: image.width, height: image.height, channels: 3 };
}

/**
 * The portrait region of the source with her eyes levelled: the sample is turned 6.5° about her eye
 * midpoint (as if she had held her head straight), so the region's coordinates are the source's.
 */
async function readRegion(region: typeof portrait): Promise<Raw> {
  const angle = -Math.atan2(rightEye.y - leftEye.y, rightEye.x - leftEye.x);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const image = sharp(path.join(faceApiDir, source)).removeAlpha();
  const { width = 0, height = 0 } = await image.metadata();
  const turned = await affineTurn(image, width, height, cos, sin);
  const { x: ex, y: ey } = turned.map(eyeMid.x, eyeMid.y);
  const data = await sharp(turned.data, { raw: { width: turned.info.width, height: turned.info.height, channels: 3 } })
    .extract({ left: Math.round(ex - (eyeMid.x - region.left)), top: Math.round(ey - (eyeMid.y - region.top)), width: region.width, height: region.height })
    .raw()
    .toBuffer();
  return { data, width: region.width, height: region.height };
}

/** A light wall: RGB about (236, 231, 222) at the top to (222, 217, 208) at the bottom, noise ±3. */
function wallColour(x: number, y: number, height: number): [number, number, number] {
  const shade = 236 - (14 * y) / height;
  // A fixed-seed hash, so the noise (and the file) is the same on every run.
  const noise = ((((x * 73856093) ^ (y * 19349663)) >>> 0) % 7) - 3;
  return [shade + noise, shade - 5 + noise, shade - 14 + noise];
}

function composite(image: Raw, mask: Float32Array, background: (x: number, y: number) => [number, number, number]): Raw {
  const data = Buffer.alloc(image.data.length);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = y * image.width + x;
      const a = mask[i]!;
      const bg = background(x, y);
      for (let c = 0; c < 3; c++) data[i * 3 + c] = Math.round(a * image.data[i * 3 + c]! + (1 - a) * bg[c]!);
    }
  }
  return { data, width: image.width, height: image.height };
}

/**
 * Where the woman is, 0–1 per pixel of the portrait region, dressed for an ID photo. Her head: an
 * ellipse over her face and ears and her dark hair connected to it (luma below 80, after an opening
 * with a 13×13 square that drops the curtain rod standing on her head), every row's span between
 * its leftmost and rightmost pixel (a head has no holes), all inside the tied-back head outline.
 * Below the chin: her neck, then the dark top of paintDarkTop. The edge is softened over 2 px, as
 * a lens would.
 */
function personMask(image: Raw): Float32Array {
  const { data, width: w, height: h } = image;
  const cx = eyeMid.x - portrait.left;
  const eyeY = eyeMid.y - portrait.top;
  const chin = chinY - portrait.top;
  const face = { cy: eyeY + 0.3 * faceWidth, rx: 0.6 * faceWidth, ry: 0.8 * faceWidth };
  const head = { cy: (hairTopY + chinY) / 2 - portrait.top, rx: headHalfWidth, ry: (chinY - hairTopY) / 2 + 20 };
  const inside = (x: number, y: number, e: { cy: number; rx: number; ry: number }) => ((x - cx) / e.rx) ** 2 + ((y - e.cy) / e.ry) ** 2 <= 1;
  const darkMask = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) darkMask[i] = 0.299 * data[i * 3]! + 0.587 * data[i * 3 + 1]! + 0.114 * data[i * 3 + 2]! < 80 ? 1 : 0;
  const dark = dilate(erode(darkMask, w, h, 6), w, h, 6);
  const keep = new Uint8Array(w * h);
  const stack: number[] = [];
  for (let y = 0; y < chin; y++) {
    for (let x = 0; x < w; x++) {
      if (inside(x, y, face)) {
        keep[y * w + x] = 1;
        stack.push(y * w + x);
      }
    }
  }
  growMask(keep, stack, w, chin, (j) => dark[j] === 1);
  for (let y = 0; y < h; y++) {
    let first = -1;
    let last = -1;
    for (let x = 0; x < w; x++) {
      if (keep[y * w + x] === 1) {
        if (first < 0) first = x;
        last = x;
      }
    }
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (y < chin) keep[i] = first >= 0 && x >= first && x <= last && (inside(x, y, head) || inside(x, y, face)) ? 1 : 0;
      else keep[i] = inTop(x, y) || (Math.abs(x - cx) <= neckHalfWidth && y < chin + 40) ? 1 : 0;
    }
  }
  return soften(keep, w, h, 2);
}

/** Half the width of her neck, px of the source. */
const neckHalfWidth = 0.3 * faceWidth;

/**
 * The dark top's outline, in portrait-region pixels: a crew neck a little below the chin that dips
 * in the middle, shoulders sloping down from there, as wide as 1.3 face widths each side.
 */
function inTop(x: number, y: number): boolean {
  const d = Math.abs(x - (eyeMid.x - portrait.left));
  const neck = chinY - portrait.top + 12;
  const collar = 0.4 * faceWidth;
  const top = d <= collar ? neck + 8 - (8 * d * d) / (collar * collar) : neck + 0.5 * (d - collar);
  return y >= top && d <= 1.3 * faceWidth;
}

/** ID photos want dark clothes that stand out from the white background; she wears a light, low-cut dress. */
function paintDarkTop(image: Raw): Raw {
  const data = Buffer.from(image.data);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (!inTop(x, y)) continue;
      const i = y * image.width + x;
      // Dark navy with a soft fold pattern and fixed-seed noise.
      const noise = ((((x * 83492791) ^ (y * 2654435761)) >>> 0) % 5) - 2;
      const shade = Math.round(6 * Math.sin(x / 23 + y / 61)) + noise;
      data[i * 3] = 36 + shade;
      data[i * 3 + 1] = 42 + shade;
      data[i * 3 + 2] = 60 + shade;
    }
  }
  return { data, width: image.width, height: image.height };
}

/** Box blur of a 0/1 mask into 0–1. */
function soften(mask: Uint8Array, w: number, h: number, r: number): Float32Array {
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      let count = 0;
      for (let dy = -r; dy <= r; dy++) {
        for (let dx = -r; dx <= r; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
          sum += mask[ny * w + nx]!;
          count++;
        }
      }
      out[y * w + x] = sum / count;
    }
  }
  return out;
}

function renderIndex(made: Made[]): string {
  return [
    '# fix-photo fixtures',
    '',
    'Generated by `scripts/make-fix-fixtures.ts` (run `npx tsx scripts/make-fix-fixtures.ts`); do not edit by hand.',
    '',
    `Source: \`${source}\` in the \`@vladmandic/face-api\` npm package, version ${faceApiVersion}, distributed under`,
    "the package's MIT licence (Copyright (c) Vladimir Mandic): a group snapshot in a room. The woman on the left",
    '(the one in `fixtures/face/`) has her eyes levelled (the sample is turned 6.5° about them), is cut out with a',
    'hand-made mask and dressed for an ID photo: her hair "tied back" (nothing wider than 0.64 face widths each side',
    'of the eyes above the chin, so the ears show and the side strips the background check samples stay clear)',
    'and a painted dark navy top from just below the chin (she wears a light low-cut dress). She is then put in',
    'front of other backgrounds. These are inputs for `shebao fix-photo`: ordinary photos of various sizes and',
    'formats, not ID photos. `background-busy.jpg` is the (levelled) room as photographed: her own hair and dress.',
    '',
    '| file | what it is | how it was made | size |',
    '|---|---|---|---|',
    ...made.map((m) => `| \`${m.file}\` | ${m.what} | ${m.how} | ${(m.bytes / 1024).toFixed(1)} KB |`),
    '',
  ].join('\n');
}

await main();
