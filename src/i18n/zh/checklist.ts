import type { ChecklistErrorDetails } from '../../checklist/errors.js';
import type { ChecklistWording } from '../checklist.js';
import type { ErrorTable } from '../table.js';
import { plan } from './plan.js';

export const checklist: ChecklistWording = {
  help: {
    summary: '按档案生成个人办理清单',
    description: '按档案生成个人办理清单：每一步的日期、地点、要带的材料和提示',
    options: {
      profile: '档案文件（由 shebao profile 生成）',
      format: '输出格式',
      json: '输出 JSON（同 --format json）',
      today: '以此日期为今天（YYYY-MM-DD）',
      applied: '已申领社保卡的日期，用来推算制卡和领卡日期',
      photo: '检查这张照片，代替档案里的照片（如 fix-photo 修好的新文件）',
      holidays: '自备的某年放假安排文件（JSON，格式同 rules/holidays/2026.json），可重复',
    },
    after: [
      '',
      '示例：',
      '  shebao checklist                                   读取 ./shebao-profile.json',
      '  shebao checklist --format markdown > 清单.md        可打印的勾选清单',
      '  shebao checklist --lang en --applied 2026-11-20   英文，并算出制卡日期',
      '  shebao checklist --photo 宝宝-fixed.jpg            检查修好的照片',
      '',
      '退出码：0 已生成清单 · 2 档案缺失或有误',
    ].join('\n'),
  },
  title: (regionName, provisional) => `社保卡与少儿医保办理清单 · ${regionName}${provisional ? '（暂定规则）' : ''}`,
  child: (birthDate, { years, months }, stageName, today) =>
    `孩子 ${birthDate} 出生（${years >= 1 ? `${years} 岁` : `${months} 个月`}）· ${stageName} · 生成于 ${today}`,
  done: '（已完成）',
  status: { overdue: '已逾期', 'due-soon': '临近', upcoming: '待办', done: '已办' },
  reached: '已到',
  when: (span, relative, estimate) => {
    const said = {
      today: () => '就是今天',
      left: (days: number) => `还有 ${days} 天`,
      open: (days: number) => (days === 0 ? '进行中，今天结束' : `进行中，还有 ${days} 天结束`),
      ago: (days: number) => `${days} 天前`,
      overdue: (days: number) => `已过期 ${days} 天`,
    };
    const text = relative.kind === 'today' ? said.today() : said[relative.kind](relative.days);
    return `${span}（${text}${estimate ? '，估算' : ''}）`;
  },
  range: (start, end) => `${start} 至 ${end}`,
  bring: { original: '原件', copy: '复印件', pages: (pages) => `（${pages}）`, note: (note) => `；${note}` },
  where: {
    enroll: '参保登记：',
    pay: '缴费：',
    online: '线上：',
    'in-person': '线下：',
    progress: '查进度：',
    phone: '电话：',
    collect: '领卡：',
    'e-voucher': '医保电子凭证：',
  },
  replacementFee: (yuan) => (yuan === null ? '按当地标准（常见 20 元）' : `${yuan} 元`),
  cardDuration: (regionName, earliest, latest) =>
    earliest.count === 0
      ? `${regionName}：合作银行网点可当场制卡；其他渠道一般 ${plan.cardPeriod(latest)}内制成。`
      : `${regionName}：申领后一般 ${plan.cardPeriod(earliest)}到 ${plan.cardPeriod(latest)}制成。`,
  terminal: {
    milestones: plan.terminal.milestones,
    cardDuration: (earliest) => (earliest.count === 0 ? undefined : '加 --applied <申领日期> 可算出具体日期。'),
    items: { 'e-photo': '用 shebao check-photo 检查' },
    checkPhoto: '运行 shebao check-photo <照片文件>',
  },
  photo: {
    notGiven: '还没检查照片',
    unreadable: (file, error) => `照片 ${file} 无法检查：${error}`,
    passed: (file, notes) => `照片 ${file} 已通过检查${notes.length > 0 ? `（${notes.length} 条提醒：${notes.join('；')}）` : ''}`,
    failed: (file, problems) => `照片 ${file} 未通过：${problems.join('；')}`,
    receiptOnly: '自己的照片不能代替回执：这个年龄要交照相馆拍的数码照片回执（见上面一项），下面的检查结果只供参考',
    check: '照片检查',
    fix: '修复：',
    recheck: '修好后再查：',
  },
  colon: '：',
  sentenceEnd: '。',
  note: '注意：',
  text: { where: '在哪里：', bring: '要带：', tips: '提示：', phone: '电话：' },
  markdown: { dates: '日期', where: '在哪里', bring: '要带的材料', tips: '提示', phone: '电话' },
  closing: (numbers) => `各地做法不同、也会调整：出发前打 ${numbers} 或问当地医保、人社部门确认。`,
};

export const checklistErrors: ErrorTable<ChecklistErrorDetails> = {};
