/**
 * Region rules: one JSON file per region in rules/regions/, validated on load. Policy lives in the
 * files (windows, waiting periods, payment windows, card production, apps, hotlines, offices, each
 * with its source and the date someone last checked it); this module only reads and checks them.
 */
import { readdirSync } from 'node:fs';
import type { z } from 'zod';
import { ShebaoError } from '../core/errors.js';
import { loadJsonFile, premiumsSchema, rulesPath, sourced, type Premium } from '../core/rules-loader.js';
import { lazySchema, type Zod } from '../core/schema.js';
import type { Text } from '../core/text.js';

// Each schema is a function of zod, called when a region file is first validated (../core/schema.ts).

const text = (z: Zod) => z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();

const period = (z: Zod) => z
  .object({
    unit: z.enum(['days', 'months']),
    count: z.number().int().positive(),
    countStartDay: z.boolean(),
  })
  .strict();

/** "MM-DD", a day that exists in every year (so not 02-29). */
const monthDay = (z: Zod) => z
  .string()
  .regex(/^\d{2}-\d{2}$/, 'MM-DD')
  .refine((value) => {
    const [month, day] = value.split('-').map(Number) as [number, number];
    const days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    return days !== undefined && day >= 1 && day <= days;
  }, 'MM-DD: 01-01…12-31, ≠ 02-29');

const cardPeriod = (z: Zod) => z
  .object({ unit: z.enum(['working-days', 'calendar-days']), count: z.number().int().min(0) })
  .strict();

export const steps = ['enroll', 'pay', 'apply', 'progress', 'e-voucher'] as const;
export type Step = (typeof steps)[number];

/** The sections national.json must hold: every other region falls back to them. */
const nationalFields = ['newborn', 'lateEnrollment', 'annualPayment', 'card', 'apps', 'hotlines', 'offices'] as const;

const newbornSchema = (z: Zod) => z
  .object({
    /** Counted from the birth date (民法典 art. 201 unless countStartDay). */
    window: period(z),
    /** Enrolled and paid within the window → cover from the birth date. */
    coverFromBirth: z.boolean(),
    ...sourced(z),
  })
  .strict();

const lateEnrollmentSchema = (z: Zod) => z
  .object({
    /** When cover starts for someone who enrols outside their window. */
    coverStarts: z.enum(['after-wait', 'month-after-payment', 'day-after-payment']),
    /** The waiting period after payment, when coverStarts is after-wait. */
    wait: z.object({ unit: z.enum(['days', 'months']), count: z.number().int().positive() }).strict().nullable(),
    summary: text(z),
    ...sourced(z),
  })
  .strict()
  .refine((late) => (late.coverStarts === 'after-wait') === (late.wait !== null), {
    message: 'wait ≠ null ⇔ coverStarts = after-wait',
    path: ['wait'],
  });

const annualPaymentSchema = (z: Zod) => z
  .object({
    /** The concentrated payment period for next year's cover, as month-day in the current year. */
    start: monthDay(z),
    end: monthDay(z),
    /** True when no local figure is known and the common national practice is shown instead. */
    typical: z.boolean(),
    /** True when the region says a window ending on a rest day is extended (Shanghai). */
    endMovesToWorkingDay: z.boolean(),
    ...sourced(z),
  })
  .strict()
  .refine((window) => window.start < window.end, { message: 'start < end', path: ['end'] });

const cardSchema = (z: Zod) => z
  .object({
    earliest: cardPeriod(z),
    latest: cardPeriod(z),
    replacementFeeYuan: z.number().min(0).nullable(),
    ...sourced(z),
  })
  .strict();

const appSchema = (z: Zod) => z.object({ name: text(z), steps: z.array(z.enum(steps)).min(1), ...sourced(z) }).strict();
const hotlineSchema = (z: Zod) => z.object({ number: z.string().regex(/^\d{3,12}$/, '0-9'), name: text(z), ...sourced(z) }).strict();

/** Where to go in person for each step. */
const officesSchema = (z: Zod) => z.object({ enroll: text(z), pay: text(z), apply: text(z), collect: text(z), ...sourced(z) }).strict();

