/**
 * Builds the fixtures of the content checks (padding, head-pose, eyes-open, mouth-closed,
 * sharpness, face-lighting, hands) in fixtures/content/, and writes fixtures/content/INDEX.md.
 * Deterministic: same sharp version, same bytes. Run: `npx tsx scripts/make-content-fixtures.ts`
 * (after scripts/make-face-fixtures.ts, whose pass fixture most of these start from).
 *
 * Most are the face fixtures' woman (fixtures/face/face-geometry.pass.jpg, from face-api's MIT
 * demo photo sample6.jpg) with one thing changed: her lips parted over painted teeth, a blur, a
 * shadow over one half of the face, the exposure, bytes after the end. Four are other people from
 * the same demo photos, framed as she is: a head turned to the side, eyes closed, eyes cast down, a
 * laughing open mouth.
 * (Eyelids painted over her eyes were tried and dropped: the eye model read them as open or not
 * depending on a few pixels of the paint, a test of the paint rather than of the check.) Positions were measured once with face-api's landmarks and are constants here,
 * so the script does not depend on the code it helps to test.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { affineTurn } from './lib/affine.js';
import { jpegAt, type Raw } from './lib/fixture-jpeg.js';

const require = createRequire(import.meta.url);
const faceApiDir = path.dirname(require.resolve('@vladmandic/face-api/package.json'));
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, 'fixtures', 'content');
const baseFile = 'fixtures/face/face-geometry.pass.jpg';

const width = 358;
const height = 441;


/** Where her features are in face-geometry.pass.jpg (face-api 68 landmarks, rounded). */
const woman = {
  /** Where the lips meet, the mouth's centre and half width, and the chin's bottom. */
  lipY: 325,
  mouthX: 183,
  mouthHalfWidth: 46,
  chinY: 392,
  /** The eye midpoint's x: the line between the halves of the face. */
  midX: 179,
  /** Each eye's corners (landmarks 36–39 and 42–45). */
  eyes: [
    { outer: [113, 225], inner: [152, 229] },
    { outer: [207, 229], inner: [242, 224] },
  ] as Array<Record<'outer' | 'inner', [number, number]>>,
};

interface Fixture {
  file: string;
  what: string;
  make(): Promise<Buffer>;
  source: string;
}

