/** The errors of id, by code, with the details each carries (see src/core/errors.ts). */
export interface IdErrorDetails {
  /** `shebao id` without a number, at a terminal (stdin is not a pipe to read it from). */
  'id-number-missing': Record<string, never>;
  /** `shebao id` read `limit` bytes of stdin without finding the end of the first line (`</dev/zero`, a photo). */
  'id-input-too-long': { limit: number };
}
