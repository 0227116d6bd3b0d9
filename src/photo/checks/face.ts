/**
 * The head-geometry rules of the 社保卡 spec and GA 461 (DOMAIN §1.1–1.2), measured on the face
 * the detector found. With no face or several, the geometry checks are skipped and `face-count`
 * fails. Every number comes from the spec file.
 */
import { z } from 'zod';
import { tr, type Lang } from '../../core/i18n.js';
import { defineCheck, type CheckInput, type FaceMeasure, type Outcome } from './check.js';

const range = z
  .object({ min: z.number().nonnegative(), max: z.number().nonnegative() })
  .refine((p) => p.min <= p.max, { message: 'min must not exceed max', path: ['min'] });

/** Run a geometry rule on the one face, or skip when there is not exactly one. */
function onOneFace(input: CheckInput, expected: string, measure: (face: FaceMeasure) => Outcome): Outcome {
  const faces = input.face?.faces ?? [];
  if (faces.length !== 1) {
    return {
      status: 'skip',
      message: tr(input.lang, faces.length === 0 ? '没有检测到人脸，无法测量' : '检测到多张人脸，无法测量', faces.length === 0 ? 'no face found to measure' : 'several faces found; nothing measured'),
      expected,
    };
  }
  return measure(faces[0] as FaceMeasure);
}

function px(value: number): string {
  return `${Math.round(value)} px`;
}

function within(value: number, p: { min: number; max: number }): boolean {
  return value >= p.min && value <= p.max;
}

const retake = (lang: Lang) => tr(lang, '用 shebao fix-photo 按人脸重新裁剪，或重新拍摄', 'run shebao fix-photo to reframe around the face, or retake the photo');

export const faceCountCheck = defineCheck({
  id: 'face-count',
  title: { zh: '单人正脸', en: 'One face' },
  severity: 'error',
  needs: 'face',
  params: z.object({ count: z.number().int().positive() }),
  describe: (p, lang) => tr(lang, `正好 ${p.count} 张人脸`, `exactly ${p.count} face${p.count === 1 ? '' : 's'}`),
  run({ face, lang }, params) {
    const count = face?.faces.length ?? 0;
    const expected = String(params.count);
    if (count === params.count) return { status: 'pass', message: tr(lang, `检测到 ${count} 张人脸`, `${count} face found`), expected, actual: String(count) };
    return {
      status: 'fail',
      message:
        count === 0
          ? tr(lang, '没有检测到人脸：脸被挡住、太暗、太小或不是正面', 'no face found: covered, too dark, too small or not frontal')
          : tr(lang, `检测到 ${count} 张人脸，照片里只能有本人`, `${count} faces found; only the applicant may be in the photo`),
      expected,
      actual: String(count),
      hint:
        count === 0
          ? tr(lang, '正面、睁眼、光线充足地重新拍摄；婴儿的脸不要被包裹遮住', 'retake facing the camera, eyes open, in good light; a baby\'s face must not be wrapped up')
          : tr(lang, '单独拍摄本人（抱着孩子拍时，大人不要入镜）', 'photograph the applicant alone (when holding a baby, keep the adult out of frame)'),
    };
  },
});

export const faceWidthCheck = defineCheck({
  id: 'face-width',
  title: { zh: '人脸宽度', en: 'Face width' },
  severity: 'error',
  needs: 'face',
  params: range,
  describe: (p) => `${p.min}–${p.max} px`,
  run(input, params) {
    const expected = `${params.min}–${params.max} px`;
    return onOneFace(input, expected, (face) => {
      const actual = px(face.faceWidth);
      if (within(face.faceWidth, params)) return { status: 'pass', message: actual, expected, actual };
      const small = face.faceWidth < params.min;
      return {
        status: 'fail',
        message: small
          ? tr(input.lang, `脸太小：宽 ${actual}，要求 ${expected}（人离镜头太远）`, `the face is too small: ${actual} wide, ${expected} required (too far from the camera)`)
          : tr(input.lang, `脸太大：宽 ${actual}，要求 ${expected}（人离镜头太近）`, `the face is too large: ${actual} wide, ${expected} required (too close to the camera)`),
        expected,
        actual,
        hint: retake(input.lang),
      };
    });
  },
});

