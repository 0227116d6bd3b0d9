import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { analyzePhoto } from '../src/photo/analyze.js';
import { decodeBlockMeans, JpegError, readJpegHeader } from '../src/photo/jpeg.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/photo/${name}`, import.meta.url));

/** Mean of each 8×8 block of sharp's full decode, the reference the DC decode must match. */
async function referenceBlockMeans(bytes: Buffer) {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const width = Math.ceil(info.width / 8);
  const height = Math.ceil(info.height / 8);
  const means: number[] = [];
  for (let by = 0; by < height; by++) {
    for (let bx = 0; bx < width; bx++) {
      for (let c = 0; c < 3; c++) {
        let sum = 0;
        let n = 0;
        for (let y = by * 8; y < Math.min(by * 8 + 8, info.height); y++) {
          for (let x = bx * 8; x < Math.min(bx * 8 + 8, info.width); x++) {
            sum += data[(y * info.width + x) * info.channels + Math.min(c, info.channels - 1)] as number;
            n++;
          }
        }
        means.push(sum / n);
      }
    }
  }
  return { width, height, means };
}

describe('JPEG header', () => {
  it('reads size, components and baseline-ness', () => {
    const header = readJpegHeader(fixture('pass.jpg'));
    expect(header).toMatchObject({ width: 358, height: 441, precision: 8, progressive: false, dcDecodable: true });
    expect(header.components).toHaveLength(3);
  });

  it('finds the density in EXIF when there is no JFIF density', async () => {
    const { facts } = await analyzePhoto(new URL('../fixtures/photo/pass.jpg', import.meta.url).pathname);
    expect(facts?.dpi).toEqual({ x: 350, y: 350 });
  });

  it('recognises progressive and CMYK files as not for the fast path', () => {
    expect(readJpegHeader(fixture('format.fail-progressive.jpg'))).toMatchObject({ progressive: true, dcDecodable: false });
    expect(readJpegHeader(fixture('color-mode.fail-cmyk.jpg')).components).toHaveLength(4);
  });
});

describe('DC-only decode', () => {
  it.each(['pass.jpg', 'background.fail-blue.jpg', 'color-mode.fail-grayscale.jpg'])('matches sharp block means for %s', async (name) => {
    const bytes = fixture(name);
    const blocks = decodeBlockMeans(bytes);
    const reference = await referenceBlockMeans(bytes);
    expect([blocks.width, blocks.height]).toEqual([reference.width, reference.height]);
    let total = 0;
    reference.means.forEach((mean, i) => (total += Math.abs(mean - (blocks.rgb[i] as number))));
    // Chroma is subsampled 2×2 in these files, so edges differ a little; on average well under 2 levels.
    expect(total / reference.means.length).toBeLessThan(2);
  });

  it('reports grey content as zero chroma', () => {
    expect(decodeBlockMeans(fixture('color-mode.fail-grey-content.jpg')).maxChroma).toBeLessThan(1);
    expect(decodeBlockMeans(fixture('pass.jpg')).maxChroma).toBeGreaterThan(10);
  });

  it('throws a truncation error for a cut-off file', () => {
    const error = (() => {
      try {
        decodeBlockMeans(fixture('readable.fail-truncated.jpg'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(JpegError);
    expect((error as JpegError).kind).toBe('truncated');
  });
});
