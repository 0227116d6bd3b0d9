import type { FixErrorDetails } from '../../fix/errors.js';
import { formatName } from '../../photo/sniff.js';
import { readableOutcome, type FixWording } from '../fix.js';
import { kb, rgb } from '../format.js';
import type { ErrorTable } from '../table.js';
import { photo } from './photo.js';

export const fix: FixWording = {
  help: {
    summary: 'turn a portrait into a photo that passes the spec',
    description:
      'Turn an ordinary portrait into a photo that passes the spec: upright and levelled, framed around the face, the background replaced with white, a 350 dpi baseline JPEG without GPS or any other metadata; then check it',
    arguments: { input: 'a photo, or a folder (every photo in it, recursively)' },
    options: {
      output: 'output file (default <name>-fixed.jpg); for a folder, the output folder (default <folder>-fixed)',
      spec: 'spec: shebao-card, ga461 or a JSON file',
      force: 'overwrite existing output files (even the input itself)',
      json: 'print one JSON document',
      concurrency: 'for a folder: threads to use (default: one per core)',
      today: 'the date the recent-photo check counts from',
      'skip-existing': 'for a folder: skip photos whose output exists (carry on after an interrupted run)',
    },
    after: [
      '',
      'Examples:',
      '  shebao fix-photo IMG_0412.jpg                     writes IMG_0412-fixed.jpg',
      '  shebao fix-photo baby.png -o baby-fixed.jpg',
      '  shebao fix-photo todays-photos/ -o fixed/         a whole folder; photos still failing go to fixed/failed/',
      '  shebao fix-photo todays-photos/ -o fixed/ --skip-existing   carry on where the last run stopped',
      '  shebao fix-photo photo.jpg --spec ga461 --json --lang en',
      '',
      'What it does not do: change clothes, retouch, invent a head cut off by the photo\'s edge, hide a second person (all reported honestly)',
      '',
      'Exit codes: 0 fixed and passes · 1 still fails or cannot be framed · 2 usage, unreadable input or spec error',
    ].join('\n'),
  },
  progress: 'fixing',
  changes: {
    rotated: ({ orientation }) => `turned the pixels upright as the EXIF orientation (${orientation}) says`,
    converted: ({ format, flattened, space, profile }) =>
      [
        format !== 'jpeg' ? `${formatName(format)} to JPEG` : '',
        flattened ? 'transparent parts filled with white' : '',
        space === 'cmyk' ? 'CMYK to sRGB' : space === 'grayscale' ? 'grayscale to RGB (the photo is still black-and-white)' : '',
        profile !== null ? `colours from "${profile}" to sRGB` : '',
      ]
        .filter(Boolean)
        .join('; '),
    levelled: ({ degrees }) => `levelled the head: turned the photo ${Math.abs(degrees).toFixed(1)}°`,
    'hair-top-estimated': () => 'the top of the hair cannot be found against this background: estimated from the face width',
    'already-compliant': () => 'the photo already passes every check: left unchanged',
    'crown-at-edge': () => 'the top of the hair touches the top edge of the original: white added above it; check that no hair is missing',
    cropped: ({ from, region }) => `cropped ${region.width}×${region.height} at ${region.x},${region.y} from ${from.width}×${from.height}`,
    scaled: ({ factor, predicted: p, soft }) =>
      `scaled ×${factor}: face width ≈${p.faceWidth} px, eye midpoint x≈${p.eyeMidX}, eyes y≈${p.eyeY}, hair top y≈${p.hairTop}${soft ? ' (enlarged a lot: the photo may look soft)' : ''}`,
    'padded-top': ({ rows }) => `added ${rows} white rows above the head (the original had too little room above it)`,
    'canvas-extended': ({ edges }) =>
      `the photo ended short of the frame: extended it by ${Object.entries(edges)
        .map(([edge, px]) => `${px} px on the ${edge}`)
        .join(', ')} (white background; the clothes continued where they reach the edge)`,
    'background-replaced': ({ from }) => `cut the person out and replaced the background ${rgb(from)} with white`,
    'segmentation-unavailable': () => 'person segmentation is not available here (its model did not load): only a light plain wall can be made white',
    'background-whitened': ({ from }) => `light background ${rgb(from)} made white`,
    'background-kept': ({ reason, colour }) =>
      ({
        'already-white': `the background is already white ${rgb(colour)}; left as is`,
        dark: `the background is too dark (${rgb(colour)}) to whiten reliably: retake in front of a white wall in good light`,
        coloured: `the background is coloured (${rgb(colour)}); not changed: retake in front of a white wall`,
        busy: 'the background is busy (not a plain wall); not changed: retake in front of a white wall',
      })[reason],
    'metadata-removed': ({ exif, gps, icc, takenOn }) => {
      const parts = [exif ? (gps ? 'EXIF (with the GPS location)' : 'EXIF') : '', icc ? 'the ICC profile' : ''].filter(Boolean);
      // The result has no capture date for the `recent` check to read: say what the original said.
      return `removed ${parts.join(' and ')}${takenOn ? ` (the original was taken on ${takenOn})` : ''}`;
    },
    encoded: ({ quality, bytes, dpi }) => `baseline JPEG, quality ${quality}, ${kb(bytes)}${dpi ? `, ${dpi} dpi` : ''}`,
  },
  refusals: {
    'no-face': () => ({ message: 'no face found in the photo', hint: 'retake facing the camera, eyes open, in good light, nothing covering the face' }),
    'several-faces': ({ faces }) => ({
      message: `${faces} faces in the photo; which one is the applicant?`,
      hint: 'photograph the applicant alone, or crop the photo to the applicant first',
    }),
    'face-too-small': ({ faceWidth, minFaceWidth, enlargement }) => ({
      message: `the face is only ${faceWidth} px wide in the original; reaching ${minFaceWidth} px means enlarging ×${enlargement.toFixed(1)}, which blurs it`,
      hint: 'take the photo closer, or use the original (not a thumbnail or a photo compressed by a chat app)',
    }),
    'too-close-to-edge': ({ missing }) => {
      const short = Object.entries(missing);
      return {
        message: `the head is too close to the ${short.map(([edge]) => edge).join(' and ')} edge: framing it to the spec needs ${short.map(([edge, px]) => `${px} px more on the ${edge}`).join(', ')} (pixels of the original)`,
        hint: 'retake with the person in the middle, the whole head and the shoulders in the picture (a head or shoulders the photo cut off cannot be made up)',
      };
    },
    'head-cut-off': () => ({ message: 'the top of the head is cut off in the original (the hair touches the top edge)', hint: 'retake with room above the head' }),
    'light-top': ({ skinShare, midToneShare }) => ({
      message: `the original shows ${skinShare >= 0.5 ? `bare skin across the chest (${Math.round(skinShare * 100)}%)` : `a light top (dark or mid-grey cloth is only ${Math.round(midToneShare * 100)}% of it)`}: an ID photo needs a dark top with a collar; a light top or bare shoulders on the white background is rejected`,
      hint: 'retake in a dark top with a collar (long hair behind the shoulders)',
    }),
  },
  withAlso: (first, also) => ({
    message: [first.message, ...also.map((said) => `also, ${said.message}`)].join('; '),
    hint: [first.hint, ...also.map((said) => said.hint)].filter(Boolean).join('; '),
  }),
  fixed: (input, output) => `fixed ${input} → ${output}`,
  cannotFix: (input) => `${input}: cannot be fixed`,
  passes: (specName) => `The fixed photo meets the spec (${specName}).`,
  alreadyPasses: (specName) => `The photo already met the spec (${specName}) and was kept as it was.`,
  stillFails: (failed, specName) => `The fixed photo still fails ${failed} check${failed === 1 ? '' : 's'} of the spec (${specName}); see above.`,
  notes: {
    renamed: (plain) => `renamed: another photo would also be ${plain}`,
    encoded: (quality, bytes) => `quality ${quality}, ${kb(bytes)}`,
    replaced: 'background replaced',
    extended: 'canvas extended',
    whitened: 'background whitened',
    kept: { 'already-white': 'background already white', dark: 'background too dark to whiten', coloured: 'coloured background not whitened', busy: 'busy background not whitened' },
  },
  passedCount: (count) => `${count} fixed and passing`,
  failedCount: (count) => `${count} not`,
  summary: (total, passed, failed, specName, specId, output) =>
    `${total} photo${total === 1 ? '' : 's'}: ${passed}, ${failed} (spec: ${specName}, ${specId}); written to ${output}`,
  failedFolder: 'failed',
  failedApart: (folder) => `fixed photos that still fail the spec are kept apart in ${folder}: do not upload them as they are`,
  skipped: (count) => `${count} skipped: their output exists (--skip-existing)`,
};