const fixtures: Fixture[] = [
  {
    file: 'padding.fail-zeros.jpg',
    what: 'the pass photo saved at JPEG quality 40 (under 14 KB) and padded with zero bytes to 15,000 bytes, as some ID-photo tools do to reach a KB target',
    source: baseFile,
    make: async () => {
      const small = await jpegAt(await base(), 40);
      return Buffer.concat([small, Buffer.alloc(15_000 - small.length)]);
    },
  },
  {
    file: 'padding.fail-trailing.jpg',
    what: 'the pass photo with a second, 64×64 JPEG appended after its end marker (as phones store a preview or a motion clip)',
    source: baseFile,
    make: async () => {
      const photo = readFileSync(path.join(root, baseFile));
      const thumb = await sharp(photo).resize(64, 64).jpeg({ quality: 80 }).toBuffer();
      return Buffer.concat([photo, thumb]);
    },
  },
  {
    file: 'eyes-open.fail-closed.jpg',
    what: 'a real face with the eyes closed (one half hidden by hair), the head bowed: the woman in the middle of the demo photo',
    source: 'demo/sample2.jpg',
    make: async () => jpegAt(await frame({ source: 'demo/sample2.jpg', leftEye: [947, 340], rightEye: [1029, 332], faceWidth: 173 }), 90),
  },
  {
    file: 'eyes-open.fail-downcast.jpg',
    what: 'a real face with the eyes cast down and almost shut (the head bowed too): the woman on the right of the demo photo',
    source: 'demo/sample2.jpg',
    make: async () => jpegAt(await frame({ source: 'demo/sample2.jpg', leftEye: [1482, 276], rightEye: [1561, 252], faceWidth: 196 }), 90),
  },
  {
    file: 'eyes-open.fail-looking-aside.jpg',
    what: 'eyes looking to the side: in the pass photo, each iris moved 30% of its eye\'s width to the right and the white of the eye painted where it was (the corners and lids stay)',
    source: baseFile,
    make: async () => jpegAt(lookAside(await base(), 0.3), 90),
  },
  {
    file: 'head-pose.fail-turned.jpg',
    what: 'a real face turned about 40° to the side: the leftmost woman of the demo photo',
    source: 'demo/sample4.jpg',
    make: async () => jpegAt(await frame({ source: 'demo/sample4.jpg', leftEye: [323, 314], rightEye: [389, 286], faceWidth: 168 }), 90),
  },
  {
    file: 'mouth-closed.fail-open.jpg',
    what: 'a real face laughing with the mouth wide open (and the head turned): the second woman from the left of the demo photo',
    source: 'demo/sample5.jpg',
    make: async () => jpegAt(await frame({ source: 'demo/sample5.jpg', leftEye: [679, 514], rightEye: [750, 514], faceWidth: 174 }), 90),
  },
  {
    file: 'mouth-closed.warn-teeth.jpg',
    what: 'teeth showing: the lips parted by up to 10 px, the upper part of the gap tooth-coloured',
    source: baseFile,
    make: async () => jpegAt(partLips(await base(), 10, 0.7), 90),
  },
  {
    file: 'sharpness.fail-blurred.jpg',
    what: 'out of focus: the pass photo with a Gaussian blur, sigma 2.2 px',
    source: baseFile,
    make: async () => jpegAt(await rawOf(sharp(readFileSync(path.join(root, baseFile))).blur(2.2)), 90),
  },
  {
    file: 'sharpness.pass-soft.jpg',
    what: 'slightly soft but acceptable: the pass photo with a Gaussian blur, sigma 0.7 px',
    source: baseFile,
    make: async () => jpegAt(await rawOf(sharp(readFileSync(path.join(root, baseFile))).blur(0.7)), 90),
  },
  {
    file: 'face-lighting.fail-half-shadow.jpg',
    what: '阴阳脸: the left half of the person (not the white wall) darkened to 40%, blending over 24 px at the face\'s middle',
    source: baseFile,
    make: async () => jpegAt(shadeHalf(await base(), 0.4), 90),
  },
  {
    file: 'face-lighting.warn-uneven.jpg',
    what: 'side light: the left half of the person darkened to 55%',
    source: baseFile,
    make: async () => jpegAt(shadeHalf(await base(), 0.55), 90),
  },
  {
    file: 'face-lighting.fail-dark.jpg',
    what: 'underexposed: the person (not the white wall) darkened to 25%',
    source: baseFile,
    make: async () => jpegAt(scalePerson(await base(), 0.25), 90),
  },
  {
    file: 'face-lighting.fail-bright.jpg',
    what: 'overexposed: the person brightened by 60%, the skin burnt out to white',
    source: baseFile,
    make: async () => jpegAt(scalePerson(await base(), 1.6), 90),
  },
  {
    file: 'hands.fail-on-head.jpg',
    what: 'a hand on the head: the hand the leftmost woman of the demo photo holds to her mouth, cut out with a soft-edged ellipse, scaled to 160 px wide and laid over the pass photo\'s hair at the upper left',
    source: 'demo/sample2.jpg',
    make: async () => jpegAt(await withHand(await base()), 90),
  },
  {
    file: 'hands.pass.jpg',
    what: 'no hand: the pass photo as it is (saved again at quality 90); her chin and neck, where the palm detector most often sees a palm, must not count',
    source: baseFile,
    make: async () => jpegAt(await base(), 90),
  },
];

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const rows: string[] = [];
  for (const fixture of fixtures) {
    const bytes = await fixture.make();
    writeFileSync(path.join(outDir, fixture.file), bytes);
    rows.push(`| \`${fixture.file}\` | ${fixture.what} | \`${fixture.source}\` | ${(bytes.length / 1024).toFixed(1)} KB |`);
  }
  writeFileSync(path.join(outDir, 'INDEX.md'), renderIndex(rows));
}

