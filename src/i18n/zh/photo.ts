import type { PhotoErrorDetails } from '../../photo/errors.js';
import { formatName } from '../../photo/sniff.js';
import type { PhotoWording } from '../photo.js';
import { grouped, kb, percent, px, pxRange as range, rgb } from '../format.js';
import type { ErrorTable } from '../table.js';

const reframe = (canFix: boolean) => (canFix ? '用 shebao fix-photo 按人脸重新裁剪，或重新拍摄' : '重新拍摄：人正对镜头，头顶上方留一点空');

const turns: Record<number, string> = {
  2: '左右镜像',
  3: '旋转 180°',
  4: '上下镜像',
  5: '镜像并旋转 90°',
  6: '旋转 90°',
  7: '镜像并旋转 270°',
  8: '旋转 270°',
};

const spaces: Record<string, string> = { gray: '灰度', cmyk: 'CMYK（印刷色彩）', ycck: 'CMYK（YCCK）', other: '不常见的色彩模式', rgb: 'RGB', ycbcr: 'RGB' };

const unreadable: Record<string, string> = {
  missing: '文件不存在',
  'permission-denied': '没有读取该文件的权限',
  'is-directory': '这是一个文件夹，不是照片',
  'read-error': '无法读取文件',
  empty: '文件是空的（0 字节）',
  'not-an-image': '文件不是可识别的图片格式',
  undecodable: '无法解码这个图片文件',
  damaged: '图片文件已损坏，无法解码',
  truncated: '图片文件不完整（被截断，可能没有下载或复制完）',
  'too-many-pixels': '文件声明的像素数超过安全上限，未解码',
  'invalid-size': '文件声明的尺寸无效',
  'not-a-file': '这不是普通文件（而是管道、设备或套接字），未读取',
  'too-large': '文件超过照片允许的大小，未读取',
  'analysis-failed': 'shebao 未能完成对这张照片的检查（内部错误），其余照片已检查',
};

const specialFiles: Record<string, string> = { fifo: '命名管道（FIFO）', 'character-device': '设备文件', 'block-device': '磁盘设备', socket: '套接字' };

/** A small share to a tenth of a percent (0.005 is 0.5%, not 1%). */
const fine = (share: number): string => `${Math.round(share * 1000) / 10}%`;

const backgroundProblems: Record<string, string> = {
  blue: '背景偏蓝（蓝底照片？）',
  red: '背景偏红（红底照片？）',
  tinted: '背景带颜色，不是白色',
  frame: '照片边缘有深色边框',
  shadow: '背景一侧有明显阴影',
  grey: '背景发灰，不够白',
  dark: '背景太暗，不是白色',
  busy: '背景不是一面纯色的墙（有杂物、图案或其他人）',
  object: '白色背景上有东西（物体、标牌或原背景的残留）',
  'other-person': '照片里还有别人（身旁或身后的人，或别人的一部分）',
  'beside-head': '头部旁边有不属于头部的东西（与本人连在一起的旁人、举起的手臂或手、物体）',
  'blurred-beside': '头部旁边有一块模糊的东西和人像连在一起，像是原背景里的人或物体（不像头发那样清晰）',
};

