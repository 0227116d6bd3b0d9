import type { FixErrorDetails } from '../../fix/errors.js';
import { formatName } from '../../photo/sniff.js';
import { readableOutcome, type FixWording } from '../fix.js';
import { kb, rgb } from '../format.js';
import type { ErrorTable } from '../table.js';
import { photo } from './photo.js';

const edges = { left: '左', right: '右', top: '上', bottom: '下' } as const;

export const fix: FixWording = {
  help: {
    summary: '把普通照片修成符合规格的证件照',
    description: '把普通人像照片修成符合规格的证件照：转正摆正、按人脸裁剪缩放、背景换成白色、存为 350 dpi 基线 JPEG（去掉 GPS 等全部元数据），再检查结果',
    arguments: { input: '照片文件，或一个文件夹（递归处理其中所有照片）' },
    options: {
      output: '输出文件（默认 <原名>-fixed.jpg）；输入是文件夹时为输出文件夹（默认 <文件夹>-fixed）',
      spec: '规格：shebao-card、ga461 或 JSON 文件',
      force: '覆盖已存在的输出文件（包括输入文件本身）',
      json: '输出一个 JSON 文档',
      concurrency: '处理文件夹时使用的线程数（默认每个 CPU 核心一个）',
      today: '“今天”的日期（用于近期照片检查）',
      'skip-existing': '处理文件夹时跳过已有输出的照片（接着上次没做完的继续）',
    },
    after: [
      '',
      '示例：',
      '  shebao fix-photo IMG_0412.jpg                     写出 IMG_0412-fixed.jpg',
      '  shebao fix-photo 宝宝.png -o 宝宝-fixed.jpg',
      '  shebao fix-photo 今天的照片/ -o 已修复/             整个文件夹；仍不合格的放在 已修复/未通过/',
      '  shebao fix-photo 今天的照片/ -o 已修复/ --skip-existing   接着上次的继续',
      '  shebao fix-photo photo.jpg --spec ga461 --json --lang en',
      '',
      '不会做的事：换衣服、美颜、补出被照片边缘切掉的头顶、藏起第二个人（都会如实报告）',
      '',
      '退出码：0 修复后符合规格 · 1 修复后仍不符合或无法修复 · 2 用法、输入文件或规格错误',
    ].join('\n'),
  },
  progress: '修复中',
  changes: {
    rotated: ({ orientation }) => `按 EXIF 方向标记（${orientation}）把像素转正`,
    converted: ({ format, flattened, space, profile }) =>
      [
        format !== 'jpeg' ? `${formatName(format)} 转为 JPEG` : '',
        flattened ? '透明部分填成白色' : '',
        space === 'cmyk' ? 'CMYK 转为 sRGB' : space === 'grayscale' ? '灰度转为 RGB（照片仍是黑白的）' : '',
        profile !== null ? `色彩从“${profile}”转为 sRGB` : '',
      ]
        .filter(Boolean)
        .join('；'),
    levelled: ({ degrees }) => `把头摆正：整张照片转了 ${Math.abs(degrees).toFixed(1)}°`,
    'hair-top-estimated': () => '背景不够干净，找不到头发顶端：按脸宽估计头顶位置',
    'already-compliant': () => '照片已经符合全部规格：原样保留，没有改动',
    'crown-at-edge': () => '原图头顶正好碰到照片上边：已在上方补白，请看一眼头发是否完整',
    cropped: ({ from, region }) => `从 ${from.width}×${from.height} 的照片中裁出 ${region.width}×${region.height}（左上角 ${region.x},${region.y}）`,
    scaled: ({ factor, predicted: p, soft }) =>
      `缩放 ×${factor}：脸宽约 ${p.faceWidth} px，两眼中点 x≈${p.eyeMidX}，眼睛 y≈${p.eyeY}，头顶 y≈${p.hairTop}${soft ? '（放大较多，照片可能不够清晰）' : ''}`,
    'padded-top': ({ rows }) => `头顶上方补了 ${rows} 行白色（原图上方空间不够）`,
    'canvas-extended': ({ edges: extended }) =>
      `原图边缘不够裁剪：${Object.entries(extended)
        .map(([edge, px]) => `${edges[edge as keyof typeof edges]}边补了 ${px} px`)
        .join('，')}（背景处补白色，衣服碰到边缘处顺延衣服）`,
    'background-replaced': ({ from }) => `抠出人像，把背景 ${rgb(from)} 换成白色`,
    'segmentation-unavailable': () => '这里无法使用人像分割（模型没有加载）：只能把浅色干净的墙面变白',
    'background-whitened': ({ from }) => `浅色背景 ${rgb(from)} 变为白色`,
    'background-kept': ({ reason, colour }) =>
      ({
        'already-white': `背景已是白色 ${rgb(colour)}，未改动`,
        dark: `背景太暗（${rgb(colour)}），无法可靠地变白：请在白墙前、光线充足处重拍`,
        coloured: `背景是彩色的（${rgb(colour)}），没有改动：请在白墙前重拍`,
        busy: '背景杂乱（不是单色墙面），没有改动：请在白墙前重拍',
      })[reason],
    'metadata-removed': ({ exif, gps, icc, takenOn }) => {
      const parts = [exif ? (gps ? 'EXIF（含 GPS 位置）' : 'EXIF') : '', icc ? 'ICC 色彩配置' : ''].filter(Boolean);
      // The result has no capture date for the `recent` check to read: say what the original said.
      return `去掉了 ${parts.join('、')}${takenOn ? `（原图拍摄于 ${takenOn}）` : ''}`;
    },
    encoded: ({ quality, bytes, dpi }) => `基线 JPEG，质量 ${quality}，${kb(bytes)}${dpi ? `，${dpi} dpi` : ''}`,
  },
  refusals: {
    'no-face': () => ({ message: '照片里没有检测到人脸', hint: '正面、睁眼、光线充足地重新拍摄，脸不要被遮挡' }),
    'several-faces': ({ faces }) => ({ message: `照片里有 ${faces} 张人脸，不知道该裁哪一个`, hint: '单独拍摄本人；或先把照片裁到只剩本人再运行' }),
    'face-too-small': ({ faceWidth, minFaceWidth, enlargement }) => ({
      message: `脸在原图里只有 ${faceWidth} px 宽，要放大 ×${enlargement.toFixed(1)} 才到 ${minFaceWidth} px，会很模糊`,
      hint: '离近一些重拍，或用原图（不要用缩略图或聊天软件压缩过的照片）',
    }),
    'too-close-to-edge': ({ missing }) => {
      const short = Object.entries(missing) as Array<[keyof typeof edges, number]>;
      return {
        message: `头部离照片${short.map(([edge]) => edges[edge]).join('、')}边太近：按规格裁剪，${short.map(([edge, px]) => `${edges[edge]}边还缺 ${px} px`).join('，')}（原图像素）`,
        hint: '重拍时让人在画面正中，整个头部和肩膀都要拍进去（被照片切掉的头部或肩膀无法补出来）',
      };
    },
    'head-cut-off': () => ({ message: '原图里头顶已被裁掉（头发碰到照片上边）', hint: '重拍时头顶上方留出空间' }),
    'light-top': ({ skinShare, midToneShare }) => ({
      message: `原图里胸前是${skinShare >= 0.5 ? `裸露的皮肤（${Math.round(skinShare * 100)}%）` : `浅色衣服（深色、中灰只占 ${Math.round(midToneShare * 100)}%）`}：证件照要穿深色有领上衣，浅色上衣或露肩在白色背景上会被退回`,
      hint: '换深色有领上衣重新拍摄（长发拨到肩后）',
    }),
  },
  withAlso: (first, also) => ({
    message: [first.message, ...also.map((said) => `另外，${said.message}`)].join('；'),
    hint: [first.hint, ...also.map((said) => said.hint)].filter(Boolean).join('；'),
  }),
  fixed: (input, output) => `修复 ${input} → ${output}`,
  cannotFix: (input) => `${input}：无法修复`,
  passes: (specName) => `修复后的照片符合规格（${specName}）。`,
  alreadyPasses: (specName) => `照片本来就符合规格（${specName}），已原样保留。`,
  stillFails: (failed, specName) => `修复后的照片仍有 ${failed} 项不符合规格（${specName}），见上文。`,
  notes: {
    renamed: (plain) => `与另一张照片同名（${plain}），已改名`,
    encoded: (quality, bytes) => `质量 ${quality}，${kb(bytes)}`,
    replaced: '背景已换成白色',
    extended: '边缘已补齐',
    whitened: '背景已变白',
    kept: { 'already-white': '背景本来就是白色', dark: '背景太暗，未变白', coloured: '背景是彩色的，未变白', busy: '背景杂乱，未变白' },
  },
  passedCount: (count) => `${count} 张修复后符合规格`,
  failedCount: (count) => (count > 0 ? `${count} 张不符合或无法修复` : '0 张不符合'),
  summary: (total, passed, failed, specName, specId, output) => `共 ${total} 张：${passed}，${failed}（规格：${specName}（${specId}）），输出在 ${output}`,
  failedFolder: '未通过',
  failedApart: (folder) => `修复后仍不符合规格的照片单独放在 ${folder}，不要直接上传`,
  skipped: (count) => `跳过 ${count} 张：已有输出（--skip-existing）`,
};

