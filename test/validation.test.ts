/**
 * Issue 10, finding 7 (wrong codes) and the input half of finding 3: what a user or a library
 * caller can type that used to be accepted as something else. Dates outside 1900–2100, absurd
 * shard numbers, file names with escape sequences or bytes that are not UTF-8, ICC descriptions
 * with escape sequences, XML-invalid characters, library calls with wrong types.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.js';
import { addDays, daysBetween, parseIsoDate, requireIsoDate, toDayNumber } from '../src/core/dates.js';
import { escapeControls, fsPath, nameFromBytes } from '../src/core/names.js';
import * as shebao from '../src/index.js';
import { fakeContext } from './helpers/context.js';

const root = new URL('..', import.meta.url).pathname;
const pass = readFileSync(path.join(root, 'fixtures/photo/pass.jpg'));
const dir = mkdtempSync(path.join(tmpdir(), 'shebao-validation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], options: { stdin?: Readable; cwd?: string } = {}) {
  const ctx = fakeContext({ cwd: options.cwd ?? dir, ...(options.stdin ? { stdin: Object.assign(options.stdin, { isTTY: false }) } : {}) });
  const code = await runCli(args, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

const stackTrace = /\n\s+at /;
/** Any raw control character but line feed: what would reach a terminal and be obeyed. */
const rawControl = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('dates outside 1900–2100 are a usage error', () => {
  it.each([
    ['plan', '--newborn', '0024-05-01'],
    ['plan', '--newborn', '9999-12-31'],
    ['plan', '--newborn', '2024-05-01', '--today', '0099-01-01'],
    ['plan', '--newborn', '2024-05-01', '--today', '9999-12-31'],
    ['id', '11010519491231002X', '--today', '0001-01-01'],
    ['checklist', '--today', '2101-01-01'],
  ])('%s %s %s … exits 2 with invalid-date', async (...args) => {
    const { code, out, err } = await cli(['--lang', 'en', ...args]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('outside the years 1900–2100');
    expect(err).not.toContain('NaN');
  });

  it('the one validator says why, and the arithmetic keeps years 0–99 as they are', () => {
    expect(parseIsoDate('0024-05-01')).toBeUndefined();
    expect(parseIsoDate('1900-01-01')).toBe('1900-01-01');
    expect(parseIsoDate('2100-12-31')).toBe('2100-12-31');
    expect(() => requireIsoDate('9999-12-31', '--today')).toThrow(expect.objectContaining({ code: 'invalid-date', details: expect.objectContaining({ reason: 'out-of-range', minYear: 1900, maxYear: 2100 }) }));
    // Date.UTC(99, 0, 1) is 1999-01-01; a day number of 0099 must not be 1999's.
    expect(daysBetween('0099-01-01', '1999-01-01')).toBe(toDayNumber('1999-01-01') - toDayNumber('0099-01-01'));
    expect(toDayNumber('1999-01-01') - toDayNumber('0099-01-01')).toBe(1900 * 365 + 460);
    expect(addDays('2100-12-31', 1)).toBe('2101-01-01');
  });

  it('the library refuses them too', () => {
    expect(() => shebao.planDeadlines({ birthDate: '9999-12-31', today: '2026-01-01' })).toThrow(expect.objectContaining({ code: 'invalid-date' }));
    expect(() => shebao.planDeadlines({ birthDate: '2024-05-01', today: '0024-05-01' })).toThrow(expect.objectContaining({ code: 'invalid-date' }));
  });

  it('an ID number may still encode a birth in the 1880s (data, not input)', () => {
    expect(shebao.parseIdNumber('440524188001010014', { today: '2026-01-01' }).valid).toBe(true);
  });
});

describe('--shard numbers', () => {
  it.each(['1/99999999999999999999', '99999999999999999999/99999999999999999999', '1/1000001', '0/4', '5/4', '1/0'])('--shard %s exits 2 having checked nothing', async (shard) => {
    const { code, out, err } = await cli(['check-photo', '--no-face', '--today', '2026-01-01', '--shard', shard, path.join(root, 'fixtures/photo/pass.jpg')]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('--shard');
  });

  it('--shard 1/1000000 is accepted (an empty slice of a small batch is not an error)', async () => {
    const { code } = await cli(['check-photo', '--no-face', '--today', '2026-01-01', '--shard', '1/1000000', '--json', path.join(root, 'fixtures/photo/pass.jpg')]);
    expect(code).toBe(0);
  });
});

/** A JPEG carrying an ICC profile whose v2 'desc' description is `description` (Latin-1). */
function withIccDescription(jpeg: Buffer, description: string): Buffer {
  const text = Buffer.from(`${description}\0`, 'latin1');
  const icc = Buffer.alloc(144 + 12 + text.length);
  icc.writeUInt32BE(icc.length, 0);
  icc.write('mntr', 12, 'latin1');
  icc.write('RGB ', 16, 'latin1');
  icc.write('XYZ ', 20, 'latin1');
  icc.write('acsp', 36, 'latin1');
  icc.writeUInt32BE(1, 128); // one tag
  icc.write('desc', 132, 'latin1');
  icc.writeUInt32BE(144, 136);
  icc.writeUInt32BE(12 + text.length, 140);
  icc.write('desc', 144, 'latin1');
  icc.writeUInt32BE(text.length, 152);
  text.copy(icc, 156);
  const payload = Buffer.concat([Buffer.from('ICC_PROFILE\0', 'latin1'), Buffer.from([1, 1]), icc]);
  const segment = Buffer.concat([Buffer.from([0xff, 0xe2, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

describe('names from outside are shown escaped', () => {
  const hostile = path.join(dir, 'hostile');
  const escapeName = 'red\u001b[31mX\u001b]0;pwned\u0007.jpg';
  const bidiName = 'gpj.\u202eexe.jpg';
  const nonUtf8 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2e, 0x6a, 0x70, 0x67]); // "caf\xE9.jpg" in Latin-1
  const xmlName = 'bom\ufffe.jpg';
  mkdirSync(hostile);
  writeFileSync(path.join(hostile, escapeName), pass);
  writeFileSync(path.join(hostile, bidiName), pass);
  writeFileSync(path.join(hostile, xmlName), pass);
  writeFileSync(Buffer.concat([Buffer.from(`${hostile}/`), nonUtf8]), pass);
  writeFileSync(path.join(hostile, 'icc.jpg'), withIccDescription(pass, 'Evil\u001b[2J\u001b]0;title\u0007 RGB'));

  it('in the human report: file names and ICC descriptions never reach the terminal raw', async () => {
    const { code, out, err } = await cli(['--lang', 'en', 'check-photo', '--no-face', '--today', '2026-01-01', 'hostile']);
    expect(err).not.toMatch(stackTrace);
    expect(out).not.toMatch(rawControl);
    expect(out).not.toContain('\u202e');
    expect(out).toContain('hostile/red\\x1B[31mX\\x1B]0;pwned\\x07.jpg');
    expect(out).toContain('hostile/gpj.\\u202Eexe.jpg');
    expect(out).toContain('"Evil\\x1B[2J\\x1B]0;title\\x07 RGB"');
    expect([0, 1]).toContain(code);
  });

  it('a name that is not UTF-8 is found in a folder and checked, not "file not found"', async () => {
    const { out } = await cli(['check-photo', '--no-face', '--today', '2026-01-01', '--json', 'hostile']);
    const doc = JSON.parse(out);
    expect(doc.summary.total).toBe(5);
    const latin = doc.results.find((report: { file: string }) => report.file.startsWith('hostile/caf'));
    expect(latin.file).toBe('hostile/caf\udce9.jpg'); // the byte 0xE9 kept, as Python's surrogateescape does
    expect(latin.checks.find((check: { id: string }) => check.id === 'readable').status).toBe('pass');
  });

  it('typed on the command line (argv decodes it as U+FFFD), the one matching name is found', async () => {
    const typed = `hostile/${nonUtf8.toString('utf8')}`; // what process.argv gives
    expect(typed).toContain('\ufffd');
    const { code, out } = await cli(['--lang', 'en', 'check-photo', '--no-face', '--today', '2026-01-01', typed]);
    expect(out).toContain('hostile/caf\\xE9.jpg');
    expect(out).not.toContain('missing');
    expect(code).toBe(0);
  });

  it('JUnit XML stays well-formed: XML-invalid characters are escaped, not emitted', async () => {
    const { out } = await cli(['check-photo', '--no-face', '--today', '2026-01-01', '--format', 'junit', 'hostile']);
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/);
    expect(out).toContain('name="hostile/bom\\uFFFE.jpg"');
    expect(out).toContain('name="hostile/caf\\xE9.jpg"');
    expect(out.match(/<testcase /g)).toHaveLength(5);
  });

  it('GitHub annotations carry no raw control characters', async () => {
    const { out } = await cli(['check-photo', '--no-face', '--today', '2026-01-01', '--format', 'github', 'hostile']);
    expect(out).not.toMatch(rawControl);
  });

  it('names in error messages are escaped too', async () => {
    const { code, err } = await cli(['plan', '--newborn', '2024-05-01', '--ics', 'no-such-folder/\u001b[31mred.ics']);
    expect(code).toBe(2);
    expect(err).not.toMatch(rawControl);
    expect(err).toContain('\\x1B[31mred.ics');
  });

  it('the byte escapes round-trip to the file system', () => {
    const name = nameFromBytes(nonUtf8);
    expect(name).toBe('caf\udce9.jpg');
    expect(fsPath(name)).toEqual(nonUtf8);
    expect(fsPath('plain.jpg')).toBe('plain.jpg');
    expect(nameFromBytes(Buffer.from('證件照😀.jpg'))).toBe('證件照😀.jpg');
    expect(escapeControls('a\u0000b\u009bc\ud800d😀')).toBe('a\\x00b\\u009Bc\\uD800d😀');
  });
});


describe('`shebao id` reads stdin within bounds', () => {
  it('</dev/zero (no line break, ever) is a usage error, exit 2, after at most 1 MB', async () => {
    let read = 0;
    const zeros = new Readable({
      read() {
        read += 65_536;
        this.push(Buffer.alloc(65_536));
      },
    });
    const { code, out, err } = await cli(['--lang', 'en', 'id'], { stdin: zeros });
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain('no line break in its first 1 MB');
    expect(err).not.toContain('internal error');
    expect(read).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it('an endless stream of numbers (`yes <number> |`) ends after the first line', async () => {
    const endless = new Readable({
      read() {
        this.push('11010519491231002X\n');
      },
    });
    const { code, out } = await cli(['id'], { stdin: endless });
    expect(code).toBe(0);
    expect(out).toContain('有效');
  });
});

describe('library calls with wrong types get invalid-argument, never a raw TypeError', () => {
  const today = '2026-01-01';
  const rejects = async (run: () => unknown, name: string) => {
    let caught: unknown;
    try {
      await run();
    } catch (error) {
      caught = error;
    }
    expect(caught, name).toBeInstanceOf(shebao.ShebaoError);
    expect((caught as shebao.ShebaoError).code, name).toBe('invalid-argument');
    expect((caught as shebao.ShebaoError<'invalid-argument'>).details.name, name).toBe(name);
  };

  it('checkPhotos("x.jpg") is refused, not checked character by character', async () => {
    await rejects(() => shebao.checkPhotos('x.jpg' as never, { today }), 'photos');
    await rejects(() => shebao.checkPhotos([5] as never, { today }), 'photos[0]');
  });

  it.each([Number.NaN, 0, -1, 1.5, '2', 1e21])('concurrency %s is refused before any work', async (concurrency) => {
    await rejects(() => shebao.checkPhotos(Array(100).fill('x.jpg'), { today, face: false, concurrency: concurrency as number }), 'options.concurrency');
  });

  it.each([
    ['options.spec', () => shebao.checkPhoto('x.jpg', { today, spec: 5 as never })],
    ['options.spec', () => shebao.checkPhoto('x.jpg', { today, spec: {} as never })],
    ['options.cwd', () => shebao.checkPhoto('x.jpg', { today, cwd: 5 as never })],
    ['options.face', () => shebao.checkPhoto('x.jpg', { today, face: 'no' as never })],
    ['options.faceAnalyzer', () => shebao.checkPhoto('x.jpg', { today, faceAnalyzer: 5 as never })],
    ['options.annotate', () => shebao.checkPhoto('x.jpg', { today, annotate: 5 as never })],
    ['options.annotate.dir', () => shebao.checkPhoto('x.jpg', { today, annotate: { dir: 5 } as never })],
    ['options.onProgress', () => shebao.checkPhotos(['x.jpg'], { today, onProgress: 5 as never })],
    ['inputs[0]', () => shebao.collectPhotos([5] as never, dir)],
    ['cwd', () => shebao.collectPhotos(['x'], 5 as never)],
    ['nameOrPath', () => shebao.loadSpec(5 as never)],
    ['input', () => shebao.planDeadlines(undefined as never)],
    ['input.region', () => shebao.planDeadlines({ birthDate: today, today, region: 5 as never })],
    ['idOrName', () => shebao.loadRegion(5 as never)],
    ['profile', () => shebao.buildChecklist(null as never, { today })],
    ['profile.version', () => shebao.buildChecklist({} as never, { today })],
    ['input', () => shebao.parseIdNumber(110105194912310020 as never, { today })],
    ['value', () => shebao.maskIdNumber(5 as never)],
    ['lang', () => shebao.wording('fr' as never)],
    ['lang', () => shebao.sayError(new shebao.ShebaoError('no-photos-given', {}), 'fr' as never)],
    ['error', () => shebao.sayError(null as never, 'zh')],
    ['plan', () => shebao.renderIcs(null as never, 'zh')],
    ['result', () => shebao.describeCheck(null as never, shebao.wording('zh').photo, { suggestFix: true })],
    ['info', () => shebao.renderIdText(null as never, '', 'zh', ((text: string) => text) as never)],
  ])('%s', async (name, run) => {
    await rejects(run, name);
  });

  it('says what was received without echoing the value', async () => {
    const error = await shebao.checkPhotos('110105194912310021' as never, { today }).catch((caught: unknown) => caught as shebao.ShebaoError);
    expect(JSON.stringify(error)).not.toContain('110105194912310021');
    expect(shebao.sayError(error as shebao.ShebaoError, 'en').message).toContain("checkPhotos(['a.jpg'])");
  });
});
