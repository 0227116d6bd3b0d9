import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fixPhoto } from '../src/fix/fix-photo.js';

// The segmentation model cannot be loaded here (a missing or damaged model file).
vi.mock('../src/segment/index.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../src/segment/index.js')>()),
  segmentPerson: () => Promise.reject(new Error('model file missing')),
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
});
