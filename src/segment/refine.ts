/**
 * From the model's coarse person probability (256×256, stretched over the photo) to an alpha matte
 * at the photo's own resolution whose edge follows the photo: hair strands, ears and collar where
 * they really are, not where a blurry 256-pixel mask puts them. Two steps, at a working
 * resolution of about 320 px:
 *
 * 1. Where the model is unsure, colour decides (unmixUnsure): each unsure pixel's alpha is where its
 *    colour falls between the local colours of what the model is sure is person and sure is
 *    background. This removes the wide half-kept patches of wall a 256-pixel mask leaves beside a
 *    neck or round dark hair, which no edge filter can.
 *    The model's sure edge overreaches too, most over a black backdrop beside dark hair, where it
 *    is sure of several pixels of backdrop: so the person's colour is taken from deeper inside,
 *    and near the edge a pixel of the backdrop's own colour is backdrop (checked again at full
 *    resolution after step 2, whose edge is soft where the photo is flat), which removes the grey
 *    shadow such an edge leaves round the head on white.
 * 2. The guided filter (He, Sun, Tang, "Guided Image Filtering", IEEE TPAMI 35(6), 2013) with the
 *    photo as the guide, in its fast form (He & Sun, "Fast Guided Filter", arXiv:1505.00996, 2015):
 *    in every small window alpha is modelled as a linear function of the photo's colour, α ≈ a·I + b,
 *    fitted at the working resolution; a and b are smooth, so they are enlarged to full size and
 *    applied to the full-resolution colours, which puts the edge on the photo's own, down to single
 *    hairs.
 */
import type { RgbImage } from '../face/types.js';
import { boxMean, enlargeTaps, multiply, plane, resample, resampleImage, sampleAt, type Plane } from './planes.js';
import type { PersonMatte } from './types.js';

export interface RefineOptions {
  /** Longest side of the working resolution where a and b are fitted (the photo's own size when smaller). */
  workSide: number;
  /** Window radius, in pixels of the model's output grid: the mask is unsure by about one of them. */
  radius: number;
  /** Regularisation ε of the guided filter (colours 0–1): larger keeps the coarse mask, smaller follows colour edges. */
  epsilon: number;
  /** The model is sure of a pixel at this probability (or 1 minus it for background). */
  sure: number;
  /** Width, in model pixels, of the margin round what the model is unsure about that is left to colour too. */
  band: number;
  /** Radius, in model pixels, of the neighbourhood whose sure pixels give the local person and background colours (four times it where there are none). */
  colourRadius: number;
  /** Least RGB distance (0–1 scale) between those colours for colour to decide alpha. */
  minContrast: number;
  /** Depth, in model pixels, of the sure person's edge that is checked for the backdrop's colour; the person's colour comes from deeper. */
  edgeDepth: number;
  /** RGB distance (0–1 scale) from the backdrop's local colour within which a pixel there is backdrop. */
  backgroundNoise: number;
  /** Where colour cannot decide, the model's probability is stretched about 0.5 by this factor. */
  firmness: number;
  /** Alpha below `low` is background, above `high` person; in between it is stretched linearly. */
  low: number;
  high: number;
}

/**
 * Chosen by looking at composites on white of 48 corpus photos (white, grey, coloured, dark and busy
 * backgrounds; dark, blond and curly hair): see scripts/segment-demo.ts.
 */
export const defaultRefineOptions: RefineOptions = {
  workSide: 320,
  radius: 2,
  epsilon: 1e-3,
  sure: 0.9,
  band: 1,
  colourRadius: 4,
  minContrast: 0.1,
  edgeDepth: 3,
  backgroundNoise: 0.03,
  firmness: 3,
  low: 0.15,
  high: 0.85,
};

/** The coarse probabilities (any size, stretched over the photo) refined into a matte at the photo's size. */
export function refineMatte(image: RgbImage, coarse: Plane, options: RefineOptions = defaultRefineOptions): PersonMatte {
  const { width, height } = image;
  const shrink = Math.max(1, Math.max(width, height) / options.workSide);
  const workWidth = Math.max(1, Math.round(width / shrink));
  const workHeight = Math.max(1, Math.round(height / shrink));
  const guide = ([0, 1, 2] as const).map((c) => resampleImage(image, c, workWidth, workHeight)) as [Plane, Plane, Plane];
  const mask = resample(coarse, workWidth, workHeight);
  const radius = Math.max(1, Math.round((options.radius * Math.max(workWidth, workHeight)) / Math.max(coarse.width, coarse.height)));
  const small = guide.map((channel) => resample(channel, coarse.width, coarse.height)) as [Plane, Plane, Plane];
  const { alpha, backdrop } = unmixUnsure(guide, mask, small, Math.max(workWidth, workHeight) / Math.max(coarse.width, coarse.height), options);
  const { a, b } = fitGuidedFilter(guide, alpha, radius, options.epsilon);
  return applyToImage(image, a, b, backdrop, options);
}

