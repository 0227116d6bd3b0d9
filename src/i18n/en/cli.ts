import type { CoreErrorDetails } from '../../core/errors.js';
import type { FilesErrorDetails } from '../../core/files.js';
import type { CliErrorDetails } from '../../cli/errors.js';
import type { CliWording } from '../cli.js';
import type { ErrorTable } from '../table.js';
import { sayIssue } from '../schema-issue.js';

const zodLocale = 'en';

const exitCodes = 'Exit codes: 0 all passed · 1 a check found a problem · 2 usage, input or configuration error';

export const cli: CliWording = {
  errorPrefix: 'error: ',
  seeHelp: 'Run shebao --help or shebao <command> --help for usage.',
  internalError: (message) => `internal error: ${message}\nThis is a bug in shebao; please report it with the command. Set SHEBAO_DEBUG=1 for details.`,
  helpTitles: {},
  helpDefault: (value) => `default: ${value}`,
  helpChoices: (values) => `choices: ${values.join(', ')}`,
  helpNote: (notes) => ` (${notes.join(', ')})`,
  usageOptions: '[options]',
  usageCommand: '[command]',
  placeholders: {
    photos: 'photos',
    input: 'photo-or-folder',
    number: 'number',
    file: 'file',
    date: 'date',
    spec: 'name|file',
    format: 'format',
    dir: 'dir',
    path: 'path',
    region: 'id',
    lang: 'lang',
    n: 'n',
    shard: 'i/n',
    hukou: 'kind',
    stage: 'stage',
    applicant: 'who',
    special: 'list',
    channel: 'channel',
    'child-id': 'number',
    command: 'command',
  },
  usage: {
    unknownOption: (subject, suggestion) => `unknown option ${subject}${suggestion ? `; did you mean ${suggestion}?` : ''}`,
    unknownCommand: (subject, suggestion) => `unknown command ${subject}${suggestion ? `; did you mean ${suggestion}?` : ''}`,
    missingArgument: (subject) => `missing the argument ${subject}`,
    optionMissingArgument: (subject) => `the option ${subject} needs a value`,
    excessArguments: (expected, received) => `too many arguments: expected ${expected}, got ${received}`,
    invalidChoice: (subject, value, choices) => `${subject} cannot be "${value}"; choose one of: ${choices.join(', ')}`,
    other: (message) => message,
  },
  program: {
    summary: "social security card and children's medical insurance helper",
    description: "Social security card and children's medical insurance helper: ID photo checks and fixes, deadlines, your checklist",
    options: { version: 'show the version', help: 'show help', lang: 'output language: zh (Chinese, the default) or en (English)', color: 'disable colours' },
    helpCommand: 'show help for a command',
    after: [
      '',
      'Examples:',
      '  shebao                                    answer a few questions, get your checklist',
      '  shebao check-photo photo.jpg              check an ID photo',
      '  shebao fix-photo phone.jpg                turn a portrait into an ID photo',
      '  shebao plan --newborn 2024-05-01          deadlines for a newborn',
      '  shebao rules                              list every check',
      '',
      exitCodes,
    ].join('\n'),
  },
  checkPhoto: {
    summary: 'check ID photos against the spec',
    description: 'Check ID photos against the social security card spec (358×441, 14–40 KB, white background, dark clothes, head geometry)',
    arguments: { photos: 'photo files, directories (recursive) or quoted globs' },
    options: {
      spec: 'spec: shebao-card, ga461 or a JSON file',
      region: "use the region's photo spec (e.g. shenzhen; see shebao plan --list-regions)",
      json: 'print one JSON document',
      format: 'output format (csv, tsv: a row per photo, columns file, ok, failed, reasons, messages, warnings)',
      quiet: 'list only the photos that fail, one line each',
      concurrency: 'threads (default: number of cores; 1 with the face checks, whose models every thread loads anew)',
      shard: 'check only slice i of n of the sorted input',
      face: 'skip the face checks',
      annotate: "write a PNG per photo with the spec's guides and what was measured into this folder",
      force: 'replace PNGs that already exist in the --annotate folder',
      today: 'the date the recent-photo check counts from',
    },
    after: [
      '',
      'Examples:',
      '  shebao check-photo photo.jpg',
      '  shebao check-photo photos/ --json > report.json',
      '  shebao check-photo "uploads/**/*.jpg" --format junit > junit.xml',
      '  shebao check-photo photos/ --format github --shard 2/4',
      '  shebao check-photo photos/ --format csv > results.csv',
      '  shebao check-photo photo.jpg --spec ga461 --lang en',
      '  shebao check-photo photo.jpg --annotate annotated/',
      '',
      'Exit codes: 0 all passed · 1 a photo failed · 2 usage, input or spec error',
    ].join('\n'),
    progress: 'checking',
    annotationWarning: 'annotation not written: ',
    shardSummary: (index, count, taken, total) => `shard ${index}/${count}: ${taken} of ${total} photos`,
  },
  rules: {
    summary: 'list every check and deadline rule',
    description: "List the photo checks (with the chosen spec's parameters and sources) and the deadline rules",
    options: { spec: 'photo spec', region: 'the region whose rules file gives the deadline parameters', json: 'print JSON' },
    after: '\nExamples:\n  shebao rules\n  shebao rules --spec ga461 --json\n  shebao rules --region shanghai --json',
    photoHeading: (specId, specName) => `Photo checks (spec ${specId}: ${specName})`,
    deadlineHeading: (regionId, regionName) => `Deadline rules (shebao plan, region ${regionId}: ${regionName})`,
    warningOnly: ' (warning)',
    notInSpec: 'not in this spec',
    source: 'source',
  },
};

