import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ShebaoError } from '../src/core/errors.js';
import { describeFaceModel, detectFaces, findHairTop } from '../src/face/index.js';
import type { DetectedFace, RgbImage } from '../src/face/index.js';
import { loadFaceModel } from '../src/face/model.js';

const fixtures = fileURLToPath(new URL('../fixtures/face/', import.meta.url));

async function readFixture(name: string): Promise<RgbImage> {
  const { data, info } = await sharp(path.join(fixtures, name)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 3 };
}

// Installed before the model's first load in this file: the load must touch no network at all.
const fetchSpy = vi.fn(() => Promise.reject(new Error('network access during face detection')));
const connectSpy = vi.spyOn(net.Socket.prototype, 'connect');
let loadsFromDisk: Array<{ mock: { calls: unknown[] } }> = [];

beforeAll(async () => {
  vi.stubGlobal('fetch', fetchSpy);
  const faceapi = (await import('../src/face/tf.js')).loadFaceApi();
  loadsFromDisk = [
    vi.spyOn(faceapi.nets.tinyFaceDetector, 'loadFromDisk'),
    vi.spyOn(faceapi.nets.faceLandmark68Net, 'loadFromDisk'),
  ];
});

afterAll(() => {
  vi.unstubAllGlobals();
  connectSpy.mockRestore();
});

describe('detectFaces on the fixtures', () => {
  it('finds one face with the geometry the pass fixture was built with', async () => {
    const image = await readFixture('face-geometry.pass.jpg');
    const faces = await detectFaces(image);
    expect(faces).toHaveLength(1);
    const [face] = faces as [DetectedFace];
    // Built by scripts/make-face-fixtures.ts: eyes levelled, eye midpoint placed at (179, 225),
    // face width ~200 px by the source's jaw landmarks.
    expect(face.faceWidth).toBeGreaterThan(195);
    expect(face.faceWidth).toBeLessThan(215);
    expect(Math.abs(face.eyeLine.midX - 179)).toBeLessThan(4);
    expect(Math.abs(face.eyeLine.y - 226)).toBeLessThan(4);
    expect(Math.abs(face.tiltDegrees)).toBeLessThan(3);
    expect(face.score).toBeGreaterThan(0.5);
    // The detector's box is a search window around the face, wider than the face itself.
    expect(face.box.width).toBeGreaterThan(face.faceWidth);
    const { leftEye, rightEye, nose, mouth, chin, jaw } = face.landmarks;
    expect(leftEye.x).toBeLessThan(rightEye.x);
    expect(nose.y).toBeGreaterThan(face.eyeLine.y);
    expect(mouth.y).toBeGreaterThan(nose.y);
    expect(chin.y).toBeGreaterThan(mouth.y);
    expect(jaw).toHaveLength(17);
  });

  it('finds the hair top within a few px of where it is (16 px, read off an 8× enlargement)', async () => {
    const image = await readFixture('face-geometry.pass.jpg');
    const [face] = (await detectFaces(image)) as [DetectedFace];
    const hairTop = findHairTop(image, face);
    expect(hairTop).not.toBeNull();
    expect(Math.abs(hairTop!.y - 16)).toBeLessThanOrEqual(2);
    expect(hairTop!.touchesTop).toBe(false);
    expect(hairTop!.background.every((channel) => channel > 240)).toBe(true);
  });

  it('finds both faces on the two-face fixture, left to right', async () => {
    const faces = await detectFaces(await readFixture('face-count.fail-two.jpg'));
    expect(faces).toHaveLength(2);
    expect(faces[0]!.eyeLine.midX).toBeLessThan(faces[1]!.eyeLine.midX);
  });

  it('counts a further face only when it shows skin, as the main face does; in a grey photo every face counts', async () => {
    const image = await readFixture('face-count.fail-two.jpg');
    const faces = await detectFaces(image);
    const further = faces.reduce((a, b) => (a.score < b.score ? a : b));
    /** The photo with every pixel grey inside `box` (the whole photo when absent). */
    const grey = (box?: { x: number; y: number; width: number; height: number }): RgbImage => {
      const data = Uint8Array.from(image.data);
      const { x = 0, y = 0, width = image.width, height = image.height } = box ?? {};
      for (let row = Math.max(0, Math.floor(y)); row < Math.min(image.height, y + height); row++) {
        for (let column = Math.max(0, Math.floor(x)); column < Math.min(image.width, x + width); column++) {
          const at = (row * image.width + column) * 3;
          data.fill(Math.round(0.299 * data[at]! + 0.587 * data[at + 1]! + 0.114 * data[at + 2]!), at, at + 3);
        }
      }
      return { ...image, data };
    };
    // A grey face beside a coloured one is a pattern, a print or a statue, not a second person.
    const greyFurther = grey(further.box);
    const kept = await detectFaces(greyFurther);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.score).toBeGreaterThan(further.score);
    // The detector itself still finds the grey face: only the skin rule leaves it out.
    expect(await detectFaces(grey())).toHaveLength(2);
  });

  it('finds no face where there is none', async () => {
    expect(await detectFaces(await readFixture('face-count.fail-none.jpg'))).toEqual([]);
  });

  it.each([
    ['face-width.fail-small.jpg', (face: DetectedFace) => expect(face.faceWidth).toBeLessThan(179)],
    ['face-width.fail-big.jpg', (face: DetectedFace) => expect(face.faceWidth).toBeGreaterThan(255)],
    ['eye-height.fail-low.jpg', (face: DetectedFace) => expect(face.eyeLine.y).toBeGreaterThan(234)],
    ['face-centered.fail-left.jpg', (face: DetectedFace) => expect(face.eyeLine.midX).toBeLessThan(162)],
    ['head-tilt.warn-tilted.jpg', (face: DetectedFace) => expect(face.tiltDegrees).toBeGreaterThan(5)],
  ])('measures %s outside the 社保卡 range it was built to miss', async (name, expectation) => {
    const faces = await detectFaces(await readFixture(name));
    expect(faces).toHaveLength(1);
    expectation(faces[0]!);
  });

  it('sees the hair cut by the top edge on the head-top fixture', async () => {
    const image = await readFixture('head-top.fail-cut.jpg');
    const [face] = (await detectFaces(image)) as [DetectedFace];
    expect(findHairTop(image, face)).toMatchObject({ y: 0, touchesTop: true });
  });
});

