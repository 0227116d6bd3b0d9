import type { IdErrorDetails } from '../../id/errors.js';
import type { IdWording } from '../id.js';
import type { ErrorTable } from '../table.js';

export const id: IdWording = {
  help: {
    summary: '校验身份证号码',
    description: '校验身份证号码，显示出生日期、性别和省份',
    arguments: { number: '身份证号码（可含空格；省略时从标准输入读取）' },
    options: {
      show: '完整显示号码（默认打码）',
      json: '输出 JSON',
      today: '以此日期为今天（YYYY-MM-DD）',
    },
    after: [
      '',
      '示例：',
      '  shebao id 11010519491231002X',
      '  shebao id 1101 0519 4912 3100 2x        空格、小写 x、全角数字都可以',
      '  echo 11010519491231002X | shebao id     不留在命令历史里',
      '',
      '退出码：0 有效 · 1 无效 · 2 用法错误',
    ].join('\n'),
  },
  valid: '有效',
  invalid: '无效',
  rows: { upgraded: '升位：', document: '证件：', born: '出生日期：', sex: '性别：', province: '省份：' },
  upgraded: '由 15 位旧号码升为 18 位',
  issuedIn: '（受理地）',
  kinds: {
    resident: '居民身份证',
    'hk-macao-taiwan-permit': '港澳台居民居住证',
    'foreign-permanent-resident': '外国人永久居留身份证',
  },
  sexes: { male: '男', female: '女' },
  problems: {
    empty: () => '没有输入号码',
    'bad-length': ({ actual }) => `长度应为 18 位（旧版 15 位），实际为 ${actual} 位`,
    'bad-characters': ({ position, actual }) => `只能是数字，最后一位可以是 X；第 ${position} 位是“${actual}”`,
    'bad-birth-date': ({ actual }) => `出生日期 ${actual} 不存在`,
    'future-birth-date': ({ actual, today }) => `出生日期 ${actual} 晚于今天（${today}）`,
    'bad-check-digit': ({ expected, actual }) => (expected === undefined || actual === undefined ? '校验码对不上：有字符输错了' : `校验码应为 ${expected}，实际为 ${actual}`),
  },
  warnings: {
    'unknown-region': ({ actual }) => `地区代码开头 ${actual} 不在现行省级代码表中：可能是后来撤销或调整过的地区，也可能输错了（只提醒，不算无效）`,
  },
};

export const idErrors: ErrorTable<IdErrorDetails> = {
  'id-number-missing': () => ({ message: '缺少身份证号码', hint: '用法：shebao id <号码>，或 echo <号码> | shebao id' }),
  'id-input-too-long': ({ limit }) => ({ message: `标准输入的前 ${limit / 1024 / 1024} MB 里没有换行，不是身份证号码`, hint: '在第一行给出一个号码，例如 echo <号码> | shebao id' }),
};