/** check-photo's hints for broken files point to fix-photo itself: say which photos can be fixed instead (in the terminal and on the page alike). */
const saveAsJpeg = '可修复 JPEG、PNG、WebP、HEIC、AVIF、TIFF、GIF 格式的照片：请在手机或电脑上把照片另存为 JPEG 后再试';

export const fixErrors: ErrorTable<FixErrorDetails> = {
  'output-is-input': ({ file }) => ({ message: `输出文件就是输入文件：${file}，不会覆盖原图`, hint: '用 -o 指定另一个文件名；确实要覆盖原图请加 --force' }),
  'output-folder-is-input': ({ folder }) => ({ message: `输出文件夹就是输入文件夹：${folder}，修复后的照片会和原图混在一起`, hint: '用 -o 指定另一个文件夹，例如 -o 修复后/；不加 -o 时输出到“文件夹名-fixed”' }),
  'output-not-jpeg': ({ file, suggestion }) => ({ message: `输出文件名应以 .jpg 结尾：${file}`, hint: `fix-photo 总是写 JPEG，例如 -o ${suggestion}` }),
  'spec-missing-rules': ({ spec, missing }) => ({
    message: `规格 ${spec} 缺少 fix-photo 需要的规则：${missing.join('、')}`,
    hint: '在规格文件中加上这些检查的参数，或用内置规格 shebao-card',
  }),
  'heic-no-decoder': ({ file }) => ({
    message: `无法读取 HEIC 照片 ${file}：本机的图像库不含 HEVC 解码器（专利原因，sharp 预编译版本不带）`,
    hint: 'iPhone：设置 → 相机 → 格式 → 选“兼容性最佳”后重拍；或在“照片”里选中照片 → 共享 → 存储到“文件”/用微信发送原图，会得到 JPEG。安卓：相机设置里关闭 HEIF。',
  }),
  'unreadable-photo': (details) => {
    const outcome = readableOutcome(details);
    return {
      message: `${details.file}：${photo.checks.readable.message(outcome)}`,
      hint: details.stage === 'file' ? photo.checks.readable.hint(outcome, false) : saveAsJpeg,
    };
  },
  'fix-internal-error': ({ message }) => ({ message: `内部错误：${message}`, hint: '这是 shebao 的缺陷，请报告当时的操作和照片的情况' }),
};
