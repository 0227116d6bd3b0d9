/** Colour measures shared by the face detector, the pixel checks and fix-photo. */

/** Rec. 601 luma, the Y of JFIF. */
export function luma(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

/**
 * Skin by its chroma (JFIF YCbCr): Cb 77–127 and Cr 133–173 hold most skin tones under daylight
 * and lamp light (Chai & Ngan, "Face segmentation using skin-color map in videophone
 * applications", IEEE TCSVT 9(4), 1999). Very dark blocks are left to luma: hair and black cloth
 * can fall in that range too.
 */
export function isSkin(r: number, g: number, b: number): boolean {
  return hasSkinChroma(r, g, b) && luma(r, g, b) > skinMinLuma;
}

/** The chroma half of `isSkin`, at any lightness: a face in shadow keeps its skin's chroma. */
export function hasSkinChroma(r: number, g: number, b: number): boolean {
  const { cb, cr } = ycbcr(r, g, b);
  return cb >= 77 && cb <= 127 && cr >= 133 && cr <= 173;
}

/** JFIF YCbCr (ITU-T T.871): luma and the two chroma differences, 0–255 with 128 neutral. */
export function ycbcr(r: number, g: number, b: number): { y: number; cb: number; cr: number } {
  return { y: luma(r, g, b), cb: 128 - 0.168736 * r - 0.331264 * g + 0.5 * b, cr: 128 + 0.5 * r - 0.418688 * g - 0.081312 * b };
}

/** Below this luma a skin-coloured block is taken for dark hair or cloth, not bare skin. */
const skinMinLuma = 60;
