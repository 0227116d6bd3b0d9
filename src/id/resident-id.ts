/**
 * Resident ID numbers (公民身份号码, GB 11643-1999): 6-digit area code, birth date YYYYMMDD,
 * 3-digit sequence (odd = male, even = female) and an ISO 7064 MOD 11-2 check character.
 * Numbers stay strings: 18 digits exceed Number.MAX_SAFE_INTEGER.
 */
import { daysBetween, parseIsoDate, requireIsoDate, type IsoDate } from '../core/dates.js';
import { kindOf, ShebaoError } from '../core/errors.js';
import type { Text } from '../core/text.js';
import { ageInYears } from '../profile/profile.js';
import { provinces } from './provinces.js';

/** GB 11643-1999 §6.2: weight of position i is 2^(17-i) mod 11. */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const checkCharacters = '10X98765432';

/**
 * Birth years an 18-digit number may encode: numbers were first issued in 1984, to people alive
 * then, some born in the 1880s; a year after 2100 is a typo. The CLI's own dates stay 1900–2100.
 */
const idBirthYears = { min: 1800, max: 2100 };

export type IdKind =
  /** 居民身份证 */
  | 'resident'
  /** 港澳台居民居住证: area code 810000 / 820000 / 830000. */
  | 'hk-macao-taiwan-permit'
  /** 外国人永久居留身份证 (2023 edition): first digit 9, then the issuing province. */
  | 'foreign-permanent-resident';

export type Sex = 'male' | 'female';

/**
 * What is wrong with a number, with what the renderer needs to say it. Never the number itself:
 * at most the part that is wrong (a character, the birth-date digits, the area code).
 */
export type IdProblem =
  | { reason: 'empty' }
  | { reason: 'bad-length'; expected: string; actual: string }
  /** `position` counts from 1; `actual` is the character found there. */
  | { reason: 'bad-characters'; position: number; actual: string }
  /** `actual` is the eight birth-date digits, which name no day. */
  | { reason: 'bad-birth-date'; actual: string }
  | { reason: 'future-birth-date'; actual: IsoDate; today: IsoDate }
  /** `expected` and `actual` are left out beside a masked number (maskIdProblem). */
  | { reason: 'bad-check-digit'; expected?: string; actual?: string };

export type IdReason = IdProblem['reason'];

/**
 * What is doubtful but does not make a number invalid. An area code outside today's province list
 * may have been abolished or renamed after the number was issued (numbers are never reissued for
 * that), so it is a warning: rejecting it would reject real people. `actual` is the province part.
 */
export type IdWarning = { reason: 'unknown-region'; actual: string };
export type IdProblemOf<R extends IdReason> = Extract<IdProblem, { reason: R }>;

export interface IdInfo {
  /** The normalized 18-character number (upgraded from 15 digits), or undefined when it cannot be read. Personal data: mask before printing. */
  number: string | undefined;
  valid: boolean;
  /** Why the number is invalid (its first problem); undefined when valid. */
  reason?: IdReason;
  upgradedFrom15: boolean;
  kind?: IdKind;
  birthDate?: IsoDate;
  /** Age on `today` in whole years and in days, when the birth date is a real day not after today. */
  age?: { years: number; days: number };
  sex?: Sex;
  /** The province of the area code; for a foreigner's permanent residence ID, the issuing province. */
  province?: { code: string; name: Text };
  problems: IdProblem[];
  /** Doubts that leave the number valid (see IdWarning). */
  warnings: IdWarning[];
}

const fullWidthDigit = /[\uFF10-\uFF19]/g;

/** Accept what people paste: full-width digits, lowercase or full-width x, spaces of any width. */
export function normalizeIdInput(input: string): string {
  return input
    .replace(fullWidthDigit, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[xｘＸ]/g, 'X')
    .replace(/\s+/g, '');
}

/** The check character for the first 17 characters of an 18-character number. */
export function checkCharacterOf(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * weights[i]!;
  return checkCharacters[sum % 11]!;
}

/**
 * `******19491231****`: the birth date and nothing else. Shown beside the decoded rows (birth date,
 * sex, province), the area code's last four digits, the sequence number and the check character
 * stay hidden: region and birth date together leave three digits to guess, and a visible check
 * character narrows even those to a handful. A 15-digit legacy number shows its six date digits;
 * anything else is all stars (a mistyped number is still someone's number).
 */
