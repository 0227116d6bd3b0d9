/**
 * Builds the face fixtures in fixtures/face/ from the sample portraits that ship in the
 * @vladmandic/face-api npm package (demo/sample*.jpg, MIT licence), and writes fixtures/face/INDEX.md.
 * Deterministic: same package version and sharp version, same bytes. Run: `npx tsx scripts/make-face-fixtures.ts`.
 *
 * The samples are group snapshots in rooms, not ID photos. One woman in sample6.jpg faces the camera
 * with dark hair against a light window: her head is levelled, scaled and framed for each fixture,
 * and the background around her head is whitened (see whitenAroundHead) so the hair top can be
 * found from a plain background, as in a real ID photo. The positions below were measured once on
 * the source with face-api's landmarks and are constants here, so the script does not depend on
 * the code it helps to test.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { affineTurn } from './lib/affine.js';
import { dilate, erode, growMask } from './lib/mask.js';
import { jpegToFit, type Raw } from './lib/fixture-jpeg.js';

const require = createRequire(import.meta.url);
const faceApiDir = path.dirname(require.resolve('@vladmandic/face-api/package.json'));
const faceApiVersion = (JSON.parse(readFileSync(path.join(faceApiDir, 'package.json'), 'utf8')) as { version: string }).version;
const outDir = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'fixtures', 'face');

const width = 358;
const height = 441;
/** Upper end of the 社保卡 file size range, 1 KB = 1024 bytes (DOMAIN.md §1.1: 14–40 KB). */
const maxBytes = 40 * 1024;

interface Person {
  /** Source file inside the face-api package. */
  source: string;
  /** Eye centres (mean of the 6 eye-contour landmarks) in the source, picture-left eye first. */
  leftEye: [number, number];
  rightEye: [number, number];
  /** Face width in the source (jaw landmarks 0–16). */
  faceWidth: number;
}

/** sample6.jpg, the leftmost woman (dark hair, green top). Her eyes tilt 6.5° in the source. */
const woman: Person = { source: 'demo/sample6.jpg', leftEye: [324, 605], rightEye: [421, 594], faceWidth: 216 };
/** sample6.jpg, the second woman from the left: used with the first for the two-face fixture. */
const neighbour: Person = { source: 'demo/sample6.jpg', leftEye: [699, 454], rightEye: [790, 447], faceWidth: 201 };

interface Fixture {
  file: string;
  what: string;
  person: Person;
  /** Face width wanted in the fixture, px: sets the scale. */
  faceWidth: number;
  /** Where the midpoint of the eyes lands in the fixture. */
  eyeMid: [number, number];
  /** Extra rotation after levelling, degrees clockwise (0 = eyes level). */
  tilt: number;
  whiten: boolean;
}

const fixtures: Fixture[] = [
  {
    file: 'face-geometry.pass.jpg',
    what: 'passes every 社保卡 and GA 461 face rule: face width ~205 px, eye midpoint x≈179, eye line y≈227, hair top ~14 px',
    person: woman,
    faceWidth: 200,
    eyeMid: [179, 225],
    tilt: 0,
    whiten: true,
  },
  {
    file: 'face-width.fail-small.jpg',
    what: 'face too small: face width ~150 px (< 179), otherwise centred with eyes high enough',
    person: woman,
    faceWidth: 150,
    eyeMid: [179, 175],
    tilt: 0,
    whiten: true,
  },
  {
    file: 'face-width.fail-big.jpg',
    what: 'face too big: face width ~280 px (> 255); the hair is cut by the top edge as a result',
    person: woman,
    faceWidth: 280,
    eyeMid: [179, 215],
    tilt: 0,
    whiten: true,
  },
  {
    file: 'eye-height.fail-low.jpg',
    what: 'eyes too low: eye line y≈260 (> 234, less than 207 px above the bottom) with the hair top ~14 px and face width ~235 px both in range',
    person: woman,
    faceWidth: 230,
    eyeMid: [179, 258],
    tilt: 0,
    whiten: true,
  },
  {
    file: 'face-centered.fail-left.jpg',
    what: 'off-centre: eye midpoint x≈128 (< 162), otherwise as the pass fixture',
    person: woman,
    faceWidth: 200,
    eyeMid: [128, 225],
    tilt: 0,
    whiten: true,
  },
  {
    file: 'head-top.fail-cut.jpg',
    what: 'hair cut by the top edge: as the pass fixture moved up 30 px (eye line y≈197)',
    person: woman,
    faceWidth: 200,
    eyeMid: [179, 195],
    tilt: 0,
    whiten: true,
  },
  {
    file: 'head-tilt.warn-tilted.jpg',
    what: 'head tilted: eye line at ~9° to the horizontal; face width, centring, eye height and hair top in range',
    person: woman,
    faceWidth: 190,
    eyeMid: [179, 220],
    tilt: 10,
    whiten: true,
  },
  {
    file: 'head-tilt.fail-tilted.jpg',
    what: 'head leant over: eye line at ~18° to the horizontal (over the 10° at which head-tilt fails); face width, centring, eye height and hair top in range',
    person: woman,
    faceWidth: 185,
    eyeMid: [179, 218],
    tilt: 18,
    whiten: true,
  },
  {
    file: 'face-count.fail-two.jpg',
    what: 'two faces: the two leftmost women of the sample, side by side, face widths ~95 px, room background',
    person: woman,
    faceWidth: 95,
    eyeMid: [88, 200],
    tilt: 0,
    whiten: false,
  },
];

