/**
 * The same judged photos, altered the way life alters them, for `npm run eval -- --variant`: a person
 * judges a photo, its mirror image, the copy a chat app sends on and the file a phone held upright
 * writes (pixels stored sideways, an EXIF tag to turn them) in the same way, so shebao should too.
 * The altered copies go into a folder under the eval's output, with the ground-truth.tsv beside
 * them; the input folder is only read.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Library } from './eval-run.js';
import { truthFile, type TruthRow } from './eval-truth.js';

export const variants = ['mirrored', 'resent', 'sideways'] as const;
export type Variant = (typeof variants)[number];

export function isVariant(value: string): value is Variant {
  return (variants as readonly string[]).includes(value);
}

/**
 * A photo sent on through a chat app without "original" ticked: the longest side brought down and
 * the JPEG compressed again. Apps and versions differ; 1080 px and quality 75 are shebao's choice.
 */
const resent = { side: 1080, quality: 75 } as const;

/** JPEG quality of a mirrored JPEG: high, so the flip is the only change that matters. */
const mirroredQuality = 95;

/**
 * A phone's photo as its camera stores it: the pixels a quarter turn anticlockwise of upright (the
 * sensor's landscape) and EXIF orientation 6 (turn them a quarter clockwise to show), as most
 * phones write a portrait. Only JPEGs: a PNG has no place that every reader takes the tag from.
 */
const sideways = { orientation: 6, quality: 95 } as const;

/**
 * Writes `variant` of every photo the rows name into `<out>/inputs-<variant>` and returns that
 * folder. Each photo is turned upright by its EXIF orientation first (the tag is not kept, as a
 * chat app does not keep it; `sideways` writes its own). A file sharp cannot read (not an image, HEIC) is copied as it is, so
 * it counts the same in both runs; a row whose file is missing, or whose name climbs out of the
 * folder, stays missing.
 */
export async function writeVariant(folder: string, out: string, variant: Variant, rows: readonly TruthRow[], sharp: Library['sharp']): Promise<string> {
  const target = path.join(out, `inputs-${variant}`);
  mkdirSync(target, { recursive: true });
  copyFileSync(path.join(folder, truthFile), path.join(target, truthFile));
  for (const { file } of rows) {
    const into = path.resolve(target, file);
    // A name that climbs out of the folder (../) is not copied: nothing is written outside --out.
    if (path.relative(target, into).startsWith('..') || path.isAbsolute(path.relative(target, into))) continue;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.resolve(folder, file));
    } catch {
      continue;
    }
    mkdirSync(path.dirname(into), { recursive: true });
    writeFileSync(into, await altered(bytes, variant, sharp).catch(() => bytes));
  }
  return target;
}

async function altered(bytes: Buffer, variant: Variant, sharp: Library['sharp']): Promise<Buffer> {
  const { format } = await sharp(bytes).metadata();
  const upright = sharp(bytes).rotate();
  if (variant === 'resent') return upright.resize({ width: resent.side, height: resent.side, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: resent.quality }).toBuffer();
  if (variant === 'sideways') {
    if (format !== 'jpeg') return bytes;
    // One pipeline, so the photo is compressed once: upright by its tag, then a quarter turn back.
    return sharp(bytes).autoOrient().rotate(270).withMetadata({ orientation: sideways.orientation }).jpeg({ quality: sideways.quality }).toBuffer();
  }
  const flipped = upright.flop();
  return format === 'jpeg' ? flipped.jpeg({ quality: mirroredQuality }).toBuffer() : flipped.png().toBuffer();
}
