/** What "no mixed languages" means, as tests can check it. */

/** Any Chinese character or full-width punctuation. */
export const cjk = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/**
 * Three English words in a row, once commands (`shebao fix-photo`), options (`--lang en`), paths,
 * file names, ids and format names are taken out: what Chinese output must never contain.
 */
export function englishSentence(text: string): string | undefined {
  const cleaned = text
    .replace(/shebao(\s+[a-z][a-z-]*)?/g, ' ')
    .replace(/--?[a-z][\w-]*(\s+(zh|en|[a-z0-9-]+\.json))?/gi, ' ')
    .replace(/\S*[/\\.]\S*/g, ' ')
    .replace(/\b[a-z]+(-[a-z]+)+\b/g, ' ')
    .replace(/\b(JPEG|PNG|WebP|GIF|HEIC|HEIF|AVIF|TIFF|BMP|RGB|sRGB|CMYK|YCCK|EXIF|GPS|ICC|JFIF|KB|MB|MP|px|dpi|B|App|APP)\b/g, ' ');
  return /\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/.exec(cleaned)?.[0];
}
