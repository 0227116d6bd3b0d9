/** `shebao rules`: every photo check and deadline rule with its id, title, parameters and source. */
import type { Command } from 'commander';
import { tr } from '../core/i18n.js';
import { outputFor, type CliContext } from './context.js';

interface RulesOptions {
  spec: string;
  json?: boolean;
}

export function registerRules(program: Command, ctx: CliContext): void {
  program
    .command('rules')
    .summary('列出全部检查规则和期限规则 / list every check and deadline rule')
    .description('列出照片检查规则（含所选规格的参数和出处）和办理期限规则\nlist the photo checks (with the chosen spec\'s parameters and sources) and the deadline rules')
    .option('--spec <name|file>', '照片规格 / photo spec', 'shebao-card')
    .option('--json', '输出 JSON / print JSON')
    .addHelpText('after', '\n示例 / Examples:\n  shebao rules\n  shebao rules --spec ga461 --json')
    .action(async (options: RulesOptions, command: Command) => {
      const { lang, color } = outputFor(command, ctx);
      const { loadSpec } = await import('../photo/spec.js');
      const { photoChecks } = await import('../photo/checks/index.js');
      const { deadlineRules } = await import('../plan/index.js');
      const spec = loadSpec(options.spec, { cwd: ctx.cwd });
      const photo = photoChecks.map((check) => {
        const section = spec.checks[check.id];
        const enabled = check.id === 'readable' || section !== undefined;
        const { source, verified, ...params } = section ?? {};
        return {
          id: check.id,
          title: tr(lang, check.title),
          severity: check.severity,
          enabled,
          params: enabled ? check.describe(params, lang) : undefined,
          source: source ?? (check.id === 'readable' ? 'shebao' : undefined),
          verified,
        };
      });
      const deadlines = deadlineRules.map((rule) => ({ id: rule.id, title: tr(lang, rule.title), source: rule.source, params: rule.params }));
      if (options.json) {
        ctx.stdout.write(`${JSON.stringify({ spec: spec.id, photoChecks: photo, deadlineRules: deadlines }, null, 2)}\n`);
        return;
      }
      const lines = [color.bold(tr(lang, `照片检查（规格 ${spec.id}：${spec.name.zh}）`, `Photo checks (spec ${spec.id}: ${spec.name.en})`))];
      for (const rule of photo) {
        const severity = rule.severity === 'warning' ? tr(lang, '（只提示）', ' (warning)') : '';
        lines.push(`  ${color.cyan(rule.id.padEnd(18))} ${rule.title}${severity}`);
        if (!rule.enabled) lines.push(`  ${' '.repeat(18)}  ${color.dim(tr(lang, '此规格未启用', 'not in this spec'))}`);
        else {
          lines.push(`  ${' '.repeat(18)}  ${rule.params}`);
          lines.push(`  ${' '.repeat(18)}  ${color.dim(`${tr(lang, '出处', 'source')}: ${rule.source}${rule.verified ? ` (${rule.verified})` : ''}`)}`);
        }
      }
      lines.push('', color.bold(tr(lang, '办理期限规则（shebao plan）', 'Deadline rules (shebao plan)')));
      for (const rule of deadlines) {
        lines.push(`  ${color.cyan(rule.id.padEnd(30))} ${rule.title}`);
        lines.push(`  ${' '.repeat(30)}  ${color.dim(`${tr(lang, '出处', 'source')}: ${rule.source}`)}`);
      }
      ctx.stdout.write(`${lines.join('\n')}\n`);
    });
}
