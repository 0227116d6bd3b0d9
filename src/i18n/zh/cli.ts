import type { CoreErrorDetails } from '../../core/errors.js';
import type { FilesErrorDetails } from '../../core/files.js';
import type { CliErrorDetails } from '../../cli/errors.js';
import type { CliWording } from '../cli.js';
import type { ErrorTable } from '../table.js';
import { sayIssue } from '../schema-issue.js';

const zodLocale = 'zhCN';

const exitCodes = '退出码：0 全部通过 · 1 发现问题 · 2 用法、输入或配置错误';

export const cli: CliWording = {
  errorPrefix: '错误：',
  seeHelp: '运行 shebao --help 或 shebao <命令> --help 查看用法。',
  internalError: (message) => `内部错误：${message}\n这是 shebao 的缺陷，请附上命令报告问题；设置 SHEBAO_DEBUG=1 可看到详细信息。`,
  helpTitles: { 'Usage:': '用法：', 'Arguments:': '参数：', 'Options:': '选项：', 'Commands:': '命令：', 'Global Options:': '全局选项：' },
  helpDefault: (value) => `默认 ${value}`,
  helpChoices: (values) => `可选 ${values.join('、')}`,
  helpNote: (notes) => `（${notes.join('，')}）`,
  usageOptions: '[选项]',
  usageCommand: '[命令]',
  placeholders: {
    photos: '照片',
    input: '照片或文件夹',
    number: '号码',
    file: '文件',
    date: '日期',
    spec: '规格或文件',
    format: '格式',
    dir: '文件夹',
    path: '路径',
    region: '地区',
    lang: '语言',
    n: 'n',
    shard: 'i/n',
    hukou: '户籍',
    stage: '阶段',
    applicant: '办理人',
    special: '情况',
    channel: '渠道',
    'child-id': '身份证号',
    command: '命令',
  },
  usage: {
    unknownOption: (subject, suggestion) => `没有 ${subject} 这个选项${suggestion ? `，你是不是想用 ${suggestion}？` : ''}`,
    unknownCommand: (subject, suggestion) => `没有 ${subject} 这个命令${suggestion ? `，你是不是想用 ${suggestion}？` : ''}`,
    missingArgument: (subject) => `缺少参数 ${subject}`,
    optionMissingArgument: (subject) => `选项 ${subject} 需要一个值`,
    excessArguments: (expected, received) => `参数太多：需要 ${expected} 个，给了 ${received} 个`,
    invalidChoice: (subject, value, choices) => `${subject} 不能是 "${value}"，可选：${choices.join('、')}`,
    other: (message) => message,
  },
  program: {
    summary: '社保卡与少儿医保办理助手',
    description: '社保卡与少儿医保办理助手：证件照检查与修复、办理期限、个人清单',
    options: { version: '显示版本', help: '显示帮助', lang: '输出语言：zh（中文，默认）或 en（英文）', color: '不使用颜色' },
    helpCommand: '显示某个命令的帮助',
    after: [
      '',
      '示例：',
      '  shebao                                    回答几个问题，得到办理清单',
      '  shebao check-photo 照片.jpg               检查证件照',
      '  shebao fix-photo 手机照片.jpg             把普通照片修成证件照',
      '  shebao plan --newborn 2024-05-01          新生儿参保、办卡的期限',
      '  shebao rules                              列出全部检查规则',
      '',
      exitCodes,
    ].join('\n'),
  },
  checkPhoto: {
    summary: '检查社保卡电子证件照',
    description: '检查社保卡电子证件照是否符合规格（358×441、14–40 KB、白底、深色上衣、头部位置）',
    arguments: { photos: '照片文件、文件夹（递归）或带引号的通配符' },
    options: {
      spec: '规格：shebao-card、ga461 或 JSON 文件',
      region: '用该地区的照片规格（如 shenzhen、广州；见 shebao plan --list-regions）',
      json: '输出一个 JSON 文档',
      format: '输出格式（csv、tsv：每张照片一行，列为 file、ok、failed、reasons、messages、warnings）',
      quiet: '只列出未通过的照片，每张一行',
      concurrency: '并行线程数（默认 CPU 核数；检查人脸时为 1，每个线程都要另载模型）',
      shard: '只检查排序后的第 i 份（共 n 份）',
      face: '跳过人脸位置检查',
      annotate: '把标注了规格参考线和测量结果的 PNG 写入此文件夹',
      force: '覆盖 --annotate 文件夹中已有的 PNG',
      today: '“今天”的日期（用于近期照片检查）',
    },
    after: [
      '',
      '示例：',
      '  shebao check-photo 照片.jpg',
      '  shebao check-photo photos/ --json > report.json',
      '  shebao check-photo "uploads/**/*.jpg" --format junit > junit.xml',
      '  shebao check-photo photos/ --format github --shard 2/4',
      '  shebao check-photo 照片/ --format csv > 结果.csv',
      '  shebao check-photo photo.jpg --spec ga461 --lang en',
      '  shebao check-photo photo.jpg --annotate 标注/',
      '',
      '退出码：0 全部通过 · 1 有照片未通过 · 2 用法、输入或规格错误',
    ].join('\n'),
    progress: '检查中',
    annotationWarning: '标注图未写入：',
    shardSummary: (index, count, taken, total) => `分片 ${index}/${count}：共 ${total} 张中的 ${taken} 张`,
  },
  rules: {
    summary: '列出全部检查规则和期限规则',
    description: '列出照片检查规则（含所选规格的参数和出处）和办理期限规则',
    options: { spec: '照片规格', region: '期限规则的地区（参数取自该地区的规则文件）', json: '输出 JSON' },
    after: '\n示例：\n  shebao rules\n  shebao rules --spec ga461 --json\n  shebao rules --region shanghai --json',
    photoHeading: (specId, specName) => `照片检查（规格 ${specId}：${specName}）`,
    deadlineHeading: (regionId, regionName) => `办理期限规则（shebao plan，地区 ${regionId}：${regionName}）`,
    warningOnly: '（只提示）',
    notInSpec: '此规格未启用',
    source: '出处',
  },
};