const position = (line?: number, column?: number) => (line === undefined ? '' : ` (line ${line}, column ${column ?? 1})`);

export const coreErrors: ErrorTable<CoreErrorDetails & FilesErrorDetails> = {
  'rules-invalid': ({ file, problems }) => ({
    message: `invalid rules file ${file}:\n${problems.map((p) => `  ${p.field}: ${sayIssue(p.issue, zodLocale)}`).join('\n')}`,
    hint: 'fix these fields as described in docs/check-photo.md (photo specs) or docs/plan.md (region rules)',
  }),
  'invalid-date': ({ option, value, reason, daysInMonth, suggestion, minYear, maxYear }) => {
    const check = 'Check the date; the form is YYYY-MM-DD, e.g. 2024-05-01.';
    if (reason === 'out-of-range') return { message: `${option} "${value}" is outside the years ${minYear}–${maxYear}`, hint: check };
    if (reason === 'no-such-day') return { message: `${option} "${value}" is not a real day (that month has ${daysInMonth} days)`, hint: check };
    if (reason === 'no-such-month') return { message: `${option} "${value}" is not a real day (the month must be 01–12)`, hint: check };
    return { message: `${option} "${value}" is not a date${suggestion ? ` (did you mean ${suggestion}?)` : ''}`, hint: 'Write it year first: 2024-05-01 or 2024/5/1.' };
  },
  'invalid-argument': ({ name, expected, received }) => ({ message: `${name} should be ${expected}; received ${received}` }),
  'missing-option': ({ name, expected }) => ({ message: `missing the option ${name} (${expected})` }),
  'output-exists': ({ file }) => ({ message: `${file} already exists; not overwritten`, hint: 'choose another name, or add --force to replace it' }),
  'cannot-write': ({ file, reason }) => ({ message: `cannot write ${file} (${reason})`, hint: 'check that the folder exists, that you may write to it and that the disk is not full' }),
  'output-through-link': ({ file, link }) => ({ message: `${file} not written: ${link} on its way is a symbolic link, which could send the file out of the output folder`, hint: 'remove or rename that link, or choose another output folder' }),
  'file-not-found': ({ file }) => ({ message: `no such file: ${file}`, hint: 'check the file path' }),
  'file-unreadable': ({ file, reason }) => ({ message: `cannot read ${file} (${reason})`, hint: 'check the file permissions' }),
  'file-not-regular': ({ file, fileType }) => ({
    message: `${file} is not a regular file but ${{ fifo: 'a FIFO (named pipe)', 'character-device': 'a device', 'block-device': 'a disk device', socket: 'a socket', other: 'a special file' }[fileType]}; not read`,
    hint: 'give the path of an ordinary file',
  }),
  'file-too-large': ({ file, bytes, maxBytes }) => ({
    message: `${file} is ${bytes} bytes, more than the ${maxBytes} bytes such a file may have; not read`,
    hint: 'check that this is the file you meant',
  }),
  'file-not-json': ({ file, line, column }) => ({ message: `${file} is not valid JSON${position(line, column)}`, hint: 'fix the JSON syntax and try again (keys and strings need double quotes)' }),
};

export const cliErrors: ErrorTable<CliErrorDetails> = {
  'conflicting-options': ({ first, second }) => ({ message: `${first} and ${second} cannot be used together`, hint: 'keep one of them' }),
  'empty-argument': ({ argument }) => ({ message: `${argument} is empty`, hint: 'give the path of a photo or folder; for the current folder write .' }),
  'not-positive-integer': ({ option, value }) => ({ message: `${option} "${value}" is not a positive whole number`, hint: `e.g. ${option} 4` }),
  'stdout-failed': ({ reason }) => ({
    message: reason === 'EPIPE' ? 'the output was cut short: the program reading it stopped early (EPIPE)' : `cannot write the output (${reason}${reason === 'ENOSPC' ? ': the disk is full' : ''})`,
  }),
};
