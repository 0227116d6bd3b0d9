import { describe, expect, it } from 'vitest';
import { wording } from '../src/i18n/index.js';
import { checkPhoto } from '../src/photo/check-photo.js';
import { defaultFaceAnalyzer } from '../src/photo/face-analyzer.js';
import { loadSpec } from '../src/photo/spec.js';
import { sayCheck } from '../src/photo/render/say.js';
import type { CheckResult } from '../src/photo/types.js';

const fixture = (name: string) => new URL(`../fixtures/segment/${name}`, import.meta.url).pathname;
const today = '2026-11-30';
const cjk = /[\u3000-\u9fff\uff00-\uffef]/;

async function results(name: string, options: { face?: boolean; faceAnalyzer?: typeof defaultFaceAnalyzer } = {}) {
  const report = await checkPhoto(fixture(name), { today, ...options });
  return (id: string) => report.checks.find((c) => c.id === id) as CheckResult;
}

/** Each fixture (face checks on, so the person is segmented): background and clothing outcome, and whether head-top passes. */
const table: Array<[string, string, string, boolean]> = [
  ['clothing-contrast.pass-dark.jpg', 'ok', 'ok', true],
  ['clothing-contrast.fail-light-top.jpg', 'ok', 'too-light', true],
  ['clothing-contrast.pass-mid-grey.jpg', 'ok', 'ok', true],
  ['clothing-contrast.pass-jacket.jpg', 'ok', 'ok', true],
  ['clothing-contrast.fail-light-grey.jpg', 'ok', 'too-light', true],
  ['clothing-contrast.fail-pink.jpg', 'ok', 'too-light', true],
  ['background.fail-dark.jpg', 'dark', 'ok', true],
  ['background.fail-busy.jpg', 'busy', 'ok', true],
  ['background.fail-object.jpg', 'object', 'ok', true],
  ['background.fail-shadow.jpg', 'shadow', 'ok', true],
];

