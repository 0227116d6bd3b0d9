/**
 * The top must be dark, to stand out from the white background. With the person segmented (src/segment,
 * when face checks run) the clothes are looked for on the person below the chin: not the neck,
 * not long hair hanging beside the face, and bare skin counts as light. The top is judged against
 * the white the spec asks for, not against the wall in the photo, so a dark top on a dark wall
 * passes here and the wall fails `background`. Without a matte (`--no-face`, or the model did not
 * load) a fixed box at the bottom centre is compared with the wall found from the top corners.
 */
import type { z } from 'zod';
import { isSkin } from '../../core/colour.js';
import type { Zod } from '../../core/schema.js';
import { blocksIn, colorAt, findBackground, meanColor } from '../blocks.js';
import type { BlockImage } from '../jpeg.js';
import { backgroundRegion, segmentedPeople } from './background.js';
import { defineCheck, luma, rgbTriple, share, type CheckInputs, type FaceMeasure, type Outcome } from './check.js';
import type { PersonBlocks } from './person.js';

const fraction = (z: Zod) => z.number().min(0).max(1);

/** Where the clothes are on the segmented person, in face widths from the chin and the eyes' midpoint. */
const segmentedClothing = (z: Zod) => z.object({
  /** A clothing block is dark when its luma (0–255) is at most this and it is not skin-coloured. */
  maxDarkLuma: z.number().min(0).max(255),
  /** Share of the clothing blocks that must be dark. */
  minDarkShare: fraction(z),
  /** The neck, left out: this far either side of the eyes' midpoint and this far below the chin. */
  neck: z.object({ halfWidth: z.number().nonnegative(), depth: z.number().nonnegative() }),
  /**
   * Long hair, left out: columns more than `halfWidth` from the eyes' midpoint in which the person
   * already reaches `above` face widths above the chin (beside the face, so hair, not shoulders).
   */
  hair: z.object({ halfWidth: z.number().nonnegative(), above: z.number().nonnegative() }),
  /** Least share of the photo the clothing must cover to be judged. */
  minClothingShare: fraction(z),
  /**
   * A grey top (a grey suit, a grey T-shirt) stands out from white too: it passes when at least
   * `minShare` of the clothing blocks are dark, or grey (not skin, no lighter than `maxLuma`, and
   * no more coloured than `maxChroma`, so pink and pastel tops of the same luma stay light).
   */
  midTone: z.object({ maxLuma: z.number().min(0).max(255), maxChroma: z.number().min(0).max(255), minShare: fraction(z) }).optional(),
  /**
   * A dark or grey jacket over a light shirt passes too: the clothing farther than `minDistance`
   * face widths from the eyes' midpoint (the jacket's sides, beyond the shirt between its lapels)
   * covers at least half of `minArea` of the photo on each side, and at least `minShare` of it
   * is dark or grey (by `maxDarkLuma` and `midTone`; skin counts against it), while less than
   * `maxMiddleSkin` of the clothing between the sides is skin-coloured (a shirt, not a low
   * neckline).
   */
  jacket: z.object({ minDistance: z.number().nonnegative(), minArea: fraction(z), minShare: fraction(z), maxMiddleSkin: fraction(z) }).optional(),
  /**
   * fix-photo only: the top as the original shows it, lower down than the ID photo's frame (long
   * hair or the tight frame can hide it there). The band `from`–`to` face widths below the chin,
   * `halfWidth` face widths either side of the eyes' midpoint, read where the matte is solid. A
   * top whose band is mostly bare skin (`maxSkinShare`) or mostly light (fewer than `minMidShare` of
   * its pixels not skin and at most `midTone.maxLuma`) is a light top, whatever the frame shows.
   */
  original: z
    .object({
      band: z.object({ from: z.number().nonnegative(), to: z.number().positive(), halfWidth: z.number().positive() }),
      minVisible: fraction(z),
      maxSkinShare: fraction(z),
      minMidShare: fraction(z),
    })
    .optional(),
});

type SegmentedClothing = z.infer<ReturnType<typeof segmentedClothing>>;

type BlockMeasures = { method: 'blocks'; clothingRgb: [number, number, number]; clothingLuma: number; backgroundLuma: number; difference: number };
type SegmentedMeasures = { method: 'segmented'; clothingRgb: [number, number, number]; clothingLuma: number; darkShare: number; midToneShare?: number; jacketShare?: number; clothingShare: number };

