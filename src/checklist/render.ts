/**
 * Renderers over one Checklist: text for the terminal and Markdown with `- [ ]` boxes a parent can
 * print or paste into a notes app. JSON is the Checklist itself. Colours come from the caller.
 */
import type { ChalkInstance } from 'chalk';
import { Chalk } from 'chalk';
import { tr, type Lang } from '../core/i18n.js';
import type { Checklist, ChecklistDate, ChecklistItem, ChecklistStep, PhotoLine } from './build.js';

const statusLabels: Record<ChecklistDate['status'], { zh: string; en: string }> = {
  overdue: { zh: '已逾期', en: 'overdue' },
  'due-soon': { zh: '临近', en: 'due soon' },
  upcoming: { zh: '待办', en: 'upcoming' },
  done: { zh: '已过', en: 'done' },
};

function bring(item: ChecklistItem, lang: Lang): string {
  const parts = [item.original ? tr(lang, '原件', 'original') : '', item.copy ? tr(lang, '复印件', 'copy') : ''].filter(Boolean);
  const what = parts.join(' + ');
  const pages = item.pages ? tr(lang, `（${item.pages}）`, ` (${item.pages})`) : '';
  return what === '' ? '' : `${what}${pages}`;
}

function describeItem(item: ChecklistItem, lang: Lang): string {
  const how = bring(item, lang);
  const note = item.note ? tr(lang, `；${item.note}`, `; ${item.note}`) : '';
  return `${item.text}${how ? ` — ${how}` : ''}${note}`;
}

function relative(days: number, lang: Lang): string {
  if (days === 0) return tr(lang, '就是今天', 'today');
  if (days > 0) return tr(lang, `还有 ${days} 天`, `${days} days left`);
  return tr(lang, `已过 ${-days} 天`, `${-days} days ago`);
}

function when(date: ChecklistDate, lang: Lang): string {
  const estimate = date.estimate ? tr(lang, '，估算', ', estimate') : '';
  const span = date.start !== null && date.end !== null && date.start !== date.end ? tr(lang, `${date.start} 至 ${date.end}`, `${date.start} to ${date.end}`) : date.date;
  return `${span}${tr(lang, `（${relative(date.daysLeft, lang)}${estimate}）`, ` (${relative(date.daysLeft, lang)}${estimate})`)}`;
}

/** The photo's state in one sentence, plus the fix command when it failed. */
export function describePhoto(photo: PhotoLine, lang: Lang): { text: string; command: string | null } {
  switch (photo.status) {
    case 'not-given':
      return { text: tr(lang, '还没检查照片：运行 shebao check-photo <照片文件>', 'photo not checked yet: run shebao check-photo <photo file>'), command: null };
    case 'unreadable':
      return { text: tr(lang, `照片 ${photo.file} 无法检查：${photo.error}`, `could not check the photo ${photo.file}: ${photo.error}`), command: null };
    case 'pass': {
      const notes = photo.warnings.length > 0 ? tr(lang, `（${photo.warnings.length} 条提醒：${photo.warnings.map((w) => w.message).join('；')}）`, ` (${photo.warnings.length} note(s): ${photo.warnings.map((w) => w.message).join('; ')})`) : '';
      return { text: tr(lang, `照片 ${photo.file} 已通过检查${notes}`, `the photo ${photo.file} passed the checks${notes}`), command: null };
    }
    case 'fail':
      return {
        text: tr(lang, `照片 ${photo.file} 未通过：${photo.failed.map((f) => f.message).join('；')}`, `the photo ${photo.file} failed: ${photo.failed.map((f) => f.message).join('; ')}`),
        command: photo.fixCommand,
      };
  }
}

function heading(checklist: Checklist, lang: Lang): { title: string; child: string } {
  const provisional = checklist.region.provisional ? tr(lang, '（暂定规则）', ' (provisional rules)') : '';
  const { age: years, months } = checklist.child;
  const age = years >= 1 ? { zh: `${years} 岁`, en: `age ${years}` } : { zh: `${months} 个月`, en: `${months} month${months === 1 ? '' : 's'} old` };
  return {
    title: tr(lang, `社保卡与少儿医保办理清单 · ${checklist.region.name}${provisional}`, `Social security card and medical insurance checklist · ${checklist.region.name}${provisional}`),
    child: tr(
      lang,
      `孩子 ${checklist.child.birthDate} 出生（${age.zh}）· ${checklist.child.stageName} · 生成于 ${checklist.today}`,
      `child born ${checklist.child.birthDate} (${age.en}) · ${checklist.child.stageName} · made on ${checklist.today}`,
    ),
  };
}

function closing(checklist: Checklist, lang: Lang): string {
  const numbers = checklist.hotlines.map((h) => h.number).join(' / ');
  return tr(
    lang,
    `各地做法不同、也会调整：出发前打 ${numbers} 或问当地医保、人社部门确认。`,
    `Practice differs between places and changes: confirm with ${numbers} or the local medical insurance office before you go.`,
  );
}

function hasPhotoItem(step: ChecklistStep): boolean {
  return step.id === 'apply' && step.items.some((item) => item.id === 'e-photo');
}

/** Where the photo's state is shown: on the e-photo item, or on its own in the apply step. */
function showsPhotoAlone(step: ChecklistStep, photo: PhotoLine): boolean {
  return step.id === 'apply' && !hasPhotoItem(step) && photo.status !== 'not-given';
}

