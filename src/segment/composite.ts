/**
 * Putting the person on a new background without a halo.
 *
 * At a soft edge (hair, a blurred shoulder) a pixel is a mix of the person and the old background:
 * I = αF + (1 − α)B. Blending the photo itself over white, αI + (1 − α)W, keeps the old background's
 * share (1 − α)·αB in every strand: a blue or grey fringe round the head. So F is estimated first:
 * B is the old background's local colour (the mean of the nearby pixels the matte calls background),
 * and F = (I − (1 − α)B) / α, which removes that colour. Where α is small this division only
 * amplifies noise, so F there leans on the local colour of the person (the mean of the nearby
 * pixels the matte calls person), which is what a strand of hair looks like up close.
 */
import { clampByte } from '../core/math.js';
import type { RgbImage } from '../face/types.js';
import { boxMean, enlargeTaps, plane, resampleBytes, resampleRgb, type Plane } from './planes.js';
import type { PersonMatte } from './types.js';

/** Longest side of the grid where the local colours are estimated. */
const workSide = 320;
/** Radius of the local colour means, as a share of the work grid's longest side. */
const localShare = 0.04;
/** Alpha (0–255) at or below which a pixel counts as old background, and at or above which as person, for the local colours. */
const backgroundAlpha = 8;
const personAlpha = 247;
/** Alpha (0–1) from which F is taken from the compositing equation alone; below it leans on the local person colour. */
const trustAlpha = 0.5;

/** The photo with the background replaced by `colour` (RGB 0–255), the edge decontaminated. A new image. */
export function replaceBackground(image: RgbImage, matte: PersonMatte, colour: readonly [number, number, number]): RgbImage {
  const { width, height, data } = image;
  if (matte.width !== width || matte.height !== height) throw new RangeError(`matte ${matte.width}×${matte.height} does not match the image ${width}×${height}`);
  const local = localColours(image, matte);
  const across = enlargeTaps(local.width, width);
  const down = enlargeTaps(local.height, height);
  const out = new Uint8Array(data.length);
  const sample = (values: Float32Array, x: number, y: number) => {
    const x0 = across.start[x]!;
    const x1 = Math.min(local.width - 1, x0 + 1);
    const y0 = down.start[y]!;
    const y1 = Math.min(local.height - 1, y0 + 1);
    const tx = across.t[x]!;
    const ty = down.t[y]!;
    const top = values[y0 * local.width + x0]! * (1 - tx) + values[y0 * local.width + x1]! * tx;
    const bottom = values[y1 * local.width + x0]! * (1 - tx) + values[y1 * local.width + x1]! * tx;
    return top * (1 - ty) + bottom * ty;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const a = matte.alpha[i]!;
      const at = i * 3;
      if (a === 0) {
        out[at] = colour[0];
        out[at + 1] = colour[1];
        out[at + 2] = colour[2];
        continue;
      }
      if (a === 255) {
        out[at] = data[at]!;
        out[at + 1] = data[at + 1]!;
        out[at + 2] = data[at + 2]!;
        continue;
      }
      const alpha = a / 255;
      const trust = Math.min(1, alpha / trustAlpha);
      for (let c = 0; c < 3; c++) {
        const background = sample(local.background[c]!.data, x, y);
        const person = sample(local.person[c]!.data, x, y);
        const unmixed = Math.min(255, Math.max(0, (data[at + c]! - (1 - alpha) * background) / alpha));
        const foreground = trust * unmixed + (1 - trust) * person;
        out[at + c] = clampByte(alpha * foreground + (1 - alpha) * colour[c]!);
      }
    }
  }
  return { data: out, width, height, channels: 3 };
}

interface LocalColours {
  width: number;
  height: number;
  /** Per channel, 0–255: the mean colour of the nearby background pixels, and of the nearby person pixels. */
  background: Plane[];
  person: Plane[];
}

/**
 * Normalised convolution on a small grid: the box mean of colour × weight over the box mean of the
 * weight, so only pixels of the one kind count. Where none is near, the kind's mean over the whole
 * photo stands in.
 */
function localColours(image: RgbImage, matte: PersonMatte): LocalColours {
  const shrink = Math.max(1, Math.max(image.width, image.height) / workSide);
  const width = Math.max(1, Math.round(image.width / shrink));
  const height = Math.max(1, Math.round(image.height / shrink));
  const radius = Math.max(2, Math.round(localShare * Math.max(width, height)));
  const channels = resampleRgb(image, width, height);
  const alpha = resampleBytes(matte.alpha, matte.width, matte.height, width, height);
  const kind = (test: (a: number) => boolean) => {
    const weight = plane(width, height);
    for (let i = 0; i < weight.data.length; i++) weight.data[i] = test(alpha.data[i]! * 255) ? 1 : 0;
    const share = boxMean(weight, radius);
    return channels.map((channel) => {
      let total = 0;
      let count = 0;
      const weighted = plane(width, height);
      for (let i = 0; i < weighted.data.length; i++) {
        weighted.data[i] = channel.data[i]! * weight.data[i]!;
        total += weighted.data[i]!;
        count += weight.data[i]!;
      }
      const overall = count > 0 ? total / count : 0.5;
      const mean = boxMean(weighted, radius);
      for (let i = 0; i < mean.data.length; i++) {
        const w = share.data[i]!;
        mean.data[i] = 255 * (w > 1e-3 ? mean.data[i]! / w : overall);
      }
      return mean;
    });
  };
  return { width, height, background: kind((a) => a <= backgroundAlpha), person: kind((a) => a >= personAlpha) };
}
