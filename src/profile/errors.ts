/** The errors of profile, by code, with the details each carries (see src/core/errors.ts). */
import type { CoreErrorDetails } from '../core/errors.js';
import type { AnswerKey, AnswerProblem } from './questions.js';

export interface ProfileErrorDetails {
  /** An answer given by a flag or the answers file is not accepted, and why. */
  'answer-invalid': { key: AnswerKey; flag: string; problem: AnswerProblem };
  /** Answers the profile needs were not given and nobody can be asked (no terminal, or --no-input). */
  'answers-missing': { missing: Array<{ key: AnswerKey; flag: string }> };
  /** The answers file is not an object of known keys (a typo); `known` lists the keys. */
  'answers-invalid': CoreErrorDetails['rules-invalid'] & { known: readonly AnswerKey[] };
  /** No profile where `shebao checklist` looked. */
  'profile-not-found': { file: string };
  /** The profile file does not match the profile's schema. */
  'profile-invalid': CoreErrorDetails['rules-invalid'];
  /** The profile file to write exists and --force was not given (or replacing it was declined). */
  'profile-exists': { file: string };
}
