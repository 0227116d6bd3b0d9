import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPhoto } from '../src/photo/check-photo.js';

/**
 * A valid JPEG of exactly `size` bytes: the small fixture with COM (comment) segments inserted
 * after SOI. Comments are part of the JPEG, unlike bytes padded after the end marker.
 */
function jpegOfSize(size: number): Buffer {
  const base = readFileSync(new URL('../fixtures/photo/file-size.fail-small.jpg', import.meta.url));
  let missing = size - base.length;
  const segments: Buffer[] = [];
  while (missing > 0) {
    // A segment is 4 bytes of marker and length plus its payload (at most 65,533 bytes).
    const payload = Math.min(65_533, missing - 4);
    if (payload < 0) throw new Error('cannot pad by fewer than 4 bytes');
    const segment = Buffer.alloc(4 + payload, 0x20);
    segment.writeUInt16BE(0xfffe, 0);
    segment.writeUInt16BE(payload + 2, 2);
    segments.push(segment);
    missing -= segment.length;
  }
  return Buffer.concat([base.subarray(0, 2), ...segments, base.subarray(2)]);
}

describe('file-size boundaries (1 KB = 1024 bytes)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'shebao-size-'));
  it.each([
    [14_335, 'fail'],
    [14_336, 'pass'],
    [40_960, 'pass'],
    [40_961, 'fail'],
  ])('%i bytes → %s', async (size, status) => {
    const file = path.join(dir, `${size}.jpg`);
    writeFileSync(file, jpegOfSize(size));
    expect(readFileSync(file).length).toBe(size);
    const report = await checkPhoto(file, { today: '2026-11-22', face: false });
    const check = report.checks.find((c) => c.id === 'file-size');
    expect(check?.status).toBe(status);
    expect(check?.measured).toEqual({ bytes: size });
    // The padded file is still a readable JPEG.
    expect(report.checks.find((c) => c.id === 'readable')?.status).toBe('pass');
  });
});
