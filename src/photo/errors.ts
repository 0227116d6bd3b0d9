/** The errors of check-photo and the face model (see src/core/errors.ts). */
export interface PhotoErrorDetails {
  /** `--spec` names neither a built-in spec nor a file. */
  'unknown-spec': { spec: string; builtin: string[] };
  /** Spec files that extend each other in a circle. */
  'spec-extends-loop': { files: string[] };
  /** No photo arguments at all. */
  'no-photos-given': Record<string, never>;
  /** The arguments named folders or globs with no photo in them. */
  'no-photos-found': { inputs: string[]; extensions: string[] };
  /** `--shard` is not `i/n` with 1 ≤ i ≤ n. */
  'invalid-shard': { value: string };
  /** The face model's files are missing or broken in the installation. */
  'face-model-unavailable': { reason: string };
  /** The person segmentation model's files (models/selfie-segmentation/) are missing or broken. */
  'segment-model-unavailable': { reason: string };
  /** The hand models' files (models/hands/) are missing or broken. */
  'hand-model-unavailable': { reason: string };
  /** The face model's WebAssembly backend did not start. */
  'face-backend-failed': { dir: string };
  /** A programming error in a caller of the face detector: the pixels do not match the size. */
  'face-input-mismatch': { expected: number; received: number; channels: number };
  /** A programming error: detector input sizes must be multiples of 32, at least 64. */
  'face-input-size': { size: number };
}
