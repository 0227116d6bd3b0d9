import type { PhotoErrorDetails } from '../../photo/errors.js';
import { formatName } from '../../photo/sniff.js';
import type { PhotoWording } from '../photo.js';
import { grouped, kb, percent, px, pxRange as range, rgb } from '../format.js';
import type { ErrorTable } from '../table.js';

const reframe = (canFix: boolean) => (canFix ? 'run shebao fix-photo to reframe around the face, or retake the photo' : 'retake facing the camera, with a little space above the head');

const turns: Record<number, string> = {
  2: 'mirrored',
  3: 'rotated 180°',
  4: 'flipped vertically',
  5: 'mirrored and rotated 90°',
  6: 'rotated 90°',
  7: 'mirrored and rotated 270°',
  8: 'rotated 270°',
};

const spaces: Record<string, string> = { gray: 'grayscale', cmyk: 'CMYK (print colours)', ycck: 'CMYK (YCCK)', other: 'an unusual colour mode', rgb: 'RGB', ycbcr: 'RGB' };

const unreadable: Record<string, string> = {
  missing: 'the file does not exist',
  'permission-denied': 'permission denied',
  'is-directory': 'this is a directory, not a photo',
  'read-error': 'cannot read the file',
  empty: 'the file is empty (0 bytes)',
  'not-an-image': 'the file is not a recognised image format',
  undecodable: 'this image file cannot be decoded',
  damaged: 'the image file is damaged and cannot be decoded',
  truncated: 'the image file is truncated (an incomplete download or copy?)',
  'too-many-pixels': 'the file declares more pixels than the safety limit; not decoded',
  'invalid-size': 'the file declares an invalid size',
  'not-a-file': 'this is not a regular file (a pipe, device or socket); not read',
  'too-large': 'the file is larger than a photo may be; not read',
  'analysis-failed': 'shebao could not finish checking this photo (an internal error); the other photos were checked',
};

const specialFiles: Record<string, string> = { fifo: 'a FIFO (named pipe)', 'character-device': 'a device', 'block-device': 'a disk device', socket: 'a socket' };

/** A small share to a tenth of a percent (0.005 is 0.5%, not 1%). */
const fine = (share: number): string => `${Math.round(share * 1000) / 10}%`;

const backgroundProblems: Record<string, string> = {
  blue: 'the background is bluish (a blue-backdrop photo?)',
  red: 'the background is reddish (a red-backdrop photo?)',
  tinted: 'the background is tinted, not white',
  frame: 'there is a dark frame along the edge',
  shadow: 'there is a strong shadow on one side of the background',
  grey: 'the background is grey, not white',
  dark: 'the background is dark, not white',
  busy: 'the background is not a plain wall (objects, patterns or other people)',
  object: 'there is something on the white background (an object, a sign or part of the old background)',
  'other-person': 'someone else is in the photo (another person, or part of one, beside or behind you)',
  'beside-head': 'something beside the head is not part of it (someone joined to you at the shoulder, a raised arm or hand, an object)',
  'blurred-beside': 'something blurred beside the head is joined to the person, most likely someone or something from the old background (hair would be as sharp as the face)',
};