/** A region of a sample with no person in it: the window blinds at the top left of sample6.jpg. */
const noFace = {
  file: 'face-count.fail-none.jpg',
  what: 'no face: window blinds and frame, no person',
  source: 'demo/sample6.jpg',
  region: { left: 0, top: 0, width: 240, height: 296 },
};


async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const rows: string[] = [];
  for (const fixture of fixtures) {
    const pixels = await frame(fixture);
    if (fixture.whiten) whitenAroundHead(pixels, fixture);
    const { bytes, quality } = await jpegToFit(pixels, maxBytes);
    writeFileSync(path.join(outDir, fixture.file), bytes);
    rows.push(indexRow(fixture.file, fixture.what, fixture.person.source, describeTransform(fixture), quality, bytes.length));
  }
  const { region } = noFace;
  const blinds = await sharp(path.join(faceApiDir, noFace.source))
    .extract(region)
    .resize(width, height, { fit: 'fill' })
    .removeAlpha()
    .raw()
    .toBuffer();
  const { bytes, quality } = await jpegToFit({ data: blinds, width, height }, maxBytes);
  writeFileSync(path.join(outDir, noFace.file), bytes);
  rows.push(
    indexRow(noFace.file, noFace.what, noFace.source, `region x ${region.left}–${region.left + region.width}, y ${region.top}–${region.top + region.height} stretched to ${width}×${height}`, quality, bytes.length),
  );
  writeFileSync(path.join(outDir, 'INDEX.md'), renderIndex(rows));
}

/**
 * Levels the eyes (rotating about the eye midpoint), adds the fixture's tilt, scales to the wanted
 * face width and places the eye midpoint where wanted, in one affine resampling. Outside the
 * source is white.
 */
