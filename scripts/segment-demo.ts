/**
 * Puts the people of some photos on white with the person segmentation and writes the results as
 * PNGs to look at, with the CPU time of the model and of the refinement for each photo.
 *
 *   npx tsx scripts/segment-demo.ts [--out /tmp/shebao-segment] [--max-side 2000] photo.jpg…
 *
 * For each photo it writes `<name>.png`: the photo, the model's coarse mask blended over white,
 * the refined matte blended over white without unmixing, and the final replaceBackground() result
 * (the refined matte, the old background's colour taken out of the edge). Use it on photos with
 * busy rooms, coloured backdrops, light hair and dark hair on a dark wall.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import type { RgbImage } from '../src/face/types.js';
import { loadSegmentModel, personProbability, refineMatte, replaceBackground, type PersonMatte } from '../src/segment/index.js';
import { resample } from '../src/segment/planes.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string', default: '/tmp/shebao-segment' }, 'max-side': { type: 'string', default: '2000' } },
});
const outDir = values.out;
const maxSide = Number(values['max-side']);
mkdirSync(outDir, { recursive: true });

const white = [255, 255, 255] as const;

/** The photo blended over white by `matte` as it is (no unmixing): shows the matte's own edge. */
function blend(image: RgbImage, matte: PersonMatte): RgbImage {
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < matte.alpha.length; i++) {
    const a = matte.alpha[i]! / 255;
    for (let c = 0; c < 3; c++) data[i * 3 + c] = Math.round(image.data[i * 3 + c]! * a + 255 * (1 - a));
  }
  return { ...image, data };
}

function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

async function encode(image: RgbImage): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).png().toBuffer();
}

const model = await loadSegmentModel();
const rows: string[] = [];
for (const file of positionals) {
  const { data, info } = await sharp(file)
    .rotate()
    .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const image: RgbImage = { data, width: info.width, height: info.height, channels: 3 };
  let start = process.cpuUsage();
  const coarse = await personProbability(model, image);
  const modelMs = cpuMs(start);
  start = process.cpuUsage();
  const matte = refineMatte(image, coarse);
  const refineMs = cpuMs(start);
  start = process.cpuUsage();
  const result = replaceBackground(image, matte, white);
  const compositeMs = cpuMs(start);
  const raw = resample(coarse, image.width, image.height);
  const rawMatte: PersonMatte = { width: image.width, height: image.height, alpha: Uint8Array.from(raw.data, (p) => Math.round(p * 255)) };
  const tiles = [image, blend(image, rawMatte), blend(image, matte), result];
  const gap = 6;
  const sheet = sharp({ create: { width: tiles.length * (image.width + gap), height: image.height, channels: 3, background: '#ff00ff' } }).composite(
    await Promise.all(tiles.map(async (tile, i) => ({ input: await encode(tile), left: i * (image.width + gap), top: 0 }))),
  );
  const target = path.join(outDir, `${path.parse(file).name}.png`);
  await sheet.png().toFile(target);
  rows.push(`${path.basename(file)}\t${image.width}×${image.height}\tmodel ${modelMs.toFixed(0)} ms\trefine ${refineMs.toFixed(0)} ms\tcomposite ${compositeMs.toFixed(0)} ms\t${target}`);
  console.log(rows.at(-1));
}