async function rawOf(image: Sharp): Promise<Raw> {
  const { data, info } = await image.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function base(): Promise<Raw> {
  return rawOf(sharp(readFileSync(path.join(root, baseFile))));
}


const get = (image: Raw, x: number, y: number, c: number): number => {
  const cx = Math.max(0, Math.min(image.width - 1, Math.round(x)));
  const cy = Math.max(0, Math.min(image.height - 1, Math.round(y)));
  return image.data[(cy * image.width + cx) * 3 + c]!;
};

/** The white wall around her (every channel ≥ 235) stays as it is when the person is relit. */
function isWall(image: Raw, i: number): boolean {
  return Math.min(image.data[i * 3]!, image.data[i * 3 + 1]!, image.data[i * 3 + 2]!) >= 235;
}

function scalePerson(image: Raw, factor: number): Raw {
  const data = Buffer.from(image.data);
  for (let i = 0; i < image.width * image.height; i++) {
    if (isWall(image, i)) continue;
    for (let c = 0; c < 3; c++) data[i * 3 + c] = Math.min(255, Math.round(image.data[i * 3 + c]! * factor));
  }
  return { ...image, data };
}

/**
 * Moves each iris sideways by `share` of its eye's width: the iris (a disc of radius 0.2 eye widths
 * about the eye's middle) is drawn again at its new place, and what it leaves behind inside the lids
 * is painted the white of the eye (the mean of the eye's pixels brighter than luma 140). The
 * corners and lids stay where they are.
 */
function lookAside(image: Raw, share: number): Raw {
  const data = Buffer.from(image.data);
  for (const eye of woman.eyes) {
    const cx = (eye.outer[0] + eye.inner[0]) / 2;
    const cy = (eye.outer[1] + eye.inner[1]) / 2;
    const width = Math.abs(eye.inner[0] - eye.outer[0]);
    const radius = 0.2 * width;
    const shift = share * width;
    const lids = { a: width / 2, b: 6 };
    const inside = (x: number, y: number) => ((x - cx) / lids.a) ** 2 + ((y - cy) / lids.b) ** 2 < 1;
    const white = [0, 0, 0];
    let whites = 0;
    for (let y = Math.floor(cy - lids.b); y <= Math.ceil(cy + lids.b); y++) {
      for (let x = Math.floor(cx - lids.a); x <= Math.ceil(cx + lids.a); x++) {
        if (!inside(x, y) || 0.299 * get(image, x, y, 0) + 0.587 * get(image, x, y, 1) + 0.114 * get(image, x, y, 2) < 140) continue;
        for (let c = 0; c < 3; c++) white[c]! += get(image, x, y, c);
        whites++;
      }
    }
    for (let y = Math.floor(cy - lids.b); y <= Math.ceil(cy + lids.b); y++) {
      for (let x = Math.floor(cx - lids.a); x <= Math.ceil(cx + lids.a); x++) {
        if (!inside(x, y)) continue;
        const i = (y * image.width + x) * 3;
        if (Math.hypot(x - shift - cx, y - cy) < radius) {
          for (let c = 0; c < 3; c++) data[i + c] = get(image, x - shift, y, c);
        } else if (Math.hypot(x - cx, y - cy) < radius + 1 && whites > 0) {
          for (let c = 0; c < 3; c++) data[i + c] = Math.round(white[c]! / whites);
        }
      }
    }
  }
  return { ...image, data };
}

function shadeHalf(image: Raw, factor: number): Raw {
  const data = Buffer.from(image.data);
  const ramp = 24;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const i = y * image.width + x;
      if (isWall(image, i)) continue;
      const t = Math.max(0, Math.min(1, (woman.midX + ramp / 2 - x) / ramp)); // 1 on the left, 0 on the right
      const k = 1 - t * (1 - factor);
      for (let c = 0; c < 3; c++) data[i * 3 + c] = Math.round(image.data[i * 3 + c]! * k);
    }
  }
  return { ...image, data };
}

/**
 * Parted lips: below the lips the face is moved down by `gap` px at the mouth's centre, less
 * towards the corners (cosine²) and towards the chin, so the jaw drops without a seam. The opening
 * is dark red, the `teeth` share of it under the upper lip tooth-coloured. (Opened wide, 40 px, the
 * landmarks read the painted mouth as only a little open, lip gap 0.32: the open-mouth fixture is a
 * real laughing face instead.)
 */
function partLips(image: Raw, gap: number, teeth: number): Raw {
  const out = Buffer.from(image.data);
  const span = woman.chinY + 30 - woman.lipY;
  for (let x = woman.mouthX - woman.mouthHalfWidth * 2; x <= woman.mouthX + woman.mouthHalfWidth * 2; x++) {
    const u = (x - woman.mouthX) / woman.mouthHalfWidth;
    const g = Math.abs(u) < 1 ? gap * Math.cos((Math.PI / 2) * u) ** 2 : 0;
    // The jaw below the mouth corners moves a little too, so the chin keeps its shape.
    const jaw = Math.abs(u) < 2 ? gap * 0.35 * Math.cos((Math.PI / 4) * u) ** 2 : 0;
    const shift = Math.max(g, jaw);
    if (shift < 0.5) continue;
    for (let y = woman.lipY; y < woman.lipY + span && y < image.height; y++) {
      const i = (y * image.width + x) * 3;
      // y = s + shift·(1 − (s − lipY)/span), solved for the source row s.
      const s = (y - shift - (shift * woman.lipY) / span) / (1 - shift / span);
      if (s < woman.lipY && g >= 0.5) {
        const tooth = (y - woman.lipY) / shift < teeth;
        out[i] = tooth ? 232 : 70;
        out[i + 1] = tooth ? 226 : 22;
        out[i + 2] = tooth ? 214 : 28;
      } else {
        for (let c = 0; c < 3; c++) out[i + c] = get(image, x, Math.max(woman.lipY, s), c);
      }
    }
  }
  return { ...image, data: out };
}