export const faceCenteredCheck = defineCheck({
  id: 'face-centered',
  title: { zh: '水平居中', en: 'Centred' },
  severity: 'error',
  needs: 'face',
  params: range,
  describe: (p, lang) => tr(lang, `两眼中点距左边 ${p.min}–${p.max} px`, `eye midpoint ${p.min}–${p.max} px from the left edge`),
  run(input, params) {
    const expected = `${params.min}–${params.max} px`;
    return onOneFace(input, expected, (face) => {
      const actual = px(face.eyeMidX);
      if (within(face.eyeMidX, params)) return { status: 'pass', message: tr(input.lang, `两眼中点距左边 ${actual}`, `eye midpoint ${actual} from the left`), expected, actual };
      const left = face.eyeMidX < params.min;
      return {
        status: 'fail',
        message: tr(
          input.lang,
          `头部${left ? '偏左' : '偏右'}：两眼中点距左边 ${actual}，要求 ${expected}`,
          `the head is off to the ${left ? 'left' : 'right'}: eye midpoint ${actual} from the left edge, ${expected} required`,
        ),
        expected,
        actual,
        hint: retake(input.lang),
      };
    });
  },
});

export const eyeHeightCheck = defineCheck({
  id: 'eye-height',
  title: { zh: '眼睛高度', en: 'Eye height' },
  severity: 'error',
  needs: 'face',
  params: z.object({ minFromBottom: z.number().nonnegative() }),
  describe: (p, lang) => tr(lang, `眼睛连线距下边 ≥ ${p.minFromBottom} px`, `eye line ≥ ${p.minFromBottom} px above the bottom edge`),
  run(input, params) {
    const expected = `≥ ${params.minFromBottom} px`;
    return onOneFace(input, expected, (face) => {
      const height = input.facts?.height ?? 0;
      const fromBottom = height - face.eyeY;
      const actual = px(fromBottom);
      if (fromBottom >= params.minFromBottom) return { status: 'pass', message: tr(input.lang, `眼睛距下边 ${actual}`, `eyes ${actual} above the bottom`), expected, actual };
      return {
        status: 'fail',
        message: tr(input.lang, `头部太靠下：眼睛距下边只有 ${actual}，要求 ${expected}`, `the head is too low: the eyes are only ${actual} above the bottom edge, ${expected} required`),
        expected,
        actual,
        hint: retake(input.lang),
      };
    });
  },
});

export const headTopCheck = defineCheck({
  id: 'head-top',
  title: { zh: '头顶位置', en: 'Top of the head' },
  severity: 'error',
  needs: 'face',
  params: range,
  describe: (p, lang) => tr(lang, `头发顶端距上边 ${p.min}–${p.max} px`, `top of the hair ${p.min}–${p.max} px below the top edge`),
  run(input, params) {
    const expected = `${params.min}–${params.max} px`;
    return onOneFace(input, expected, () => {
      const top = input.face?.hairTop;
      if (top === undefined) {
        return {
          status: 'warn',
          message: tr(input.lang, '无法确定头发顶端（背景不够干净？）', 'cannot find the top of the hair (is the background plain?)'),
          expected,
          hint: retake(input.lang),
        };
      }
      const actual = px(top);
      if (within(top, params)) return { status: 'pass', message: tr(input.lang, `头顶距上边 ${actual}`, `hair top ${actual} below the edge`), expected, actual };
      return {
        status: 'fail',
        message:
          top < params.min
            ? tr(input.lang, top <= 0 ? '头顶被裁掉了（头发碰到上边）' : `头顶离上边太近：${actual}，要求 ${expected}`, top <= 0 ? 'the top of the head is cut off (the hair touches the top edge)' : `the head is too close to the top: ${actual}, ${expected} required`)
            : tr(input.lang, `头顶上方空白太多：${actual}，要求 ${expected}`, `too much space above the head: ${actual}, ${expected} required`),
        expected,
        actual,
        hint: retake(input.lang),
      };
    });
  },
});

export const headTiltCheck = defineCheck({
  id: 'head-tilt',
  title: { zh: '头部端正', en: 'Head level' },
  severity: 'warning',
  needs: 'face',
  params: z.object({ maxDegrees: z.number().positive() }),
  describe: (p, lang) => tr(lang, `两眼连线倾斜不超过 ${p.maxDegrees}°（只提示）`, `eye line within ${p.maxDegrees}° of level (a warning only)`),
  run(input, params) {
    const expected = `≤ ${params.maxDegrees}°`;
    return onOneFace(input, expected, (face) => {
      const actual = `${Math.abs(face.tiltDegrees).toFixed(1)}°`;
      if (Math.abs(face.tiltDegrees) <= params.maxDegrees) return { status: 'pass', message: tr(input.lang, `倾斜 ${actual}`, `tilted ${actual}`), expected, actual };
      return {
        status: 'warn',
        message: tr(input.lang, `头部歪了 ${actual}`, `the head is tilted ${actual}`),
        expected,
        actual,
        hint: tr(input.lang, '让孩子坐正、头摆正后重拍', 'retake with the head upright'),
      };
    });
  },
});
