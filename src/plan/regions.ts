/**
 * Region rules: one JSON file per region in rules/regions/, validated on load. Policy lives in the
 * files (windows, waiting periods, payment windows, card production, apps, hotlines, offices, each
 * with its source and the date someone last checked it); this module only reads and checks them.
 */
import { readdirSync } from 'node:fs';
import { z } from 'zod';
import { ShebaoError } from '../core/errors.js';
import { loadJsonFile, rulesPath, sourced } from '../core/rules-loader.js';

const text = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();

const period = z
  .object({
    unit: z.enum(['days', 'months']),
    count: z.number().int().positive(),
    countStartDay: z.boolean(),
  })
  .strict();

/** "MM-DD", a day that exists in every year (so not 02-29). */
const monthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, 'MM-DD')
  .refine((value) => {
    const [month, day] = value.split('-').map(Number) as [number, number];
    const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    return days !== undefined && day >= 1 && day <= days;
  }, 'MM-DD: 01-01…12-31, ≠ 02-29');

const cardPeriod = z
  .object({ unit: z.enum(['working-days', 'calendar-days']), count: z.number().int().min(0) })
  .strict();

export const steps = ['enroll', 'pay', 'apply', 'progress', 'e-voucher'] as const;
export type Step = (typeof steps)[number];

export const regionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, '[a-z][a-z0-9-]*'),
    name: text,
    /** True while the region's facts come from secondary sources or conflict (DOMAIN.md §2.3). */
    provisional: z.boolean(),
    newborn: z
      .object({
        /** Counted from the birth date (民法典 art. 201 unless countStartDay). */
        window: period,
        /** Enrolled and paid within the window → cover from the birth date. */
        coverFromBirth: z.boolean(),
        ...sourced,
      })
      .strict(),
    lateEnrollment: z
      .object({
        /** When cover starts for someone who enrols outside their window. */
        coverStarts: z.enum(['after-wait', 'month-after-payment', 'day-after-payment']),
        /** The waiting period after payment, when coverStarts is after-wait. */
        wait: z.object({ unit: z.enum(['days', 'months']), count: z.number().int().positive() }).strict().nullable(),
        summary: text,
        ...sourced,
      })
      .strict()
      .refine((late) => (late.coverStarts === 'after-wait') === (late.wait !== null), {
        message: 'wait ≠ null ⇔ coverStarts = after-wait',
        path: ['wait'],
      }),
    annualPayment: z
      .object({
        /** The concentrated payment period for next year's cover, as month-day in the current year. */
        start: monthDay,
        end: monthDay,
        /** True when no local figure is known and the common national practice is shown instead. */
        typical: z.boolean(),
        /** True when the region says a window ending on a rest day is extended (Shanghai). */
        endMovesToWorkingDay: z.boolean(),
        ...sourced,
      })
      .strict()
      .refine((window) => window.start < window.end, { message: 'start < end', path: ['end'] }),
    card: z
      .object({
        earliest: cardPeriod,
        latest: cardPeriod,
        replacementFeeYuan: z.number().min(0).nullable(),
        ...sourced,
      })
      .strict(),
    apps: z.array(z.object({ name: text, steps: z.array(z.enum(steps)).min(1), ...sourced }).strict()).min(1),
    hotlines: z
      .array(z.object({ number: z.string().regex(/^\d{3,12}$/, '0-9'), name: text, ...sourced }).strict())
      .min(1),
    /** Where to go in person for each step. */
    offices: z.object({ enroll: text, pay: text, apply: text, collect: text, ...sourced }).strict(),
    /** Where sources disagree: shown to the user as warnings, never hidden. */
    conflicts: z.array(
      z
        .object({
          field: z.enum(['newborn', 'lateEnrollment', 'annualPayment', 'card']),
          message: text,
          sources: z.array(z.string().min(1)).min(1),
          /** Other readings of the newborn window, so the warning can name their dates. */
          alternatives: z.array(period),
        })
        .strict(),
    ),
    notes: z.array(text),
  })
  .strict();

export type Region = z.infer<typeof regionSchema>;
export type RegionPeriod = z.infer<typeof period>;

const cache = new Map<string, Region>();

/** The ids of every region file, `national` first. */
export function regionIds(): string[] {
  const ids = readdirSync(rulesPath('regions'))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
  return ['national', ...ids.filter((id) => id !== 'national')];
}

/** Find a region by id, or by its Chinese or English name ("上海", "Shanghai"), ignoring case. */
export function resolveRegionId(input: string): string {
  const wanted = input.trim().toLowerCase();
  const ids = regionIds();
  if (ids.includes(wanted)) return wanted;
  for (const id of ids) {
    const { name } = loadRegion(id);
    if (name.zh === input.trim() || name.en.toLowerCase() === wanted) return id;
  }
  throw new ShebaoError('unknown-region', { region: input, known: ids });
}

/** Read and validate rules/regions/<id>.json (cached); also accepts a name, see resolveRegionId. */
export function loadRegion(idOrName: string): Region {
  const cached = cache.get(idOrName);
  if (cached) return cached;
  const id = regionIds().includes(idOrName) ? idOrName : resolveRegionId(idOrName);
  const file = rulesPath('regions', `${id}.json`);
  const region = loadJsonFile(file, regionSchema);
  if (region.id !== id) {
    throw new ShebaoError('region-id-mismatch', { file, id: region.id, expected: id });
  }
  cache.set(id, region);
  return region;
}

/** Every region with what a checklist needs: channels, hotlines, card production, where to go. */
export function listRegions(): Region[] {
  return regionIds().map((id) => loadRegion(id));
}
