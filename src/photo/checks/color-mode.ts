import type { ImageFacts } from '../types.js';
import { defineCheck, tenth, type Outcome } from './check.js';

type ColorModeOutcome = Outcome<
  'ok' | 'not-rgb' | 'grey-content' | 'not-srgb',
  { channels: number; colorSpace: ImageFacts['colorSpace']; maxChroma: number; iccProfile?: string },
  { channels: number; minChroma: number }
>;

export const colorModeCheck = defineCheck({
  id: 'color-mode',
  severity: 'error',
  needs: 'pixels',
  params: (z) => z.object({
    channels: z.literal(3),
    /** Largest |Cb−128| or |Cr−128| of any 8×8 block below which the photo counts as black-and-white. */
    minChroma: z.number().nonnegative(),
  }),
  fixable: ['not-rgb', 'not-srgb'],
  run({ facts, blocks }, params): ColorModeOutcome {
    const { colorSpace, channels, iccDescription } = facts;
    const measured = { channels, colorSpace, maxChroma: tenth(blocks.maxChroma), ...(iccDescription ? { iccProfile: iccDescription } : {}) };
    const limits = { channels: params.channels, minChroma: params.minChroma };
    if (colorSpace !== 'ycbcr' && colorSpace !== 'rgb') return { status: 'fail', reason: 'not-rgb', measured, limits };
    if (blocks.maxChroma < params.minChroma) return { status: 'fail', reason: 'grey-content', measured, limits };
    if (iccDescription && !/srgb/i.test(iccDescription)) return { status: 'warn', reason: 'not-srgb', measured, limits };
    return { status: 'pass', reason: 'ok', measured, limits };
  },
});
