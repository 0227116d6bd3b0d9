import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBlockMeans, JpegError, readJpegHeader } from '../src/photo/jpeg.js';
import { seededRandom as random } from '../scripts/lib/random.js';

const original = readFileSync(new URL('../fixtures/photo/pass.jpg', import.meta.url));

/** The decoder either returns a block picture or throws a JpegError: nothing else, and it ends. */
function decodeOrJpegError(bytes: Buffer): 'decoded' | JpegError['kind'] {
  try {
    const header = readJpegHeader(bytes);
    if (!header.dcDecodable) return 'unsupported';
    const blocks = decodeBlockMeans(bytes, header);
    expect(blocks.rgb.length).toBe(blocks.width * blocks.height * 3);
    return 'decoded';
  } catch (error) {
    expect(error).toBeInstanceOf(JpegError);
    return (error as JpegError).kind;
  }
}

describe('the JPEG reader on damaged files', () => {
  it('survives truncation at every 97th byte', () => {
    for (let end = 0; end < original.length; end += 97) decodeOrJpegError(original.subarray(0, end));
    expect(decodeOrJpegError(original.subarray(0, original.length - 3000))).toBe('truncated');
  });

  it('survives 300 files with random bytes overwritten', () => {
    const rand = random(42);
    const outcomes = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const damaged = Buffer.from(original);
      const hits = 1 + Math.floor(rand() * 20);
      for (let h = 0; h < hits; h++) damaged[Math.floor(rand() * damaged.length)] = Math.floor(rand() * 256);
      outcomes.add(decodeOrJpegError(damaged));
    }
    expect(outcomes.has('decoded')).toBe(true);
  });
});