const position = (line?: number, column?: number) => (line === undefined ? '' : `（第 ${line} 行第 ${column ?? 1} 列）`);

export const coreErrors: ErrorTable<CoreErrorDetails & FilesErrorDetails> = {
  'rules-invalid': ({ file, problems }) => ({
    message: `规则文件有误：${file}\n${problems.map((p) => `  ${p.field}：${sayIssue(p.issue, zodLocale)}`).join('\n')}`,
    hint: '请按文档中的格式修正这些字段：照片规格见 docs/check-photo.md，地区规则见 docs/plan.md',
  }),
  'invalid-date': ({ option, value, reason, daysInMonth, suggestion, minYear, maxYear }) => {
    const check = '请检查日期，格式为 YYYY-MM-DD，例如 2024-05-01。';
    if (reason === 'out-of-range') return { message: `${option} "${value}" 不在 ${minYear}–${maxYear} 年之间`, hint: check };
    if (reason === 'no-such-day') return { message: `${option} "${value}" 这一天不存在（这个月只有 ${daysInMonth} 天）`, hint: check };
    if (reason === 'no-such-month') return { message: `${option} "${value}" 这一天不存在（月份应为 01–12）`, hint: check };
    return { message: `${option} "${value}" 不是日期${suggestion ? `（是不是 ${suggestion}？）` : ''}`, hint: '请按年-月-日写，例如 2024-05-01、2024/5/1 或 2024年5月1日。' };
  },
  'invalid-argument': ({ name, expected, received }) => ({ message: `参数 ${name} 应为 ${expected}，收到的是 ${received}` }),
  'missing-option': ({ name, expected }) => ({ message: `缺少选项 ${name}（${expected}）` }),
  'output-exists': ({ file }) => ({ message: `文件已存在：${file}，没有覆盖`, hint: '换一个文件名，或加 --force 覆盖它' }),
  'cannot-write': ({ file, reason }) => ({ message: `无法写入 ${file}（${reason}）`, hint: '请检查文件夹是否存在、是否有写权限、磁盘是否已满' }),
  'output-through-link': ({ file, link }) => ({ message: `没有写入 ${file}：路径中的 ${link} 是符号链接，写入可能落到输出文件夹之外`, hint: '删除或改名这个链接，或换一个输出文件夹' }),
  'file-not-found': ({ file }) => ({ message: `找不到文件 ${file}`, hint: '请检查文件路径是否正确' }),
  'file-unreadable': ({ file, reason }) => ({ message: `无法读取 ${file}（${reason}）`, hint: '请检查文件权限' }),
  'file-not-regular': ({ file, fileType }) => ({
    message: `${file} 不是普通文件，而是${{ fifo: '命名管道（FIFO）', 'character-device': '设备文件', 'block-device': '磁盘设备', socket: '套接字', other: '特殊文件' }[fileType]}，未读取`,
    hint: '请给出普通文件的路径',
  }),
  'file-too-large': ({ file, bytes, maxBytes }) => ({
    message: `${file} 有 ${bytes} 字节，超过此类文件的上限 ${maxBytes} 字节，未读取`,
    hint: '请确认这是你要用的文件',
  }),
  'file-not-json': ({ file, line, column }) => ({ message: `${file} 不是有效的 JSON${position(line, column)}`, hint: '请修正 JSON 语法后重试（键和字符串要用双引号）' }),
};

export const cliErrors: ErrorTable<CliErrorDetails> = {
  'conflicting-options': ({ first, second }) => ({ message: `${first} 与 ${second} 不能同时使用`, hint: '只保留其中一个' }),
  'empty-argument': ({ argument }) => ({ message: `${argument} 是空的`, hint: '请写出照片或文件夹的路径；当前文件夹请写 .' }),
  'not-positive-integer': ({ option, value }) => ({ message: `${option} "${value}" 不是正整数`, hint: `例如 ${option} 4` }),
  'stdout-failed': ({ reason }) => ({
    message: reason === 'EPIPE' ? '输出未写完：读取输出的程序已提前退出（EPIPE）' : `无法写出结果（${reason}${reason === 'ENOSPC' ? '：磁盘已满' : ''}）`,
  }),
};
