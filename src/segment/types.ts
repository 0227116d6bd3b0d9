/**
 * Person segmentation: which pixels of a photo are the person (hair, face, neck, clothes) and which
 * are the background, as a soft alpha matte at the photo's own resolution.
 */

/** An alpha matte: one byte per pixel, 255 = person, 0 = background, in between = a soft edge (hair). */
export interface PersonMatte {
  width: number;
  height: number;
  alpha: Uint8Array;
}