async function frame(fixture: Fixture): Promise<Raw> {
  const { person } = fixture;
  const [lx, ly] = person.leftEye;
  const [rx, ry] = person.rightEye;
  const level = Math.atan2(ry - ly, rx - lx);
  const angle = -level + (fixture.tilt * Math.PI) / 180;
  const scale = fixture.faceWidth / person.faceWidth;
  const cos = Math.cos(angle) * scale;
  const sin = Math.sin(angle) * scale;
  const mx = (lx + rx) / 2;
  const my = (ly + ry) / 2;
  // Output = M·(input − eye midpoint) + target. sharp's affine maps input (x, y) to
  // M·(x, y) + (odx, ody) and crops the output window with idx/idy offsets; we ask for the whole
  // transformed image and cut the fixture's window out of it.
  const source = sharp(path.join(faceApiDir, person.source)).removeAlpha();
  const meta = await source.metadata();
  const transformed = await affineTurn(source, meta.width as number, meta.height as number, cos, sin);
  // Where the eye midpoint went in the transformed image.
  const { x: ex, y: ey } = transformed.map(mx, my);
  const left = Math.round(ex - fixture.eyeMid[0]);
  const top = Math.round(ey - fixture.eyeMid[1]);
  const pad = { top: Math.max(0, -top), left: Math.max(0, -left), bottom: height, right: width };
  // Two pipelines: in one, sharp would extract before it extends.
  const { info } = transformed;
  const extended = await sharp(transformed.data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .extend({ ...pad, background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const cut = await sharp(extended.data, { raw: { width: extended.info.width, height: extended.info.height, channels: extended.info.channels } })
    .extract({ left: left + pad.left, top: top + pad.top, width, height })
    .removeAlpha()
    .raw()
    .toBuffer();
  return { data: cut, width, height };
}

/**
 * Makes the background around the head white, the way a studio backdrop would be. Kept: an ellipse
 * over the face and ears; the dark hair connected to it (luma below 80, flood-filled outwards from
 * the ellipse); every row's span between the leftmost and rightmost kept pixel (the head has no
 * holes); and everything from the chin down (neck, shoulders, clothes). All other pixels become
 * white. The dark mask is first opened (eroded, then dilated) with a 13×13 square, which removes dark
 * things narrower than 13 px: a metal curtain rod in the source stands on her head and would
 * otherwise join the hair.
 */
function whitenAroundHead(pixels: Raw, fixture: Fixture): void {
  const { data, width: w, height: h } = pixels;
  const fw = fixture.faceWidth;
  const [cx, eyeY] = fixture.eyeMid;
  const cy = eyeY + 0.3 * fw;
  const rx = 0.6 * fw;
  const ry = 0.8 * fw;
  const chinY = Math.round(eyeY + 0.95 * fw);
  const keep = new Uint8Array(w * h);
  const darkMask = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) {
    darkMask[i] = 0.299 * data[i * 3]! + 0.587 * data[i * 3 + 1]! + 0.114 * data[i * 3 + 2]! < 80 ? 1 : 0;
  }
  const opened = dilate(erode(darkMask, w, h, 6), w, h, 6);
  const dark = (i: number): boolean => opened[i] === 1;
  const stack: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const t = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
      if (t <= 1 || y >= chinY) {
        keep[y * w + x] = 1;
        if (t <= 1) stack.push(y * w + x);
      }
    }
  }
  growMask(keep, stack, w, h, dark);
  for (let y = 0; y < chinY && y < h; y++) {
    let first = -1;
    let last = -1;
    for (let x = 0; x < w; x++) {
      if (keep[y * w + x] === 1) {
        if (first < 0) first = x;
        last = x;
      }
    }
    for (let x = 0; x < w; x++) {
      if (x < first || x > last || first < 0) {
        data[(y * w + x) * 3] = 255;
        data[(y * w + x) * 3 + 1] = 255;
        data[(y * w + x) * 3 + 2] = 255;
      }
    }
  }
}


function describeTransform(fixture: Fixture): string {
  const scale = fixture.faceWidth / fixture.person.faceWidth;
  const tilt = fixture.tilt === 0 ? 'eyes levelled' : `eyes levelled, then rotated ${fixture.tilt}°`;
  const white = fixture.whiten ? '; background around the head whitened' : '';
  return `${tilt}; scaled ×${scale.toFixed(3)}; eye midpoint placed at (${fixture.eyeMid[0]}, ${fixture.eyeMid[1]})${white}`;
}

function indexRow(file: string, what: string, source: string, transform: string, quality: number, bytes: number): string {
  return `| \`${file}\` | ${what} | \`${source}\` | ${transform} | q${quality}, ${(bytes / 1024).toFixed(1)} KB |`;
}

function renderIndex(rows: string[]): string {
  return [
    '# Face fixtures',
    '',
    'Generated by `scripts/make-face-fixtures.ts` (run `npx tsx scripts/make-face-fixtures.ts`); do not edit by hand.',
    '',
    `Source: the sample photos in the \`@vladmandic/face-api\` npm package, version ${faceApiVersion}, folder \`demo/\`,`,
    'distributed under the package\'s MIT licence (Copyright (c) Vladimir Mandic). They are group snapshots in',
    'rooms, not ID photos: one woman facing the camera in `demo/sample6.jpg` (the leftmost, dark hair) is',
    'levelled, scaled and framed at 358×441, and for most fixtures the background around her head is',
    'whitened (everything that is not her face, her dark hair connected to it, or below her chin becomes',
    'white), so the hair top stands against a plain white background as in a real ID photo.',
    '',
    'Each name is `<rule id>.<outcome>.jpg`. All are baseline JPEG, 358×441, 24-bit RGB, 350 dpi; sharp writes the density as a small EXIF block (no camera data, no GPS) with an sRGB ICC profile.',
    '',
    'Ground truth for the hair top of `face-geometry.pass.jpg`: the first row with hair is y = 16, read off an',
    '8× enlargement of the top rows. The whitening opens the dark mask with a square, so the crown is flattened',
    'a little; the face, ears and hair edge elsewhere are the photo\'s own pixels.',
    '',
    '| file | what it shows | source | transform | encoding |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

await main();