/**
 * Where the model is unsure, alpha from colour. Pixels the model is sure about (above `sure`, or
 * below 1 − `sure`, and `band` model pixels away from any pixel it is not sure about) give the
 * local colour of the person F̄ and of the background B̄ round each unsure pixel; its alpha is then
 * where its colour I falls between them, (I − B̄)·(F̄ − B̄) / |F̄ − B̄|². A dark wall that the model
 * half-kept beside a neck becomes background, blond hair half-lost against the sky becomes
 * person. Where F̄ and B̄ are alike in colour (dark hair on a dark wall) colour says nothing and
 * the model's value stays.
 */
function unmixUnsure(guide: [Plane, Plane, Plane], mask: Plane, small: [Plane, Plane, Plane], modelPixel: number, options: RefineOptions): { alpha: Plane; backdrop: Backdrop } {
  const { width, height } = mask;
  const n = width * height;
  const band = Math.max(1, Math.round(options.band * modelPixel));
  const inset = Math.max(band, Math.round(options.edgeDepth * modelPixel));
  const sure = (test: (p: number) => boolean, radius: number) => {
    const inside = plane(width, height);
    for (let i = 0; i < n; i++) inside.data[i] = test(mask.data[i]!) ? 1 : 0;
    // Eroded by `radius`: only pixels whose whole window is sure.
    const share = boxMean(inside, radius);
    for (let i = 0; i < n; i++) inside.data[i] = share.data[i]! > 0.999 ? 1 : 0;
    return inside;
  };
  const isPerson = (p: number) => p >= options.sure;
  const person = sure(isPerson, band);
  const background = sure((p) => p <= 1 - options.sure, band);
  // The model's sure edge can overreach: over a black backdrop beside dark hair it is sure of
  // several pixels of backdrop. The person's colour is therefore taken from deeper inside, and the
  // sure pixels between (`edgeDepth`) are looked at too, for the backdrop's own colour.
  const deep = sure(isPerson, inset);
  // The local colours change slowly: they are averaged on the model's own grid and read off it
  // only where they are needed, at the unsure pixels.
  const gridWidth = small[0].width;
  const gridHeight = small[0].height;
  const personColour = localMeans(small, resample(deep, gridWidth, gridHeight), options.colourRadius);
  const backgroundColour = localMeans(small, resample(background, gridWidth, gridHeight), options.colourRadius);
  const out = plane(width, height, mask.data.slice());
  // Where the backdrop's colour is known to differ from the person's: that colour (0–1), and 1.
  const backdrop: Backdrop = { colour: [plane(width, height), plane(width, height), plane(width, height)], known: plane(width, height) };
  const [r, g, b] = guide;
  const f = [0, 0, 0];
  const k = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    if (deep.data[i] === 1 || background.data[i] === 1) continue;
    const u = (((i % width) + 0.5) * gridWidth) / width - 0.5;
    const v = ((Math.floor(i / width) + 0.5) * gridHeight) / height - 0.5;
    personColour(u, v, f);
    backgroundColour(u, v, k);
    const dr = f[0]! - k[0]!;
    const dg = f[1]! - k[1]!;
    const db = f[2]! - k[2]!;
    const contrast = Math.sqrt(dr * dr + dg * dg + db * db);
    // Where person and backdrop differ in colour, a pixel of the backdrop's own colour is backdrop.
    const distinct = contrast >= 2 * options.backgroundNoise;
    if (distinct) {
      backdrop.known.data[i] = 1;
      for (let c = 0; c < 3; c++) backdrop.colour[c]!.data[i] = k[c]!;
    }
    const unlikeBackground = distinct ? Math.min(1, Math.hypot(r.data[i]! - k[0]!, g.data[i]! - k[1]!, b.data[i]! - k[2]!) / options.backgroundNoise) : 1;
    if (person.data[i] === 1) {
      out.data[i] = unlikeBackground;
      continue;
    }
    // Where colour cannot tell (dark hair on a dark wall) the model decides, made firmer: its
    // half-sure values over a wide band would put a grey fog round the head on a white background.
    const firm = Math.min(1, Math.max(0, (mask.data[i]! - 0.5) * options.firmness + 0.5));
    if (contrast < options.minContrast) {
      out.data[i] = firm;
      continue;
    }
    const alpha = Math.min(1, Math.max(0, ((r.data[i]! - k[0]!) * dr + (g.data[i]! - k[1]!) * dg + (b.data[i]! - k[2]!) * db) / (contrast * contrast)));
    // Trust colour fully once the two colours are twice the minimum apart.
    const trust = Math.min(1, contrast / options.minContrast - 1);
    out.data[i] = (trust * alpha + (1 - trust) * firm) * unlikeBackground;
  }
  return { alpha: out, backdrop };
}

