/**
 * Accuracy evaluation on a folder of photos a person has judged (its ground-truth.tsv, in the
 * format of ../shared/real-photos/README.md): check-photo on each original and on a naive
 * 358×441 crop, fix-photo into the output folder, then the numbers against the person's judgement.
 *
 *   npm run eval -- ../shared/real-photos --out /tmp/eval-now
 *   npm run eval -- photos --limit 10 --lang en                       the first 10 rows, in English
 *   npm run eval -- ../shared/real-photos --shebao /tmp/base --out /tmp/eval-before
 *                                                                      another tree's built library
 *   npm run eval -- ../shared/real-photos --out /tmp/eval-now --compare /tmp/eval-before/results.json
 *   npm run eval -- ../shared/real-photos --variant mirrored --out /tmp/eval-mirrored --compare /tmp/eval-now/results.json
 *                                                                      the photos mirrored (or `resent`:
 *                                                                      as a chat app sends them on)
 *
 * Prints fix-photo's outcomes per fix_expect and each content check's agreement with the person;
 * writes index.html (the contact sheet), overview.png and results.json into --out (default a folder
 * in the system's temp directory), never into the photo folder. Exit 0 when the eval ran (it
 * measures, it does not judge), 2 for a usage error.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { checkFolders, loadLibrary, runEval, RunError, type Library } from './lib/eval-run.js';
import { readResults, renderComparison, writeReport } from './lib/eval-report.js';
import { comparePhotos, compareSummaries } from './lib/eval-score.js';
import { readGroundTruth, TruthError } from './lib/eval-truth.js';
import { isVariant, variants, writeVariant } from './lib/eval-variant.js';
import { evalWords, type EvalLang } from './lib/eval-words.js';

class UsageError extends Error {}

/** The command line; an unknown option is a usage error, said once the language is known. */
function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        spec: { type: 'string' },
        lang: { type: 'string' },
        today: { type: 'string' },
        limit: { type: 'string' },
        shebao: { type: 'string' },
        compare: { type: 'string' },
        variant: { type: 'string' },
      },
    });
  } catch {
    return undefined;
  }
}

const parsed = parseCommandLine();
const values = parsed?.values ?? {};
const positionals = parsed?.positionals ?? [];
/** `--lang en` or `--lang=en`, read even from a command line that did not parse, so a usage error is said in it. */
function langOf(argv: readonly string[]): EvalLang {
  const at = argv.indexOf('--lang');
  return (at >= 0 && argv[at + 1] === 'en') || argv.includes('--lang=en') ? 'en' : 'zh';
}

const lang = langOf(process.argv);
const words = evalWords[lang];
// `npm run` starts scripts in the package folder; paths on the command line are the caller's.
const callerDir = process.env.INIT_CWD ?? process.cwd();
const resolve = (file: string) => path.resolve(callerDir, file);

/** Today as a calendar date where the user is: the entry may read the clock, the library never does. */
function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function options() {
  const bad = (option: string, value: string, expected: string) => new UsageError(words.errors['bad-option'](option, value, expected));
  if (values.lang !== undefined && values.lang !== 'zh' && values.lang !== 'en') throw bad('--lang', values.lang, 'zh | en');
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw bad('--today', values.today, 'YYYY-MM-DD');
  if (values.limit !== undefined && !/^[1-9]\d*$/.test(values.limit)) throw bad('--limit', values.limit, words.positiveNumber);
  if (values.variant !== undefined && !isVariant(values.variant)) throw bad('--variant', values.variant, variants.join(' | '));
  if (!parsed || positionals.length !== 1) throw new UsageError(words.errors.usage);
  const folder = resolve(positionals[0] as string);
  return {
    folder,
    out: values.out === undefined ? path.join(tmpdir(), `shebao-eval-${path.basename(folder)}`) : resolve(values.out),
    spec: values.spec,
    cwd: callerDir,
    today: values.today ?? localToday(),
    limit: values.limit === undefined ? undefined : Number(values.limit),
    variant: values.variant !== undefined && isVariant(values.variant) ? values.variant : undefined,
  };
}

function sayProblem(error: unknown, library: Library | undefined): string | undefined {
  if (error instanceof UsageError) return error.message;
  if (error instanceof TruthError) {
    const { problem } = error;
    return problem.code === 'truth-missing' ? words.errors['truth-missing'](problem.file) : words.errors['truth-missing-column'](problem.file, problem.column, problem.found.join(', '));
  }
  if (error instanceof RunError) {
    const { problem } = error;
    if (problem.code === 'no-library') return words.errors['no-library'](problem.dir, problem.entry);
    if (problem.code === 'out-inside-input') return words.errors['out-inside-input'](problem.out, problem.folder);
    return words.errors['folder-missing'](problem.folder);
  }
  // A ShebaoError from the library (an unknown --spec): its own tables word it.
  if (library && error instanceof Error && 'code' in error && 'details' in error) {
    const said = library.shebao.sayError(error as Parameters<typeof library.shebao.sayError>[0], lang);
    return said.hint === undefined ? said.message : `${said.message}\n${said.hint}`;
  }
  return undefined;
}

async function main(): Promise<void> {
  let library: Library | undefined;
  try {
    const chosen = options();
    // An unreadable --compare file is found before the eval runs, not after.
    const compareFile = values.compare === undefined ? undefined : resolve(values.compare);
    const before = compareFile === undefined ? undefined : readResults(compareFile);
    if (compareFile !== undefined && !before) throw new UsageError(words.errors['compare-unreadable'](compareFile));
    // With --variant the altered copies, written under --out, are the folder evaluated.
    if (chosen.variant) checkFolders(chosen.folder, chosen.out);
    // A sheet that cannot be used is said before the library (and its models) load.
    const truth = existsSync(chosen.folder) ? readGroundTruth(chosen.folder) : undefined;
    library = await loadLibrary(values.shebao === undefined ? undefined : resolve(values.shebao));
    const progress = process.stderr.isTTY && !process.env.CI;
    const rows = truth && (chosen.limit === undefined ? truth.rows : truth.rows.slice(0, chosen.limit));
    const folder = chosen.variant && rows ? await writeVariant(chosen.folder, chosen.out, chosen.variant, rows, library.sharp) : chosen.folder;
    const run = await runEval({
      ...chosen,
      folder,
      lang,
      library,
      onPhoto: (done, total, record) => {
        if (progress) process.stderr.write(`\r${done}/${total} ${record.file.slice(0, 60).padEnd(60)}`);
      },
    });
    if (progress) process.stderr.write('\n');
    for (const unknown of run.truth.unknown) process.stderr.write(`${words.unknownValue(unknown.line, unknown.column, unknown.value)}\n`);
    const report = await writeReport(run, { ...chosen, lang });
    process.stdout.write(report.text);
    process.stdout.write(`\n${words.written(report.html, report.pngs, report.json)}\n`);
    if (compareFile !== undefined && before) {
      const numbers = compareSummaries(before.summary, report.results.summary);
      process.stdout.write(`\n${renderComparison(compareFile, numbers, comparePhotos(before.photos, run.records), words)}`);
    }
  } catch (error) {
    const said = sayProblem(error, library);
    if (said === undefined) throw error;
    process.stderr.write(`${said}\n`);
    process.exitCode = 2;
  }
}

await main();