/** The card photo where it differs from the national rule: another spec, or none for young children. */
const photoSchema = (z: Zod) => z
  .object({
    /** A built-in spec id of rules/photo/ (check-photo --region and the checklist use it). */
    spec: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case').optional(),
    /** Children younger than this (whole years) may apply without a photo. */
    notNeededUnderAge: z.number().int().positive().optional(),
    /** What the checklist tells a family whose child needs no photo. */
    note: text(z).optional(),
    ...sourced(z),
  })
  .strict()
  .refine((photo) => photo.spec !== undefined || photo.notNeededUnderAge !== undefined, { message: 'spec | notNeededUnderAge', path: ['spec'] })
  .refine((photo) => (photo.notNeededUnderAge === undefined) === (photo.note === undefined), { message: 'note ⇔ notNeededUnderAge', path: ['note'] });

/**
 * 出生一件事 (国发〔2024〕3号's "newborn's birth" joint service): one application for the birth
 * certificate, hukou, medical-insurance enrolment and the card, where the region offers it.
 */
const birthBundleSchema = (z: Zod) => z
  .object({
    /** The service's local name. */
    name: text(z),
    /** The checklist's tip: what it bundles, who can use it, where to apply. */
    tip: text(z),
    ...sourced(z),
  })
  .strict();

/**
 * A region file. `national` holds every section; a province or city holds only the sections it
 * has a public source for, and takes the others from its parent (a city's province), then from
 * `national`, visibly: see `origins` on the loaded region.
 */
const regionFileSchema = (z: Zod) => z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, '[a-z][a-z0-9-]*'),
    name: text(z),
    /** national; province (also autonomous regions and municipalities); city (takes from its province). */
    level: z.enum(['national', 'province', 'city']).optional(),
    /** A city's province id. */
    parent: z.string().regex(/^[a-z][a-z0-9-]*$/, '[a-z][a-z0-9-]*').optional(),
    /** True while some of the region's own facts come from secondary sources or conflict. */
    provisional: z.boolean(),
    newborn: newbornSchema(z).optional(),
    lateEnrollment: lateEnrollmentSchema(z).optional(),
    annualPayment: annualPaymentSchema(z).optional(),
    card: cardSchema(z).optional(),
    apps: z.array(appSchema(z)).optional(),
    hotlines: z.array(hotlineSchema(z)).optional(),
    offices: officesSchema(z).optional(),
    photo: photoSchema(z).optional(),
    birthBundle: birthBundleSchema(z).optional(),
    /** The individual contribution by cover year (D1's shape, rules-loader.ts); absent: the parent's, then national's. */
    premiums: premiumsSchema(z).optional(),
    /** Where sources disagree: shown to the user as warnings, never hidden. */
    conflicts: z
      .array(
        z
          .object({
            field: z.enum(['newborn', 'lateEnrollment', 'annualPayment', 'card']),
            message: text(z),
            sources: z.array(z.string().min(1)).min(1),
            /** Other readings of the newborn window, so the warning can name their dates. */
            alternatives: z.array(period(z)),
          })
          .strict(),
      )
      .optional(),
    notes: z.array(text(z)).optional(),
  })
  .strict()
  .refine((region) => (region.level === 'city') === (region.parent !== undefined), { message: 'parent ⇔ level = city', path: ['parent'] })
  .superRefine((region, ctx) => {
    if (region.id !== 'national') return;
    for (const field of nationalFields) if (region[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'national' });
  });

/** A region file, validated against this when it is not the text the build validated (../core/rules-loader.ts). */
export const regionSchema = lazySchema('region', regionFileSchema);

/** What a region file holds, before its missing sections are taken from its province and national. */
export type RegionFile = z.infer<ReturnType<typeof regionFileSchema>>;

/** The sections a region may leave out: each is taken whole from the nearest region that has it. */
export const regionFields = ['newborn', 'lateEnrollment', 'annualPayment', 'card', 'premiums', 'apps', 'hotlines', 'offices', 'photo', 'birthBundle'] as const;
export type RegionField = (typeof regionFields)[number];

