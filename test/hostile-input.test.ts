/**
 * Issue 10: what CI scripts and portal backends feed shebao. Special files (a FIFO, /dev/zero, a
 * sparse 1 GB file, a directory, a socket) and frame headers of absurd sizes each get one
 * `readable` result quickly with memory bounded; JPEGs libjpeg rejects are never `readable: pass`;
 * a failure inside one photo, in any step or thread, costs that photo and not the batch; a tree
 * too deep to list is reported, not fatal; N tiny scans cost linear time.
 */
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { ShebaoError } from '../src/core/errors.js';
import { detectFaces } from '../src/face/detect.js';
import { fixPhoto } from '../src/fix/fix-photo.js';
import { analyzePhoto } from '../src/photo/analyze.js';
import { resolveCheckOptions, type FaceAnalyzer } from '../src/photo/check-photo.js';
import { checkInThread, checkInWorkers, checkPhotos, type StartWorker } from '../src/photo/check-photos.js';
import { collectPhotos } from '../src/photo/inputs.js';
import { loadSpec } from '../src/photo/spec.js';
import type { PhotoReport } from '../src/photo/types.js';
import type { WorkerReply, WorkerRequest } from '../src/photo/worker.js';
import { joinJpeg, splitJpeg, withRestartMarkers, type Part } from '../scripts/lib/fuzz-jpeg.js';
import { sharpDecodes } from '../scripts/lib/fuzz-run.js';
import { fakeContext } from './helpers/context.js';

const today = '2026-11-30';
const pass = readFileSync(new URL('../fixtures/photo/pass.jpg', import.meta.url));
const posix = process.platform !== 'win32';
const root = process.getuid?.() === 0;

const readable = (report: PhotoReport | undefined) => report?.checks.find((check) => check.id === 'readable');

/** pass.jpg with one segment changed, added or removed (what the fuzzer does, by hand). */
function edited(change: (parts: Part[]) => Part[]): Buffer {
  return joinJpeg(change(splitJpeg(pass) as Part[]));
}
const at = (parts: Part[], marker: number) => parts.findIndex((part) => part.marker === marker);
const withBytes = (part: Part, change: (bytes: Uint8Array) => void): Part => {
  const bytes = Uint8Array.from(part.bytes);
  change(bytes);
  return { ...part, bytes };
};

/** pass.jpg whose frame header claims another size (the image data stays that of 358×441). */
function claiming(width: number, height: number): Buffer {
  return edited((parts) => parts.map((part) => (part.marker === 0xc0 ? withBytes(part, (b) => ((b[5] = height >> 8), (b[6] = height & 255), (b[7] = width >> 8), (b[8] = width & 255))) : part)));
}