type ClothingOutcome =
  | Outcome<'ok' | 'too-light', BlockMeasures, { minLumaDifference: number }>
  | Outcome<'ok' | 'too-light' | 'not-visible', SegmentedMeasures, { maxDarkLuma: number; minDarkShare: number; minClothingShare: number; midTone?: { maxLuma: number; maxChroma: number; minShare: number }; jacket?: { minDistance: number; minArea: number; minShare: number; maxMiddleSkin: number } }>;

export const clothingContrastParams = (z: Zod) => z.object({
  /** How much darker (Rec. 601 luma, 0–255) the shoulders must be than the background. */
  minLumaDifference: z.number().min(0).max(255),
  /** Where the shoulders are, in fractions of the photo. */
  region: z.object({ left: fraction(z), right: fraction(z), top: fraction(z), bottom: fraction(z) }),
  /** Where the wall is found to compare with: as in the background check. */
  backgroundRegion: backgroundRegion(z),
  /** How the clothes are found when the person is segmented; without it the fixed box is used. */
  segmented: segmentedClothing(z).optional(),
});

type ClothingParams = z.infer<ReturnType<typeof clothingContrastParams>>;

/** The fixed box at the bottom centre against the wall joined to the top corners (no segmentation). */
function judgeBox(image: BlockImage, params: ClothingParams): ClothingOutcome {
  const clothing = meanColor(image, blocksIn(image, params.region));
  const background = meanColor(image, findBackground(image, params.backgroundRegion).inner);
  const clothingLuma = luma(clothing.r, clothing.g, clothing.b);
  const backgroundLuma = luma(background.r, background.g, background.b);
  const difference = backgroundLuma - clothingLuma;
  const measured = { method: 'blocks' as const, clothingRgb: rgbTriple(clothing), clothingLuma: Math.round(clothingLuma), backgroundLuma: Math.round(backgroundLuma), difference: Math.round(difference) };
  const limits = { minLumaDifference: params.minLumaDifference };
  return { status: difference >= params.minLumaDifference ? 'pass' : 'fail', reason: difference >= params.minLumaDifference ? 'ok' : 'too-light', measured, limits };
}

/**
 * The clothes: the found person's blocks (all person, no soft edge) below the chin (landmark 8, the
 * lowest point of the jaw; the detector box's bottom for an analyzer without landmarks), without
 * the neck and without the columns of long hair beside the face.
 */
function clothingBlocks(image: BlockImage, people: PersonBlocks, face: FaceMeasure, where: SegmentedClothing): { at: number; across: number }[] {
  const chin = face.landmarks[chinLandmark]?.y ?? face.box.y + face.box.height;
  const { scale, width, height } = image;
  // The highest row of the found person in each column of blocks.
  const top = new Int32Array(width).fill(height);
  for (let at = 0; at < people.who.length; at++) {
    if (people.who[at] === 1) top[at % width] = Math.min(top[at % width]!, Math.floor(at / width));
  }
  const blocks: { at: number; across: number }[] = [];
  for (let at = 0; at < people.who.length; at++) {
    if (people.who[at] !== 1 || people.coverage[at]! < solidCoverage) continue;
    const bx = at % width;
    const across = ((bx + 0.5) * scale - face.eyeMidX) / face.faceWidth;
    const dx = Math.abs(across);
    const dy = (((Math.floor(at / width) + 0.5) * scale - chin) / face.faceWidth);
    if (dy < 0) continue;
    if (dx < where.neck.halfWidth && dy < where.neck.depth) continue;
    const columnTop = (top[bx]! * scale - chin) / face.faceWidth;
    if (dx > where.hair.halfWidth && columnTop < -where.hair.above) continue;
    blocks.push({ at, across });
  }
  return blocks;
}

/** The lowest point of the chin in the 68-point scheme (iBUG 300-W). */
const chinLandmark = 8;

/** Coverage at which a block is all person: a soft-edged block mixes in the background's colour. */
const solidCoverage = 0.9;

/**
 * How dark a jacket over a shirt is: the dark-or-grey share of the clothing beside the shirt, on
 * both sides together. Undefined when either side shows too little to be a jacket's (long hair or
 * the photo's edge leaves one side), or when what lies between them is mostly skin (a dark dress
 * with a low neckline, not a shirt).
 */
