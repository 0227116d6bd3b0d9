/** Resident ID numbers: validation, decoding and masking (GB 11643-1999, DOMAIN.md §4). */
import type { Text } from '../core/i18n.js';
import type { IdKind } from './resident-id.js';

export { checkCharacterOf, maskIdNumber, normalizeIdInput, parseIdNumber } from './resident-id.js';
export type { IdInfo, IdKind, IdProblem, IdProblemId } from './resident-id.js';

export const idKindNames: Readonly<Record<IdKind, Text>> = {
  resident: { zh: '居民身份证', en: 'resident ID card' },
  'hk-macao-taiwan-permit': { zh: '港澳台居民居住证', en: 'residence permit for Hong Kong, Macao or Taiwan residents' },
  'foreign-permanent-resident': { zh: '外国人永久居留身份证', en: "foreigner's permanent residence ID card" },
};

export const sexNames: Readonly<Record<'male' | 'female', Text>> = {
  male: { zh: '男', en: 'male' },
  female: { zh: '女', en: 'female' },
};
