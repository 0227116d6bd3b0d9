/**
 * Show, don't only tell: the photo with the spec's guides drawn over it and what was measured,
 * green where a check passes and red where it fails, so a parent sees "the head is too small" or
 * "too low" at a glance. Drawn as an SVG overlay composited by sharp. The few words on it come from
 * the caller (the CLI passes its wording table), as templates with {placeholders} for numbers,
 * because the picture is drawn where the check runs, possibly in a worker thread.
 */
import path from 'node:path';
import { nameTaken, writeErrorData, writeFileAtomic, type WriteErrorData } from '../core/files.js';
import { openUpright } from './analyze.js';
import type { FaceAnalysis } from './checks/index.js';
import type { PhotoSpec } from './spec.js';
import type { CheckResult } from './types.js';

const green = '#16a34a';
const red = '#dc2626';
const grey = '#6b7280';

/** The words drawn on the picture. `{name}` is replaced by a number. */
export interface AnnotationLabels {
  /** `{min}`, `{max}`: where the hair top may be. */
  hairTopRange: string;
  /** `{px}`: how far above the bottom the eye line must be. */
  eyeLine: string;
  /** `{px}`, `{min}`, `{max}`: the measured face width and its range. */
  faceWidth: string;
  /** `{px}`: the measured hair top. */
  hairTop: string;
  faceNotChecked: string;
  noFace: string;
}

export interface AnnotateOptions {
  /** The folder the PNGs are written into. */
  dir: string;
  labels: AnnotationLabels;
  /** Replace PNGs that exist already (`--force`); without it an existing PNG is kept and reported. */
  force?: boolean;
}

