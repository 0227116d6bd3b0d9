import type { IdErrorDetails } from '../../id/errors.js';
import type { IdWording } from '../id.js';
import type { ErrorTable } from '../table.js';

export const id: IdWording = {
  help: {
    summary: 'validate a resident ID number',
    description: 'Validate a resident ID number and show the birth date, sex and province it encodes',
    arguments: { number: 'the ID number (spaces allowed; read from stdin when omitted)' },
    options: {
      show: 'print the number in full (masked by default)',
      json: 'print JSON',
      today: 'treat this date as today (YYYY-MM-DD)',
    },
    after: [
      '',
      'Examples:',
      '  shebao id 11010519491231002X',
      '  shebao id 1101 0519 4912 3100 2x        spaces, lowercase x and full-width digits are fine',
      '  echo 11010519491231002X | shebao id     keeps the number out of the shell history',
      '',
      'Exit codes: 0 valid · 1 invalid · 2 usage error',
    ].join('\n'),
  },
  valid: 'valid',
  invalid: 'invalid',
  rows: { upgraded: 'upgraded: ', document: 'document: ', born: 'born: ', sex: 'sex: ', province: 'province: ' },
  upgraded: 'from a legacy 15-digit number to 18 characters',
  issuedIn: ' (issued in)',
  kinds: {
    resident: 'resident ID card',
    'hk-macao-taiwan-permit': 'residence permit for Hong Kong, Macao or Taiwan residents',
    'foreign-permanent-resident': "foreigner's permanent residence ID card",
  },
  sexes: { male: 'male', female: 'female' },
  problems: {
    empty: () => 'no number given',
    'bad-length': ({ actual }) => `expected 18 characters (or a legacy 15-digit number), found ${actual}`,
    'bad-characters': ({ position, actual }) => `only digits are allowed, with X as the last character; character ${position} is "${actual}"`,
    'bad-birth-date': ({ actual }) => `birth date ${actual} does not exist`,
    'future-birth-date': ({ actual, today }) => `birth date ${actual} is after today (${today})`,
    'bad-check-digit': ({ expected, actual }) =>
      expected === undefined || actual === undefined ? 'the check character does not match: a character is mistyped' : `the check character should be ${expected}, found ${actual}`,
  },
  warnings: {
    'unknown-region': ({ actual }) => `the area code starts ${actual}, which is not in today's list of provinces: the area may have been abolished or renamed since, or it is a typo (a warning only: it does not make the number invalid)`,
  },
};

export const idErrors: ErrorTable<IdErrorDetails> = {
  'id-number-missing': () => ({ message: 'missing the ID number', hint: 'usage: shebao id <number>, or echo <number> | shebao id' }),
  'id-input-too-long': ({ limit }) => ({ message: `stdin has no line break in its first ${limit / 1024 / 1024} MB, so it holds no ID number`, hint: 'give one ID number on the first line, e.g. echo <number> | shebao id' }),
};
