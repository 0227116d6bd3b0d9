import { z } from 'zod';
import { blocksIn, findBackground, meanColor } from '../blocks.js';
import { backgroundRegion } from './background.js';
import { defineCheck, luma, rgbTriple, type Outcome } from './check.js';

const fraction = z.number().min(0).max(1);

type ClothingOutcome = Outcome<
  'ok' | 'too-light',
  { clothingRgb: [number, number, number]; clothingLuma: number; backgroundLuma: number; difference: number },
  { minLumaDifference: number }
>;

export const clothingContrastCheck = defineCheck({
  id: 'clothing-contrast',
  severity: 'error',
  needs: 'pixels',
  params: z.object({
    /** How much darker (Rec. 601 luma, 0–255) the shoulders must be than the background. */
    minLumaDifference: z.number().min(0).max(255),
    /** Where the shoulders are, in fractions of the photo. */
    region: z.object({ left: fraction, right: fraction, top: fraction, bottom: fraction }),
    /** Where the wall is found to compare with: as in the background check. */
    backgroundRegion,
  }),
  fixable: [],
  run({ blocks: image }, params): ClothingOutcome {
    const clothing = meanColor(image, blocksIn(image, params.region));
    const background = meanColor(image, findBackground(image, params.backgroundRegion).inner);
    const clothingLuma = luma(clothing.r, clothing.g, clothing.b);
    const backgroundLuma = luma(background.r, background.g, background.b);
    const difference = backgroundLuma - clothingLuma;
    const measured = { clothingRgb: rgbTriple(clothing), clothingLuma: Math.round(clothingLuma), backgroundLuma: Math.round(backgroundLuma), difference: Math.round(difference) };
    const limits = { minLumaDifference: params.minLumaDifference };
    return { status: difference >= params.minLumaDifference ? 'pass' : 'fail', reason: difference >= params.minLumaDifference ? 'ok' : 'too-light', measured, limits };
  },
});
