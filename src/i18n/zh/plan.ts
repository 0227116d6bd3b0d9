import { weekday, type IsoDate } from '../../core/dates.js';
import type { PlanErrorDetails } from '../../plan/errors.js';
import type { Moved } from '../../plan/types.js';
import type { PlanWording } from '../plan.js';
import type { ErrorTable } from '../table.js';

const weekdays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;

const list: PlanWording['list'] = (items) => items.join('、');

/** Each region section's name (the region list and the fallback warning). */
const fieldNames: PlanWording['regionList']['fields'] = {
  newborn: '新生儿参保期限',
  lateEnrollment: '逾期参保',
  annualPayment: '年度集中缴费期',
  card: '制卡时间',
  premiums: '个人缴费标准',
  apps: '申领渠道',
  hotlines: '热线',
  offices: '办理地点',
  photo: '照片要求',
  birthBundle: '出生一件事',
};

const period: PlanWording['period'] = ({ unit, count, countStartDay }) =>
  (unit === 'days' ? `${count} 天` : `${count} 个月`) + (countStartDay ? '（含出生当天）' : '');

const cardPeriod: PlanWording['cardPeriod'] = ({ unit, count }) => {
  if (count === 0) return '当天';
  return unit === 'working-days' ? `${count} 个工作日` : `${count} 天`;
};

const lateCover: PlanWording['lateCover'] = ({ coverStarts, wait }) => {
  if (coverStarts === 'day-after-payment') return '之后缴费，从缴费次日起才有保障';
  if (coverStarts === 'month-after-payment') return '之后缴费，从缴费次月起才有保障';
  return `之后缴费，要等待 ${period(wait ?? { unit: 'months', count: 0 })}才有保障`;
};

/** Why a last day moved: the holiday, or the weekday of an ordinary weekend. */
function movedNote(moved: Moved | null, to: IsoDate): string {
  if (moved === null) return '';
  const reason = moved.holiday?.zh ?? weekdays[weekday(moved.from)];
  return `期限最后一天 ${moved.from} 是休息日（${reason}），依法顺延到 ${to}。`;
}

const photoAndBranch = '需要合格的电子证件照，申领时选好取卡的银行网点。';