/** Peak resident memory while `run` runs, sampled, in MB above what it was before. */
async function rssGrowth<T>(run: () => Promise<T>): Promise<{ result: T; growthMb: number; ms: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const started = performance.now();
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growthMb: (peak - before) / 1e6, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

describe.runIf(posix)('special files and absurd sizes given as photos', () => {
  let dir = '';
  let server: Server | undefined;
  const files = {
    fifo: 'fifo.jpg',
    zero: 'zero.jpg',
    sparse: 'sparse.jpg',
    folder: 'folder.jpg',
    socket: 'socket.jpg',
    good: 'good.jpg',
    wide: 'wide-10000x9.jpg',
    claims12000: 'claims-12000x10.jpg',
    claims20000: 'claims-20000x20.jpg',
    tall: 'tall-20x20000.jpg',
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'shebao-hostile-'));
    expect(spawnSync('mkfifo', [path.join(dir, files.fifo)]).status).toBe(0);
    symlinkSync('/dev/zero', path.join(dir, files.zero));
    writeFileSync(path.join(dir, files.sparse), '');
    truncateSync(path.join(dir, files.sparse), 1024 ** 3); // sparse: a gigabyte of zeros on no disk
    mkdirSync(path.join(dir, files.folder));
    server = createServer();
    await new Promise<void>((resolve) => server?.listen(path.join(dir, files.socket), resolve));
    copyFileSync(new URL('../fixtures/photo/pass.jpg', import.meta.url), path.join(dir, files.good));
    // Valid files of absurd proportions (1–4 KB), and a real photo whose header lies.
    writeFileSync(path.join(dir, files.wide), await sharp({ create: { width: 10000, height: 9, channels: 3, background: '#7a7a7a' } }).jpeg().toBuffer());
    writeFileSync(path.join(dir, files.tall), await sharp({ create: { width: 20, height: 20000, channels: 3, background: '#7a7a7a' } }).jpeg().toBuffer());
    writeFileSync(path.join(dir, files.claims12000), claiming(12000, 10));
    writeFileSync(path.join(dir, files.claims20000), claiming(20000, 20));
  });

  afterAll(() => {
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('each gets exactly one result, quickly, with face checks, and memory stays bounded', async () => {
    // The face model's own memory is loaded first: what is measured is the batch's.
    await checkPhotos([files.good], { today, cwd: dir });
    const names = Object.values(files);
    const { result: batch, growthMb, ms } = await rssGrowth(() => checkPhotos(names, { today, cwd: dir }));
    expect(batch.results.map((report) => report.file)).toEqual(names);
    const reason = (file: string) => readable(batch.results[names.indexOf(file)])?.reason;
    const measured = (file: string) => readable(batch.results[names.indexOf(file)])?.measured;
    expect(reason(files.fifo)).toBe('not-a-file');
    expect(measured(files.fifo)).toMatchObject({ fileType: 'fifo' });
    expect(reason(files.zero)).toBe('not-a-file');
    expect(measured(files.zero)).toMatchObject({ fileType: 'character-device' });
    expect(reason(files.socket)).toBe('not-a-file');
    expect(measured(files.socket)).toMatchObject({ fileType: 'socket' });
    expect(reason(files.sparse)).toBe('too-large');
    expect(measured(files.sparse)).toMatchObject({ bytes: 1024 ** 3, maxBytes: 64 * 1024 ** 2 });
    expect(reason(files.folder)).toBe('is-directory');
    expect(reason(files.good)).toBe('ok');
    // A header that claims more pixels than the data holds: libjpeg runs out of data, so do we.
    expect(reason(files.claims12000)).toBe('damaged');
    expect(reason(files.claims20000)).toBe('damaged');
    // Valid pictures of absurd proportions are readable (sharp decodes them) and fail on their size.
    for (const file of [files.wide, files.tall]) {
      expect(reason(file)).toBe('ok');
      expect(batch.results[names.indexOf(file)]?.checks.find((check) => check.id === 'dimensions')?.status).toBe('fail');
    }
    // Before: the FIFO blocked for ever, /dev/zero grew to 6 GB, the sparse file was read whole,
    // and 12000×10 took 5 GB in the face step.
    expect(growthMb).toBeLessThan(400);
    expect(ms).toBeLessThan(30_000);
  }, 120_000);

  it('fix-photo refuses them the same way, without opening a FIFO for reading', async () => {
    for (const [file, fileType] of [
      [files.fifo, 'fifo'],
      [files.zero, 'character-device'],
    ] as const) {
      const error = await fixPhoto(file, { today, cwd: dir, output: path.join(dir, 'out.jpg') }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ShebaoError);
      expect(error).toMatchObject({ code: 'unreadable-photo', details: { reason: 'not-a-file', detail: { fileType } } });
    }
    const sparse = await fixPhoto(files.sparse, { today, cwd: dir, output: path.join(dir, 'out.jpg') }).catch((caught: unknown) => caught);
    expect(sparse).toMatchObject({ code: 'unreadable-photo', details: { reason: 'too-large' } });
  });

  it('a spec that is /dev/zero, extends it, or is larger than 1 MB is a usage error naming the file', () => {
    expect(() => loadSpec('/dev/zero')).toThrow(expect.objectContaining({ code: 'file-not-regular', details: { file: '/dev/zero', fileType: 'character-device' } }));
    const extending = path.join(dir, 'extends-zero.json');
    writeFileSync(extending, JSON.stringify({ id: 'x', extends: '/dev/zero', name: { zh: 'x', en: 'x' }, source: 's', verified: '2026-01-01', checks: {} }));
    expect(() => loadSpec(extending)).toThrow(expect.objectContaining({ code: 'file-not-regular', exitCode: 2 }));
    const fifo = path.join(dir, files.fifo);
    expect(() => loadSpec(fifo)).toThrow(expect.objectContaining({ code: 'file-not-regular', details: { file: fifo, fileType: 'fifo' } }));
    const huge = path.join(dir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, 2 * 1024 * 1024);
    expect(() => loadSpec(huge)).toThrow(expect.objectContaining({ code: 'file-too-large', details: { file: huge, bytes: 2 * 1024 * 1024, maxBytes: 1024 * 1024 } }));
  });

  it('check-photo names each special file in its results and exits 1; --spec /dev/zero exits 2 in one line', async () => {
    const ctx = fakeContext({ cwd: dir });
    const code = await runCli(['check-photo', '--today', today, '--no-face', '--json', files.fifo, files.zero, files.good], ctx);
    expect(code).toBe(1);
    const json = JSON.parse(ctx.out()) as { results: Array<{ file: string; checks: Array<{ id: string; reason: string }> }> };
    expect(json.results.map((result) => [result.file, result.checks.find((check) => check.id === 'readable')?.reason])).toEqual([
      [files.fifo, 'not-a-file'],
      [files.good, 'ok'],
      [files.zero, 'not-a-file'],
    ]);
    const spec = fakeContext({ cwd: dir });
    expect(await runCli(['check-photo', '--today', today, '--no-face', '--spec', '/dev/zero', files.good], spec)).toBe(2);
    expect(spec.out()).toBe('');
    expect(spec.err().trim().split('\n')[0]).toBe('错误：/dev/zero 不是普通文件，而是设备文件，未读取');
    const english = fakeContext({ cwd: dir });
    expect(await runCli(['check-photo', '--lang', 'en', '--today', today, '--no-face', '--spec', '/dev/zero', files.good], english)).toBe(2);
    expect(english.err()).toContain('/dev/zero is not a regular file but a device; not read');
    expect(spec.err()).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('the face step at any size', () => {
  it('a face window wider than 1280 px is sampled down for the landmarks, and measures the same', async () => {
    const decoded = async (width: number) => {
      const { data, info } = await sharp(new URL('../fixtures/face/face-geometry.pass.jpg', import.meta.url).pathname).resize({ width }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      return { data, width: info.width, height: info.height, channels: 3 as const };
    };
    const [small] = await detectFaces(await decoded(358));
    // Six times larger: the detector's window is about 1,600 px square, 30 MB as floats at full size.
    const [large] = await detectFaces(await decoded(358 * 6));
    expect(large?.box.width).toBeGreaterThan(1280);
    expect((large?.faceWidth ?? 0) / 6).toBeCloseTo(small?.faceWidth ?? 0, -0.5);
    expect((large?.eyeLine.y ?? 0) / 6).toBeCloseTo(small?.eyeLine.y ?? 0, -0.5);
    expect((large?.eyeLine.midX ?? 0) / 6).toBeCloseTo(small?.eyeLine.midX ?? 0, -0.5);
  }, 60_000);
});

describe('a damaged HEIC', () => {
  it('is `readable: damaged`, and the HEVC decoder’s complaint does not reach stdout (it would break --json)', async () => {
    const heic = Buffer.from(readFileSync(new URL('../fixtures/phone/format.fail-heic.heic', import.meta.url)));
    const mdat = heic.indexOf('mdat');
    heic.fill(0, mdat + 8, mdat + 400); // the start of the HEVC data gone
    const log = vi.spyOn(console, 'log');
    try {
      expect((await analyzePhoto(heic)).problem?.reason).toBe('damaged');
      expect(log).not.toHaveBeenCalled();
      console.log('the host still logs');
      expect(log).toHaveBeenCalledWith('the host still logs');
    } finally {
      log.mockRestore();
    }
  });
});

describe('JPEGs libjpeg rejects', () => {
  /** The kinds that ended 25 of 25 batches in the tester's run, made by hand from pass.jpg. */
  const damaged: Record<string, Buffer> = {
    'two-sof.jpg': edited((parts) => [...parts.slice(0, at(parts, 0xc0)), parts[at(parts, 0xc0)] as Part, ...parts.slice(at(parts, 0xc0))]),
    'dqt-length.jpg': edited((parts) => parts.map((part, i) => (i === at(parts, 0xdb) ? withBytes(part, (b) => (b[3] = (b[3] as number) - 1)) : part))),
    'dqt-index.jpg': edited((parts) => parts.map((part, i) => (i === at(parts, 0xdb) ? withBytes(part, (b) => (b[4] = 0x05)) : part))),
    'sos-parameters.jpg': edited((parts) => parts.map((part) => (part.marker === 0xda ? withBytes(part, (b) => (b[b.length - 3] = 1)) : part))),
    // Cr before Cb in the scan: T.81 B.2.3 wants frame order, and libjpeg stops on it.
    'sos-order.jpg': edited((parts) => parts.map((part) => (part.marker === 0xda ? withBytes(part, (b) => ([b[7], b[8], b[9], b[10]] = [b[9] as number, b[10] as number, b[7] as number, b[8] as number])) : part))),
    'dht-oversubscribed.jpg': edited((parts) => parts.map((part, i) => (i === at(parts, 0xc4) ? withBytes(part, (b) => ((b[5] = 2), (b[6] = 3))) : part))),
  };

  it('sharp cannot decode any of them', async () => {
    for (const bytes of Object.values(damaged)) expect(await sharpDecodes(bytes)).toBe(false);
  });

  it('are `readable: damaged` with the fast reader alone (--no-face); before, they passed', async () => {
    for (const [name, bytes] of Object.entries(damaged)) {
      const analyzed = await analyzePhoto(bytes);
      expect({ name, reason: analyzed.problem?.reason }).toEqual({ name, reason: 'damaged' });
    }
  });

  it('do not end a batch with face checks: every photo is answered', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shebao-damaged-'));
    try {
      for (const [name, bytes] of Object.entries(damaged)) writeFileSync(path.join(dir, name), bytes);
      writeFileSync(path.join(dir, 'good.jpg'), pass);
      const names = [...Object.keys(damaged), 'good.jpg'];
      const batch = await checkPhotos(names, { today, cwd: dir });
      expect(batch.results.map((report) => [report.file, readable(report)?.reason])).toEqual(names.map((name) => [name, name === 'good.jpg' ? 'ok' : 'damaged']));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('JPEGs with restart markers, as cameras write them', () => {
  it('are read by the fast reader with the same block means; RSTn out of order or bytes before one are damage', async () => {
    for (const grey of [false, true]) {
      const base = await (grey ? sharp(pass).greyscale() : sharp(pass)).jpeg({ quality: 85, optimiseCoding: false }).toBuffer();
      const plain = await analyzePhoto(base);
      for (const interval of [1, 7, 50]) {
        const restarted = withRestartMarkers(base, interval);
        expect(await sharpDecodes(restarted)).toBe(true);
        const analyzed = await analyzePhoto(restarted);
        expect(analyzed.problem).toBeUndefined();
        expect(analyzed.blocks?.rgb).toEqual(plain.blocks?.rgb);
      }
      const restarted = withRestartMarkers(base, 7);
      const rst = restarted.indexOf(Buffer.from([0xff, 0xd1]));
      const swapped = Buffer.from(restarted);
      swapped[rst + 1] = 0xd2; // RST2 where RST1 belongs: libjpeg resyncs with a warning
      const padded = Buffer.concat([restarted.subarray(0, rst), Buffer.from([0x12, 0x34]), restarted.subarray(rst)]); // extraneous bytes
      for (const damaged of [swapped, padded]) {
        expect(await sharpDecodes(damaged)).toBe(false);
        expect((await analyzePhoto(damaged)).problem?.reason).toBe('damaged');
      }
    }
  });
});

describe('a failure inside one photo', () => {
  let dir = '';
  const names = ['a.jpg', 'b.jpg', 'c.jpg'];
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'shebao-failing-'));
    names.forEach((name) => writeFileSync(path.join(dir, name), pass));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a face step that throws fails that photo (`analysis-failed`), the others are checked', async () => {
    let calls = 0;
    const flaky: FaceAnalyzer = async () => {
      if (++calls === 2) throw new TypeError('Invalid typed array length: 4800000000');
      return { faces: [] };
    };
    const batch = await checkPhotos(names, { today, cwd: dir, faceAnalyzer: flaky });
    expect(batch.results.map((report) => readable(report)?.reason)).toEqual(['ok', 'analysis-failed', 'ok']);
    expect(readable(batch.results[1])?.measured).toMatchObject({ step: 'face' });
  });

  it('an error about the installation (no face model) still ends the batch with its own code', async () => {
    const missing: FaceAnalyzer = async () => {
      throw new ShebaoError('face-model-unavailable', { reason: 'ENOENT' });
    };
    await expect(checkPhotos(names, { today, cwd: dir, faceAnalyzer: missing })).rejects.toMatchObject({ code: 'face-model-unavailable' });
  });

  it('a worker thread that dies costs only the photo it was on; its other photos are checked again', async () => {
    const options = resolveCheckOptions({ today, cwd: dir, face: false });
    const files = Array.from({ length: 40 }, (_, i) => names[i % 3] as string);
    files[21] = 'kills-the-worker.jpg';
    let started = 0;
    /** A worker that checks in this thread, and dies on the chunk holding kills-the-worker.jpg. */
    const start: StartWorker = () => {
      started++;
      const events = new EventEmitter();
      return {
        on: (event: string, listener: (...args: unknown[]) => void) => events.on(event, listener),
        terminate: async () => 0,
        postMessage: (request: WorkerRequest) => {
          if (request.type !== 'check') return;
          if (request.files.includes('kills-the-worker.jpg')) {
            setImmediate(() => (events.emit('error', new Error('worker crashed')), events.emit('exit', 1)));
            return;
          }
          void checkInThread(request.files, options).then((reports) => events.emit('message', { type: 'done', start: request.start, reports } satisfies WorkerReply));
        },
      } as never;
    };
    const reports = await checkInWorkers(files, options, 2, undefined, start);
    expect(reports).toHaveLength(files.length);
    expect(reports.map((report) => report.file)).toEqual(files);
    expect(reports.filter((report) => readable(report)?.reason === 'analysis-failed').map((report) => report.file)).toEqual(['kills-the-worker.jpg']);
    expect(readable(reports[21])?.measured).toMatchObject({ step: 'worker' });
    expect(reports.filter((report) => readable(report)?.reason === 'ok')).toHaveLength(39);
    expect(started).toBeGreaterThan(1); // a new worker took over
  });
});

describe('time and depth', () => {
  it('a JPEG of 100,000 tiny scans is read in linear time (it took 8–35 s, superlinear in the scans)', async () => {
    const base = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#808080' } }).jpeg({ chromaSubsampling: '4:4:4' }).toBuffer();
    const parts = splitJpeg(base) as Part[];
    const scan = at(parts, 0xda);
    // Each scan holds one component of three, so no scan completes the picture.
    const header: Part = { kind: 'segment', marker: 0xda, bytes: Uint8Array.of(0xff, 0xda, 0, 8, 1, 1, 0x00, 0, 63, 0) };
    const data: Part = { kind: 'entropy', marker: -1, bytes: Uint8Array.of(0, 0) };
    const many = joinJpeg([...parts.slice(0, scan), ...Array.from({ length: 100_000 }, () => [header, data]).flat(), { kind: 'marker', marker: 0xd9, bytes: Uint8Array.of(0xff, 0xd9) }]);
    expect(many.length).toBeGreaterThan(1_000_000);
    const started = performance.now();
    const analyzed = await analyzePhoto(many);
    expect(performance.now() - started).toBeLessThan(2_000);
    // libjpeg reads such a file (the last scan of component 1 wins); so does the check.
    expect({ reason: analyzed.problem?.reason, decodes: await sharpDecodes(many) }).toEqual({ reason: undefined, decodes: true });
  });

  it.runIf(posix)('a subfolder nested 10,000 deep is one result of its own; the photos beside it are checked', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shebao-deep-'));
    try {
      writeFileSync(path.join(dir, 'top.jpg'), pass);
      // Made by walking down with relative paths, so the tree is deeper than a path may be long.
      const script = "const fs = require('fs'); process.chdir(process.argv[1]); for (let i = 0; i < 10000; i++) { fs.mkdirSync('d'); process.chdir('d'); } fs.copyFileSync(process.argv[2], 'deep.jpg');";
      const made = spawnSync(process.execPath, ['-e', script, dir, path.join(dir, 'top.jpg')], { timeout: 30_000 });
      expect(made.status).toBe(0);
      const found = await collectPhotos([dir], '/');
      expect(found[found.length - 1]).toBe(path.join(dir, 'top.jpg'));
      // The folder where paths get too long (ENAMETOOLONG) stands in for what lies below it.
      const tooDeep = found.filter((file) => file.includes('/d/d/'));
      expect(tooDeep).toHaveLength(1);
      const batch = await checkPhotos(found, { today, cwd: '/', face: false });
      expect(batch.results.map((report) => readable(report)?.reason)).toEqual(['read-error', 'ok']);
      expect(readable(batch.results[0])?.measured).toMatchObject({ systemCode: 'ENAMETOOLONG' });
    } finally {
      spawnSync('rm', ['-rf', dir]);
    }
  }, 60_000);

  it.runIf(posix && !root)('a subfolder that cannot be read is a `permission-denied` result, not an abort', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shebao-locked-'));
    try {
      writeFileSync(path.join(dir, 'a.jpg'), pass);
      mkdirSync(path.join(dir, 'locked'), { mode: 0o000 });
      const found = await collectPhotos(['.'], dir);
      expect(found).toEqual(['a.jpg', 'locked']);
      const batch = await checkPhotos(found, { today, cwd: dir, face: false });
      expect(batch.results.map((report) => readable(report)?.reason)).toEqual(['ok', 'permission-denied']);
    } finally {
      spawnSync('chmod', ['-R', 'u+rwx', dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