describe('background, clothing and head-top on the segmented person', () => {
  it.each(table)('%s: background %s, clothing %s', async (name, background, clothing, headTop) => {
    const check = await results(name);
    expect(check('background')).toMatchObject({ status: background === 'ok' ? 'pass' : 'fail', reason: background, measured: { method: 'segmented' } });
    expect(check('clothing-contrast')).toMatchObject({ status: clothing === 'ok' ? 'pass' : 'fail', reason: clothing, measured: { method: 'segmented' } });
    expect(check('head-top').status).toBe(headTop ? 'pass' : 'fail');
  });

  it('a grey jacket over a white shirt passes by its two sides, where the clothes as a whole are too light', async () => {
    const check = await results('clothing-contrast.pass-jacket.jpg');
    const measured = check('clothing-contrast').measured as { darkShare: number; midToneShare: number; jacketShare: number };
    expect(measured.midToneShare).toBeLessThan(0.78);
    expect(measured.jacketShare).toBeGreaterThanOrEqual(0.75);
    // The same photo judged without the jacket rule: the white shirt makes the top too light.
    const spec = structuredClone(loadSpec('shebao-card'));
    const segmented = spec.checks['clothing-contrast']?.segmented;
    if (segmented) delete segmented.jacket;
    const without = await checkPhoto(fixture('clothing-contrast.pass-jacket.jpg'), { today, spec });
    expect(without.checks.find((c) => c.id === 'clothing-contrast')).toMatchObject({ status: 'fail', reason: 'too-light' });
  });

  it('a dark top on a dark wall is the wall\'s problem, said with the numbers', async () => {
    const check = await results('background.fail-dark.jpg');
    const wall = check('background');
    expect(wall.measured?.rgb).toEqual([expect.any(Number), expect.any(Number), expect.any(Number)]);
    expect((wall.measured?.rgb as number[]).every((c) => c < 70)).toBe(true);
    expect(check('clothing-contrast').measured?.darkShare).toBeGreaterThan(0.9);
  });

  it('measures the hair top from her outline in front of window blinds (14 px in the fixture)', async () => {
    const top = (await results('background.fail-busy.jpg'))('head-top');
    expect(top.measured?.px).toBeGreaterThanOrEqual(12);
    expect(top.measured?.px).toBeLessThanOrEqual(17);
  });

  it('fails a second person beside her, not touching her', async () => {
    const check = await results('background.fail-other-person.jpg');
    expect(check('background')).toMatchObject({ status: 'fail', reason: 'other-person' });
    expect(check('background').measured?.othersShare).toBeGreaterThan(0.1);
  });

  it('fails what the outline joins beside the head below the chin only (a raised arm, someone joined at the shoulder)', async () => {
    // The person's matte with an arm: from her neck out along the shoulder below her chin, then up
    // to above her eyes, clear of her head.
    const withArm: typeof defaultFaceAnalyzer = async (bytes) => {
      const analysis = await defaultFaceAnalyzer(bytes);
      const { person, faces } = analysis;
      const face = faces[0]!;
      const alpha = Uint8Array.from(person!.alpha);
      const left = Math.round(face.eyeMidX + 0.8 * face.faceWidth);
      for (let y = Math.round(face.eyeY - 0.4 * face.faceWidth); y < person!.height; y++) {
        for (let x = left; x < Math.min(person!.width, left + 0.1 * face.faceWidth); x++) alpha[y * person!.width + x] = 255;
      }
      const chin = face.landmarks[8]!.y;
      for (let y = Math.round(chin); y < Math.min(person!.height, chin + 0.15 * face.faceWidth); y++) {
        for (let x = Math.round(face.eyeMidX); x < left; x++) alpha[y * person!.width + x] = 255;
      }
      return { ...analysis, person: { ...person!, alpha } };
    };
    const check = await results('clothing-contrast.pass-dark.jpg', { faceAnalyzer: withArm });
    expect(check('background')).toMatchObject({ status: 'fail', reason: 'beside-head', measured: { othersShare: 0 } });
    expect(check('background').measured?.besideShare).toBeGreaterThan(0.01);
    // Without the bar the same photo passes: her hair and ears join her head above the chin.
    expect((await results('clothing-contrast.pass-dark.jpg'))('background')).toMatchObject({ status: 'pass', measured: { besideShare: 0 } });
  });

  it('fails a bystander out of focus whom the matte joins to her hair, where her own sharp hair passes', async () => {
    const check = await results('background.fail-blurred-beside.jpg');
    expect(check('background')).toMatchObject({ status: 'fail', reason: 'blurred-beside', measured: { whiteShare: 1, othersShare: 0, besideShare: 0 } });
    expect(check('background').measured?.besideFocus).toBeLessThan(0.23);
    // The same photo without the bystander: her hair beside the face is sharper than the face itself.
    expect((await results('clothing-contrast.pass-dark.jpg'))('background').measured?.besideFocus).toBeGreaterThan(1);
    // No face, no focus: the photo is judged without it.
    const noFocus = await results('background.fail-blurred-beside.jpg', {
      faceAnalyzer: async (bytes) => {
        const analysis = await defaultFaceAnalyzer(bytes);
        return { ...analysis, faces: analysis.faces.map(({ besideFocus: _, ...face }) => face) };
      },
    });
    expect(noFocus('background')).toMatchObject({ status: 'pass', reason: 'ok' });
  });

  it('falls back to the wall joined to the top corners without a matte (--no-face, or no model)', async () => {
    const noFace = await results('background.fail-busy.jpg', { face: false });
    expect(noFace('background').measured?.method).toBe('blocks');
    expect(noFace('clothing-contrast').measured?.method).toBe('blocks');
    const noModel = await results('clothing-contrast.pass-dark.jpg', { faceAnalyzer: async (bytes) => ({ ...(await defaultFaceAnalyzer(bytes)), person: undefined }) });
    expect(noModel('background')).toMatchObject({ status: 'pass', measured: { method: 'blocks' } });
    expect(noModel('clothing-contrast').measured?.method).toBe('blocks');
  });

  it('says the new reasons in both languages, English without Chinese', async () => {
    const said: CheckResult[] = [
      (await results('background.fail-object.jpg'))('background'),
      (await results('background.fail-other-person.jpg'))('background'),
      { id: 'background', status: 'fail', reason: 'beside-head', measured: { method: 'segmented', rgb: [255, 255, 255], whiteShare: 1, spread: 0, backgroundShare: 0.4, plainShare: 1, neutralShare: 1, smoothShare: 1, objectShare: 0, othersShare: 0, besideShare: 0.02, shade: 0 } },
      (await results('background.fail-blurred-beside.jpg'))('background'),
      (await results('clothing-contrast.fail-light-top.jpg'))('clothing-contrast'),
      { id: 'clothing-contrast', status: 'fail', reason: 'not-visible', measured: { method: 'segmented', clothingRgb: [40, 40, 40], clothingLuma: 40, darkShare: 1, clothingShare: 0.001 }, limits: { maxDarkLuma: 120, minDarkShare: 0.5, minClothingShare: 0.005 } },
    ];
    for (const result of said) {
      const en = sayCheck(result, wording('en').photo, { suggestFix: false });
      const zh = sayCheck(result, wording('zh').photo, { suggestFix: false });
      expect(en.message).not.toMatch(cjk);
      expect(en.message.length).toBeGreaterThan(20);
      expect(zh.message).toMatch(cjk);
      expect(en.hint).toBeDefined();
    }
  });
});