describe('the face model', () => {
  it('loads once for all calls, also concurrent ones, from node_modules without the network', async () => {
    const image = await readFixture('face-geometry.pass.jpg');
    const [first, second] = await Promise.all([describeFaceModel(), describeFaceModel()]);
    await Promise.all([detectFaces(image), detectFaces(image)]);
    expect(await describeFaceModel()).toBe(first);
    expect(second).toBe(first);
    expect(await loadFaceModel()).toBe(await loadFaceModel());
    expect(loadsFromDisk.map((spy) => spy.mock.calls.length)).toEqual([1, 1]);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(connectSpy).not.toHaveBeenCalled();
  });

  it('runs on the WASM backend', async () => {
    const info = await describeFaceModel();
    expect(info.backend).toBe('wasm');
    expect(info.versions.faceApi).toBe('1.7.15');
  });

  it('rejects pixels that are not RGB of the stated size', async () => {
    const wrong = { data: new Uint8Array(10), width: 4, height: 4, channels: 3 as const };
    await expect(detectFaces(wrong)).rejects.toBeInstanceOf(ShebaoError);
  });
});

describe('the faster Concat and Slice kernels', () => {
  /** Reference concat of nested arrays along an axis. */
  function concatNested(arrays: unknown[][], axis: number): unknown[] {
    if (axis === 0) return arrays.flat(1);
    return arrays[0]!.map((_, i) => concatNested(arrays.map((a) => a[i] as unknown[]), axis - 1));
  }

  it.each([
    [[[1, 5, 5, 1], [1, 5, 5, 1], [1, 5, 5, 1]], 3],
    [[[2, 3], [2, 40]], 1],
    [[[4, 2, 3], [4, 1, 3]], 1],
    [[[3, 2], [1, 2]], 0],
  ])('concatenate %j along axis %i like the reference', async (shapes, axis) => {
    const { tf } = await loadFaceModel();
    let seed = 1;
    const tensors = shapes.map((shape) => {
      const size = shape.reduce((a, b) => a * b, 1);
      return tf.tensor(
        Array.from({ length: size }, () => (seed = (seed * 48271) % 2147483647) / 2147483647),
        shape,
      );
    });
    const expected = concatNested(
      tensors.map((t) => t.arraySync() as unknown[]),
      axis,
    );
    const actual = tf.concat(tensors, axis);
    expect(actual.arraySync()).toEqual(expected);
    tf.dispose([...tensors, actual]);
  });

  it('slices a 3-D tensor like the reference', async () => {
    const { tf } = await loadFaceModel();
    const x = tf.tensor3d(
      Array.from({ length: 6 * 7 * 3 }, (_, i) => i),
      [6, 7, 3],
    );
    const values = x.arraySync();
    for (const [begin, size] of [
      [
        [1, 2, 0],
        [3, 4, 3],
      ],
      [
        [0, 1, 1],
        [6, 5, 2],
      ],
      [
        [2, 0, 0],
        [2, 7, 3],
      ],
    ] as Array<[[number, number, number], [number, number, number]]>) {
      const expected = values
        .slice(begin[0], begin[0] + size[0])
        .map((row) => row.slice(begin[1], begin[1] + size[1]).map((pixel) => pixel.slice(begin[2], begin[2] + size[2])));
      const actual = tf.slice(x, begin, size);
      expect(actual.arraySync()).toEqual(expected);
      actual.dispose();
    }
    x.dispose();
  });
});