function jacketDarkShare(
  image: BlockImage,
  found: readonly { at: number; across: number }[],
  jacket: NonNullable<SegmentedClothing['jacket']>,
  isDarkOrGrey: (r: number, g: number, b: number) => boolean,
): number | undefined {
  const cells = image.width * image.height;
  const left = found.filter(({ across }) => across < -jacket.minDistance);
  const right = found.filter(({ across }) => across > jacket.minDistance);
  if (Math.min(left.length, right.length) / cells < jacket.minArea / 2) return undefined;
  const middle = found.filter(({ across }) => Math.abs(across) <= jacket.minDistance);
  const skin = middle.filter(({ at }) => {
    const { r, g, b } = colorAt(image, at);
    return isSkin(r, g, b);
  }).length;
  if (middle.length > 0 && skin / middle.length >= jacket.maxMiddleSkin) return undefined;
  const sides = [...left, ...right];
  const dark = sides.filter(({ at }) => {
    const { r, g, b } = colorAt(image, at);
    return !isSkin(r, g, b) && isDarkOrGrey(r, g, b);
  }).length;
  return dark / sides.length;
}

function judgeSegmented(image: BlockImage, people: PersonBlocks, face: FaceMeasure, where: SegmentedClothing): ClothingOutcome {
  const found = clothingBlocks(image, people, face, where);
  const blocks = found.map(({ at }) => at);
  const count = (among: readonly number[], test: (r: number, g: number, b: number) => boolean) =>
    among.filter((at) => {
      const { r, g, b } = colorAt(image, at);
      return !isSkin(r, g, b) && test(r, g, b);
    }).length;
  const isDark = (r: number, g: number, b: number) => luma(r, g, b) <= where.maxDarkLuma;
  const grey = where.midTone;
  const isDarkOrGrey = (r: number, g: number, b: number) => isDark(r, g, b) || (grey !== undefined && luma(r, g, b) <= grey.maxLuma && Math.max(r, g, b) - Math.min(r, g, b) <= grey.maxChroma);
  const dark = count(blocks, isDark);
  const midTone = grey ? count(blocks, isDarkOrGrey) / Math.max(1, blocks.length) : undefined;
  const jacket = where.jacket;
  const jacketShare = jacket ? jacketDarkShare(image, found, jacket, isDarkOrGrey) : undefined;
  const lumas = blocks.map((at) => {
    const { r, g, b } = colorAt(image, at);
    return luma(r, g, b);
  });
  const mean = meanColor(image, blocks);
  const clothingShare = blocks.length / (image.width * image.height);
  const darkShare = dark / Math.max(1, blocks.length);
  const measured = {
    method: 'segmented' as const,
    clothingRgb: rgbTriple(mean),
    clothingLuma: Math.round(lumas.sort((a, b) => a - b)[Math.floor(lumas.length / 2)] ?? 0),
    darkShare: share(darkShare),
    ...(midTone === undefined ? {} : { midToneShare: share(midTone) }),
    ...(jacketShare === undefined ? {} : { jacketShare: share(jacketShare) }),
    clothingShare: share(clothingShare),
  };
  const limits = { maxDarkLuma: where.maxDarkLuma, minDarkShare: where.minDarkShare, minClothingShare: where.minClothingShare, ...(where.midTone ? { midTone: where.midTone } : {}), ...(jacket ? { jacket } : {}) };
  if (clothingShare < where.minClothingShare) return { status: 'fail', reason: 'not-visible', measured, limits };
  const darkEnough =
    darkShare >= where.minDarkShare ||
    (where.midTone !== undefined && midTone !== undefined && midTone >= where.midTone.minShare) ||
    (jacket !== undefined && jacketShare !== undefined && jacketShare >= jacket.minShare);
  return darkEnough ? { status: 'pass', reason: 'ok', measured, limits } : { status: 'fail', reason: 'too-light', measured, limits };
}

export const clothingContrastCheck = defineCheck({
  id: 'clothing-contrast',
  severity: 'error',
  needs: 'pixels',
  params: clothingContrastParams,
  fixable: [],
  run(input: CheckInputs['pixels'], params): ClothingOutcome {
    const people = segmentedPeople(input);
    const face = input.face?.faces.length === 1 ? input.face.faces[0] : undefined;
    if (people && face && params.segmented) return judgeSegmented(input.blocks, people, face, params.segmented);
    return judgeBox(input.blocks, params);
  },
});