/**
 * Where a loaded region's section came from: its own file (`own`), its province (`province`), or
 * the national rule (`national`); `none` when no level has it (photo, birthBundle). `from` is the id
 * of the file that holds it, and `provisional` says the source is secondary.
 */
export interface RegionOrigin {
  kind: 'own' | 'province' | 'national' | 'none';
  from: string | null;
  provisional: boolean;
}

/** A region with every section filled in, and where each came from. */
export interface Region {
  id: string;
  name: Text;
  level: 'national' | 'province' | 'city';
  parent: string | null;
  provisional: boolean;
  newborn: z.infer<ReturnType<typeof newbornSchema>>;
  lateEnrollment: z.infer<ReturnType<typeof lateEnrollmentSchema>>;
  annualPayment: z.infer<ReturnType<typeof annualPaymentSchema>>;
  card: z.infer<ReturnType<typeof cardSchema>>;
  /** The region's own apps first, then its province's and the national ones not already named. */
  apps: Array<z.infer<ReturnType<typeof appSchema>>>;
  /** The region's own hotlines first (the most specific), then the others not already named. */
  hotlines: Array<z.infer<ReturnType<typeof hotlineSchema>>>;
  offices: z.infer<ReturnType<typeof officesSchema>>;
  photo: z.infer<ReturnType<typeof photoSchema>> | null;
  birthBundle: z.infer<ReturnType<typeof birthBundleSchema>> | null;
  /** The nearest file's list, whole (the premium shape is D1's: src/core/rules-loader.ts). */
  premiums: Premium[];
  conflicts: NonNullable<RegionFile['conflicts']>;
  notes: Text[];
  origins: Record<RegionField, RegionOrigin>;
}

export type RegionPeriod = z.infer<ReturnType<typeof period>>;

const files = new Map<string, RegionFile>();
const cache = new Map<string, Region>();

/** The ids of every region file, `national` first. */
export function regionIds(): string[] {
  const ids = readdirSync(rulesPath('regions'))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
  return ['national', ...ids.filter((id) => id !== 'national')];
}

/** "河南省", "广西壮族自治区", "北京市" → "河南", "广西", "北京": the names people type. */
const zhSuffix = /(省|市|特别行政区|(壮族|回族|维吾尔)?自治区)$/;

/** Find a region by id, or by its Chinese or English name ("上海", "上海市", "Shanghai"), ignoring case. */
export function resolveRegionId(input: string): string {
  const trimmed = input.trim();
  const wanted = trimmed.toLowerCase();
  const ids = regionIds();
  if (ids.includes(wanted)) return wanted;
  const bare = trimmed.replace(zhSuffix, '');
  for (const id of ids) {
    const { name } = loadRegionFile(id);
    if (name.zh === trimmed || name.zh === bare || name.en.toLowerCase() === wanted) return id;
  }
  throw new ShebaoError('unknown-region', { region: input, known: ids });
}

/** Read and validate rules/regions/<id>.json as written (cached): only the sections it has. */
export function loadRegionFile(id: string): RegionFile {
  const cached = files.get(id);
  if (cached) return cached;
  if (!regionIds().includes(id)) throw new ShebaoError('unknown-region', { region: id, known: regionIds() });
  const file = rulesPath('regions', `${id}.json`);
  const region = loadJsonFile(file, regionSchema);
  if (region.id !== id) {
    throw new ShebaoError('region-id-mismatch', { file, id: region.id, expected: id });
  }
  files.set(id, region);
  return region;
}

/** The files a region takes its sections from, nearest first: itself, its province, national. */
function lineOf(own: RegionFile): RegionFile[] {
  if (own.id === 'national') return [own];
  const parent = own.parent === undefined ? [] : [loadRegionFile(own.parent)];
  return [own, ...parent, loadRegionFile('national')];
}

function originOf(holder: RegionFile | undefined, own: RegionFile, provisional: boolean): RegionOrigin {
  if (holder === undefined) return { kind: 'none', from: null, provisional: false };
  const kind = holder.id === own.id ? 'own' : holder.id === 'national' ? 'national' : 'province';
  return { kind, from: holder.id, provisional };
}