export const photo: PhotoWording = {
  checks: {
    readable: {
      title: 'Readable',
      describe: () => 'exists, not empty, decodes completely, at most 100 MP',
      message: (o) => {
        if (o.reason === 'ok') return 'reads and decodes';
        const m = o.measured ?? {};
        const base = unreadable[o.reason] ?? 'cannot read the file';
        if (o.reason === 'read-error' && m.systemCode) return `${base} (${m.systemCode})`;
        const more = m as { fileType?: string; maxBytes?: number };
        if (o.reason === 'not-a-file' && more.fileType && specialFiles[more.fileType]) return `this is ${specialFiles[more.fileType]}, not a photo file; not read`;
        if (o.reason === 'too-large' && m.bytes !== undefined && more.maxBytes) {
          return `the file is ${Math.round(m.bytes / 1e5) / 10} MB, over the ${Math.round(more.maxBytes / 1e5) / 10} MB limit for a photo; not read`;
        }
        if (o.reason === 'undecodable' && m.format) return `this ${formatName(m.format as never)} file cannot be decoded`;
        if ((o.reason === 'too-many-pixels' || o.reason === 'invalid-size') && m.width !== undefined) {
          const mp = Math.round(((m.width ?? 0) * (m.height ?? 0)) / 1e6);
          return o.reason === 'invalid-size'
            ? `${base} (${m.width}×${m.height})`
            : `the file declares ${m.width}×${m.height} pixels (${mp} MP), over the ${(o.limits?.maxPixels ?? 0) / 1e6} MP safety limit; not decoded`;
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
            return 'check the file path';
          case 'permission-denied':
            return 'check the file permissions (e.g. chmod u+r FILE)';
          case 'is-directory':
            return 'pass the directory itself to check the photos inside it';
          case 'empty':
            return 'take or export the photo again';
          case 'undecodable':
            return 'save the photo as JPEG on your phone or computer and try again';
          case 'not-a-file':
            return 'give the path of the photo file itself';
          case 'too-large':
            return 'export the photo again at a normal size (a phone photo is 2–25 MB)';
          case 'analysis-failed':
            return 'this is a bug in shebao: please report it, with what you ran and what the photo is like';
          default:
            return 'the file is damaged or incomplete: export it again from the original';
        }
      },
    },
    format: {
      title: 'JPEG format',
      describe: (p) => (p.baseline ? 'JPEG (baseline, not progressive)' : 'JPEG'),
      message: (o) => {
        if (o.reason === 'not-jpeg') {
          const name = formatName(o.measured?.format ?? 'unknown');
          return name ? `the file is really ${name}, not JPEG (whatever its extension says)` : 'the file is not a JPEG image';
        }
        if (o.reason === 'progressive') return 'progressive JPEG: some portals reject it';
        return 'JPEG';
      },
      expected: (o) => (o.limits?.baseline ? 'JPEG (baseline)' : 'JPEG'),
      actual: (o) => {
        const name = formatName(o.measured?.format ?? 'unknown') || 'unknown';
        return o.measured?.progressive ? `${name} (progressive)` : name;
      },
      hint: (o, canFix) =>
        o.reason === 'ok' ? undefined : canFix ? 'save it again as baseline JPEG with shebao fix-photo' : 'save the photo as JPEG on your phone or computer',
    },
    dimensions: {
      title: 'Pixel dimensions',
      describe: (p) => `${p.width}×${p.height} px`,
      message: (o) => {
        const actual = `${o.measured?.width}×${o.measured?.height} px`;
        if (o.reason === 'swapped') return `width and height are swapped: ${actual} (the photo is sideways)`;
        if (o.reason === 'wrong-size') return `the size is ${actual}; exactly ${o.limits?.width}×${o.limits?.height} px is required`;
        return actual;
      },
      expected: (o) => `${o.limits?.width}×${o.limits?.height} px`,
      actual: (o) => `${o.measured?.width}×${o.measured?.height} px`,
      hint: (o, canFix) =>
        o.reason === 'ok'
          ? undefined
          : canFix
            ? `run shebao fix-photo to crop around the face and export at ${o.limits?.width}×${o.limits?.height}`
            : `crop and scale to ${o.limits?.width}×${o.limits?.height} pixels`,
    },
    'file-size': {
      title: 'File size',
      describe: (p) => `${p.minBytes / 1024}–${p.maxBytes / 1024} KB (${grouped(p.minBytes)}–${grouped(p.maxBytes)} B)`,
      message: (o) => {
        const bytes = o.measured?.bytes ?? 0;
        const actual = `${kb(bytes)} (${grouped(bytes)} B)`;
        if (o.reason === 'too-small') return `the file is too small: ${actual}; at least ${(o.limits?.minBytes ?? 0) / 1024} KB`;
        if (o.reason === 'too-large') return `the file is too large: ${actual}; at most ${(o.limits?.maxBytes ?? 0) / 1024} KB`;
        return actual;
      },
      expected: (o) => `${(o.limits?.minBytes ?? 0) / 1024}–${(o.limits?.maxBytes ?? 0) / 1024} KB (${grouped(o.limits?.minBytes ?? 0)}–${grouped(o.limits?.maxBytes ?? 0)} B)`,
      actual: (o) => `${kb(o.measured?.bytes ?? 0)} (${grouped(o.measured?.bytes ?? 0)} B)`,
      hint: (o, canFix) => {
        if (o.reason === 'too-small') return canFix ? 'export again at a higher JPEG quality (shebao fix-photo picks one for you)' : 'export again at a higher JPEG quality';
        if (o.reason === 'too-large') return canFix ? `compress it below ${(o.limits?.maxBytes ?? 0) / 1024} KB (shebao fix-photo picks the JPEG quality)` : `compress it below ${(o.limits?.maxBytes ?? 0) / 1024} KB`;
        return undefined;
      },
    },
    padding: {
      title: 'No padding',
      describe: (p) => (p.maxTrailingBytes === 0 ? 'nothing after the JPEG end marker (FF D9)' : `at most ${p.maxTrailingBytes} bytes after the JPEG end marker (FF D9)`),
      message: (o) => {
        const m = o.measured && 'trailingBytes' in o.measured ? o.measured : undefined;
        if (o.reason === 'zero-padding') return `the file is padded with ${grouped(m?.trailingBytes ?? 0)} zero bytes after the picture ends (the picture itself is ${kb(m?.imageBytes ?? 0)}): portals may reject it`;
        if (o.reason === 'trailing-data') return `${grouped(m?.trailingBytes ?? 0)} bytes of other data follow the picture's end (the picture itself is ${kb(m?.imageBytes ?? 0)}): portals may reject it`;
        if (o.reason === 'not-jpeg') return 'not a JPEG: not checked';
        if (o.reason === 'no-end-marker') return 'the JPEG has no end marker: not checked';
        return 'ends at the JPEG end marker';
      },
      expected: (o) => (o.limits?.maxTrailingBytes ? `≤ ${o.limits.maxTrailingBytes} bytes after the end marker` : 'nothing after the end marker'),
      actual: (o) => (o.measured && 'trailingBytes' in o.measured ? `${grouped(o.measured.trailingBytes)} bytes after the end marker` : undefined),
      hint: (o, canFix) =>
        o.reason === 'zero-padding' || o.reason === 'trailing-data'
          ? canFix
            ? 'save the photo again with shebao fix-photo (it writes a clean JPEG in the size range)'
            : 'export the photo again from the original; do not pad it to reach a file size'
          : undefined,
    },
    'color-mode': {
      title: 'RGB colour',
      describe: (p) => `${p.channels}-channel sRGB colour, content not black-and-white`,
      message: (o) => {
        if (o.reason === 'not-rgb') return `the photo is ${spaces[o.measured?.colorSpace ?? 'other']}; 24-bit RGB colour is required`;
        if (o.reason === 'grey-content') return 'the content is entirely grey (a black-and-white photo); portals reject it';
        if (o.reason === 'not-srgb') return `the embedded colour profile is "${o.measured?.iccProfile}", not sRGB: colours may look off on the portal`;
        return 'RGB colour';
      },
      expected: (o) => `${o.limits?.channels}-channel sRGB colour`,
      actual: (o) => `${o.measured?.channels}-channel ${spaces[o.measured?.colorSpace ?? 'other']}`,
      hint: (o, canFix) => {
        if (o.reason === 'not-rgb') return canFix ? 'convert with shebao fix-photo (a black-and-white photo must be retaken in colour)' : 'save it as RGB colour (a black-and-white photo must be retaken in colour)';
        if (o.reason === 'grey-content') return 'use a colour photo (turn off the black-and-white filter and retake)';
        if (o.reason === 'not-srgb') return canFix ? 'convert to sRGB with shebao fix-photo' : 'save it as sRGB';
        return undefined;
      },
    },
    orientation: {
      title: 'Orientation tag',
      describe: () => 'no EXIF orientation, or orientation 1 (upright)',
      message: (o) =>
        o.reason === 'rotated'
          ? `the EXIF orientation says "${turns[o.measured?.orientation ?? 0] ?? `orientation value ${o.measured?.orientation}`}": portals will show the photo sideways or upside down`
          : 'upright',
      expected: () => 'EXIF Orientation 1 or none',
      actual: (o) => (o.measured?.orientation ? `EXIF Orientation ${o.measured.orientation}` : 'none'),
      hint: (o, canFix) => (o.reason !== 'rotated' ? undefined : canFix ? 'run shebao fix-photo to rotate the pixels upright and drop the tag' : 'turn the photo upright in a photo editor and save it again'),
    },
    background: {
      title: 'White background',
      describe: (p) =>
        p.segmented
          ? `all of the background round the person (found by person segmentation) white: its median every channel ≥ ${p.minChannel}, at least ${percent(p.segmented.minWhiteShare)} white, ${percent(p.segmented.minPlainShare)} one plain colour, no object over ${fine(p.segmented.maxObjectShare)} of the photo, no other person, nothing joined to the person beside the head (over ${fine(p.segmented.maxBesideShare)} of the photo, or less than ${percent(p.segmented.minBesideFocus)} as sharp as the face: the old background out of focus), even light (halves differ by at most ${p.segmented.maxShade} in luma); without segmentation, the wall joined to the top corners at least ${percent(p.minWhiteShare)} white`
          : `the wall (the area joined to the top corners) at least ${percent(p.minWhiteShare)} white (every channel ≥ ${p.minChannel}), no tint, frame or shadow; at least ${percent(p.minWallShare)} of the sides is wall`,
      message: (o) => {
        const m = o.measured;
        if (!m) return '';
        if (o.reason === 'ok') return `white background ${rgb(m.rgb)}`;
        if (m.method === 'segmented') {
          if (o.reason === 'other-person') return `${backgroundProblems[o.reason]}: ${percent(m.othersShare)} of the photo`;
          if (o.reason === 'beside-head') return `${backgroundProblems[o.reason]}: ${percent(m.besideShare)} of the photo`;
          if (o.reason === 'blurred-beside') return `${backgroundProblems[o.reason]}: ${percent(m.besideFocus ?? 0)} as sharp as the face`;
          if (o.reason === 'object') return `${backgroundProblems[o.reason]}: a patch covering ${fine(m.objectShare)} of the photo`;
          if (o.reason === 'shadow') return `${backgroundProblems[o.reason]}: brightness differs by ${m.shade} between its halves`;
          if (o.reason === 'busy') return `${backgroundProblems[o.reason]}: only ${percent(m.plainShare)} of it is one plain colour`;
        }
        return `${backgroundProblems[o.reason]}: ${m.method === 'segmented' ? 'median' : 'mean'} ${rgb(m.rgb)}, ${percent(m.whiteShare)} white`;
      },
      expected: (o) => `white (every channel ≥ ${o.limits?.minChannel})`,
      actual: (o) => {
        const m = o.measured;
        if (!m) return undefined;
        if (m.method === 'segmented') return `${rgb(m.rgb)}, ${percent(m.whiteShare)} white, ${percent(m.plainShare)} one plain colour`;
        return `${rgb(m.rgb)}, ${percent(m.whiteShare)} white, ${percent(m.wallShare)} of the sides plain`;
      },
      hint: (o, canFix) => {
        if (o.reason === 'ok') return undefined;
        if (o.reason === 'other-person') return 'retake alone, with nobody behind or beside you';
        if (o.reason === 'beside-head') return 'retake alone with your arms down: no one, no hand (not even one holding a child) and nothing beside the head';
        if (o.reason === 'blurred-beside') return 'retake alone in front of a white or plain wall, with no one and nothing behind or beside you';
        if (canFix) return 'shebao fix-photo cuts the person out and puts them on white; or retake in front of a white wall with even light';
        return 'retake in front of a white wall with even light (no side light casting shadows)';
      },
    },
    'clothing-contrast': {
      title: 'Dark clothing',
      describe: (p) =>
        p.segmented
          ? `the clothes below the chin (found by person segmentation; the neck and long hair left out, bare skin counts as light) at least ${percent(p.segmented.minDarkShare)} dark (luma ≤ ${p.segmented.maxDarkLuma} of 255)${p.segmented.midTone ? `, or at least ${percent(p.segmented.midTone.minShare)} dark or grey (luma ≤ ${p.segmented.midTone.maxLuma}, chroma ≤ ${p.segmented.midTone.maxChroma}: a grey suit)` : ''}${p.segmented.jacket ? `, or the clothes beyond ${p.segmented.jacket.minDistance} face widths of the eyes' midpoint (a jacket's sides) at least ${percent(p.segmented.jacket.minShare)} dark or grey (a dark jacket over a white shirt)` : ''}; without segmentation, the shoulders (lower centre) at least ${p.minLumaDifference} darker than the background`
          : `the shoulders (lower centre) at least ${p.minLumaDifference} darker than the background (luma 0–255)`,
      message: (o) => {
        const m = o.measured;
        if (!m) return '';
        if (o.reason === 'ok') return `the clothing is dark enough ${rgb(m.clothingRgb)}`;
        if (m.method === 'segmented') {
          if (o.reason === 'not-visible') return `hardly any clothing shows below the chin (${percent(m.clothingShare)} of the photo): the shoulders and the top must be in the picture`;
          return `the clothing below the chin is too light to stand out from a white background: ${percent(m.darkShare)} of it is dark`;
        }
        return `the clothing is too light to stand out from the white background (clothing luma ${m.clothingLuma}, background ${m.backgroundLuma}, difference ${m.difference})`;
      },
      expected: (o) => {
        const limits = o.limits;
        if (limits && 'minDarkShare' in limits) return `≥ ${percent(limits.minDarkShare)} of the clothing dark (luma ≤ ${limits.maxDarkLuma})`;
        return `≥ ${limits?.minLumaDifference} darker than the background`;
      },
      actual: (o) => {
        const m = o.measured;
        if (!m) return undefined;
        if (m.method === 'segmented') return `${percent(m.darkShare)} of the clothing dark, median luma ${m.clothingLuma}`;
        return `clothing luma ${m.clothingLuma}, background ${m.backgroundLuma}, difference ${m.difference}`;
      },
      hint: (o) => {
        if (o.reason === 'ok') return undefined;
        if (o.reason === 'not-visible') return 'retake with the shoulders in the picture, wearing a dark top with a collar';
        return 'retake wearing a dark top with a collar (navy, black, dark grey)';
      },
    },
    resolution: {
      title: 'Resolution (dpi)',
      describe: (p) => `${p.dpi} dpi (a warning only)`,
      message: (o) => {
        const m = o.measured;
        const actual = m && (m.dpiX === m.dpiY ? `${m.dpiX} dpi` : `${m.dpiX}×${m.dpiY} dpi`);
        if (o.reason === 'no-density') return `no resolution tag; the spec says ${o.limits?.dpi} dpi (most portals do not check)`;
        if (o.reason === 'other-density') return `the resolution tag says ${actual}; the spec says ${o.limits?.dpi} dpi (most portals do not check)`;
        return `${o.limits?.dpi} dpi`;
      },
      expected: (o) => `${o.limits?.dpi} dpi`,
      actual: (o) => (o.reason === 'no-density' ? 'none' : o.measured?.dpiX === o.measured?.dpiY ? `${o.measured?.dpiX} dpi` : `${o.measured?.dpiX}×${o.measured?.dpiY} dpi`),
      hint: (o, canFix) => (o.reason === 'ok' ? undefined : canFix ? 'shebao fix-photo writes a 350 dpi tag' : 'set the resolution to 350 dpi when exporting'),
    },
    recent: {
      title: 'Recent photo',
      describe: (p) => `taken within ${p.maxAgeMonths} months (EXIF capture date; a warning only)`,
      message: (o) => {
        const months = o.limits?.maxAgeMonths;
        if (o.reason === 'no-capture-date') return `no capture date in the photo; make sure it was taken within ${months} months`;
        const taken = o.measured && 'takenOn' in o.measured ? o.measured.takenOn : '';
        if (o.reason === 'in-future') return `the capture date ${taken} is after today: the camera clock may be wrong`;
        if (o.reason === 'too-old') return `taken on ${taken}, more than ${months} months ago; children change fast, use a recent photo`;
        return `taken on ${taken}`;
      },
      expected: (o) => `taken on or after ${o.limits?.takenOnOrAfter}`,
      actual: (o) => (o.measured && 'takenOn' in o.measured ? o.measured.takenOn : undefined),
      hint: (o) => (o.reason === 'too-old' ? 'take a new photo' : undefined),
    },
    'face-count': {
      title: 'One face',
      describe: (p) => `exactly ${p.count} face${p.count === 1 ? '' : 's'}`,
      message: (o) => {
        if (o.reason === 'no-face') return 'no face found: covered, too dark, too small or not frontal';
        if (o.reason === 'second-face') return `${o.measured?.faces} faces found; only the applicant may be in the photo`;
        return `${o.measured?.faces} face found`;
      },
      expected: (o) => `${o.limits?.faces} face${o.limits?.faces === 1 ? '' : 's'}`,
      actual: (o) => `${o.measured?.faces} face${o.measured?.faces === 1 ? '' : 's'}`,
      hint: (o) => {
        if (o.reason === 'no-face') return "retake facing the camera, eyes open, in good light; a baby's face must not be wrapped up";
        if (o.reason === 'second-face') return 'photograph the applicant alone (when holding a baby, keep the adult out of frame)';
        return undefined;
      },
    },
    'face-width': {
      title: 'Face width',
      describe: (p) => range(p),
      message: (o) => {
        const actual = px(o.measured?.px ?? 0);
        const expected = range(o.limits ?? { min: 0, max: 0 });
        if (o.reason === 'too-small') return `the face is too small: ${actual} wide, ${expected} required (too far from the camera)`;
        if (o.reason === 'too-large') return `the face is too large: ${actual} wide, ${expected} required (too close to the camera)`;
        return `face ${actual} wide`;
      },
      expected: (o) => range(o.limits ?? { min: 0, max: 0 }),
      actual: (o) => px(o.measured?.px ?? 0),
      hint: (o, canFix) => (o.reason === 'ok' ? undefined : reframe(canFix)),
    },
    'face-centered': {
      title: 'Centred',
      describe: (p) => `eye midpoint ${range(p)} from the left edge`,
      message: (o) => {
        const actual = px(o.measured?.eyeMidX ?? 0);
        if (o.reason === 'ok') return `eye midpoint ${actual} from the left`;
        return `the head is off to the ${o.reason === 'off-left' ? 'left' : 'right'}: eye midpoint ${actual} from the left edge, ${range(o.limits ?? { min: 0, max: 0 })} required`;
      },
      expected: (o) => range(o.limits ?? { min: 0, max: 0 }),
      actual: (o) => px(o.measured?.eyeMidX ?? 0),
      hint: (o, canFix) => (o.reason === 'ok' ? undefined : reframe(canFix)),
    },
    'eye-height': {
      title: 'Eye height',
      describe: (p) => `eye line ≥ ${p.minFromBottom} px above the bottom edge`,
      message: (o) => {
        const actual = px(o.measured?.fromBottom ?? 0);
        if (o.reason === 'too-low') return `the head is too low: the eyes are only ${actual} above the bottom edge, ≥ ${o.limits?.minFromBottom} px required`;
        return `eyes ${actual} above the bottom`;
      },
      expected: (o) => `≥ ${o.limits?.minFromBottom} px`,
      actual: (o) => px(o.measured?.fromBottom ?? 0),
      hint: (o, canFix) => (o.reason === 'ok' ? undefined : reframe(canFix)),
    },
    'head-top': {
      title: 'Top of the head',
      describe: (p) => `top of the hair ${range(p)} below the top edge`,
      message: (o) => {
        const expected = range(o.limits ?? { min: 0, max: 0 });
        if (o.reason === 'not-found') return 'cannot find the top of the hair (is the background plain?)';
        const actual = px(o.measured && 'px' in o.measured ? o.measured.px : 0);
        if (o.reason === 'cut-off') return 'the top of the head is cut off (the hair touches the top edge)';
        if (o.reason === 'too-close') return `the head is too close to the top: ${actual}, ${expected} required`;
        if (o.reason === 'too-much-space') return `too much space above the head: ${actual}, ${expected} required`;
        return `hair top ${actual} below the edge`;
      },
      expected: (o) => range(o.limits ?? { min: 0, max: 0 }),
      actual: (o) => (o.measured && 'px' in o.measured ? px(o.measured.px) : undefined),
      hint: (o, canFix) => {
        if (o.reason === 'ok') return undefined;
        if (o.reason === 'cut-off') return 'retake with space above the head';
        return reframe(canFix);
      },
    },
    'head-tilt': {
      title: 'Head level',
      describe: (p) => (p.failDegrees === undefined ? `eye line within ${p.maxDegrees}° of level (a warning only)` : `eye line within ${p.maxDegrees}° of level (beyond ${p.failDegrees}° it fails, in between a warning)`),
      message: (o) => (o.reason === 'ok' ? `tilted ${o.measured?.degrees}°` : `the head is tilted ${o.measured?.degrees}°`),
      expected: (o) => (o.reason === 'too-tilted' ? `≤ ${o.limits?.failDegrees}°` : `≤ ${o.limits?.maxDegrees}°`),
      actual: (o) => `${o.measured?.degrees}°`,
      hint: (o, canFix) => (o.reason === 'ok' ? undefined : canFix ? 'retake with the head upright, or level it with shebao fix-photo' : 'retake with the head upright'),
    },
    'head-pose': {
      title: 'Facing the camera',
      describe: (p) => `head turned at most ${p.maxYawDegrees}° (a warning from ${p.warnYawDegrees}°), chin at most ${p.maxDownDegrees}° down or ${p.maxUpDegrees}° up (estimated from the landmarks)`,
      message: (o) => {
        const m = o.measured;
        const turn = `turned ${Math.abs(m?.yawDegrees ?? 0)}°`;
        if (o.reason === 'turned') return `the head is turned to the side (about ${Math.abs(m?.yawDegrees ?? 0)}°)`;
        if (o.reason === 'slightly-turned') return `the head seems slightly turned (about ${Math.abs(m?.yawDegrees ?? 0)}°): check that the face looks straight into the camera`;
        if (o.reason === 'looking-down') return `the head is bowed or the eyes look down (chin about ${m?.pitchDegrees}° down)`;
        if (o.reason === 'looking-up') return `the chin is raised (about ${-(m?.pitchDegrees ?? 0)}° up)`;
        return `facing the camera (${turn}, pitch ${m?.pitchDegrees}°)`;
      },
      expected: (o) => `turned ≤ ${o.limits?.maxYawDegrees}°, chin ≤ ${o.limits?.maxDownDegrees}° down and ≤ ${o.limits?.maxUpDegrees}° up`,
      actual: (o) => `turned ${Math.abs(o.measured?.yawDegrees ?? 0)}°, pitch ${o.measured?.pitchDegrees}° (positive: chin down)`,
      hint: (o) => (o.reason === 'ok' ? undefined : 'retake facing the camera squarely, chin level, eyes on the lens'),
    },
    'eyes-open': {
      title: 'Eyes open',
      describe: (p) => `each eye's eyelid gap at least ${p.minOpenness} of its width; the irises at most ${p.maxGaze} eye widths from the middle (looking into the lens)`,
      message: (o) =>
        o.reason === 'closed'
          ? `an eye is closed or nearly closed (eyelid gap ${o.measured?.left} left, ${o.measured?.right} right; at least ${o.limits?.minOpenness})`
          : o.reason === 'looking-aside'
            ? `the eyes look to the ${(o.measured?.gaze ?? 0) > 0 ? 'right' : 'left'}, not into the lens (irises ${Math.abs(o.measured?.gaze ?? 0)} eye widths off the middle; at most ${o.limits?.maxGaze})`
            : `both eyes open and on the lens (${o.measured?.left}, ${o.measured?.right})`,
      expected: (o) => `≥ ${o.limits?.minOpenness} per eye, gaze ≤ ${o.limits?.maxGaze}`,
      actual: (o) => `${o.measured?.left} left, ${o.measured?.right} right, gaze ${Math.abs(o.measured?.gaze ?? 0)}`,
      hint: (o) =>
        o.reason === 'closed'
          ? 'retake with both eyes open, looking into the lens (no blink, no squint into the light)'
          : o.reason === 'looking-aside'
            ? 'retake looking straight into the lens, not to the side'
            : undefined,
    },
    'mouth-closed': {
      title: 'Mouth closed',
      describe: (p) => `lips closed: gap at most ${p.maxLipGap} of the mouth's width; teeth showing only warns`,
      message: (o) => {
        if (o.reason === 'open') return `the mouth is open (lip gap ${o.measured?.lipGap} of its width, at most ${o.limits?.maxLipGap}): a neutral expression with the mouth closed is required`;
        if (o.reason === 'parted') return `the lips are parted with no teeth between them (lip gap ${o.measured?.lipGap} of the mouth's width, at most ${o.limits?.partedLipGap} without teeth): the photo caught the mouth open, as when talking`;
        if (o.reason === 'grimace') return `the expression is not neutral (it looks like a grimace, surprise, fear or talking: ${percent(o.measured?.grimace ?? 0)} likely); a neutral expression is required`;
        if (o.reason === 'teeth') return `teeth are showing (a smile): some portals accept only a neutral expression with the lips closed`;
        return 'mouth closed';
      },
      expected: (o) => `lip gap ≤ ${o.limits?.maxLipGap}, no teeth, a strained expression at most ${percent(o.limits?.maxGrimace ?? 0)} likely`,
      actual: (o) => `lip gap ${o.measured?.lipGap}, ${percent(o.measured?.teethShare ?? 0)} of the mouth tooth-coloured, a strained expression ${percent(o.measured?.grimace ?? 0)} likely`,
      hint: (o) => (o.reason === 'ok' ? undefined : 'retake with a neutral face, lips gently closed'),
    },
    sharpness: {
      title: 'Sharp',
      describe: (p) => `the face in focus: blur at most ${p.maxBlur} (0 sharp – 1 blurred, measured at ID-photo size)`,
      message: (o) => (o.reason === 'blurred' ? `the face is blurred (blur ${o.measured?.blur}, at most ${o.limits?.maxBlur}): out of focus, shaken, or enlarged from a small face` : `sharp (blur ${o.measured?.blur})`),
      expected: (o) => `blur ≤ ${o.limits?.maxBlur}`,
      actual: (o) => `blur ${o.measured?.blur}`,
      hint: (o) => (o.reason === 'blurred' ? 'retake closer, in good light, holding the camera still and focusing on the eyes' : undefined),
    },
    'face-lighting': {
      title: 'Face lighting',
      describe: (p) => `cheeks' median luma ${p.minSkinLuma}–${p.maxSkinLuma}, at most ${percent(p.maxClippedShare)} burnt out, one side at most ${p.maxSideStops} stop${p.maxSideStops === 1 ? '' : 's'} darker (a warning from ${p.warnSideStops})`,
      message: (o) => {
        const m = o.measured;
        if (o.reason === 'too-dark') return `the face is too dark (skin luma ${m?.skinLuma}, at least ${o.limits?.minSkinLuma})`;
        if (o.reason === 'too-bright') return `the face is overexposed (skin luma ${m?.skinLuma}, ${percent(m?.clippedShare ?? 0)} burnt out)`;
        if (o.reason === 'half-shadow') return `one half of the face is in shadow (cheeks ${m?.leftLuma} and ${m?.rightLuma}, ${m?.sideStops} stops apart)`;
        if (o.reason === 'uneven') return `the light is uneven: one cheek is darker (${m?.leftLuma} and ${m?.rightLuma}, ${m?.sideStops} stops apart)`;
        return `evenly lit (skin luma ${m?.skinLuma})`;
      },
      expected: (o) => `skin luma ${o.limits?.minSkinLuma}–${o.limits?.maxSkinLuma}, sides ≤ ${o.limits?.maxSideStops} stops apart`,
      actual: (o) => `skin luma ${o.measured?.skinLuma}, cheeks ${o.measured?.leftLuma}/${o.measured?.rightLuma} (${o.measured?.sideStops} stops)`,
      hint: (o) => {
        if (o.reason === 'too-dark') return 'retake in more light, facing a window or a lamp';
        if (o.reason === 'too-bright') return 'retake without flash or direct sun on the face';
        if (o.reason === 'half-shadow' || o.reason === 'uneven') return 'retake with light from the front or from both sides (face a window, no lamp to one side)';
        return undefined;
      },
    },
    hands: {
      title: 'No hand at the head',
      describe: (p) => `no hand on, beside or in the hair of the head (a palm scoring ${p.minScore} or more counts); a hand below the mouth near the chin cannot be told apart reliably and is left to a person`,
      message: (o) =>
        o.reason === 'hand'
          ? `a hand at the head (${o.measured?.hands}, score ${o.measured?.score}, counted from ${o.limits?.minScore}): no hand may show in an ID photo, an adult's hand holding a child's head included`
          : 'no hand found on or beside the head (look for a hand under the chin yourself)',
      expected: (o) => `no hand (score < ${o.limits?.minScore})`,
      actual: (o) => (o.measured?.hands ? `${o.measured.hands} hand(s), score ${o.measured.score}` : `no hand (highest score ${o.measured?.score})`),
      hint: (o) => (o.reason === 'hand' ? 'retake with the hands down, not touching the head or hair; for a child, keep the adult\'s hands out of the picture (sit the child steady against a white wall)' : undefined),
    },
    'head-uncovered': {
      title: 'Ears, brows, no hat',
      describe: (p) => `not measured: a person checks ${[p.ears ? 'both ears show' : '', p.eyebrows ? 'both eyebrows show' : '', p.noHat ? 'no hat' : ''].filter(Boolean).join(', ')}`,
      message: (o) =>
        `not checked automatically: make sure ${[o.limits?.ears ? 'both ears show' : '', o.limits?.eyebrows ? 'both eyebrows show (no fringe over them)' : '', o.limits?.noHat ? 'there is no hat, cap or headscarf' : ''].filter(Boolean).join(', ')}`,
      expected: (o) => [o.limits?.ears ? 'ears visible' : '', o.limits?.eyebrows ? 'eyebrows visible' : '', o.limits?.noHat ? 'no hat' : ''].filter(Boolean).join(', '),
      actual: () => 'not measured',
      hint: () => 'look at the photo; if hair covers the ears or brows, tie it back and retake',
    },
  },
  skips: {
    'skipped-unreadable': 'not checked: the photo could not be read',
    'skipped-face-off': 'face checks turned off, not run',
    'skipped-no-detector': 'no face detector available',
    'skipped-no-hand-model': 'not run: the hand models are not available',
    'skipped-no-face': 'no face found to measure',
    'skipped-several-faces': 'several faces found; nothing measured',
  },
  listSeparator: ', ',
  messageSeparator: '; ',
  colon: ': ',
  annotated: 'annotated',
  summary: (total, passed, failed, specName, specId) => `${total} photo${total === 1 ? '' : 's'}: ${passed} passed, ${failed} failed (spec: ${specName}, ${specId})`,
  repairAdvice: 'To repair a failed photo, try: shebao fix-photo <photo> -o <new.jpg>',
  expectedLabel: 'expected',
  actualLabel: 'actual',
  warningLabel: 'warning',
  annotation: {
    hairTopRange: 'hair top {min}-{max}px',
    eyeLine: 'eyes above {px}px from bottom',
    faceWidth: 'face {px}px ({min}-{max})',
    hairTop: '{px}px',
    faceNotChecked: 'face not checked',
    noFace: 'no face found',
  },
};