interface Other {
  source: string;
  /** Eye centres in the source (mean of the 6 eye landmarks), picture-left first; face width. */
  leftEye: [number, number];
  rightEye: [number, number];
  faceWidth: number;
}

/** Where the hand is in demo/sample2.jpg (a box around it, wrist to fingertips), and where it goes on the pass photo. */
const hand = { left: 174, top: 306, width: 220, height: 170, scaledWidth: 160, at: { left: 10, top: 60 } };

/** The pass photo with sample2's hand laid over her hair: the hand cut out with an ellipse feathered by a 6-px blur. */
async function withHand(image: Raw): Promise<Raw> {
  const { left, top, width: w, height: h } = hand;
  const size = { width: hand.scaledWidth, height: Math.round((h * hand.scaledWidth) / w) };
  const ellipse = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}"/><ellipse cx="${w / 2}" cy="${h / 2}" rx="${w / 2 - 5}" ry="${h / 2 - 5}" fill="#fff"/></svg>`;
  const mask = await sharp(Buffer.from(ellipse)).blur(6).extractChannel(0).resize(size).raw().toBuffer();
  const cut = await sharp(path.join(faceApiDir, 'demo/sample2.jpg')).removeAlpha().extract({ left, top, width: w, height: h }).resize(size).raw().toBuffer();
  const data = Buffer.from(image.data);
  for (let y = 0; y < size.height; y++) {
    for (let x = 0; x < size.width; x++) {
      const alpha = mask[y * size.width + x]! / 255;
      const to = ((hand.at.top + y) * image.width + hand.at.left + x) * 3;
      for (let c = 0; c < 3; c++) data[to + c] = Math.round(data[to + c]! * (1 - alpha) + cut[(y * size.width + x) * 3 + c]! * alpha);
    }
  }
  return { ...image, data };
}

/** As the face fixtures: eyes levelled, face width 200 px, eye midpoint at (179, 225); white outside the source. */
async function frame(person: Other): Promise<Raw> {
  const [lx, ly] = person.leftEye;
  const [rx, ry] = person.rightEye;
  const angle = -Math.atan2(ry - ly, rx - lx);
  const scale = 200 / person.faceWidth;
  const source = sharp(path.join(faceApiDir, person.source)).removeAlpha();
  const meta = await source.metadata();
  const turned = await affineTurn(source, meta.width as number, meta.height as number, Math.cos(angle) * scale, Math.sin(angle) * scale);
  const eyes = turned.map((lx + rx) / 2, (ly + ry) / 2);
  const left = Math.round(eyes.x - 179);
  const top = Math.round(eyes.y - 225);
  const { info } = turned;
  const pad = { top: Math.max(0, -top), left: Math.max(0, -left), bottom: height, right: width };
  const extended = await sharp(turned.data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .extend({ ...pad, background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return rawOf(
    sharp(extended.data, { raw: { width: extended.info.width, height: extended.info.height, channels: extended.info.channels } }).extract({
      left: left + pad.left,
      top: top + pad.top,
      width,
      height,
    }),
  );
}

function renderIndex(rows: string[]): string {
  return [
    '# Content-check fixtures',
    '',
    'Generated by `scripts/make-content-fixtures.ts` (run `npx tsx scripts/make-content-fixtures.ts` after',
    '`scripts/make-face-fixtures.ts`); do not edit by hand.',
    '',
    'Most start from `fixtures/face/face-geometry.pass.jpg`, the face fixtures\' woman from the sample photos in',
    'the `@vladmandic/face-api` npm package (folder `demo/`, MIT licence, Copyright (c) Vladimir Mandic), which',
    'passes every content check (head-pose only warns: her head is turned about 17°); each changes one thing. Four',
    'are other people from the same demo photos, levelled,',
    'scaled to a face width of 200 px and placed with the eye midpoint at (179, 225) on a white canvas, their room',
    'left behind them. All are 358×441 baseline JPEG.',
    '',
    '| file | what it shows | source | size |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

await main();
