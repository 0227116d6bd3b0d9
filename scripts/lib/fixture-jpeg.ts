/**
 * How the fixture scripts write their photos: raw RGB pixels as a baseline 4:2:0 JPEG at 350 dpi,
 * no other metadata, encoded by sharp (same sharp version, same bytes).
 */
import sharp from 'sharp';

/** Raw RGB pixels, 3 bytes a pixel. */
export interface Raw {
  data: Buffer;
  width: number;
  height: number;
}

/** At one JPEG quality. */
export function jpegAt(pixels: Raw, quality: number): Promise<Buffer> {
  return sharp(pixels.data, { raw: { width: pixels.width, height: pixels.height, channels: 3 } })
    .withMetadata({ density: 350 })
    .jpeg({ quality, chromaSubsampling: '4:2:0', mozjpeg: false, progressive: false })
    .toBuffer();
}

/** At the highest quality from 95 down, in steps of 5 to 40, whose file fits `maxBytes`. */
export async function jpegToFit(pixels: Raw, maxBytes: number): Promise<{ bytes: Buffer; quality: number }> {
  for (let quality = 95; quality >= 40; quality -= 5) {
    const bytes = await jpegAt(pixels, quality);
    if (bytes.length <= maxBytes) return { bytes, quality };
  }
  throw new Error(`no JPEG quality from 95 to 40 fits ${maxBytes} bytes`);
}
