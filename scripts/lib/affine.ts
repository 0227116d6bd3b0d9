import sharp, { type Sharp } from 'sharp';

/**
 * Turn (and scale) an image with the 2×2 matrix [[cos, −sin], [sin, cos]] on a white background.
 * sharp's affine output starts at the transformed image's bounding-box corner, so `map` gives
 * where a point of the input lands in the output.
 */
export async function affineTurn(image: Sharp, width: number, height: number, cos: number, sin: number) {
  const corners = [
    [0, 0],
    [width, 0],
    [0, height],
    [width, height],
  ].map(([x, y]) => [cos * x! - sin * y!, sin * x! + cos * y!] as const);
  const minX = Math.min(...corners.map((c) => c[0]));
  const minY = Math.min(...corners.map((c) => c[1]));
  const turned = await image
    .affine(
      [
        [cos, -sin],
        [sin, cos],
      ],
      { background: '#ffffff', interpolator: sharp.interpolators.bicubic },
    )
    .raw()
    .toBuffer({ resolveWithObject: true });
  const map = (x: number, y: number) => ({ x: cos * x - sin * y - minX, y: sin * x + cos * y - minY });
  return { ...turned, map };
}
