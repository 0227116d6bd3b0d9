/**
 * The eval's own words (its summary, its contact sheet, its usage errors) in Chinese and English.
 * The words for check results, refusals, changes and errors come from the library's tables; these
 * are only the eval's frame around them. Ids (`should-fix`, `face-count`) stay as they are: they
 * are the vocabulary of ground-truth.tsv and of `shebao rules`.
 */
import type { FixVerdict } from './eval-run.js';
import type { Source } from './eval-score.js';

export type EvalLang = 'zh' | 'en';

export interface EvalWords {
  header(photos: number, folder: string, spec: string, library: string): string;
  fixTitle: string;
  /** What exit 0 means for each fix_expect. */
  passedAs: { 'should-fix': string; 'must-not-pass': string; uncertain: string; unlabelled: string };
  refused: string;
  failedHonestly: string;
  error: string;
  reasonNamed(named: number, judged: number): string;
  checksTitle: string;
  sources: Record<Source, string>;
  vsColumn: Record<'face-count' | 'background' | 'clothing-contrast', string>;
  agreement(agree: number, judged: number, rate: string, falsePass: number, falseFail: number, skipped: number): string;
  notJudged(passed: number, ran: number): string;
  time(original: number, crop: number, fix: number, p90: number): string;
  unreadable(count: number): string;
  written(html: string, png: string[], json: string): string;
  compared(file: string): string;
  noDifference: string;
  photosChanged(count: number): string;
  unknownValue(line: number, column: string, value: string): string;
  status: Record<FixVerdict['status'], string>;
  positiveNumber: string;
  sheet: {
    title: string;
    truth: string;
    input: string;
    crop: string;
    output: string;
    annotated: string;
    verdicts: string;
    original: string;
    fix: string;
    changes: string;
    noImage: string;
    /** The colours of the rows and the overview's bars. */
    legend: Record<'good' | 'missed' | 'wrong' | 'honest' | 'look' | 'error', string>;
  };
  errors: {
    'truth-missing'(file: string): string;
    'truth-missing-column'(file: string, column: string, found: string): string;
    'no-library'(dir: string, entry: string): string;
    'out-inside-input'(out: string, folder: string): string;
    'folder-missing'(folder: string): string;
    'bad-option'(option: string, value: string, expected: string): string;
    'compare-unreadable'(file: string): string;
    usage: string;
  };
}

const zh: EvalWords = {
  header: (photos, folder, spec, library) => `shebao 准确度评估：${folder} 中的 ${photos} 张照片（规格 ${spec}，代码 ${library}）`,
  fixTitle: 'fix-photo 的结果，按 fix_expect 分组：',
  passedAs: { 'should-fix': '修好（退出码 0）', 'must-not-pass': '错误地声称通过', uncertain: '通过（须人眼确认）', unlabelled: '通过' },
  refused: '拒绝处理',
  failedHonestly: '如实报告未通过',
  error: '错误',
  reasonNamed: (named, judged) => `must-not-pass 中被拦下、且表格写明可测原因（多人、浅色上衣、手、侧脸、表情、视线）的 ${judged} 张：报告说出了该原因的 ${named} 张`,
  checksTitle: '内容检查与人工判断的一致程度（一致/已判断，误通过，误判失败，未运行）：',
  sources: { original: '原图', crop: '简单裁剪', fixed: 'fix-photo 输出' },
  vsColumn: { 'face-count': 'face-count 对照 people', background: 'background 对照 background', 'clothing-contrast': 'clothing-contrast 对照 clothing' },
  agreement: (agree, judged, rate, falsePass, falseFail, skipped) => `${agree}/${judged}（${rate}）误通过 ${falsePass}，误判失败 ${falseFail}，未运行 ${skipped}`,
  notJudged: (passed, ran) => `未与表格对照：${ran} 张中通过 ${passed} 张`,
  time: (original, crop, fix, p90) => `每张用时（中位数）：检查原图 ${original} ms，检查裁剪 ${crop} ms，修复 ${fix} ms（修复 p90 ${p90} ms）`,
  unreadable: (count) => `无法读取的照片：${count} 张（在联系表中列为错误行）`,
  written: (html, png, json) => `联系表：${html}\n总览图：${png.join('、')}\n数据：${json}`,
  compared: (file) => `与 ${file} 相比：`,
  noDifference: '数字没有变化。',
  photosChanged: (count) => `fix-photo 结果变化的照片：${count} 张`,
  unknownValue: (line, column, value) => `ground-truth.tsv 第 ${line} 行：${column} 的值“${value}”无法识别，此项不作对照`,
  status: { ok: '通过', failed: '未通过', refused: '拒绝处理', error: '错误' },
  positiveNumber: '正整数',
  sheet: {
    title: 'shebao 准确度评估',
    truth: '人工判断',
    input: '原图',
    crop: '简单裁剪（标注）',
    output: 'fix-photo 输出',
    annotated: '输出的标注',
    verdicts: '结论',
    original: '检查原图',
    fix: 'fix-photo',
    changes: '所做修改',
    noImage: '没有图片',
    legend: { good: 'should-fix 修好', missed: 'should-fix 未修好', wrong: 'must-not-pass 却通过', honest: '如实拦下', look: '通过，须人眼确认', error: '错误' },
  },
  errors: {
    'truth-missing': (file) => `找不到 ${file}。请在照片文件夹中放一个 ground-truth.tsv（格式见 ../shared/real-photos/README.md）。`,
    'truth-missing-column': (file, column, found) => `${file} 缺少必需的列“${column}”。找到的列：${found}。`,
    'no-library': (dir, entry) => `${dir} 中没有已编译的 shebao（缺少 ${entry}）。请先在该目录运行 npm ci --ignore-scripts 和 npx tsc -p tsconfig.build.json。`,
    'out-inside-input': (out, folder) => `输出目录 ${out} 位于照片文件夹 ${folder} 之内；评估从不写入照片文件夹。请用 --out 指定其他位置。`,
    'folder-missing': (folder) => `找不到照片文件夹 ${folder}。`,
    'bad-option': (option, value, expected) => `${option} 的值“${value}”无效，应为 ${expected}。`,
    'compare-unreadable': (file) => `无法读取用于对比的 ${file}（应为之前评估写出的 results.json）。`,
    usage: '用法：npm run eval -- <文件夹> [--out <目录>] [--spec 规格] [--lang zh|en] [--today YYYY-MM-DD] [--limit N] [--shebao <代码目录>] [--compare <旧的 results.json>] [--variant mirrored|resent]',
  },
};