/** The nearest file with a section, and that section. */
function nearest<F extends RegionField>(line: RegionFile[], field: F): { holder: RegionFile | undefined; value: RegionFile[F] } {
  const holder = line.find((file) => file[field] !== undefined);
  return { holder, value: holder?.[field] as RegionFile[F] };
}

/** Every level's list, nearest first, each name once (the nearest level's entry wins). */
function mergedList<T>(lists: Array<T[] | undefined>, key: (entry: T) => string): T[] {
  const seen = new Set<string>();
  return lists.flatMap((list) => list ?? []).filter((entry) => !seen.has(key(entry)) && Boolean(seen.add(key(entry))));
}

/** A section every region has: national.json must hold it (its schema says so), so the line always finds it. */
function requiredSection<F extends (typeof nationalFields)[number]>(line: RegionFile[], field: F): { holder: RegionFile; value: NonNullable<RegionFile[F]> } {
  const holder = line.find((file) => file[field] !== undefined) as RegionFile;
  return { holder, value: holder[field] as NonNullable<RegionFile[F]> };
}

/**
 * A region with every section filled in: its own sections, then its province's (for a city), then
 * the national ones, each with its origin so plans and --list-regions can say what falls back.
 */
export function loadRegion(idOrName: string): Region {
  const cached = cache.get(idOrName);
  if (cached) return cached;
  const id = regionIds().includes(idOrName) ? idOrName : resolveRegionId(idOrName);
  const own = loadRegionFile(id);
  const line = lineOf(own);
  const origins = {} as Record<RegionField, RegionOrigin>;
  const section = <F extends 'newborn' | 'lateEnrollment' | 'annualPayment' | 'card' | 'offices'>(field: F) => {
    const { holder, value } = requiredSection(line, field);
    origins[field] = originOf(holder, own, (value as { provisional?: boolean }).provisional ?? false);
    return value;
  };
  const optional = <F extends 'photo' | 'birthBundle'>(field: F) => {
    const { holder, value } = nearest(line, field);
    origins[field] = originOf(holder, own, (value as { provisional?: boolean } | undefined)?.provisional ?? false);
    return value ?? null;
  };
  const list = <F extends 'apps' | 'hotlines' | 'premiums'>(field: F) => {
    const holder = line.find((file) => (file[field]?.length ?? 0) > 0);
    origins[field] = originOf(holder, own, holder?.[field]?.some((entry) => entry.provisional) ?? false);
  };
  list('apps');
  list('hotlines');
  list('premiums');
  const region: Region = {
    id,
    name: own.name,
    level: own.level ?? (id === 'national' ? 'national' : 'province'),
    parent: own.parent ?? null,
    provisional: own.provisional,
    newborn: section('newborn'),
    lateEnrollment: section('lateEnrollment'),
    annualPayment: section('annualPayment'),
    card: section('card'),
    apps: mergedList(line.map((file) => file.apps), (app) => app.name.zh),
    hotlines: mergedList(line.map((file) => file.hotlines), (hotline) => hotline.number),
    offices: section('offices'),
    photo: optional('photo'),
    birthBundle: optional('birthBundle'),
    premiums: line.find((file) => (file.premiums?.length ?? 0) > 0)?.premiums ?? [],
    conflicts: own.conflicts ?? [],
    notes: own.notes ?? [],
    origins,
  };
  cache.set(id, region);
  return region;
}

/** The sections a region takes from its province or the national rule, in the order of regionFields. */
export function fallbacksOf(region: Region, fields: readonly RegionField[] = regionFields): Array<{ field: RegionField; origin: RegionOrigin }> {
  return fields.map((field) => ({ field, origin: region.origins[field] })).filter(({ origin }) => origin.kind === 'province' || origin.kind === 'national');
}

/** Every region with what a checklist needs: channels, hotlines, card production, where to go. */
export function listRegions(): Region[] {
  return regionIds().map((id) => loadRegion(id));
}
