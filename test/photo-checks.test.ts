import { describe, expect, it } from 'vitest';
import { wording } from '../src/i18n/index.js';
import { checkPhoto } from '../src/photo/check-photo.js';
import { loadSpec } from '../src/photo/spec.js';
import { sayCheck } from '../src/photo/render/say.js';
import type { CheckResult, CheckStatus } from '../src/photo/types.js';

const fixture = (name: string) => new URL(`../fixtures/photo/${name}`, import.meta.url).pathname;
const today = '2026-11-22';

async function statuses(name: string) {
  const report = await checkPhoto(fixture(name), { today, face: false });
  const check = (id: string) => report.checks.find((c) => c.id === id) as CheckResult;
  return { report, check, by: Object.fromEntries(report.checks.map((c) => [c.id, c.status])) as Record<string, CheckStatus> };
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
  // Stored turned, as phones do: analysed upright, only the tag and the stored size fail.
  ['orientation.fail-rotated.jpg', ['orientation', 'dimensions']],
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
      ['format.fail-png.jpg', 'png'],
      ['format.fail-webp.jpg', 'webp'],
      ['format.fail-gif.jpg', 'gif'],
      ['format.fail-heic.jpg', 'heif'],
    ] as const) {
      const { check } = await statuses(name);
      expect(check('format')).toMatchObject({ status: 'fail', reason: 'not-jpeg', measured: { format: real }, fixable: true });
    }
  });

  it('names the background problem with a reason and the measured wall', async () => {
    for (const [name, reason] of [
      ['background.fail-blue.jpg', 'blue'],
      ['background.fail-red.jpg', 'red'],
      ['background.fail-frame.jpg', 'frame'],
      ['background.fail-shadow.jpg', 'shadow'],
      ['background.fail-grey.jpg', 'grey'],
    ] as const) {
      expect((await statuses(name)).check('background').reason).toBe(reason);
    }
    const blue = (await statuses('background.fail-blue.jpg')).check('background');
    const [r, g, b] = blue.measured?.rgb as number[];
    expect(b).toBeGreaterThan((r as number) + 12);
    const { minChannel, minWhiteShare, maxSpread, minWallShare } = loadSpec('shebao-card').checks.background ?? {};
    expect(blue.limits).toEqual({ minChannel, minWhiteShare, maxSpread, minWallShare });
    const white = (await statuses('pass.jpg')).check('background');
    expect(white).toMatchObject({ status: 'pass', reason: 'ok' });
    expect(white.measured?.whiteShare).toBeGreaterThanOrEqual(0.9);
  });

  it('warns, never fails, for resolution and photo age', async () => {
    expect((await statuses('resolution.warn-72dpi.jpg')).check('resolution')).toMatchObject({ status: 'warn', reason: 'other-density', measured: { dpiX: 72, dpiY: 72 }, limits: { dpi: 350 } });
    expect((await statuses('recent.warn-old.jpg')).check('recent')).toMatchObject({ status: 'warn', reason: 'too-old' });
    expect((await statuses('recent.pass-2026.jpg')).by.recent).toBe('pass');
    expect((await statuses('pass.jpg')).check('recent')).toMatchObject({ status: 'skip', reason: 'no-capture-date' });
  });

  it('skips checks that need what could not be read, and says why', async () => {
    const { check, by } = await statuses('readable.fail-truncated.jpg');
    expect(check('background')).toEqual({ id: 'background', status: 'skip', reason: 'skipped-unreadable' });
    expect(by.dimensions).toBe('pass');
    expect(check('readable').reason).toBe('truncated');
  });

  it('reports a missing file as unreadable instead of throwing', async () => {
    const report = await checkPhoto(fixture('no-such-photo.jpg'), { today, face: false });
    expect(report.ok).toBe(false);
    expect(report.checks[0]).toMatchObject({ id: 'readable', status: 'fail', reason: 'missing', measured: { systemCode: 'ENOENT' } });
  });

  it('measures in bytes and holds to the spec in bytes', async () => {
    const { check } = await statuses('file-size.fail-large.jpg');
    expect(check('file-size')).toMatchObject({ status: 'fail', reason: 'too-large', limits: { minBytes: 14336, maxBytes: 40960 }, fixable: true });
    expect(check('file-size').measured?.bytes).toBeGreaterThan(40960);
  });

  it('every check that ran reports data, never formatted text', async () => {
    // Leaves are numbers, flags, dates and codes (format names, colour spaces, errno codes).
    const leaves = (value: unknown): unknown[] => (typeof value === 'object' && value !== null ? Object.values(value).flatMap(leaves) : [value]);
    for (const [name] of table) {
      const { report } = await statuses(name);
      for (const result of report.checks) {
        expect(result.reason, `${name} ${result.id}`).toMatch(/^[a-z]+(-[a-z]+)*$/);
        if (result.status === 'skip') continue;
        const measured = leaves(result.measured);
        expect(measured.some((leaf) => typeof leaf === 'number'), `${name} ${result.id} measured`).toBe(true);
        expect(leaves(result.limits).length, `${name} ${result.id} limits`).toBeGreaterThan(0);
        for (const leaf of [...measured, ...leaves(result.limits)]) {
          if (typeof leaf === 'string') expect(leaf, `${name} ${result.id}`).toMatch(/^[\w.+-]+$/);
        }
      }
    }
  });

  it('words a result in either language from the tables', async () => {
    const large = (await statuses('file-size.fail-large.jpg')).check('file-size');
    const zh = sayCheck(large, wording('zh').photo, { suggestFix: true });
    expect(zh.message).toContain('文件太大');
    expect(zh.expected).toBe('14–40 KB（14,336–40,960 字节）');
    expect(zh.hint).toContain('shebao fix-photo');
    const en = sayCheck(large, wording('en').photo, { suggestFix: false });
    expect(en.message).toMatch(/^the file is too large: \d+\.\d KB/);
    expect(en.expected).toBe('14–40 KB (14,336–40,960 B)');
    expect(en.hint).not.toContain('fix-photo');
  });

  it('skips face checks with --no-face', async () => {
    const { check } = await statuses('pass.jpg');
    for (const id of ['face-count', 'face-width', 'face-centered', 'eye-height', 'head-top', 'head-tilt']) expect(check(id)).toMatchObject({ status: 'skip', reason: 'skipped-face-off' });
  });
});
