import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ShebaoError } from '../src/core/errors.js';
import { fixPhoto } from '../src/fix/fix-photo.js';

// The segmentation model cannot be loaded here (a missing or damaged model file), as its loader
// says; or, in the last test, segmentation fails on the photo itself.
const failure = vi.hoisted(() => ({ error: undefined as Error | undefined }));
vi.mock('../src/segment/index.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/segment/index.js')>()),
  segmentPerson: () => Promise.reject(failure.error ?? new ShebaoError('segment-model-unavailable', { reason: 'model file missing' })),
}));

const fixture = (name: string) => path.join(new URL('..', import.meta.url).pathname, 'fixtures', name);

describe('fix-photo without person segmentation', () => {
  it('says so, and still whitens a light plain wall as it did before segmentation', async () => {
    const result = await fixPhoto(readFileSync(fixture('fix/phone-rotated-gps.jpg')), { today: '2026-11-22' });
    const ids = result.changes.map((change) => change.id);
    expect(ids).toContain('segmentation-unavailable');
    expect(ids).toContain('background-whitened');
    expect(ids).not.toContain('background-replaced');
    expect(result.report?.checks.find((check) => check.id === 'background')).toMatchObject({ status: 'pass' });
  });

  it('does not hide a failure of the segmentation itself behind that fallback', async () => {
    failure.error = new RangeError('offset is out of bounds');
    try {
      await expect(fixPhoto(readFileSync(fixture('fix/phone-rotated-gps.jpg')), { today: '2026-11-22' })).rejects.toThrow('offset is out of bounds');
    } finally {
      failure.error = undefined;
    }
  });
});
