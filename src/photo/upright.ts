/**
 * EXIF orientation (Exif 2.32, CIPA DC-008-2019 §4.6.5, tag 0x0112): how the stored pixels must be
 * turned to be seen upright. Phones store the sensor's rows as they are and tag the file; every
 * viewer turns it. The content checks look at the photo as a person sees it, upright, while the
 * `orientation` check still reports the tag (a portal may not turn it).
 */
import type { BlockImage } from './jpeg.js';

/** Orientations 5–8 turn the picture by a quarter: its width and height swap. */
export function turnsSideways(orientation: number | undefined): boolean {
  return orientation !== undefined && orientation >= 5 && orientation <= 8;
}

/** The size of the picture as seen upright. */
export function uprightSize(facts: { width: number; height: number; orientation?: number }): { width: number; height: number } {
  return turnsSideways(facts.orientation) ? { width: facts.height, height: facts.width } : { width: facts.width, height: facts.height };
}

/**
 * The stored pixel that lands on upright pixel (x, y), for a stored picture `width` × `height`.
 * Orientation 6 (turn 90° clockwise to view) is the usual portrait taken with a phone.
 */
function storedPixel(orientation: number, x: number, y: number, width: number, height: number): [number, number] {
  switch (orientation) {
    case 2:
      return [width - 1 - x, y];
    case 3:
      return [width - 1 - x, height - 1 - y];
    case 4:
      return [x, height - 1 - y];
    case 5:
      return [y, x];
    case 6:
      return [y, height - 1 - x];
    case 7:
      return [width - 1 - y, height - 1 - x];
    case 8:
      return [width - 1 - y, x];
    default:
      return [x, y];
  }
}

/** The block picture turned upright (the fast JPEG path reads blocks in stored order). */
export function orientBlocks(image: BlockImage, orientation: number | undefined): BlockImage {
  if (orientation === undefined || orientation < 2 || orientation > 8) return image;
  const { width, height } = uprightSize({ width: image.width, height: image.height, orientation });
  const rgb = new Uint8Array(image.rgb.length);
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0; x < width; x++, o += 3) {
      const [sx, sy] = storedPixel(orientation, x, y, image.width, image.height);
      const i = (sy * image.width + sx) * 3;
      rgb[o] = image.rgb[i] as number;
      rgb[o + 1] = image.rgb[i + 1] as number;
      rgb[o + 2] = image.rgb[i + 2] as number;
    }
  }
  return { ...image, width, height, rgb };
}
