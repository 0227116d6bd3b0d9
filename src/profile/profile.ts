/**
 * The family profile: what the interview learned, saved as JSON so `shebao checklist` can be run
 * again later. It holds personal data (a birth date, maybe an ID number), so it is validated on
 * load like every other file we read and written with owner-only permissions (see store.ts).
 */
import type { z } from 'zod';
import { parseIsoDate, type IsoDate } from '../core/dates.js';
import { lazySchema, type Zod } from '../core/schema.js';

export const stages = ['newborn', 'preschool', 'kindergarten', 'school'] as const;
export type Stage = (typeof stages)[number];

/** Statuses that exempt or subsidise the child's own premium (DOMAIN.md §3, step 1). */
export const specialStatuses = ['low-income', 'extreme-poverty', 'disability'] as const;
export type SpecialStatus = (typeof specialStatuses)[number];

export const hukouKinds = ['local', 'non-local'] as const;
export const applicants = ['guardian', 'agent'] as const;
export const channels = ['online', 'bank'] as const;

// Schema messages are tokens that read the same in Chinese and English; zod words the rest.
const isoDate = (z: Zod) => z.string().refine((value) => parseIsoDate(value) === value, 'YYYY-MM-DD');

const profileFile = (z: Zod) => z
  .object({
    version: z.literal(1),
    createdOn: isoDate(z),
    /** A region id of rules/regions/; `national` when the family's city has no rules of its own. */
    region: z.string().min(1),
    child: z
      .object({
        birthDate: isoDate(z),
        sex: z.enum(['male', 'female']).optional(),
        /** Only present when the parent agreed to keep it. Never printed in full. */
        idNumber: z.string().regex(/^\d{17}[\dX]$/).optional(),
      })
      .strict(),
    hukou: z.enum(hukouKinds),
    residencePermit: z.boolean().optional(),
    shanghai120Points: z.boolean().optional(),
    stage: z.enum(stages),
    /** Already enrolled in resident medical insurance and paid for the current year. */
    paid: z.boolean(),
    applicant: z.enum(applicants),
    special: z.array(z.enum(specialStatuses)),
    /** Absolute path of the photo to check; the checklist checks it again each time it runs. */
    photo: z.string().min(1).optional(),
    channel: z.enum(channels),
  })
  .strict();

/** A profile file's schema, built when a profile is first read. */
export const profileSchema = lazySchema('profile', profileFile);

export type Profile = z.infer<ReturnType<typeof profileFile>>;

/** Age in whole years on `today` (a birthday on 29 Feb counts on 1 Mar in common years). */
export function ageInYears(birthDate: IsoDate, today: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return Math.max(0, ty - by - (hadBirthday ? 0 : 1));
}

/** Age in whole months on `today`: how parents give a baby's age. */
export function ageInMonths(birthDate: IsoDate, today: IsoDate): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return Math.max(0, (ty - by) * 12 + (tm - bm) - (td < bd ? 1 : 0));
}

/** The stage a child of this age is most likely in; the interview offers it as the default. */
export function likelyStage(birthDate: IsoDate, today: IsoDate): Stage {
  const age = ageInYears(birthDate, today);
  if (age < 1) return 'newborn';
  if (age < 3) return 'preschool';
  if (age < 6) return 'kindergarten';
  return 'school';
}
