import { describe, expect, it } from 'vitest';
import type { CheckInputs, FaceMeasure } from '../src/photo/checks/index.js';
import { handsCheck } from '../src/photo/checks/hands.js';

/** A face 200 px wide whose chin is at (180, 400) and whose lips' outline has its centre at y 330. */
function faceWith(hands: FaceMeasure['hands']): CheckInputs['face'] {
  const landmarks = Array.from({ length: 68 }, (_, i) => ({ x: 180, y: i >= 48 && i < 60 ? 330 : 250 }));
  landmarks[8] = { x: 180, y: 400 };
  const face = { faceWidth: 200, landmarks, hands } as unknown as FaceMeasure;
  return { face: { faces: [face] } } as unknown as CheckInputs['face'];
}

const params = { minScore: 0.6, chinHalfWidth: 0.4 };

describe('hands', () => {
  it('fails a confident hand beside the head and counts only those at the limit or above', () => {
    const hands = [
      { x: 60, y: 200, size: 80, score: 0.92 },
      { x: 300, y: 150, size: 80, score: 0.61 },
      { x: 320, y: 260, size: 80, score: 0.59 },
    ];
    expect(handsCheck.run(faceWith(hands), params)).toEqual({ status: 'fail', reason: 'hand', measured: { hands: 2, score: 0.92 }, limits: { minScore: 0.6 } });
    expect(handsCheck.run(faceWith(hands.slice(2)), params)).toMatchObject({ status: 'pass', reason: 'ok', measured: { hands: 0, score: 0.59 } });
  });

  it('does not count a palm below the mouth near the chin (where the models take a neck for a palm), but does beside it or above the mouth', () => {
    const neck = { x: 180 + 0.3 * 200, y: 420, size: 90, score: 0.99 };
    expect(handsCheck.run(faceWith([neck]), params)).toMatchObject({ status: 'pass', measured: { hands: 0, score: 0 } });
    expect(handsCheck.run(faceWith([{ ...neck, x: 180 + 0.5 * 200 }]), params)).toMatchObject({ status: 'fail', reason: 'hand' });
    expect(handsCheck.run(faceWith([{ ...neck, y: 320 }]), params)).toMatchObject({ status: 'fail', reason: 'hand' });
    expect(handsCheck.run(faceWith([neck]), { ...params, chinHalfWidth: 0 })).toMatchObject({ status: 'fail', reason: 'hand' });
  });

  it('is skipped, never passed, when the hand models did not run', () => {
    expect(handsCheck.run(faceWith(undefined), params)).toEqual({ status: 'skip', reason: 'skipped-no-hand-model' });
  });
});

describe('the palm detector as loaded', () => {
  it('has its transposed convolutions rewritten as 1×1 convolutions and DepthToSpace, with the same outputs', async () => {
    const { readFile } = await import('node:fs/promises');
    const { loadFaceModel, readGraphModel } = await import('../src/face/model.js');
    const { tf } = await loadFaceModel();
    const dir = new URL('../models/hands/', import.meta.url).pathname;
    const json = JSON.parse(await readFile(`${dir}handdetect.json`, 'utf8')) as { modelTopology: { node: Array<{ op: string }> }; weightsManifest: Array<{ weights: never[] }> };
    const bin = await readFile(`${dir}handdetect.bin`);
    expect(json.modelTopology.node.filter((node) => node.op === 'Conv2DBackpropInput')).toHaveLength(2);
    const plain = await tf.loadGraphModel(tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) }));
    const loaded = await readGraphModel(tf, dir, 'handdetect');
    const input = tf.randomUniform([1, 256, 256, 3], -1, 1, 'float32', 1);
    const [a, b] = [plain.execute(input), loaded.execute(input)] as Array<ReturnType<typeof tf.tensor>>;
    const [left, right] = [await a!.data(), await b!.data()];
    expect(left.length).toBe(2944 * 19);
    expect(Array.from(right)).toEqual(Array.from(left));
    expect(JSON.stringify((loaded as unknown as { artifacts: { modelTopology: unknown } }).artifacts.modelTopology)).not.toContain('Conv2DBackpropInput');
    for (const tensor of [a, b, input]) tensor!.dispose();
  }, 60_000);
});