export function maskIdNumber(value: string): string {
  if (typeof value !== 'string') throw new ShebaoError('invalid-argument', { name: 'value', expected: 'an ID number (string)', received: kindOf(value) });
  const chars = [...value];
  const shown = chars.length === 18 ? [6, 14] : chars.length === 15 ? [6, 12] : [0, 0];
  return chars.map((c, i) => (i >= shown[0]! && i < shown[1]! ? c : '*')).join('');
}

/** A 15- or 18-character ID number standing alone in some text (not inside a longer run of digits or letters). */
const idNumberIn = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g;

/** Text with every ID number in it masked: for error messages, which never show one. */
export function maskIdNumbersIn(text: string): string {
  return text.replace(idNumberIn, (number) => maskIdNumber(number.toUpperCase()));
}

/**
 * A problem as it may be shown beside a masked number: a wrong check character names neither the
 * right one nor the one found, since either narrows down the hidden digits.
 */
export function maskIdProblem(problem: IdProblem): IdProblem {
  return problem.reason === 'bad-check-digit' ? { reason: 'bad-check-digit' } : problem;
}

/** Validate and decode an ID number. `today` bounds the birth date (no future births) and gives the age. */
export function parseIdNumber(input: string, options: { today: IsoDate }): IdInfo {
  // Digits of 18 exceed Number.MAX_SAFE_INTEGER: a number given as a number has lost its last ones.
  if (typeof input !== 'string') throw new ShebaoError('invalid-argument', { name: 'input', expected: 'an ID number as a string', received: kindOf(input) });
  if (options?.today === undefined) throw new ShebaoError('missing-option', { name: 'today', expected: 'YYYY-MM-DD' });
  const today = requireIsoDate(options.today, 'today');
  const raw = normalizeIdInput(input);
  const invalid = (problem: IdProblem): IdInfo => ({ number: undefined, valid: false, reason: problem.reason, upgradedFrom15: false, problems: [problem], warnings: [] });
  if (raw === '') return invalid({ reason: 'empty' });
  if (raw.length !== 18 && raw.length !== 15) return invalid({ reason: 'bad-length', expected: '18', actual: String(raw.length) });
  const pattern = raw.length === 18 ? /^\d{17}[\dX]$/ : /^\d{15}$/;
  if (!pattern.test(raw)) {
    const index = [...raw].findIndex((c, i) => !/\d/.test(c) && !(raw.length === 18 && i === 17 && c === 'X'));
    return invalid({ reason: 'bad-characters', position: index + 1, actual: raw[index] ?? '' });
  }

  const upgradedFrom15 = raw.length === 15;
  // GB 11643-1999 appendix: a 15-digit number becomes 18 by inserting the century 19 and a check character.
  const first17 = upgradedFrom15 ? `${raw.slice(0, 6)}19${raw.slice(6)}` : raw.slice(0, 17);
  const number = `${first17}${upgradedFrom15 ? checkCharacterOf(first17) : raw[17]!}`;
  const problems: IdProblem[] = [];
  const warnings: IdWarning[] = [];

  const kind: IdKind = number.startsWith('9') ? 'foreign-permanent-resident' : /^8[123]/.test(number) ? 'hk-macao-taiwan-permit' : 'resident';
  const provinceCode = kind === 'foreign-permanent-resident' ? number.slice(1, 3) : number.slice(0, 2);
  const provinceName = provinces[provinceCode];
  if (provinceName === undefined || (kind === 'foreign-permanent-resident' && Number(provinceCode) >= 71)) {
    warnings.push({ reason: 'unknown-region', actual: provinceCode });
  }

  const digits = number.slice(6, 14);
  const birthDate = parseIsoDate(`${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`, idBirthYears);
  if (birthDate === undefined) problems.push({ reason: 'bad-birth-date', actual: digits });
  else if (birthDate > today) problems.push({ reason: 'future-birth-date', actual: birthDate, today });
  const age = birthDate !== undefined && birthDate <= today ? { years: ageInYears(birthDate, today), days: daysBetween(birthDate, today) } : undefined;

  const expected = checkCharacterOf(first17);
  if (!upgradedFrom15 && number[17] !== expected) {
    problems.push({ reason: 'bad-check-digit', expected, actual: number[17]! });
  }

  return {
    number,
    valid: problems.length === 0,
    ...(problems[0] === undefined ? {} : { reason: problems[0].reason }),
    upgradedFrom15,
    kind,
    ...(birthDate === undefined ? {} : { birthDate }),
    ...(age === undefined ? {} : { age }),
    sex: Number(number[16]) % 2 === 1 ? 'male' : 'female',
    ...(provinceName === undefined ? {} : { province: { code: provinceCode, name: provinceName } }),
    problems,
    warnings,
  };
}