/** The backdrop's local colour at the person's edge, where it differs from the person's (`known` 1). */
interface Backdrop {
  colour: [Plane, Plane, Plane];
  known: Plane;
}

/**
 * The mean colour of the `weight` pixels round a point of the grid (normalised convolution: the
 * box means of colour × weight and of weight, interpolated, then divided); where none is within
 * `radius`, within four times that (on a grid four times coarser), and failing that over the
 * whole image. Writes the colour into `out`.
 */
function localMeans(grid: [Plane, Plane, Plane], weight: Plane, radius: number): (u: number, v: number, out: number[]) => void {
  const level = (channels: Plane[], w: Plane) => ({ share: boxMean(w, radius), sums: channels.map((channel) => boxMean(multiply(channel, w), radius)) });
  const near = level(grid, weight);
  const coarseWidth = Math.max(1, Math.round(weight.width / 4));
  const coarseHeight = Math.max(1, Math.round(weight.height / 4));
  const far = level(
    grid.map((channel) => resample(channel, coarseWidth, coarseHeight)),
    resample(weight, coarseWidth, coarseHeight),
  );
  let count = 0;
  const totals = [0, 0, 0];
  for (let i = 0; i < weight.data.length; i++) {
    const w = weight.data[i]!;
    count += w;
    for (let c = 0; c < 3; c++) totals[c]! += w * grid[c]!.data[i]!;
  }
  const overall = totals.map((total) => (count > 0 ? total / count : 0.5));
  return (u, v, out) => {
    const share = sampleAt(near.share, u, v);
    if (share > 1e-3) {
      for (let c = 0; c < 3; c++) out[c] = sampleAt(near.sums[c]!, u, v) / share;
      return;
    }
    const fu = ((u + 0.5) * coarseWidth) / weight.width - 0.5;
    const fv = ((v + 0.5) * coarseHeight) / weight.height - 0.5;
    const farShare = sampleAt(far.share, fu, fv);
    for (let c = 0; c < 3; c++) out[c] = farShare > 1e-3 ? sampleAt(far.sums[c]!, fu, fv) / farShare : overall[c]!;
  };
}

/**
 * The colour guided filter's coefficients, already averaged over the windows that contain each
 * pixel (the ā and b̄ of the paper): the output is ā·I + b̄.
 */
export function fitGuidedFilter(guide: [Plane, Plane, Plane], input: Plane, radius: number, epsilon: number): { a: [Plane, Plane, Plane]; b: Plane } {
  const { width, height } = input;
  const n = width * height;
  const mean = guide.map((channel) => boxMean(channel, radius)) as [Plane, Plane, Plane];
  const meanP = boxMean(input, radius);
  const meanIp = guide.map((channel) => boxMean(multiply(channel, input), radius));
  // The six distinct entries of each window's colour covariance: rr, rg, rb, gg, gb, bb.
  const pairs = [[0, 0], [0, 1], [0, 2], [1, 1], [1, 2], [2, 2]] as const;
  const meanII = pairs.map(([i, j]) => boxMean(multiply(guide[i], guide[j]), radius));
  const a = [plane(width, height), plane(width, height), plane(width, height)] as [Plane, Plane, Plane];
  const b = plane(width, height);
  for (let k = 0; k < n; k++) {
    const mr = mean[0].data[k]!;
    const mg = mean[1].data[k]!;
    const mb = mean[2].data[k]!;
    const mp = meanP.data[k]!;
    const cr = meanIp[0]!.data[k]! - mr * mp;
    const cg = meanIp[1]!.data[k]! - mg * mp;
    const cb = meanIp[2]!.data[k]! - mb * mp;
    const rr = meanII[0]!.data[k]! - mr * mr + epsilon;
    const rg = meanII[1]!.data[k]! - mr * mg;
    const rb = meanII[2]!.data[k]! - mr * mb;
    const gg = meanII[3]!.data[k]! - mg * mg + epsilon;
    const gb = meanII[4]!.data[k]! - mg * mb;
    const bb = meanII[5]!.data[k]! - mb * mb + epsilon;
    // (Σ + εU)⁻¹ by cofactors: symmetric and positive definite, so the determinant is > 0.
    const i00 = gg * bb - gb * gb;
    const i01 = rb * gb - rg * bb;
    const i02 = rg * gb - rb * gg;
    const i11 = rr * bb - rb * rb;
    const i12 = rb * rg - rr * gb;
    const i22 = rr * gg - rg * rg;
    const det = rr * i00 + rg * i01 + rb * i02;
    const ar = (i00 * cr + i01 * cg + i02 * cb) / det;
    const ag = (i01 * cr + i11 * cg + i12 * cb) / det;
    const ab = (i02 * cr + i12 * cg + i22 * cb) / det;
    a[0].data[k] = ar;
    a[1].data[k] = ag;
    a[2].data[k] = ab;
    b.data[k] = mp - ar * mr - ag * mg - ab * mb;
  }
  return { a: a.map((plane) => boxMean(plane, radius)) as [Plane, Plane, Plane], b: boxMean(b, radius) };
}