/** check-photo's hints for broken files point to fix-photo itself: say which photos can be fixed instead (in the terminal and on the page alike). */
const saveAsJpeg = 'photos in JPEG, PNG, WebP, HEIC, AVIF, TIFF and GIF can be fixed: save the photo as JPEG on your phone or computer and try again';

export const fixErrors: ErrorTable<FixErrorDetails> = {
  'output-is-input': ({ file }) => ({
    message: `the output is the input itself: ${file}; the original is not overwritten`,
    hint: 'choose another name with -o, or add --force to overwrite the original',
  }),
  'output-folder-is-input': ({ folder }) => ({ message: `the output folder is the input folder: ${folder}; the fixed photos would be mixed with the originals`, hint: 'name another folder with -o, e.g. -o fixed/; without -o they go to <folder>-fixed' }),
  'output-not-jpeg': ({ file, suggestion }) => ({ message: `the output name should end in .jpg: ${file}`, hint: `fix-photo always writes JPEG, e.g. -o ${suggestion}` }),
  'spec-missing-rules': ({ spec, missing }) => ({
    message: `spec ${spec} lacks rules fix-photo needs: ${missing.join(', ')}`,
    hint: 'add these checks to the spec file, or use the built-in spec shebao-card',
  }),
  'heic-no-decoder': ({ file }) => ({
    message: `cannot read the HEIC photo ${file}: the image library here has no HEVC decoder (for patent reasons sharp's prebuilt binaries lack it)`,
    hint: 'iPhone: Settings → Camera → Formats → "Most Compatible", then retake; or share the photo to Files or mail it, which converts it to JPEG. Android: turn off HEIF in the camera settings.',
  }),
  'unreadable-photo': (details) => {
    const outcome = readableOutcome(details);
    return {
      message: `${details.file}: ${photo.checks.readable.message(outcome)}`,
      hint: details.stage === 'file' ? photo.checks.readable.hint(outcome, false) : saveAsJpeg,
    };
  },
  'fix-internal-error': ({ message }) => ({ message: `internal error: ${message}`, hint: 'this is a bug in shebao: please report what you did and what the photo is like' }),
};