const en: EvalWords = {
  header: (photos, folder, spec, library) => `shebao accuracy evaluation: ${photos} photos from ${folder} (spec ${spec}, code ${library})`,
  fixTitle: 'fix-photo outcomes, by fix_expect:',
  passedAs: { 'should-fix': 'good (exit 0)', 'must-not-pass': 'claimed-success-wrongly', uncertain: 'passed (a person must confirm)', unlabelled: 'passed' },
  refused: 'refused',
  failedHonestly: 'failed-honestly',
  error: 'error',
  reasonNamed: (named, judged) => `must-not-pass photos stopped whose sheet names a measurable reason (several people, a light top, a hand, a profile, a grimace, looking aside): ${named} of ${judged} reports named it`,
  checksTitle: 'Content checks against the person (agree/judged, false passes, false fails, not run):',
  sources: { original: 'original', crop: 'naive crop', fixed: 'fix-photo output' },
  vsColumn: { 'face-count': 'face-count vs people', background: 'background vs background', 'clothing-contrast': 'clothing-contrast vs clothing' },
  agreement: (agree, judged, rate, falsePass, falseFail, skipped) => `${agree}/${judged} (${rate}) false-pass ${falsePass}, false-fail ${falseFail}, not run ${skipped}`,
  notJudged: (passed, ran) => `not judged against the sheet: ${passed} of ${ran} pass`,
  time: (original, crop, fix, p90) => `time per photo (median): check original ${original} ms, check crop ${crop} ms, fix ${fix} ms (fix p90 ${p90} ms)`,
  unreadable: (count) => `photos that could not be read: ${count} (error rows in the contact sheet)`,
  written: (html, png, json) => `contact sheet: ${html}\noverview: ${png.join(', ')}\nnumbers: ${json}`,
  compared: (file) => `compared with ${file}:`,
  noDifference: 'no number changed.',
  photosChanged: (count) => `photos whose fix-photo outcome changed: ${count}`,
  unknownValue: (line, column, value) => `ground-truth.tsv line ${line}: ${column} "${value}" not understood; not judged`,
  status: { ok: 'passes', failed: 'fails', refused: 'refused', error: 'error' },
  positiveNumber: 'a positive whole number',
  sheet: {
    title: 'shebao accuracy evaluation',
    truth: 'ground truth',
    input: 'input',
    crop: 'naive crop (annotated)',
    output: 'fix-photo output',
    annotated: 'output annotated',
    verdicts: 'verdicts',
    original: 'check original',
    fix: 'fix-photo',
    changes: 'changes',
    noImage: 'no image',
    legend: { good: 'should-fix fixed', missed: 'should-fix missed', wrong: 'must-not-pass passed', honest: 'stopped honestly', look: 'passed: look at it', error: 'error' },
  },
  errors: {
    'truth-missing': (file) => `${file} not found. Put a ground-truth.tsv in the photo folder (format: ../shared/real-photos/README.md).`,
    'truth-missing-column': (file, column, found) => `${file} has no "${column}" column, which is required. Columns found: ${found}.`,
    'no-library': (dir, entry) => `no built shebao in ${dir} (${entry} is missing). Run npm ci --ignore-scripts and npx tsc -p tsconfig.build.json there first.`,
    'out-inside-input': (out, folder) => `the output folder ${out} is inside the photo folder ${folder}; the eval never writes into the photo folder. Choose another with --out.`,
    'folder-missing': (folder) => `photo folder ${folder} not found.`,
    'bad-option': (option, value, expected) => `${option} "${value}" is not valid: expected ${expected}.`,
    'compare-unreadable': (file) => `cannot read ${file} to compare with (expected the results.json of an earlier eval).`,
    usage: 'usage: npm run eval -- <folder> [--out <dir>] [--spec S] [--lang zh|en] [--today YYYY-MM-DD] [--limit N] [--shebao <tree>] [--compare <old results.json>] [--variant mirrored|resent]',
  },
};

export const evalWords: Record<EvalLang, EvalWords> = { zh, en };