function fill(template: string, values: Record<string, number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function colorOf(results: readonly CheckResult[], id: string): string {
  const status = results.find((result) => result.id === id)?.status;
  return status === 'fail' ? red : status === 'pass' ? green : grey;
}

function label(x: number, y: number, text: string, color: string, anchor: 'start' | 'end' | 'middle' = 'start'): string {
  return `<text x="${x}" y="${y}" fill="${color}" font-family="Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, DejaVu Sans, Arial, sans-serif" font-size="11" text-anchor="${anchor}" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(text)}</text>`;
}

/** The overlay as SVG, in the photo's own pixel coordinates. Exported for tests. */
export function overlaySvg(
  width: number,
  height: number,
  spec: PhotoSpec,
  face: FaceAnalysis | undefined,
  results: readonly CheckResult[],
  labels: AnnotationLabels,
): string {
  const parts: string[] = [];
  const { 'head-top': headTop, 'face-centered': centered, 'eye-height': eyeHeight, 'face-width': faceWidth } = spec.checks;
  const one = face?.faces.length === 1 ? face.faces[0] : undefined;

  // The spec's guides: where things may be.
  if (headTop) {
    const color = colorOf(results, 'head-top');
    parts.push(`<rect x="0" y="${headTop.min}" width="${width}" height="${headTop.max - headTop.min}" fill="${color}" fill-opacity="0.18" stroke="${color}" stroke-dasharray="4 3"/>`);
    parts.push(label(4, headTop.max + 12, fill(labels.hairTopRange, { min: headTop.min, max: headTop.max }), color));
  }
  if (centered) {
    const color = colorOf(results, 'face-centered');
    parts.push(`<rect x="${centered.min}" y="0" width="${centered.max - centered.min}" height="${height}" fill="${color}" fill-opacity="0.10" stroke="${color}" stroke-dasharray="4 3"/>`);
  }
  if (eyeHeight) {
    const color = colorOf(results, 'eye-height');
    const y = height - eyeHeight.minFromBottom;
    parts.push(`<line x1="0" y1="${y}" x2="${width}" y2="${y}" stroke="${color}" stroke-width="2" stroke-dasharray="8 4"/>`);
    parts.push(label(width - 4, y + 13, fill(labels.eyeLine, { px: eyeHeight.minFromBottom }), color, 'end'));
  }
  if (faceWidth && one) {
    // The allowed widths as brackets centred on the face, at the level the width was measured.
    const color = colorOf(results, 'face-width');
    const y = one.eyeY + one.faceWidth * 0.35;
    for (const [w, dash] of [
      [faceWidth.min, '2 2'],
      [faceWidth.max, '2 2'],
    ] as const) {
      const x = one.eyeMidX - w / 2;
      parts.push(`<line x1="${x}" y1="${y - 8}" x2="${x}" y2="${y + 8}" stroke="${color}" stroke-dasharray="${dash}"/>`);
      parts.push(`<line x1="${x + w}" y1="${y - 8}" x2="${x + w}" y2="${y + 8}" stroke="${color}" stroke-dasharray="${dash}"/>`);
    }
    parts.push(`<line x1="${one.eyeMidX - one.faceWidth / 2}" y1="${y}" x2="${one.eyeMidX + one.faceWidth / 2}" y2="${y}" stroke="${color}" stroke-width="3"/>`);
    parts.push(label(one.eyeMidX, y + 20, fill(labels.faceWidth, { px: Math.round(one.faceWidth), min: faceWidth.min, max: faceWidth.max }), color, 'middle'));
  }

  // What was measured.
  for (const measured of face?.faces ?? []) {
    const color = face && face.faces.length === 1 ? colorOf(results, 'face-count') : red;
    const { x, y, width: w, height: h } = measured.box;
    parts.push(`<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="none" stroke="${color}" stroke-width="2"/>`);
  }
  if (one) {
    const color = colorOf(results, 'eye-height');
    const { left, right } = one.eyes;
    parts.push(`<line x1="${left.x}" y1="${left.y}" x2="${right.x}" y2="${right.y}" stroke="${color}" stroke-width="2"/>`);
    for (const eye of [left, right]) parts.push(`<circle cx="${eye.x}" cy="${eye.y}" r="3" fill="${color}"/>`);
    const centre = colorOf(results, 'face-centered');
    parts.push(`<line x1="${one.eyeMidX}" y1="${one.eyeY - 14}" x2="${one.eyeMidX}" y2="${one.eyeY + 14}" stroke="${centre}" stroke-width="2"/>`);
  }
  if (one && face?.hairTop !== undefined) {
    const color = colorOf(results, 'head-top');
    parts.push(`<line x1="${one.eyeMidX - 60}" y1="${face.hairTop}" x2="${one.eyeMidX + 60}" y2="${face.hairTop}" stroke="${color}" stroke-width="3"/>`);
    parts.push(label(one.eyeMidX + 64, face.hairTop + 4, fill(labels.hairTop, { px: Math.round(face.hairTop) }), color));
  }
  if (!face) parts.push(label(width / 2, height / 2, labels.faceNotChecked, grey, 'middle'));
  else if (face.faces.length === 0) parts.push(label(width / 2, height / 2, labels.noFace, red, 'middle'));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
}

/**
 * Where the annotated PNG of a photo goes: the photo's path (as reported) mirrored under `dir`, as
 * `<path>.png`. Distinct paths never share a PNG and none leaves `dir`: the parts that would climb
 * out are named instead (`..` → `@up`, an absolute path's root → `@root`), and a part that begins
 * with `@` gets one more, so `../a.jpg` → `@up/a.jpg.png` while a folder named `@up` → `@@up`.
 */
export function annotationPath(dir: string, file: string): string {
  const normal = path.normalize(file);
  const { root } = path.parse(normal);
  const drive = /^([A-Za-z]):/.exec(root)?.[1];
  const parts = normal
    .slice(root.length)
    .split(path.sep)
    .filter((part) => part !== '' && part !== '.')
    .map((part) => (part === '..' ? '@up' : part.startsWith('@') ? `@${part}` : part));
  if (root !== '') parts.unshift(drive ? `@root-${drive}` : '@root');
  return path.join(dir, `${parts.join(path.sep)}.png`);
}

/** One checked photo, as drawAnnotation and writeAnnotation draw it. */
interface AnnotatedPhoto {
  bytes: Buffer;
  width: number;
  height: number;
  spec: PhotoSpec;
  face: FaceAnalysis | undefined;
  results: readonly CheckResult[];
}

/**
 * The annotated picture of one photo as PNG bytes, in memory: what --annotate writes to a file and
 * what `shebao serve` returns. `width` and `height` are the photo's upright size.
 */
export async function drawAnnotation(options: AnnotatedPhoto & { labels: AnnotationLabels }): Promise<Buffer> {
  // Drawn on the photo as a person sees it, upright: where the face checks measured.
  const base = (await openUpright(options.bytes)).flatten({ background: '#ffffff' }).toColourspace('srgb');
  const svg = overlaySvg(options.width, options.height, options.spec, options.face, options.results, options.labels);
  return base.composite([{ input: Buffer.from(svg), top: 0, left: 0 }]).png().toBuffer();
}

/** What writing one annotation came to: the PNG written, or why none was (the batch goes on). */
export type AnnotationOutcome = { annotation: string } | { annotationError: WriteErrorData };

/**
 * Write the annotated picture of one photo. An existing PNG is kept unless `force`; a PNG that
 * cannot be written is that photo's `annotationError`, not the batch's end.
 */
export async function writeAnnotation(options: AnnotatedPhoto & { annotate: AnnotateOptions; file: string }): Promise<AnnotationOutcome> {
  const { dir, force = false } = options.annotate;
  const out = annotationPath(dir, options.file);
  // Checked before drawing, so a second run over the same folder costs no PNG encoding.
  if (!force && nameTaken(out)) return { annotationError: { code: 'output-exists', details: { file: out } } };
  const png = await drawAnnotation({ ...options, labels: options.annotate.labels });
  try {
    writeFileAtomic(out, png, { overwrite: force, within: dir }, out);
  } catch (error) {
    const data = writeErrorData(error);
    if (data) return { annotationError: data };
    throw error;
  }
  return { annotation: out };
}

