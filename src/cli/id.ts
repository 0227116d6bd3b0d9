/**
 * `shebao id <number>`: validate a resident ID number and show what it encodes, masked unless
 * --show. The number may come from stdin so it stays out of the shell history.
 */
import type { Command } from 'commander';
import { requireIsoDate } from '../core/dates.js';
import { ExitCode, ShebaoError } from '../core/errors.js';
import { tr, type Lang } from '../core/i18n.js';
import { idKindNames, maskIdNumber, normalizeIdInput, parseIdNumber, sexNames, type IdInfo } from '../id/index.js';
import { outputFor, todayOf, type CliContext, type Output } from './context.js';

interface IdOptions {
  show?: boolean;
  json?: boolean;
  today?: string;
}

export function registerId(program: Command, ctx: CliContext): void {
  program
    .command('id')
    .description('校验身份证号码，显示出生日期、性别和省份 / validate a resident ID number')
    .argument('[number...]', '身份证号码（可含空格；省略时从标准输入读取）/ the ID number (spaces allowed; read from stdin when omitted)')
    .option('--show', '完整显示号码（默认打码）/ print the number in full (masked by default)')
    .option('--json', '输出 JSON / print JSON')
    .option('--today <date>', '以此日期为今天（YYYY-MM-DD）/ treat this date as today')
    .addHelpText(
      'after',
      [
        '',
        '示例 / Examples:',
        '  shebao id 11010519491231002X',
        '  shebao id 1101 0519 4912 3100 2x        空格、小写 x、全角数字都可以 / spaces, lowercase x, full-width digits are fine',
        '  echo 11010519491231002X | shebao id     不留在命令历史里 / keeps the number out of shell history',
        '',
        '退出码 / exit codes: 0 有效 valid · 1 无效 invalid · 2 用法错误 usage error',
      ].join('\n'),
    )
    .action(async (parts: string[], options: IdOptions, command: Command) => {
      const out = outputFor(command, ctx);
      const today = options.today === undefined ? todayOf(ctx) : requireIsoDate(options.today, '--today');
      const input = parts.length > 0 ? parts.join('') : await readNumberFromStdin(ctx, out.lang);
      const info = parseIdNumber(input, { today });
      const shown = displayNumber(info, input, Boolean(options.show));
      if (options.json) {
        ctx.stdout.write(`${JSON.stringify(toJson(info, shown, Boolean(options.show), out.lang), null, 2)}\n`);
      } else {
        ctx.stdout.write(renderHuman(info, shown, out));
      }
      ctx.exitCode = info.valid ? ExitCode.ok : ExitCode.failed;
    });
}

async function readNumberFromStdin(ctx: CliContext, lang: Lang): Promise<string> {
  if (ctx.stdin.isTTY) {
    throw new ShebaoError(tr(lang, '缺少身份证号码', 'missing the ID number'), {
      hint: tr(lang, '用法：shebao id <号码>，或 echo <号码> | shebao id', 'usage: shebao id <number>, or echo <number> | shebao id'),
    });
  }
  let text = '';
  for await (const chunk of ctx.stdin) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return text.split('\n')[0] ?? '';
}

function displayNumber(info: IdInfo, input: string, show: boolean): string {
  const number = info.number ?? normalizeIdInput(input);
  return show ? number : maskIdNumber(number);
}

function toJson(info: IdInfo, shown: string, show: boolean, lang: Lang) {
  return {
    valid: info.valid,
    number: shown,
    masked: !show,
    upgradedFrom15: info.upgradedFrom15,
    kind: info.kind ?? null,
    birthDate: info.birthDate ?? null,
    sex: info.sex ?? null,
    province: info.province ? { code: info.province.code, name: tr(lang, info.province.name) } : null,
    problems: info.problems.map((p) => ({
      id: p.id,
      message: tr(lang, p.message),
      ...(p.expected === undefined ? {} : { expected: p.expected }),
      ...(p.actual === undefined ? {} : { actual: p.actual }),
    })),
  };
}

function renderHuman(info: IdInfo, shown: string, { lang, color }: Output): string {
  const verdict = info.valid ? color.green(tr(lang, '有效', 'valid')) : color.red(tr(lang, '无效', 'invalid'));
  const lines = [`${shown}  ${verdict}`];
  const row = (zh: string, en: string, value: string) => lines.push(`  ${tr(lang, `${zh}：`, `${en}: `)}${value}`);
  if (info.upgradedFrom15) row('升位', 'upgraded', tr(lang, '由 15 位旧号码升为 18 位', 'from a legacy 15-digit number to 18 characters'));
  if (info.kind) row('证件', 'document', tr(lang, idKindNames[info.kind]));
  if (info.birthDate) row('出生日期', 'born', info.birthDate);
  if (info.sex) row('性别', 'sex', tr(lang, sexNames[info.sex]));
  if (info.province) {
    const issuing = info.kind === 'foreign-permanent-resident' ? tr(lang, '（受理地）', ' (issued in)') : '';
    row('省份', 'province', `${tr(lang, info.province.name)}${issuing}`);
  }
  for (const problem of info.problems) lines.push(`  ${color.red('✗')} ${tr(lang, problem.message)}`);
  return `${lines.join('\n')}\n`;
}