/** ā and b̄ enlarged to the photo's size (linearly, row by row) and applied to its colours; then the levels. */
function applyToImage(image: RgbImage, a: [Plane, Plane, Plane], b: Plane, backdrop: Backdrop, options: RefineOptions): PersonMatte {
  const { width, height, data } = image;
  const across = enlargeTaps(b.width, width);
  const down = enlargeTaps(b.height, height);
  const alpha = new Uint8Array(width * height);
  const planes = [a[0].data, a[1].data, a[2].data, b.data, backdrop.colour[0].data, backdrop.colour[1].data, backdrop.colour[2].data, backdrop.known.data];
  const row = new Float32Array(planes.length);
  const span = options.high - options.low;
  for (let y = 0; y < height; y++) {
    const y0 = down.start[y]!;
    const y1 = Math.min(b.height - 1, y0 + 1);
    const ty = down.t[y]!;
    for (let x = 0; x < width; x++) {
      const x0 = across.start[x]!;
      const x1 = Math.min(b.width - 1, x0 + 1);
      const tx = across.t[x]!;
      for (let p = 0; p < planes.length; p++) {
        const values = planes[p]!;
        const top = values[y0 * b.width + x0]! * (1 - tx) + values[y0 * b.width + x1]! * tx;
        const bottom = values[y1 * b.width + x0]! * (1 - tx) + values[y1 * b.width + x1]! * tx;
        row[p] = top * (1 - ty) + bottom * ty;
      }
      const at = (y * width + x) * 3;
      const q = (row[0]! * data[at]! + row[1]! * data[at + 1]! + row[2]! * data[at + 2]!) / 255 + row[3]!;
      // The filter's edge is soft where the guide is flat (dark hair on a black backdrop): there a
      // pixel of the backdrop's own colour is backdrop, at full resolution.
      // The pixel's colour is averaged over its 3×3 neighbourhood, so JPEG noise in a black
      // backdrop does not leave a speckled edge.
      const known = row[7]!;
      let unlike = 1;
      if (known > 0) {
        const mean = meanAround(data, width, height, x, y);
        unlike = 1 - known + known * Math.min(1, Math.hypot(mean[0]! - row[4]! / known, mean[1]! - row[5]! / known, mean[2]! - row[6]! / known) / options.backgroundNoise);
      }
      const level = (q * unlike - options.low) / span;
      alpha[y * width + x] = level <= 0 ? 0 : level >= 1 ? 255 : Math.round(level * 255);
    }
  }
  return { width, height, alpha };
}

const around = new Float32Array(3);

/** The mean colour (0–1) of the 3×3 pixels round (x, y), those inside the image. Reuses one array. */
function meanAround(data: Uint8Array, width: number, height: number, x: number, y: number): Float32Array {
  around.fill(0);
  let count = 0;
  for (let v = Math.max(0, y - 1); v <= Math.min(height - 1, y + 1); v++) {
    for (let u = Math.max(0, x - 1); u <= Math.min(width - 1, x + 1); u++) {
      const at = (v * width + u) * 3;
      around[0]! += data[at]!;
      around[1]! += data[at + 1]!;
      around[2]! += data[at + 2]!;
      count++;
    }
  }
  for (let c = 0; c < 3; c++) around[c]! /= count * 255;
  return around;
}
