/** `shebao rules`: every photo check and deadline rule with its id, title, parameters and source. */
import type { Command } from 'commander';
import { pick, wording, type Lang } from '../i18n/index.js';
import { photoChecks } from '../photo/checks/index.js';
import { loadSpec, type PhotoSpec } from '../photo/spec.js';
import { deadlineRules, loadRegion, type Region } from '../plan/index.js';
import { outputFor, type CliContext } from './context.js';

interface RulesOptions {
  spec: string;
  region: string;
  json?: boolean;
}

export function registerRules(program: Command, ctx: CliContext): void {
  const help = wording(ctx.lang).cli.rules;
  program
    .command('rules')
    .summary(help.summary)
    .description(help.description)
    .option('--spec <name|file>', help.options.spec, 'shebao-card')
    .option('--region <id>', help.options.region, 'national')
    .option('--json', help.options.json)
    .addHelpText('after', help.after)
    .action((options: RulesOptions, command: Command) => {
      const { lang, words, color } = outputFor(command, ctx);
      const spec = loadSpec(options.spec, { cwd: ctx.cwd });
      const region = loadRegion(options.region);
      const document = rulesDocument(spec, region, lang);
      if (options.json) {
        ctx.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
        return;
      }
      const { photoChecks: photo, deadlineRules: deadlines } = document;
      const lines = [color.bold(help.photoHeading(spec.id, pick(spec.name, lang)))];
      for (const rule of photo) {
        const severity = rule.severity === 'warning' ? help.warningOnly : '';
        lines.push(`  ${color.cyan(rule.id.padEnd(18))} ${rule.title}${severity}`);
        if (!rule.enabled) lines.push(`  ${' '.repeat(18)}  ${color.dim(help.notInSpec)}`);
        else {
          lines.push(`  ${' '.repeat(18)}  ${rule.summary}`);
          lines.push(`  ${' '.repeat(18)}  ${color.dim(`${help.source}${words.photo.colon}${rule.source}${rule.verified ? ` (${rule.verified})` : ''}`)}`);
        }
      }
      lines.push('', color.bold(help.deadlineHeading(region.id, pick(region.name, lang))));
      for (const rule of deadlines) {
        lines.push(`  ${color.cyan(rule.id.padEnd(30))} ${rule.title}`);
        lines.push(`  ${' '.repeat(30)}  ${color.dim(`${help.source}${words.photo.colon}${rule.source}`)}`);
      }
      ctx.stdout.write(`${lines.join('\n')}\n`);
    });
}

/** What `shebao rules --json` prints and `GET /api/rules` returns: a spec's photo checks and a region's deadline rules, in `lang`. */
export function rulesDocument(spec: PhotoSpec, region: Region, lang: Lang) {
  const words = wording(lang);
  const photo = photoChecks.map((check) => {
    const section = spec.checks[check.id as keyof typeof spec.checks];
    const enabled = check.id === 'readable' || section !== undefined;
    // provisional and calibration say where a number comes from: listed in docs/sources.md, not parameters.
    const { source, verified, provisional: _provisional, calibration: _calibration, ...params } = section ?? { source: check.id === 'readable' ? 'shebao' : undefined, verified: undefined };
    const checkWords = words.photo.checks[check.id] as { title: string; describe(params: unknown): string };
    return {
      id: check.id,
      title: checkWords.title,
      severity: check.severity,
      enabled,
      // The parameters as numbers from the spec file, and the same in a sentence.
      params: enabled ? params : undefined,
      summary: enabled ? checkWords.describe(params) : undefined,
      source,
      verified,
    };
  });
  // The deadline rules' parameters as the region's rules file gives them.
  const deadlines = deadlineRules.map((rule) => ({ id: rule.id, title: words.plan.rules[rule.id].title, source: rule.source, params: rule.params(region) }));
  return { spec: spec.id, region: region.id, lang, photoChecks: photo, deadlineRules: deadlines };
}
