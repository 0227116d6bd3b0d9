import type { ChecklistErrorDetails } from '../../checklist/errors.js';
import type { ChecklistWording } from '../checklist.js';
import type { ErrorTable } from '../table.js';
import { plan } from './plan.js';

export const checklist: ChecklistWording = {
  help: {
    summary: 'your personal checklist from a saved profile',
    description: 'Your personal checklist from a saved profile: dates, places, what to bring and tips for each step',
    options: {
      profile: 'the profile file (made by shebao profile)',
      format: 'output format',
      json: 'print JSON (same as --format json)',
      today: 'treat this date as today (YYYY-MM-DD)',
      applied: 'the day you applied for the card, for production and collection dates',
      photo: "check this photo instead of the profile's (e.g. the one fix-photo wrote)",
      holidays: 'your own holiday file for a year (JSON, shaped like rules/holidays/2026.json); repeatable',
    },
    after: [
      '',
      'Examples:',
      '  shebao checklist                                   reads ./shebao-profile.json',
      '  shebao checklist --format markdown > checklist.md  a printable checklist with [ ] boxes',
      '  shebao checklist --lang en --applied 2026-11-20   in English, with card dates',
      '  shebao checklist --photo baby-fixed.jpg            check the fixed photo',
      '',
      'Exit codes: 0 checklist printed · 2 missing or invalid profile',
    ].join('\n'),
  },
  title: (regionName, provisional) => `Social security card and medical insurance checklist · ${regionName}${provisional ? ' (provisional rules)' : ''}`,
  child: (birthDate, { years, months }, stageName, today) =>
    `child born ${birthDate} (${years >= 1 ? `age ${years}` : `${months} month${months === 1 ? '' : 's'} old`}) · ${stageName} · made on ${today}`,
  done: ' (done)',
  status: { overdue: 'overdue', 'due-soon': 'due soon', upcoming: 'upcoming', done: 'done' },
  reached: 'reached',
  when: (span, relative, estimate) => {
    const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;
    const said = {
      today: () => 'today',
      left: (n: number) => `${days(n)} left`,
      open: (n: number) => (n === 0 ? 'under way, ends today' : `under way, ends in ${days(n)}`),
      ago: (n: number) => `${days(n)} ago`,
      overdue: (n: number) => `${days(n)} overdue`,
    };
    const text = relative.kind === 'today' ? said.today() : said[relative.kind](relative.days);
    return `${span} (${text}${estimate ? ', estimate' : ''})`;
  },
  range: (start, end) => `${start} to ${end}`,
  bring: { original: 'original', copy: 'copy', pages: (pages) => ` (${pages})`, note: (note) => `; ${note}` },
  where: {
    enroll: 'enrol: ',
    pay: 'pay: ',
    online: 'online: ',
    'in-person': 'in person: ',
    progress: 'progress: ',
    phone: 'phone: ',
    collect: 'collect at: ',
    'e-voucher': 'e-voucher: ',
  },
  replacementFee: (yuan) => (yuan === null ? 'set locally (commonly ¥20)' : `¥${yuan}`),
  cardDuration: (regionName, earliest, latest) =>
    earliest.count === 0
      ? `${regionName}: partner bank branches issue the card on the spot; otherwise it usually takes up to ${plan.cardPeriod(latest)}.`
      : `${regionName}: the card is usually ready ${plan.cardPeriod(earliest)} to ${plan.cardPeriod(latest)} after applying.`,
  terminal: {
    milestones: plan.terminal.milestones,
    cardDuration: (earliest) => (earliest.count === 0 ? undefined : 'Add --applied <date> for the dates.'),
    items: { 'e-photo': 'check it with shebao check-photo' },
    checkPhoto: 'run shebao check-photo <photo file>',
  },
  photo: {
    notGiven: 'photo not checked yet',
    unreadable: (file, error) => `could not check the photo ${file}: ${error}`,
    passed: (file, notes) => `the photo ${file} passed the checks${notes.length > 0 ? ` (${notes.length} note(s): ${notes.join('; ')})` : ''}`,
    failed: (file, problems) => `the photo ${file} failed: ${problems.join('; ')}`,
    receiptOnly: 'your own photo does not replace the receipt: at this age a photo studio’s digital photo receipt is required (the item above); the check below is for reference only',
    check: 'photo check',
    fix: 'Fix: ',
    recheck: 'Then check again: ',
  },
  colon: ': ',
  sentenceEnd: '. ',
  note: 'Note: ',
  text: { where: 'Where:', bring: 'Bring:', tips: 'Tips:', phone: 'Phone: ' },
  markdown: { dates: 'Dates', where: 'Where', bring: 'What to bring', tips: 'Tips', phone: 'Phone' },
  closing: (numbers) => `Practice differs between places and changes: confirm with ${numbers} or the local medical insurance office before you go.`,
};

export const checklistErrors: ErrorTable<ChecklistErrorDetails> = {};
