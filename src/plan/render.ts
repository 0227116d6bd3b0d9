/** Human-readable renderings of a plan and of the region list (colours come from the caller). */
import type { ChalkInstance } from 'chalk';
import { daysBetween, weekday } from '../core/dates.js';
import { tr, type Lang } from '../core/i18n.js';
import type { Region } from './regions.js';
import type { Milestone, MilestoneStatus, Plan } from './types.js';
import { describeCardPeriod, describePeriod, weekdayName } from './wording.js';

const statusLabels: Record<MilestoneStatus, { zh: string; en: string }> = {
  overdue: { zh: '已逾期', en: 'OVERDUE' },
  'due-soon': { zh: '临近', en: 'due soon' },
  upcoming: { zh: '待办', en: 'upcoming' },
  done: { zh: '已过', en: 'done' },
};

function paint(status: MilestoneStatus, color: ChalkInstance): (text: string) => string {
  if (status === 'overdue') return color.red.bold;
  if (status === 'due-soon') return color.yellow.bold;
  if (status === 'upcoming') return color.cyan;
  return color.dim;
}

function relativeDays(days: number, lang: Lang): string {
  if (days === 0) return tr(lang, '就是今天', 'today');
  if (days === 1) return tr(lang, '明天', 'tomorrow');
  if (days === -1) return tr(lang, '昨天', 'yesterday');
  return days > 0 ? tr(lang, `还有 ${days} 天`, `${days} days left`) : tr(lang, `已过 ${-days} 天`, `${-days} days ago`);
}

function endsIn(days: number, lang: Lang): string {
  if (days === 0) return tr(lang, '今天截止', 'ends today');
  if (days === 1) return tr(lang, '明天截止', 'ends tomorrow');
  return tr(lang, `${days} 天后截止`, `ends in ${days} days`);
}

function when(milestone: Milestone, plan: Plan, lang: Lang): string {
  const day = (date: string) => `${date} ${weekdayName(weekday(date), lang)}`;
  const estimate = milestone.estimate ? tr(lang, '（估算）', ' (estimate)') : '';
  if (milestone.start !== null && milestone.end !== null && milestone.start !== milestone.end) {
    const range = tr(lang, `${day(milestone.start)} 至 ${day(milestone.end)}`, `${day(milestone.start)} to ${day(milestone.end)}`);
    const opensIn = daysBetween(plan.today, milestone.start);
    let left = '';
    if (milestone.status !== 'done') {
      if (opensIn > 0) left = tr(lang, ` · ${opensIn} 天后开始`, ` · starts in ${opensIn} days`);
      else if (milestone.kind === 'expected') left = tr(lang, ' · 现在', ' · now');
      else left = ` · ${endsIn(milestone.daysLeft, lang)}`;
    }
    return `${range}${estimate}${left}`;
  }
  const left = milestone.status === 'done' && milestone.daysLeft < 0 ? '' : ` · ${relativeDays(milestone.daysLeft, lang)}`;
  return `${day(milestone.date)}${estimate}${left}`;
}

export function renderPlanText(plan: Plan, region: Region, lang: Lang, color: ChalkInstance): string {
  const lines: string[] = [];
  const provisional = region.provisional ? tr(lang, '（暂定规则）', ' (provisional rules)') : '';
  lines.push(color.bold(tr(lang, `社保卡与少儿医保时间表 · ${region.name.zh}${provisional}`, `Social security card and medical insurance timeline · ${region.name.en}${provisional}`)));
  const born =
    plan.birthDate > plan.today
      ? tr(lang, `预产期 ${plan.birthDate}（尚未出生，提前规划）`, `due date ${plan.birthDate} (not born yet, planning ahead)`)
      : tr(lang, `出生日期 ${plan.birthDate}`, `born ${plan.birthDate}`);
  const applied = plan.applied ? tr(lang, ` · 社保卡申领于 ${plan.applied}`, ` · card applied for on ${plan.applied}`) : '';
  lines.push(`${born}${applied} · ${tr(lang, '今天', 'today')} ${plan.today}`);
  for (const milestone of plan.milestones) {
    const painter = paint(milestone.status, color);
    const label = tr(lang, statusLabels[milestone.status]);
    lines.push('', `${painter(`[${label}]`)} ${color.bold(milestone.title)}`);
    lines.push(`  ${painter(when(milestone, plan, lang))}`);
    lines.push(`  ${tr(lang, '做什么：', 'What: ')}${milestone.action}`);
    lines.push(`  ${tr(lang, '在哪里：', 'Where: ')}${milestone.where}`);
    lines.push(color.dim(`  ${tr(lang, '依据：', 'Source: ')}${milestone.source}`));
  }
  for (const note of region.notes) lines.push('', `${tr(lang, '提示：', 'Note: ')}${tr(lang, note)}`);
  const hotlines = region.hotlines.map((h) => h.number).join(' / ');
  lines.push(
    '',
    tr(
      lang,
      `各地做法不同、也会调整：以当地 ${hotlines} 或医保经办机构的答复为准。`,
      `Practice differs between places and changes: the local ${hotlines} or medical insurance office has the last word.`,
    ),
  );
  return lines.join('\n') + '\n';
}

function regionSummary(region: Region, lang: Lang): string {
  const window = describePeriod(region.newborn.window, lang);
  const annual = tr(
    lang,
    `${region.annualPayment.start} 至 ${region.annualPayment.end}${region.annualPayment.typical ? '（常见期间）' : ''}`,
    `${region.annualPayment.start} to ${region.annualPayment.end}${region.annualPayment.typical ? ' (typical)' : ''}`,
  );
  const card = (p: Region['card']['earliest']) => describeCardPeriod(p, lang);
  return tr(
    lang,
    `新生儿：出生后 ${window}内参保 · 年度缴费：${annual} · 制卡：${card(region.card.earliest)}至${card(region.card.latest)}`,
    `newborn: enrol within ${window} of birth · annual payment: ${annual} · card: ${card(region.card.earliest)} to ${card(region.card.latest)}`,
  );
}

export function renderRegionList(regions: readonly Region[], lang: Lang, color: ChalkInstance): string {
  const lines: string[] = [];
  for (const region of regions) {
    const provisional = region.provisional ? color.yellow(tr(lang, ' （暂定：来源为二手资料）', ' (provisional: secondary sources)')) : '';
    const apps = region.apps.filter((app) => app.steps.some((step) => step === 'apply' || step === 'enroll')).map((app) => tr(lang, app.name));
    lines.push(`${color.bold(region.id)}  ${tr(lang, region.name)}${provisional}`);
    lines.push(`  ${regionSummary(region, lang)}`);
    lines.push(`  ${tr(lang, '申领渠道', 'apply via')}: ${apps.join(tr(lang, '、', ', '))}`);
    lines.push(`  ${tr(lang, '热线', 'hotlines')}: ${region.hotlines.map((h) => `${h.number} ${tr(lang, h.name)}`).join(tr(lang, '；', '; '))}`);
    if (region.conflicts.length > 0) lines.push(color.yellow(`  ${tr(lang, '资料冲突', 'conflicting sources')}: ${region.conflicts.map((c) => tr(lang, c.message)).join(' ')}`));
  }
  lines.push('', tr(lang, '用法：shebao plan --newborn 2024-05-01 --region shanghai', 'Usage: shebao plan --newborn 2024-05-01 --region shanghai'));
  return lines.join('\n') + '\n';
}
