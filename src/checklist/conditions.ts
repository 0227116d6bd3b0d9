/**
 * One small matcher for every conditional item and tip: conditions are data in rules/, facts come
 * from the profile. An object holds when all of its entries hold; a list when any of its objects
 * does; no conditions always hold. An entry compares one fact: a plain value must be equal, a list
 * names allowed values, {"not": …} excludes values, and minX / maxX bound a numeric fact X.
 */
import type { z } from 'zod';
import type { Zod } from '../core/schema.js';
import { ageInYears, type Profile } from '../profile/index.js';

export type Scalar = string | number | boolean;

/** What conditions can ask about a family. Names are public: rules files use them. */
export interface Facts {
  region: string;
  hukou: Profile['hukou'];
  residencePermit: boolean | undefined;
  shanghai120Points: boolean | undefined;
  stage: Profile['stage'];
  /** Whole years on the checklist's date. */
  age: number;
  paid: boolean;
  agent: boolean;
  channel: Profile['channel'];
  lowIncome: boolean;
  extremePoverty: boolean;
  disability: boolean;
  /** The region lets a child this young apply for the card without a photo (rules/regions photo.notNeededUnderAge). */
  photoOptional: boolean;
}

const factNames = [
  'region', 'hukou', 'residencePermit', 'shanghai120Points', 'stage', 'age', 'paid', 'agent', 'channel',
  'lowIncome', 'extremePoverty', 'disability', 'photoOptional',
] as const satisfies ReadonlyArray<keyof Facts>;
const numericFacts = ['age'] as const satisfies ReadonlyArray<keyof Facts>;

const scalar = (z: Zod) => z.union([z.string(), z.number(), z.boolean()]);
const value = (z: Zod) => z.union([scalar(z), z.array(scalar(z)).min(1), z.object({ not: z.union([scalar(z), z.array(scalar(z)).min(1)]) }).strict()]);
const capitalize = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** A condition object may only name known facts, so a typo in a rules file fails on load. */
const condition = (z: Zod) => z
  .object({
    ...Object.fromEntries(factNames.map((name) => [name, value(z).optional()])),
    ...Object.fromEntries(numericFacts.flatMap((name) => [[`min${capitalize(name)}`, z.number().optional()], [`max${capitalize(name)}`, z.number().optional()]])),
  })
  .strict();

export const conditionsSchema = (z: Zod) => z.union([condition(z), z.array(condition(z)).min(1)]);
export type Condition = Record<string, z.infer<ReturnType<typeof value>> | undefined>;
export type Conditions = Condition | Condition[];

export function factsOf(profile: Profile, today: string, photoNotNeededUnderAge?: number): Facts {
  const age = ageInYears(profile.child.birthDate, today);
  return {
    region: profile.region,
    hukou: profile.hukou,
    residencePermit: profile.residencePermit,
    shanghai120Points: profile.shanghai120Points,
    stage: profile.stage,
    age,
    paid: profile.paid,
    agent: profile.applicant === 'agent',
    channel: profile.channel,
    lowIncome: profile.special.includes('low-income'),
    extremePoverty: profile.special.includes('extreme-poverty'),
    disability: profile.special.includes('disability'),
    photoOptional: photoNotNeededUnderAge !== undefined && age < photoNotNeededUnderAge,
  };
}

export function matches(conditions: Conditions | undefined, facts: Facts): boolean {
  if (conditions === undefined) return true;
  if (Array.isArray(conditions)) return conditions.some((one) => matchesAll(one, facts));
  return matchesAll(conditions, facts);
}

function matchesAll(condition: Condition, facts: Facts): boolean {
  const known = facts as unknown as Record<string, Scalar | undefined>;
  return Object.entries(condition).every(([key, expected]) => {
    if (expected === undefined) return true;
    const bounded = /^(min|max)([A-Z]\w*)$/.exec(key);
    if (bounded && typeof expected === 'number') {
      const name = bounded[2]!;
      const actual = known[name.charAt(0).toLowerCase() + name.slice(1)];
      if (typeof actual !== 'number') return false;
      return bounded[1] === 'min' ? actual >= expected : actual <= expected;
    }
    const actual = known[key];
    if (typeof expected === 'object' && !Array.isArray(expected)) return !oneOf(expected.not, actual);
    return oneOf(expected, actual);
  });
}

function oneOf(allowed: Scalar | Scalar[], actual: Scalar | undefined): boolean {
  return Array.isArray(allowed) ? allowed.some((v) => v === actual) : allowed === actual;
}