export function renderChecklistText(checklist: Checklist, color: ChalkInstance = new Chalk({ level: 0 })): string {
  const { lang } = checklist;
  const head = heading(checklist, lang);
  const lines = [color.bold(head.title), head.child];
  const paint = (status: ChecklistDate['status']) =>
    status === 'overdue' ? color.red.bold : status === 'due-soon' ? color.yellow.bold : status === 'upcoming' ? color.cyan : color.dim;
  checklist.steps.forEach((step, index) => {
    const done = step.done ? color.green(tr(lang, '（已完成）', ' (done)')) : '';
    lines.push('', color.bold(`${index + 1}. ${step.title}`) + done);
    // A step behind the family needs no shopping list, only what to keep from it.
    if (step.done) {
      for (const tip of step.tips) lines.push(`   · ${tip.text}`);
      return;
    }
    for (const date of step.dates) {
      const painter = paint(date.status);
      lines.push(`   ${painter(`[${tr(lang, statusLabels[date.status])}]`)} ${date.title}${tr(lang, '：', ': ')}${painter(when(date, lang))}`);
      lines.push(color.dim(`      ${date.action}`));
    }
    if (step.where.length > 0) {
      lines.push(`   ${tr(lang, '在哪里：', 'Where:')}`);
      for (const where of step.where) lines.push(`     ${where}`);
    }
    if (step.items.length > 0 || showsPhotoAlone(step, checklist.photo)) {
      lines.push(`   ${tr(lang, '要带：', 'Bring:')}`);
      for (const item of step.items) {
        const ready = item.id === 'e-photo' && checklist.photo.status === 'pass';
        lines.push(`     ${ready ? '☑' : '☐'} ${describeItem(item, lang)}`);
        if (item.id === 'e-photo') lines.push(...photoLines(checklist.photo, lang, color, '         '));
      }
      if (showsPhotoAlone(step, checklist.photo)) lines.push(...photoLines(checklist.photo, lang, color, '     '));
    }
    if (step.tips.length > 0) {
      lines.push(`   ${tr(lang, '提示：', 'Tips:')}`);
      for (const tip of step.tips) lines.push(`     · ${tip.text}`);
    }
  });
  lines.push('', tr(lang, '电话：', 'Phone: ') + checklist.hotlines.map((h) => `${h.number} ${h.name}`).join(' · '));
  for (const warning of checklist.warnings) lines.push(color.yellow(`${tr(lang, '注意：', 'Note: ')}${warning.message}`));
  lines.push(closing(checklist, lang));
  return `${lines.join('\n')}\n`;
}

function photoLines(photo: PhotoLine, lang: Lang, color: ChalkInstance, indent: string): string[] {
  const { text, command } = describePhoto(photo, lang);
  const painter = photo.status === 'pass' ? color.green : photo.status === 'not-given' ? color.dim : color.red;
  const lines = [`${indent}${painter(text)}`];
  if (command) lines.push(`${indent}${tr(lang, '修复：', 'Fix: ')}${color.bold(command)}`);
  return lines;
}

export function renderChecklistMarkdown(checklist: Checklist): string {
  const { lang } = checklist;
  const head = heading(checklist, lang);
  const out = [`# ${head.title}`, '', head.child];
  checklist.steps.forEach((step, index) => {
    out.push('', `## ${index + 1}. ${step.title}${step.done ? tr(lang, '（已完成）', ' (done)') : ''}`);
    if (step.done) {
      out.push('', ...step.tips.map((tip) => `- ${tip.text}`));
      return;
    }
    if (step.dates.length > 0) {
      out.push('', `**${tr(lang, '日期', 'Dates')}**`, '');
      for (const date of step.dates) out.push(`- **${date.title}**${tr(lang, '：', ': ')}${when(date, lang)}${tr(lang, '。', '. ')}${date.action}`);
    }
    if (step.where.length > 0) {
      out.push('', `**${tr(lang, '在哪里', 'Where')}**`, '');
      for (const where of step.where) out.push(`- ${where}`);
    }
    if (step.items.length > 0 || showsPhotoAlone(step, checklist.photo)) {
      out.push('', `**${tr(lang, '要带的材料', 'What to bring')}**`, '');
      for (const item of step.items) {
        if (item.id === 'e-photo') {
          out.push(photoItem(describeItem(item, lang), checklist.photo, lang));
        } else {
          out.push(`- [ ] ${describeItem(item, lang)}`);
        }
      }
      if (showsPhotoAlone(step, checklist.photo)) out.push(photoItem(tr(lang, '照片检查', 'photo check'), checklist.photo, lang));
    }
    if (step.tips.length > 0) {
      out.push('', `**${tr(lang, '提示', 'Tips')}**`, '');
      for (const tip of step.tips) out.push(`- ${tip.text}`);
    }
  });
  out.push('', '---', '', `${tr(lang, '电话', 'Phone')}: ${checklist.hotlines.map((h) => `${h.number} ${h.name}`).join(' · ')}`);
  for (const warning of checklist.warnings) out.push('', `> ${tr(lang, '注意：', 'Note: ')}${warning.message}`);
  out.push('', closing(checklist, lang));
  return `${out.join('\n')}\n`;
}

function photoItem(label: string, photo: PhotoLine, lang: Lang): string {
  const { text, command } = describePhoto(photo, lang);
  const fix = command ? tr(lang, `。修复：\`${command}\``, `. Fix: \`${command}\``) : '';
  return `- [${photo.status === 'pass' ? 'x' : ' '}] ${label}${tr(lang, '。', '. ')}${text}${fix}`;
}