export const plan: PlanWording = {
  help: {
    summary: '新生儿参保、缴费、社保卡的办理期限',
    description: '按法律和官方放假安排计算新生儿参保、缴费、社保卡的期限',
    options: {
      newborn: '出生日期或预产期（YYYY-MM-DD）',
      region: '地区规则（见 --list-regions）',
      today: '以此日期为今天（YYYY-MM-DD），便于复现',
      applied: '社保卡申领日期，用于估算制卡时间',
      json: '输出 JSON',
      ics: '写出日历文件（含提醒）',
      force: '允许覆盖已存在的 --ics 文件',
      'list-regions': '列出可用地区',
      holidays: '自备的某年放假安排文件（JSON，格式同 rules/holidays/2026.json），可重复',
    },
    after: [
      '',
      '示例：',
      '  shebao plan --newborn 2024-05-01                        全国规则的时间表',
      '  shebao plan --newborn 2024-05-01 --region shanghai      上海规则',
      '  shebao plan --newborn 2027-03-01                        按预产期提前规划',
      '  shebao plan --newborn 2024-05-01 --applied 2024-06-03   加上制卡时间',
      '  shebao plan --newborn 2024-05-01 --ics 期限.ics         导入手机日历',
      '  shebao plan --list-regions',
      '',
      '退出码：0 已生成（逾期也是 0）· 2 用法错误',
    ].join('\n'),
  },
  rules: {
    'newborn-enrollment-deadline': {
      title: '新生儿参保登记截止',
      action: ({ date, facts }) => {
        if (facts.applied !== null) return `已完成：你已申领社保卡（${facts.applied}），说明已参保缴费。`;
        if (facts.overdue !== null) {
          const { days, meaning, coverFromIfPaidToday, hotline } = facts.overdue;
          return `已过截止日 ${days} 天。这意味着：${meaning.zh}今天就做：马上参保缴费，越晚保障越晚——今天缴费，大约从 ${coverFromIfPaidToday} 起有保障。再打 ${hotline} 或问当地医保经办机构，新生儿逾期参保还有没有补救办法。`;
        }
        const { unit, count, countStartDay } = facts.window;
        const birthDayCounts = countStartDay ? '（出生当天算第 1 天）' : '';
        const fromBirth = facts.coverFromBirth === null ? '' : `，医保从出生之日（${facts.coverFromBirth}）起报销`;
        const missed = facts.coverFromBirth === null ? '' : '错过这个期限，出生以来的医疗费就不能报销了（逾期缴费的等待期见下一条）。';
        return `出生后 ${period({ unit, count })}${birthDayCounts}内为孩子办理居民医保参保登记并缴费${fromBirth}。${missed}带出生医学证明和监护人身份证（已落户的带户口簿）。${movedNote(facts.moved, date)}窗口办理以下班时间为准。`;
      },
    },
    'newborn-payment-deadline': {
      title: '新生儿当年医保费缴费截止',
      action: ({ status, facts }) => {
        if (status === 'done') return '已完成（已申领社保卡）。';
        const vouchers = list(facts.voucherApps.map((app) => app.zh));
        if (status === 'overdue') return `已过截止日：${lateCover(facts.lateCover)}。今天就缴，并在${vouchers}激活医保电子凭证。`;
        return `参保后同样在截止日前缴纳出生当年的居民医保费——只登记不缴费，医保不生效。错过截止日：${lateCover(facts.lateCover)}。缴费后在${vouchers}激活孩子的医保电子凭证，社保卡到手前看病就能用。`;
      },
    },
    'card-application': {
      title: '申领社保卡',
      action: ({ status, facts }) => {
        if (facts.applied === null) return `这不是法定期限，但缴费后就该申领，最好和参保同一天办。${photoAndBranch}`;
        return status === 'done' ? `已于 ${facts.applied} 申领。` : `计划在 ${facts.applied} 申领：${photoAndBranch}`;
      },
    },
    'card-ready-earliest': {
      title: '社保卡最早制成',
      action: ({ facts }) =>
        facts.earliest.count === 0
          ? '在合作银行网点申领可当场取卡；其他渠道从今天起查询制卡进度。'
          : `申领后 ${cardPeriod(facts.earliest)}。从这天起可以查询制卡进度。`,
    },
    'card-ready-latest': {
      title: '社保卡一般最晚制成',
      action: ({ facts }) => {
        const usually = facts.raised
          ? `申领后一般 ${cardPeriod(facts.latest)}内制成，但这次赶上节假日，${cardPeriod(facts.earliest)}要到这一天。`
          : `申领后一般 ${cardPeriod(facts.latest)}内制成。`;
        return `${usually}过了这天还没收到通知，打 ${facts.hotline} 或在申领用的 App 里查进度。`;
      },
    },
    'card-collection': {
      title: '领取社保卡',
      action: () =>
        '收到制卡完成通知后去领卡：带监护人本人身份证（有的地方还要孩子的户口簿或出生医学证明复印件）；在柜台激活金融账户、设置密码；当场核对姓名、身份号码和照片。医保功能在定点医院首次使用时激活。',
    },
    'annual-payment-window': {
      title: '年度居民医保集中缴费期',
      titleFor: (coverYear) => `${coverYear} 年度居民医保集中缴费期`,
      action: ({ start, date, facts }) => {
        const moved = facts.moved === null ? '' : `（${facts.moved.from} 是休息日，顺延到 ${date}）`;
        const typical = facts.typical ? '各省自定缴费期，这里是常见缴费期的共同部分，请以当地通知为准。' : '';
        return `在 ${start} 至 ${date}${moved} 之间缴纳孩子 ${facts.coverYear} 年的居民医保费，每年都要缴。错过集中缴费期：${lateCover(facts.lateCover)}。${typical}`;
      },
    },
  },
  terminal: {
    milestones: {
      'card-application': ({ status, facts }) => {
        if (status === 'done') return undefined;
        return facts.applied === null
          ? '可用 shebao check-photo 检查照片。申领后加上 --applied <申领日期> 重新运行，可算出制卡完成的日期。'
          : '可用 shebao check-photo 检查照片。';
      },
    },
  },
  sentenceSeparator: '',
  warnings: {
    'region-fallback': ({ regionName, fields, hotlines }) => {
      const national = fields.filter((f) => f.from === 'national').map((f) => fieldNames[f.field]);
      const inherited = fields.filter((f) => f.from !== 'national').map((f) => `${fieldNames[f.field]}沿用${f.fromName.zh}的规则`);
      const parts = [...(national.length > 0 ? [`${list(national)}按全国规则估计`] : []), ...inherited];
      return `没有找到${regionName.zh}自己的公开依据：${parts.join('；')}。办理前请打 ${hotlines.join(' / ')} 确认。`;
    },
    'provisional-region': ({ regionName, hotlines }) =>
      `${regionName.zh}的规则是暂定的：来自二手资料，部分互相矛盾。办理前请打 ${hotlines.join(' / ')} 或问当地医保经办机构确认。`,
    'source-conflict': ({ regionName, summary, sources, alternatives }) => {
      const others = alternatives.map(({ window, deadline }) => `${period(window)} → ${deadline}`);
      const dates = others.length > 0 ? `其他说法对应的截止日：${others.join('；')}。` : '';
      return `${regionName.zh}资料有冲突：${summary.zh}${dates}来源：${sources.join(' | ')}`;
    },
    'calendar-year-missing': ({ years, calendar, covered }) => {
      const shown = list(years.map(String));
      return `没有 ${shown} 年的官方放假安排（${calendar} 收录 ${covered.from}–${covered.to} 年）：${shown} 年的日期按周一至周五为工作日推算，标为估算。国务院一般在上一年 10 月下旬至 12 月初公布，公布后请更新 shebao 再算一次。`;
    },
    'future-birth-date': ({ birthDate, today }) =>
      `出生日期 ${birthDate} 在今天（${today}）之后：按预产期提前规划。孩子出生后请用实际出生日期重新计算，所有期限都会随之变化。`,
    'applied-in-future': ({ applied }) => `申领日期 ${applied} 在今天之后：按计划的申领日期估算制卡时间。`,
    'year-end-birth': ({ birthYear, nextYear }) =>
      `孩子出生在年末，参保期限跨到 ${nextYear} 年：出生当年（${birthYear}）和 ${nextYear} 年的医保费可能要分别缴纳。请向当地医保经办机构确认 ${nextYear} 年的费用怎么缴、何时截止。`,
  },
  where: (where) => {
    switch (where.step) {
      case 'enroll':
      case 'apply':
        return where.apps.length === 0 ? where.office.zh : `线上：${list(where.apps.map((app) => app.zh))}；线下：${where.office.zh}`;
      case 'pay':
      case 'collect':
        return where.office.zh;
      case 'progress':
        return `申领时用的 App：${list(where.apps.map((app) => app.zh))}，或拨打 ${where.hotline}`;
    }
  },
  civilCode: '《民法典》第二百零一条至第二百零三条',
  cite: (source) => source,
  citationSeparator: '；',
  period,
  cardPeriod,
  lateCover,
  list,
  weekdays,
  timeline: {
    heading: (regionName, provisional) => `社保卡与少儿医保时间表 · ${regionName}${provisional ? '（暂定规则）' : ''}`,
    born: (birthDate, planningAhead) => (planningAhead ? `预产期 ${birthDate}（尚未出生，提前规划）` : `出生日期 ${birthDate}`),
    applied: (date) => `社保卡申领于 ${date}`,
    today: (date) => `今天 ${date}`,
    status: { overdue: '已逾期', 'due-soon': '临近', upcoming: '待办', done: '已办' },
    reached: '已到',
    estimate: '（估算）',
    range: (from, to) => `${from} 至 ${to}`,
    daysLeft: (days) => {
      if (days === 0) return '就是今天';
      if (days === 1) return '明天';
      if (days === -1) return '昨天';
      return days > 0 ? `还有 ${days} 天` : `已过 ${-days} 天`;
    },
    endsIn: (days) => (days === 0 ? '今天截止' : days === 1 ? '明天截止' : `${days} 天后截止`),
    startsIn: (days) => `${days} 天后开始`,
    now: '现在',
    what: '做什么：',
    where: '在哪里：',
    source: '依据：',
    note: '提示：',
    lastWord: (hotlines) => `各地做法不同、也会调整：以当地 ${hotlines} 或医保经办机构的答复为准。`,
    premium: (p, sourceLabel) =>
      `保费：${p.coverYear} 年度居民医保个人缴费${p.minimum ? '全国最低' : ''}每人每年 ${p.yuan} 元${p.minimum ? '（各地自定，以当地通知为准）' : ''}${p.coverYear < p.wantedYear ? `；${p.wantedYear} 年度的标准尚未找到公开文件` : ''}${p.provisional ? '（暂定）' : ''}。${sourceLabel === undefined ? '' : `${sourceLabel}${p.source}（${p.verified} 核对）`}`,
    icsHint: '加 --ics 期限.ics 可把提醒导入手机日历。',
  },
  ics: {
    calendarName: '社保卡与少儿医保办理期限',
    description: (action, where, source) => `${action}\n在哪里：${where}\n依据：${source}`,
    alarm: (title, date) => `${title}：${date}`,
    wrote: (file, events) => `已写入日历文件 ${file}（${events} 个日程）。`,
  },
  regionList: {
    id: '地区 id',
    name: '名称',
    fields: fieldNames,
    columns: { newborn: '新生儿', lateEnrollment: '逾期', annualPayment: '缴费期', card: '制卡', premiums: '保费', apps: '渠道', hotlines: '热线', offices: '地点', photo: '照片', birthBundle: '一件事' },
    legend: '● 有本地公开依据 · ◎ 本地依据为二手资料（暂定） · ◐ 沿用所在省的规则 · ○ 按全国规则估计 · – 无此项',
    ids: '地区 id 为拼音（如 henan），也可以写中文名（如 --region 河南）。港澳台不在范围内。各项依据见 docs/regions.md。',
    usage: '用法：shebao plan --newborn 2024-05-01 --region shanghai',
  },

  warningPrefix: '注意：',
};

export const planErrors: ErrorTable<PlanErrorDetails> = {
  'unknown-region': ({ region, known }) => ({
    message: `未知地区 "${region}"`,
    hint: `可选：${known.join(', ')}；运行 shebao plan --list-regions 查看详情`,
  }),
  'region-id-mismatch': ({ file, id, expected }) => ({
    message: `规则文件有误：${file}\n  id："${id}" 与文件名 "${expected}" 不一致`,
    hint: '请把 id 改成与文件名相同',
  }),
  'applied-before-birth': ({ applied, birthDate }) => ({
    message: `申领日期 ${applied} 早于出生日期 ${birthDate}`,
    hint: '申领日期是提交社保卡申领的那一天，应在出生之后，格式 YYYY-MM-DD。',
  }),
  'missing-birth-date': ({ option }) => ({
    message: `缺少 ${option} <出生日期>`,
    hint: `例如：shebao plan ${option} 2024-05-01（还没出生可以填预产期）`,
  }),
};