export const photoErrors: ErrorTable<PhotoErrorDetails> = {
  'unknown-spec': ({ spec, builtin }) => ({ message: `unknown photo spec "${spec}"`, hint: `built-in specs: ${builtin.join(', ')}; or give a path to a JSON file` }),
  'spec-extends-loop': ({ files }) => ({ message: `photo specs extend each other in a loop: ${files.join(' → ')}`, hint: 'remove one of the extends' }),
  'no-photos-given': () => ({ message: 'no photos given', hint: 'usage: shebao check-photo <files|dirs|globs...>' }),
  'no-photos-found': ({ inputs, extensions }) => ({ message: `no photos found in: ${inputs.join(', ')}`, hint: `looked for: ${extensions.join(' ')}` }),
  'invalid-shard': ({ value }) => ({ message: `--shard "${value}" is not valid`, hint: 'use i/n with 1 ≤ i ≤ n ≤ 1000000, e.g. --shard 2/4' }),
  'face-model-unavailable': ({ reason }) => ({ message: `cannot load the face model (${reason})`, hint: 'the model ships in shebao (models/face-api/, dist/face/): reinstall shebao (npm install)' }),
  'segment-model-unavailable': ({ reason }) => ({ message: `cannot load the person segmentation model (${reason})`, hint: 'the model ships in shebao\'s models/selfie-segmentation/ folder: reinstall shebao (npm install)' }),
  'hand-model-unavailable': ({ reason }) => ({ message: `cannot load the hand models (${reason})`, hint: 'the models ship in shebao\'s models/hands/ folder: reinstall shebao (npm install)' }),
  'face-backend-failed': ({ dir }) => ({ message: `the face model's WebAssembly backend failed to start (${dir})`, hint: 'reinstall shebao (npm install)' }),
  'face-input-mismatch': ({ expected, received, channels }) => ({ message: `face detection needs RGB pixels: expected ${expected} bytes, got ${received} bytes with ${channels} channels` }),
  'face-input-size': ({ size }) => ({ message: `detector input sizes must be multiples of 32, at least 64; got ${size}` }),
};
