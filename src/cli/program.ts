/**
 * The program factory: builds the commander program for a context. Tests call this directly
 * (with exitOverride in force) instead of spawning a process for every case.
 */
import { Command, Option } from 'commander';
import { registerCheckPhoto } from './check-photo.js';
import { registerChecklist } from './checklist.js';
import type { CliContext } from './context.js';
import { registerFixPhoto } from './fix-photo.js';
import { registerId } from './id.js';
import { registerProfile, startInterview } from './profile.js';
import { registerPlan } from './plan.js';
import { registerRules } from './rules.js';
import { version } from './version.js';

export function makeProgram(ctx: CliContext): Command {
  const program = new Command('shebao');
  program
    .description('社保卡与少儿医保办理助手 · social security card and children\'s medical insurance helper')
    .version(version, '-V, --version', '显示版本 / show the version')
    .helpOption('-h, --help', '显示帮助 / show help')
    .addHelpCommand('help [command]', '显示某个命令的帮助 / show help for a command')
    .addOption(new Option('--lang <lang>', '输出语言 / output language').choices(['zh', 'en']))
    .option('--no-color', '不使用颜色 / disable colours')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
    });
  program.addHelpText(
    'after',
    [
      '',
      '示例 / Examples:',
      '  shebao check-photo photo.jpg              检查证件照 / check an ID photo',
      '  shebao check-photo photos/ --json         批量检查，输出 JSON / check a folder, JSON output',
      '  shebao rules                              列出全部检查规则 / list every check',
      '',
      '退出码 / exit codes: 0 通过 passed · 1 发现问题 a check failed · 2 用法或配置错误 usage or configuration error',
    ].join('\n'),
  );
  registerCheckPhoto(program, ctx);
  registerFixPhoto(program, ctx);
  registerId(program, ctx);
  registerPlan(program, ctx);
  registerProfile(program, ctx);
  registerChecklist(program, ctx);
  registerRules(program, ctx);
  // No arguments: a person at a terminal gets the interview; pipes and scripts get help.
  program.action(async () => {
    if (ctx.stdin.isTTY && ctx.stdout.isTTY) await startInterview(program, ctx);
    else program.outputHelp();
  });
  return program;
}
