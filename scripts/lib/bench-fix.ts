/**
 * `npm run bench -- --fix`: what fix-photo costs per photo, one photo at a time in this thread with
 * the models loaded (the first photo loads them and is not counted), as a running process or a
 * `shebao serve` pays it. Next to it, the segmentation passes alone on the same photos: the working
 * part (the photo brought to about the size fix-photo segments, 1,100 px on its longer side) and
 * the second look at the 358×441 result. Each figure is the median of `repeat` runs per photo;
 * printed as min / median / max over the photos. Nothing is written: the fixed JPEG stays in memory.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

/** About the longer side of the working part fix-photo segments for a head-and-shoulders photo. */
const workingSide = 1100;

const cpuMs = async (run: () => Promise<unknown>): Promise<number> => {
  const before = process.cpuUsage();
  await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `min ${(sorted[0] as number).toFixed(0)}, median ${median(sorted).toFixed(0)}, max ${(sorted[sorted.length - 1] as number).toFixed(0)}`;
};

export async function measureFix(root: string, options: { from?: string; repeat: number }): Promise<void> {
  const dir = path.resolve(root, options.from ?? 'fixtures/fix');
  const files = readdirSync(dir)
    .filter((name) => /\.(jpe?g|png|webp)$/i.test(name))
    .sort()
    .map((name) => path.join(dir, name));
  if (files.length === 0) throw new Error(`no JPEG, PNG or WebP photos in ${dir}`);
  const dist = (module: string) => new URL(`../../dist/${module}`, import.meta.url).href;
  const { fixPhoto } = (await import(dist('fix/fix-photo.js'))) as typeof import('../../src/fix/fix-photo.js');
  const { segmentPerson } = (await import(dist('segment/index.js'))) as typeof import('../../src/segment/index.js');
  const fix = (file: string) => fixPhoto(file, { today: '2026-11-22', output: false });
  const decoded = (file: string, fit: { width: number; height: number; fit: 'inside' | 'fill' }) =>
    sharp(file)
      .rotate()
      .removeAlpha()
      .resize({ ...fit, withoutEnlargement: fit.fit === 'inside' })
      .raw()
      .toBuffer({ resolveWithObject: true })
      .then(({ data, info }) => ({ data: new Uint8Array(data), width: info.width, height: info.height, channels: 3 as const }));

  await fix(files[0] as string); // loads the face, eye and segmentation models
  const whole: number[] = [];
  const working: number[] = [];
  const second: number[] = [];
  const outcomes = new Map<string, number>();
  for (const file of files) {
    const work = await decoded(file, { width: workingSide, height: workingSide, fit: 'inside' });
    const small = await decoded(file, { width: 358, height: 441, fit: 'fill' });
    const runs = { whole: [] as number[], working: [] as number[], second: [] as number[] };
    for (let run = 0; run < Math.max(1, options.repeat); run++) {
      let status = '';
      runs.whole.push(
        await cpuMs(async () => {
          const result = await fix(file).catch(() => undefined);
          status = !result ? 'unreadable' : result.refused ? 'refused' : result.ok ? 'pass' : 'still failing';
        }),
      );
      if (run === 0) outcomes.set(status, (outcomes.get(status) ?? 0) + 1);
      runs.working.push(await cpuMs(() => segmentPerson(work)));
      runs.second.push(await cpuMs(() => segmentPerson(small)));
    }
    whole.push(median(runs.whole));
    working.push(median(runs.working));
    second.push(median(runs.second));
  }
  const statuses = [...outcomes].map(([status, n]) => `${n} ${status}`).join(', ');
  console.log(`fix-photo, ${files.length} photos from ${path.relative(root, dir) || '.'} (${statuses}), one at a time, models loaded, ${options.repeat} run(s) each, Node ${process.version}`);
  console.log(`  whole fix (decode, detection, segmentation, framing passes, encode, check of the result): CPU ms per photo ${spread(whole)}`);
  console.log(`  segmentation of the working part (≤ ${workingSide} px): CPU ms per photo ${spread(working)}`);
  console.log(`  segmentation at 358×441 (the second look on white, once per framing pass): CPU ms per photo ${spread(second)}`);
  console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}
