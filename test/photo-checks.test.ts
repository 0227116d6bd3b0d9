import { describe, expect, it } from 'vitest';
import { checkPhoto } from '../src/photo/check-photo.js';
import type { CheckStatus } from '../src/photo/types.js';

const fixture = (name: string) => new URL(`../fixtures/photo/${name}`, import.meta.url).pathname;
const today = '2026-11-22';

async function statuses(name: string, lang: 'zh' | 'en' = 'en') {
  const report = await checkPhoto(fixture(name), { today, lang, face: false });
  return { report, by: Object.fromEntries(report.checks.map((c) => [c.id, c.status])) as Record<string, CheckStatus> };
}

/** Every fixture with the checks that must fail (all other non-face checks must not fail). */
const table: Array<[string, string[]]> = [
  ['pass.jpg', []],
  ['background.pass-near-white.jpg', []],
  ['background.fail-grey.jpg', ['background']],
  ['background.fail-blue.jpg', ['background']],
  ['background.fail-red.jpg', ['background', 'clothing-contrast']],
  ['background.fail-frame.jpg', ['background']],
  ['background.fail-shadow.jpg', ['background']],
  ['clothing-contrast.fail-white.jpg', ['clothing-contrast']],
  ['dimensions.fail-small.jpg', ['dimensions']],
  ['file-size.fail-small.jpg', ['file-size']],
  ['file-size.fail-large.jpg', ['file-size']],
  ['color-mode.fail-grayscale.jpg', ['color-mode']],
  ['color-mode.fail-cmyk.jpg', ['color-mode', 'file-size']],
  ['color-mode.fail-grey-content.jpg', ['color-mode']],
  ['orientation.fail-rotated.jpg', ['orientation']],
  ['format.fail-progressive.jpg', ['format']],
  ['format.fail-png.jpg', ['format', 'file-size']],
  ['format.fail-gif.jpg', ['format', 'file-size']],
  ['format.fail-webp.jpg', ['format']],
  ['format.fail-heic.jpg', ['readable', 'format', 'file-size']],
  ['readable.fail-empty.jpg', ['readable']],
  ['readable.fail-truncated.jpg', ['readable']],
  ['readable.fail-random.jpg', ['readable', 'format']],
  ['readable.fail-bomb.jpg', ['readable', 'dimensions', 'file-size']],
  ['readable.fail-bomb.png', ['readable', 'format', 'dimensions', 'file-size']],
  ['resolution.warn-72dpi.jpg', []],
  ['recent.warn-old.jpg', []],
  ['recent.pass-2026.jpg', []],
];

describe('photo checks on the fixtures', () => {
  it.each(table)('%s fails exactly %j', async (name, failing) => {
    const { report, by } = await statuses(name);
    const failed = Object.entries(by)
      .filter(([, status]) => status === 'fail')
      .map(([id]) => id);
    expect(failed.sort()).toEqual([...failing].sort());
    expect(report.ok).toBe(failing.length === 0);
  });

  it('says what a disguised file really is', async () => {
    for (const [name, real] of [
      ['format.fail-png.jpg', 'PNG'],
      ['format.fail-webp.jpg', 'WebP'],
      ['format.fail-gif.jpg', 'GIF'],
      ['format.fail-heic.jpg', 'HEIC'],
    ] as const) {
      const { report } = await statuses(name);
      expect(report.checks.find((c) => c.id === 'format')?.message).toContain(real);
    }
  });

  it('names the background problem', async () => {
    const message = async (name: string) => (await statuses(name)).report.checks.find((c) => c.id === 'background')?.message;
    expect(await message('background.fail-blue.jpg')).toMatch(/blu/);
    expect(await message('background.fail-red.jpg')).toMatch(/red/);
    expect(await message('background.fail-frame.jpg')).toMatch(/frame/);
    expect(await message('background.fail-shadow.jpg')).toMatch(/shadow/);
    expect(await message('background.fail-grey.jpg')).toMatch(/grey/);
  });

  it('warns, never fails, for resolution and photo age', async () => {
    expect((await statuses('resolution.warn-72dpi.jpg')).by.resolution).toBe('warn');
    expect((await statuses('recent.warn-old.jpg')).by.recent).toBe('warn');
    expect((await statuses('recent.pass-2026.jpg')).by.recent).toBe('pass');
    expect((await statuses('pass.jpg')).by.recent).toBe('skip');
  });

  it('skips checks that need what could not be read, and says why', async () => {
    const { report, by } = await statuses('readable.fail-truncated.jpg');
    expect(by.background).toBe('skip');
    expect(by.dimensions).toBe('pass');
    expect(report.checks.find((c) => c.id === 'readable')?.message).toMatch(/truncated/);
  });

  it('reports a missing file as unreadable instead of throwing', async () => {
    const report = await checkPhoto(fixture('no-such-photo.jpg'), { today, face: false });
    expect(report.ok).toBe(false);
    expect(report.checks[0]).toMatchObject({ id: 'readable', status: 'fail', message: '文件不存在' });
  });

  it('speaks Chinese by default and gives the fix', async () => {
    const { report } = await statuses('file-size.fail-large.jpg', 'zh');
    const check = report.checks.find((c) => c.id === 'file-size');
    expect(check?.message).toContain('文件太大');
    expect(check?.hint).toContain('40 KB');
    expect(check?.expected).toBe('14–40 KB (14,336–40,960 B)');
  });

  it('skips face checks with --no-face', async () => {
    const { by } = await statuses('pass.jpg');
    for (const id of ['face-count', 'face-width', 'face-centered', 'eye-height', 'head-top', 'head-tilt']) expect(by[id]).toBe('skip');
  });
});