export const photo: PhotoWording = {
  checks: {
    readable: {
      title: '可读取',
      describe: () => '文件存在、非空、能完整解码，像素数不超过 100 MP',
      message: (o) => {
        if (o.reason === 'ok') return '可以读取和解码';
        const m = o.measured ?? {};
        const base = unreadable[o.reason] ?? '无法读取文件';
        if (o.reason === 'read-error' && m.systemCode) return `${base}（${m.systemCode}）`;
        const more = m as { fileType?: string; maxBytes?: number };
        if (o.reason === 'not-a-file' && more.fileType && specialFiles[more.fileType]) return `这是${specialFiles[more.fileType]}，不是照片文件，未读取`;
        if (o.reason === 'too-large' && m.bytes !== undefined && more.maxBytes) {
          return `文件有 ${Math.round(m.bytes / 1e5) / 10} MB，超过照片的上限 ${Math.round(more.maxBytes / 1e5) / 10} MB，未读取`;
        }
        if (o.reason === 'undecodable' && m.format) return `无法解码这个 ${formatName(m.format as never)} 文件`;
        if ((o.reason === 'too-many-pixels' || o.reason === 'invalid-size') && m.width !== undefined) {
          const mp = Math.round(((m.width ?? 0) * (m.height ?? 0)) / 1e6);
          return o.reason === 'invalid-size'
            ? `${base}（${m.width}×${m.height}）`
            : `文件声明 ${m.width}×${m.height} 像素（${mp} MP），超过安全上限 ${(o.limits?.maxPixels ?? 0) / 1e6} MP，未解码`;
        }
        return base;
      },
      expected: () => undefined,
      actual: () => undefined,
      hint: (o) => {
        switch (o.reason) {
          case 'ok':
            return undefined;
          case 'missing':
          case 'read-error':
            return '请检查文件路径是否正确';
          case 'permission-denied':
            return '请检查文件权限（例如 chmod u+r 文件名）';
          case 'is-directory':
            return '直接传入文件夹即可批量检查其中的照片';
          case 'empty':
            return '请重新拍摄或重新导出照片';
          case 'undecodable':
            return '请在手机或电脑上把照片另存为 JPEG 后再试';
          case 'not-a-file':
            return '请给出照片文件本身的路径';
          case 'too-large':
            return '请把照片以正常大小重新导出（手机照片一般为 2–25 MB）';
          case 'analysis-failed':
            return '这是 shebao 的缺陷，请附上命令和照片情况报告给我们';
          default:
            return '文件已损坏或不完整，请从原始照片重新导出';
        }
      },
    },
    format: {
      title: 'JPEG 格式',
      describe: (p) => (p.baseline ? 'JPEG（基线，非渐进式）' : 'JPEG'),
      message: (o) => {
        if (o.reason === 'not-jpeg') {
          const name = formatName(o.measured?.format ?? 'unknown');
          return name ? `文件实际是 ${name} 格式，不是 JPEG（与扩展名无关）` : '文件不是 JPEG 图片';
        }
        if (o.reason === 'progressive') return '渐进式 JPEG：部分门户网站无法上传';
        return 'JPEG 格式';
      },
      expected: (o) => (o.limits?.baseline ? 'JPEG（基线）' : 'JPEG'),
      actual: (o) => {
        const name = formatName(o.measured?.format ?? 'unknown') || '未知格式';
        return o.measured?.progressive ? `${name}（渐进式）` : name;
      },
      hint: (o, canFix) =>
        o.reason === 'ok' ? undefined : canFix ? '用 shebao fix-photo 重新保存为基线 JPEG' : '在手机或电脑上把照片另存为 JPEG',
    },
    dimensions: {
      title: '像素尺寸',
      describe: (p) => `${p.width}×${p.height} px`,
      message: (o) => {
        const actual = `${o.measured?.width}×${o.measured?.height} px`;
        if (o.reason === 'swapped') return `宽高颠倒：${actual}（照片横过来了）`;
        if (o.reason === 'wrong-size') return `尺寸是 ${actual}，要求正好 ${o.limits?.width}×${o.limits?.height} px`;
        return actual;
      },
      expected: (o) => `${o.limits?.width}×${o.limits?.height} px`,
      actual: (o) => `${o.measured?.width}×${o.measured?.height} px`,
      hint: (o, canFix) =>
        o.reason === 'ok' ? undefined : canFix ? `用 shebao fix-photo 按人脸重新裁剪并缩放到 ${o.limits?.width}×${o.limits?.height}` : `裁剪并缩放到 ${o.limits?.width}×${o.limits?.height} 像素`,
    },
    'file-size': {
      title: '文件大小',
      describe: (p) => `${p.minBytes / 1024}–${p.maxBytes / 1024} KB（${grouped(p.minBytes)}–${grouped(p.maxBytes)} 字节）`,
      message: (o) => {
        const bytes = o.measured?.bytes ?? 0;
        const actual = `${kb(bytes)}（${grouped(bytes)} 字节）`;
        if (o.reason === 'too-small') return `文件太小：${actual}，至少 ${(o.limits?.minBytes ?? 0) / 1024} KB`;
        if (o.reason === 'too-large') return `文件太大：${actual}，最多 ${(o.limits?.maxBytes ?? 0) / 1024} KB`;
        return actual;
      },
      expected: (o) => `${(o.limits?.minBytes ?? 0) / 1024}–${(o.limits?.maxBytes ?? 0) / 1024} KB（${grouped(o.limits?.minBytes ?? 0)}–${grouped(o.limits?.maxBytes ?? 0)} 字节）`,
      actual: (o) => `${kb(o.measured?.bytes ?? 0)}（${grouped(o.measured?.bytes ?? 0)} 字节）`,
      hint: (o, canFix) => {
        if (o.reason === 'too-small') return canFix ? '用更高的 JPEG 质量重新导出（shebao fix-photo 会自动选择）' : '用更高的 JPEG 质量重新导出';
        if (o.reason === 'too-large') return canFix ? `压缩到 ${(o.limits?.maxBytes ?? 0) / 1024} KB 以内（shebao fix-photo 会自动选择 JPEG 质量）` : `压缩到 ${(o.limits?.maxBytes ?? 0) / 1024} KB 以内`;
        return undefined;
      },
    },
    padding: {
      title: '无填充字节',
      describe: (p) => (p.maxTrailingBytes === 0 ? 'JPEG 结束标记（FF D9）之后没有多余数据' : `JPEG 结束标记（FF D9）之后最多 ${p.maxTrailingBytes} 字节`),
      message: (o) => {
        const m = o.measured && 'trailingBytes' in o.measured ? o.measured : undefined;
        if (o.reason === 'zero-padding') return `文件在图像结束后被填充了 ${grouped(m?.trailingBytes ?? 0)} 个零字节（图像本身只有 ${kb(m?.imageBytes ?? 0)}），网站可能会退回`;
        if (o.reason === 'trailing-data') return `图像结束后还附带 ${grouped(m?.trailingBytes ?? 0)} 字节的其他数据（图像本身 ${kb(m?.imageBytes ?? 0)}），网站可能会退回`;
        if (o.reason === 'not-jpeg') return '不是 JPEG，未检查';
        if (o.reason === 'no-end-marker') return 'JPEG 缺少结束标记，未检查';
        return '在 JPEG 结束标记处结束';
      },
      expected: (o) => (o.limits?.maxTrailingBytes ? `结束标记后最多 ${o.limits.maxTrailingBytes} 字节` : '结束标记后没有数据'),
      actual: (o) => (o.measured && 'trailingBytes' in o.measured ? `结束标记后有 ${grouped(o.measured.trailingBytes)} 字节` : undefined),
      hint: (o, canFix) =>
        o.reason === 'zero-padding' || o.reason === 'trailing-data'
          ? canFix
            ? '用 shebao fix-photo 重新保存（会直接写出大小合适的干净 JPEG）'
            : '从原图重新导出，不要用填充字节凑文件大小'
          : undefined,
    },
    'color-mode': {
      title: '彩色 RGB',
      describe: (p) => `${p.channels} 通道 sRGB 彩色，不能是黑白内容`,
      message: (o) => {
        if (o.reason === 'not-rgb') return `照片是${spaces[o.measured?.colorSpace ?? 'other']}模式，要求 24 位 RGB 彩色`;
        if (o.reason === 'grey-content') return '照片内容全是灰色（黑白照片），门户会退回';
        if (o.reason === 'not-srgb') return `嵌入的色彩配置是“${o.measured?.iccProfile}”，不是 sRGB：网站上颜色可能偏差`;
        return 'RGB 彩色';
      },
      expected: (o) => `${o.limits?.channels} 通道 sRGB 彩色`,
      actual: (o) => `${o.measured?.channels} 通道 ${spaces[o.measured?.colorSpace ?? 'other']}`,
      hint: (o, canFix) => {
        if (o.reason === 'not-rgb') return canFix ? '用 shebao fix-photo 转成 RGB 彩色（黑白照片需要重新拍摄彩色照）' : '另存为 RGB 彩色（黑白照片需要重新拍摄彩色照）';
        if (o.reason === 'grey-content') return '请用彩色照片（关闭手机的黑白滤镜后重拍）';
        if (o.reason === 'not-srgb') return canFix ? '用 shebao fix-photo 转成 sRGB' : '另存为 sRGB';
        return undefined;
      },
    },
    orientation: {
      title: '方向标记',
      describe: () => '无 EXIF 方向标记，或方向为 1（正常）',
      message: (o) =>
        o.reason === 'rotated'
          ? `EXIF 方向标记为“${turns[o.measured?.orientation ?? 0] ?? `方向值 ${o.measured?.orientation}`}”：门户网站会把照片显示成歪的或倒的`
          : '方向正常',
      expected: () => 'EXIF 方向为 1 或没有方向标记',
      actual: (o) => (o.measured?.orientation ? `EXIF 方向 ${o.measured.orientation}` : '没有方向标记'),
      hint: (o, canFix) => (o.reason !== 'rotated' ? undefined : canFix ? '用 shebao fix-photo 把像素转正并去掉方向标记' : '在看图软件里把照片转正后另存'),
    },
    background: {
      title: '白色背景',
      describe: (p) =>
        p.segmented
          ? `人像分割后，人物周围的全部背景为白色：中位颜色每个通道 ≥ ${p.minChannel}，至少 ${percent(p.segmented.minWhiteShare)} 为白色、${percent(p.segmented.minPlainShare)} 为同一纯色，没有超过照片 ${fine(p.segmented.maxObjectShare)} 的物体，没有其他人，头部旁边没有与人连在一起的别的东西（超过照片 ${fine(p.segmented.maxBesideShare)}，或清晰度不到脸部的 ${percent(p.segmented.minBesideFocus)}，即失焦的原背景），光线均匀（两半亮度相差不超过 ${p.segmented.maxShade}）；无法分割时，从上角起连成一片的墙面至少 ${percent(p.minWhiteShare)} 为白色`
          : `背景墙（从上角起连成一片的区域）至少 ${percent(p.minWhiteShare)} 为白色（每个通道 ≥ ${p.minChannel}），无色偏、边框、阴影；两侧至少 ${percent(p.minWallShare)} 是墙`,
      message: (o) => {
        const m = o.measured;
        if (!m) return '';
        if (o.reason === 'ok') return `白色背景 ${rgb(m.rgb)}`;
        if (m.method === 'segmented') {
          if (o.reason === 'other-person') return `${backgroundProblems[o.reason]}：占照片 ${percent(m.othersShare)}`;
          if (o.reason === 'beside-head') return `${backgroundProblems[o.reason]}：占照片 ${percent(m.besideShare)}`;
          if (o.reason === 'blurred-beside') return `${backgroundProblems[o.reason]}：清晰度只有脸部的 ${percent(m.besideFocus ?? 0)}`;
          if (o.reason === 'object') return `${backgroundProblems[o.reason]}：一块占照片 ${fine(m.objectShare)} 的区域`;
          if (o.reason === 'shadow') return `${backgroundProblems[o.reason]}：两半亮度相差 ${m.shade}`;
          if (o.reason === 'busy') return `${backgroundProblems[o.reason]}：只有 ${percent(m.plainShare)} 是同一纯色`;
        }
        return `${backgroundProblems[o.reason]}：${m.method === 'segmented' ? '中位' : '平均'} ${rgb(m.rgb)}，白色部分 ${percent(m.whiteShare)}`;
      },
      expected: (o) => `白色（每个通道 ≥ ${o.limits?.minChannel}）`,
      actual: (o) => {
        const m = o.measured;
        if (!m) return undefined;
        if (m.method === 'segmented') return `${rgb(m.rgb)}，白色 ${percent(m.whiteShare)}，同一纯色 ${percent(m.plainShare)}`;
        return `${rgb(m.rgb)}，白色 ${percent(m.whiteShare)}，两侧 ${percent(m.wallShare)} 是纯色墙`;
      },
      hint: (o, canFix) => {
        if (o.reason === 'ok') return undefined;
        if (o.reason === 'other-person') return '单独拍摄，身后和身旁不要有人';
        if (o.reason === 'beside-head') return '单独拍摄，双手放下，头旁不要有人、手（包括扶着孩子的手）或物体';
        if (o.reason === 'blurred-beside') return '站在白墙或纯色墙前单独重拍，身后和身旁不要有人或物体';
        if (canFix) return '用 shebao fix-photo 把人像抠出、换成白色背景；或站在白墙前、光线均匀地重新拍摄';
        return '站在白墙前、光线均匀（避免侧光造成阴影）重新拍摄';
      },
    },
    'clothing-contrast': {
      title: '深色上衣',
      describe: (p) =>
        p.segmented
          ? `人像分割后看下巴以下的衣服（不含脖子和垂下的长发，裸露的皮肤算浅色）：至少 ${percent(p.segmented.minDarkShare)} 为深色（亮度 ≤ ${p.segmented.maxDarkLuma}，满分 255）${p.segmented.midTone ? `，或至少 ${percent(p.segmented.midTone.minShare)} 为深色或中灰（亮度 ≤ ${p.segmented.midTone.maxLuma}、色度 ≤ ${p.segmented.midTone.maxChroma}：灰西装）` : ''}${p.segmented.jacket ? `，或离两眼中点 ${p.segmented.jacket.minDistance} 个脸宽以外的衣服（外套两侧）至少 ${percent(p.segmented.jacket.minShare)} 为深色或中灰（深色外套配白衬衫）` : ''}；无法分割时，肩部（下方中间）比背景暗至少 ${p.minLumaDifference}`
          : `肩部（下方中间）比背景暗至少 ${p.minLumaDifference}（亮度 0–255）`,
      message: (o) => {
        const m = o.measured;
        if (!m) return '';
        if (o.reason === 'ok') return `上衣颜色足够深 ${rgb(m.clothingRgb)}`;
        if (m.method === 'segmented') {
          if (o.reason === 'not-visible') return `下巴以下几乎看不到衣服（只占照片 ${percent(m.clothingShare)}）：照片里要有肩膀和上衣`;
          return `下巴以下的衣服太浅，和白色背景分不开：只有 ${percent(m.darkShare)} 是深色`;
        }
        return `上衣太浅，和白色背景分不开（上衣亮度 ${m.clothingLuma}，背景 ${m.backgroundLuma}，相差 ${m.difference}）`;
      },
      expected: (o) => {
        const limits = o.limits;
        if (limits && 'minDarkShare' in limits) return `衣服至少 ${percent(limits.minDarkShare)} 为深色（亮度 ≤ ${limits.maxDarkLuma}）`;
        return `比背景暗 ≥ ${limits?.minLumaDifference}`;
      },
      actual: (o) => {
        const m = o.measured;
        if (!m) return undefined;
        if (m.method === 'segmented') return `深色部分 ${percent(m.darkShare)}，亮度中位数 ${m.clothingLuma}`;
        return `上衣亮度 ${m.clothingLuma}，背景 ${m.backgroundLuma}，相差 ${m.difference}`;
      },
      hint: (o) => {
        if (o.reason === 'ok') return undefined;
        if (o.reason === 'not-visible') return '重新拍摄，让肩膀进入画面，穿深色有领上衣';
        return '换深色有领上衣（深蓝、黑、深灰）重新拍摄';
      },
    },
    resolution: {
      title: '分辨率（dpi）',
      describe: (p) => `${p.dpi} dpi（不符合只提示）`,
      message: (o) => {
        const m = o.measured;
        const actual = m && (m.dpiX === m.dpiY ? `${m.dpiX} dpi` : `${m.dpiX}×${m.dpiY} dpi`);
        if (o.reason === 'no-density') return `没有分辨率标记，规格为 ${o.limits?.dpi} dpi（多数门户不检查）`;
        if (o.reason === 'other-density') return `分辨率标记是 ${actual}，规格为 ${o.limits?.dpi} dpi（多数门户不检查）`;
        return `${o.limits?.dpi} dpi`;
      },
      expected: (o) => `${o.limits?.dpi} dpi`,
      actual: (o) => (o.reason === 'no-density' ? '没有分辨率标记' : o.measured?.dpiX === o.measured?.dpiY ? `${o.measured?.dpiX} dpi` : `${o.measured?.dpiX}×${o.measured?.dpiY} dpi`),
      hint: (o, canFix) => (o.reason === 'ok' ? undefined : canFix ? 'shebao fix-photo 输出的照片带 350 dpi 标记' : '导出时把分辨率设为 350 dpi'),
    },
    recent: {
      title: '近期照片',
      describe: (p) => `拍摄于 ${p.maxAgeMonths} 个月内（按 EXIF 拍摄日期，只提示）`,
      message: (o) => {
        const months = o.limits?.maxAgeMonths;
        if (o.reason === 'no-capture-date') return `照片没有拍摄日期，请确认是 ${months} 个月内拍的`;
        const taken = o.measured && 'takenOn' in o.measured ? o.measured.takenOn : '';
        if (o.reason === 'in-future') return `拍摄日期 ${taken} 在今天之后：相机时间可能设错了`;
        if (o.reason === 'too-old') return `照片拍摄于 ${taken}，超过 ${months} 个月；孩子长得快，请用近照`;
        return `拍摄于 ${taken}`;
      },
      expected: (o) => `${o.limits?.takenOnOrAfter} 之后拍摄`,
      actual: (o) => (o.measured && 'takenOn' in o.measured ? o.measured.takenOn : undefined),
      hint: (o) => (o.reason === 'too-old' ? '重新拍一张近期照片' : undefined),
    },
    'face-count': {
      title: '单人正脸',
      describe: (p) => `正好 ${p.count} 张人脸`,
      message: (o) => {
        if (o.reason === 'no-face') return '没有检测到人脸：脸被挡住、太暗、太小或不是正面';
        if (o.reason === 'second-face') return `检测到 ${o.measured?.faces} 张人脸，照片里只能有本人`;
        return `检测到 ${o.measured?.faces} 张人脸`;
      },
      expected: (o) => `${o.limits?.faces} 张人脸`,
      actual: (o) => `${o.measured?.faces} 张人脸`,
      hint: (o) => {
        if (o.reason === 'no-face') return '正面、睁眼、光线充足地重新拍摄；婴儿的脸不要被包裹遮住';
        if (o.reason === 'second-face') return '单独拍摄本人（抱着孩子拍时，大人不要入镜）';
        return undefined;
      },
    },
    'face-width': {
      title: '人脸宽度',
      describe: (p) => range(p),
      message: (o) => {
        const actual = px(o.measured?.px ?? 0);
        const expected = range(o.limits ?? { min: 0, max: 0 });
        if (o.reason === 'too-small') return `脸太小：宽 ${actual}，要求 ${expected}（人离镜头太远）`;
        if (o.reason === 'too-large') return `脸太大：宽 ${actual}，要求 ${expected}（人离镜头太近）`;
        return `脸宽 ${actual}`;
      },
      expected: (o) => range(o.limits ?? { min: 0, max: 0 }),
      actual: (o) => px(o.measured?.px ?? 0),
      hint: (o, canFix) => (o.reason === 'ok' ? undefined : reframe(canFix)),
    },
    'face-centered': {
      title: '水平居中',
      describe: (p) => `两眼中点距左边 ${range(p)}`,
      message: (o) => {
        const actual = px(o.measured?.eyeMidX ?? 0);
        if (o.reason === 'ok') return `两眼中点距左边 ${actual}`;
        return `头部${o.reason === 'off-left' ? '偏左' : '偏右'}：两眼中点距左边 ${actual}，要求 ${range(o.limits ?? { min: 0, max: 0 })}`;
      },
      expected: (o) => range(o.limits ?? { min: 0, max: 0 }),
      actual: (o) => px(o.measured?.eyeMidX ?? 0),
      hint: (o, canFix) => (o.reason === 'ok' ? undefined : reframe(canFix)),
    },
    'eye-height': {
      title: '眼睛高度',
      describe: (p) => `眼睛连线距下边 ≥ ${p.minFromBottom} px`,
      message: (o) => {
        const actual = px(o.measured?.fromBottom ?? 0);
        if (o.reason === 'too-low') return `头部太靠下：眼睛距下边只有 ${actual}，要求 ≥ ${o.limits?.minFromBottom} px`;
        return `眼睛距下边 ${actual}`;
      },
      expected: (o) => `≥ ${o.limits?.minFromBottom} px`,
      actual: (o) => px(o.measured?.fromBottom ?? 0),
      hint: (o, canFix) => (o.reason === 'ok' ? undefined : reframe(canFix)),
    },
    'head-top': {
      title: '头顶位置',
      describe: (p) => `头发顶端距上边 ${range(p)}`,
      message: (o) => {
        const expected = range(o.limits ?? { min: 0, max: 0 });
        if (o.reason === 'not-found') return '无法确定头发顶端（背景不够干净？）';
        const actual = px(o.measured && 'px' in o.measured ? o.measured.px : 0);
        if (o.reason === 'cut-off') return '头顶被裁掉了（头发碰到上边）';
        if (o.reason === 'too-close') return `头顶离上边太近：${actual}，要求 ${expected}`;
        if (o.reason === 'too-much-space') return `头顶上方空白太多：${actual}，要求 ${expected}`;
        return `头顶距上边 ${actual}`;
      },
      expected: (o) => range(o.limits ?? { min: 0, max: 0 }),
      actual: (o) => (o.measured && 'px' in o.measured ? px(o.measured.px) : undefined),
      hint: (o, canFix) => {
        if (o.reason === 'ok') return undefined;
        if (o.reason === 'cut-off') return '重新拍摄，头顶上方留出空间';
        return reframe(canFix);
      },
    },
    'head-tilt': {
      title: '头部端正',
      describe: (p) => (p.failDegrees === undefined ? `两眼连线倾斜不超过 ${p.maxDegrees}°（只提示）` : `两眼连线倾斜不超过 ${p.maxDegrees}°（超过 ${p.failDegrees}° 不合格，其间提示）`),
      message: (o) => (o.reason === 'ok' ? `倾斜 ${o.measured?.degrees}°` : `头部歪了 ${o.measured?.degrees}°`),
      expected: (o) => (o.reason === 'too-tilted' ? `≤ ${o.limits?.failDegrees}°` : `≤ ${o.limits?.maxDegrees}°`),
      actual: (o) => `${o.measured?.degrees}°`,
      hint: (o, canFix) => (o.reason === 'ok' ? undefined : canFix ? '让孩子坐正、头摆正后重拍，或用 shebao fix-photo 摆正' : '让孩子坐正、头摆正后重拍'),
    },
    'head-pose': {
      title: '正对镜头',
      describe: (p) => `头部左右转动不超过 ${p.maxYawDegrees}°（超过 ${p.warnYawDegrees}° 提示），低头不超过 ${p.maxDownDegrees}°、仰头不超过 ${p.maxUpDegrees}°（由面部特征点估算）`,
      message: (o) => {
        const m = o.measured;
        if (o.reason === 'turned') return `头转向了一侧（约 ${Math.abs(m?.yawDegrees ?? 0)}°）`;
        if (o.reason === 'slightly-turned') return `头似乎略微侧转（约 ${Math.abs(m?.yawDegrees ?? 0)}°），请确认脸正对镜头`;
        if (o.reason === 'looking-down') return `低头或眼睛向下看（下巴约向下 ${m?.pitchDegrees}°）`;
        if (o.reason === 'looking-up') return `仰头了（下巴约抬起 ${-(m?.pitchDegrees ?? 0)}°）`;
        return `正对镜头（转动 ${Math.abs(m?.yawDegrees ?? 0)}°，俯仰 ${m?.pitchDegrees}°）`;
      },
      expected: (o) => `转动 ≤ ${o.limits?.maxYawDegrees}°，低头 ≤ ${o.limits?.maxDownDegrees}°，仰头 ≤ ${o.limits?.maxUpDegrees}°`,
      actual: (o) => `转动 ${Math.abs(o.measured?.yawDegrees ?? 0)}°，俯仰 ${o.measured?.pitchDegrees}°（正数为低头）`,
      hint: (o) => (o.reason === 'ok' ? undefined : '重新拍摄：脸正对镜头，下巴放平，眼睛看镜头'),
    },
    'eyes-open': {
      title: '双眼睁开',
      describe: (p) => `每只眼睛上下眼睑的间距至少为眼宽的 ${p.minOpenness}；黑眼珠偏离眼睛中间不超过眼宽的 ${p.maxGaze}（正视镜头）`,
      message: (o) =>
        o.reason === 'closed'
          ? `有一只眼睛闭着或几乎闭上（眼睑间距：左 ${o.measured?.left}，右 ${o.measured?.right}，至少 ${o.limits?.minOpenness}）`
          : o.reason === 'looking-aside'
            ? `眼睛没有看镜头，向${(o.measured?.gaze ?? 0) > 0 ? '右' : '左'}看（黑眼珠偏离中间 ${Math.abs(o.measured?.gaze ?? 0)} 个眼宽，最多 ${o.limits?.maxGaze}）`
            : `双眼睁开、看镜头（${o.measured?.left}，${o.measured?.right}）`,
      expected: (o) => `每只眼睛 ≥ ${o.limits?.minOpenness}，视线偏离 ≤ ${o.limits?.maxGaze}`,
      actual: (o) => `左 ${o.measured?.left}，右 ${o.measured?.right}，视线偏离 ${Math.abs(o.measured?.gaze ?? 0)}`,
      hint: (o) =>
        o.reason === 'closed' ? '重新拍摄：双眼自然睁开看镜头，不要眨眼或被光线晃得眯眼' : o.reason === 'looking-aside' ? '重新拍摄：眼睛平视镜头，不要看旁边' : undefined,
    },
    'mouth-closed': {
      title: '嘴巴闭合',
      describe: (p) => `嘴唇闭合：唇间距不超过嘴宽的 ${p.maxLipGap}；露齿只提示`,
      message: (o) => {
        if (o.reason === 'open') return `嘴巴张开了（唇间距为嘴宽的 ${o.measured?.lipGap}，最多 ${o.limits?.maxLipGap}），要求中性表情、嘴唇自然闭合`;
        if (o.reason === 'parted') return `嘴唇分开了，中间看不到牙齿（唇间距为嘴宽的 ${o.measured?.lipGap}，不露齿时最多 ${o.limits?.partedLipGap}）：像是在说话时拍的，要求嘴唇自然闭合`;
        if (o.reason === 'grimace') return `表情不自然（像是在做鬼脸、惊讶、害怕或说话，可能性 ${percent(o.measured?.grimace ?? 0)}），要求中性表情`;
        if (o.reason === 'teeth') return '露出了牙齿（在笑）：部分网站只接受嘴唇闭合的中性表情';
        return '嘴巴闭合';
      },
      expected: (o) => `唇间距 ≤ ${o.limits?.maxLipGap}，不露齿，表情不自然的可能性 ≤ ${percent(o.limits?.maxGrimace ?? 0)}`,
      actual: (o) => `唇间距 ${o.measured?.lipGap}，嘴部 ${percent(o.measured?.teethShare ?? 0)} 为牙齿颜色，表情不自然的可能性 ${percent(o.measured?.grimace ?? 0)}`,
      hint: (o) => (o.reason === 'ok' ? undefined : '重新拍摄：表情自然，嘴唇轻轻闭上'),
    },
    sharpness: {
      title: '清晰',
      describe: (p) => `脸部对焦清晰：模糊度不超过 ${p.maxBlur}（0 清晰 – 1 完全模糊，按证件照大小测量）`,
      message: (o) => (o.reason === 'blurred' ? `脸部模糊（模糊度 ${o.measured?.blur}，最多 ${o.limits?.maxBlur}）：没对上焦、手抖，或是从很小的人脸放大的` : `清晰（模糊度 ${o.measured?.blur}）`),
      expected: (o) => `模糊度 ≤ ${o.limits?.maxBlur}`,
      actual: (o) => `模糊度 ${o.measured?.blur}`,
      hint: (o) => (o.reason === 'blurred' ? '重新拍摄：靠近一些、光线充足、拿稳手机并对焦在眼睛上' : undefined),
    },
    'face-lighting': {
      title: '脸部光线',
      describe: (p) => `脸颊亮度中位数 ${p.minSkinLuma}–${p.maxSkinLuma}，过曝部分不超过 ${percent(p.maxClippedShare)}，两侧亮度相差不超过 ${p.maxSideStops} 档（超过 ${p.warnSideStops} 档提示）`,
      message: (o) => {
        const m = o.measured;
        if (o.reason === 'too-dark') return `脸部太暗（皮肤亮度 ${m?.skinLuma}，至少 ${o.limits?.minSkinLuma}）`;
        if (o.reason === 'too-bright') return `脸部过曝（皮肤亮度 ${m?.skinLuma}，${percent(m?.clippedShare ?? 0)} 已发白）`;
        if (o.reason === 'half-shadow') return `半边脸在阴影里（阴阳脸：两颊亮度 ${m?.leftLuma} 和 ${m?.rightLuma}，相差 ${m?.sideStops} 档）`;
        if (o.reason === 'uneven') return `光线不均匀：一侧脸颊偏暗（${m?.leftLuma} 和 ${m?.rightLuma}，相差 ${m?.sideStops} 档）`;
        return `光线均匀（皮肤亮度 ${m?.skinLuma}）`;
      },
      expected: (o) => `皮肤亮度 ${o.limits?.minSkinLuma}–${o.limits?.maxSkinLuma}，两侧相差 ≤ ${o.limits?.maxSideStops} 档`,
      actual: (o) => `皮肤亮度 ${o.measured?.skinLuma}，两颊 ${o.measured?.leftLuma}/${o.measured?.rightLuma}（相差 ${o.measured?.sideStops} 档）`,
      hint: (o) => {
        if (o.reason === 'too-dark') return '到光线更亮的地方重拍，面向窗户或灯光';
        if (o.reason === 'too-bright') return '重拍时不要开闪光灯，避免阳光直射脸部';
        if (o.reason === 'half-shadow' || o.reason === 'uneven') return '重拍时让光从正面或两侧照过来（面向窗户，不要只有一侧有灯）';
        return undefined;
      },
    },
    hands: {
      title: '头部旁边没有手',
      describe: (p) => `头上、头旁、头发里没有手（手掌检测分数 ≥ ${p.minScore} 即算）；嘴以下、下巴附近的手无法可靠区分，须人工确认`,
      message: (o) =>
        o.reason === 'hand'
          ? `头部旁边有手（${o.measured?.hands} 只，分数 ${o.measured?.score}，${o.limits?.minScore} 起算）：证件照里不能有手，包括扶着孩子头的大人的手`
          : '头上、头旁没有发现手（下巴下方的手请亲眼确认）',
      expected: (o) => `没有手（分数 < ${o.limits?.minScore}）`,
      actual: (o) => (o.measured?.hands ? `${o.measured.hands} 只手，分数 ${o.measured.score}` : `没有手（最高分数 ${o.measured?.score}）`),
      hint: (o) => (o.reason === 'hand' ? '重新拍摄：手放下，不要扶头、摸头发；给孩子拍时，大人的手不要入镜（可以让孩子靠着白墙坐稳）' : undefined),
    },
    'head-uncovered': {
      title: '露耳露眉免冠',
      describe: (p) => `无法自动测量，需要人工确认：${[p.ears ? '双耳露出' : '', p.eyebrows ? '双眉露出' : '', p.noHat ? '不戴帽子' : ''].filter(Boolean).join('、')}`,
      message: (o) =>
        `未自动检查，请亲眼确认：${[o.limits?.ears ? '双耳露出' : '', o.limits?.eyebrows ? '双眉露出（刘海不遮眉）' : '', o.limits?.noHat ? '没有戴帽子或头巾' : ''].filter(Boolean).join('、')}`,
      expected: (o) => [o.limits?.ears ? '露出双耳' : '', o.limits?.eyebrows ? '露出双眉' : '', o.limits?.noHat ? '免冠' : ''].filter(Boolean).join('、'),
      actual: () => '未测量',
      hint: () => '请看一下照片：如果头发挡住了耳朵或眉毛，把头发扎起来后重拍',
    },
  },
  skips: {
    'skipped-unreadable': '照片无法读取，未检查',
    'skipped-face-off': '人脸检查已关闭，未做',
    'skipped-no-detector': '没有可用的人脸检测器',
    'skipped-no-hand-model': '手部检测模型不可用，未检查',
    'skipped-no-face': '没有检测到人脸，无法测量',
    'skipped-several-faces': '检测到多张人脸，无法测量',
  },
  listSeparator: '、',
  messageSeparator: '；',
  colon: '：',
  annotated: '标注图',
  summary: (total, passed, failed, specName, specId) => `共 ${total} 张：${passed} 张通过，${failed} 张未通过（规格：${specName}（${specId}））`,
  repairAdvice: '未通过的照片可以试试：shebao fix-photo <照片> -o <新文件.jpg>',
  expectedLabel: '要求',
  actualLabel: '实际',
  warningLabel: '提示',
  annotation: {
    hairTopRange: '头顶 {min}–{max} px',
    eyeLine: '眼睛须高于此线（距下边 {px} px）',
    faceWidth: '脸宽 {px} px（{min}–{max}）',
    hairTop: '{px} px',
    faceNotChecked: '未检查人脸',
    noFace: '没有检测到人脸',
  },
};

