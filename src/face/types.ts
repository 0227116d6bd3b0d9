/** The data the face code works on and returns. Pixel coordinates, origin at the top-left corner. */

/** Decoded pixels, 8 bits per channel, rows top to bottom, RGB interleaved (sharp's `.raw()` output). */
export interface RgbImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 3;
}

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FaceLandmarks {
  /** Centre of the eye on the left side of the picture (the person's right eye). */
  leftEye: Point;
  /** Centre of the eye on the right side of the picture. */
  rightEye: Point;
  /** Tip of the nose. */
  nose: Point;
  /** Centre of the mouth (mean of the outer lip contour). */
  mouth: Point;
  /** Lowest point of the chin. */
  chin: Point;
  /** Face outline from the left ear through the chin to the right ear (17 points of the 68-point scheme). */
  jaw: Point[];
  /** All 68 points of the iBUG 300-W scheme, in order: the content checks (eyes, mouth, pose) read them. */
  points: Point[];
}

export interface DetectedFace {
  /** The detector's box: a search window, not a measurement of the face (see faceWidth). */
  box: Box;
  /** Detector confidence, 0–1. */
  score: number;
  landmarks: FaceLandmarks;
  /** 脸部宽度: cheek to cheek across the face outline, without ears or hair, in px. */
  faceWidth: number;
  eyeLine: {
    /** The lowest point of the line joining the eye centres (the spec measures its shortest distance to the bottom edge). */
    y: number;
    /** x of the midpoint between the eye centres (双眼连线中点). */
    midX: number;
  };
  /** Angle of the eye line to the horizontal; positive when the right-hand eye sits lower (head tilted clockwise). */
  tiltDegrees: number;
}

export interface HairTop {
  /** First row, from the top, where the head departs from the background. 0 when the hair touches the top edge. */
  y: number;
  /** The head already departs from the background in the first row: the hair is cut by the top edge. */
  touchesTop: boolean;
  /** The background colour the scan compared against (median of the top corners). */
  background: [number, number, number];
}