export const photoErrors: ErrorTable<PhotoErrorDetails> = {
  'unknown-spec': ({ spec, builtin }) => ({ message: `未知的照片规格 "${spec}"`, hint: `内置规格：${builtin.join('、')}；或给出 JSON 文件路径` }),
  'spec-extends-loop': ({ files }) => ({ message: `照片规格循环继承：${files.join(' → ')}`, hint: '去掉其中一个 extends' }),
  'no-photos-given': () => ({ message: '没有指定照片', hint: '用法：shebao check-photo <文件|文件夹|通配符…>' }),
  'no-photos-found': ({ inputs, extensions }) => ({ message: `没有找到照片：${inputs.join('、')}`, hint: `支持的扩展名：${extensions.join(' ')}` }),
  'invalid-shard': ({ value }) => ({ message: `--shard "${value}" 无效`, hint: '格式为 i/n，1 ≤ i ≤ n ≤ 1000000，例如 --shard 2/4' }),
  'face-model-unavailable': ({ reason }) => ({ message: `无法加载人脸模型（${reason}）`, hint: '人脸模型随 shebao 安装（models/face-api/、dist/face/）；请重新安装 shebao（npm install）' }),
  'segment-model-unavailable': ({ reason }) => ({ message: `无法加载人像分割模型（${reason}）`, hint: '人像分割模型随 shebao 的 models/selfie-segmentation/ 目录安装；请重新安装 shebao（npm install）' }),
  'hand-model-unavailable': ({ reason }) => ({ message: `无法加载手部检测模型（${reason}）`, hint: '手部检测模型随 shebao 的 models/hands/ 目录安装；请重新安装 shebao（npm install）' }),
  'face-backend-failed': ({ dir }) => ({ message: `人脸模型的 WebAssembly 后端无法启动（${dir}）`, hint: '请重新安装 shebao（npm install）' }),
  'face-input-mismatch': ({ expected, received, channels }) => ({ message: `人脸检测需要 RGB 像素：应为 ${expected} 字节，收到 ${received} 字节（${channels} 通道）` }),
  'face-input-size': ({ size }) => ({ message: `人脸检测的输入尺寸须为 32 的倍数且不小于 64，收到 ${size}` }),
};
