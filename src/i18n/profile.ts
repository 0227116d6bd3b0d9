/** The words of profile, one table per language (src/i18n/zh/profile.ts, src/i18n/en/profile.ts). */
import type { AnswerKey, AnswerProblem, AnswerProblemOf, AnswerReason, SpecialStatus, Stage } from '../profile/index.js';
import type { CommandHelp } from './cli.js';

type ProfileOption =
  | 'out' | 'answers' | 'no-input' | 'force' | 'today' | 'region' | 'birth-date' | 'child-id' | 'keep-id' | 'no-keep-id'
  | 'hukou' | 'residence-permit' | 'no-residence-permit' | 'shanghai-120-points' | 'no-shanghai-120-points' | 'stage'
  | 'paid' | 'no-paid' | 'applicant' | 'special' | 'photo' | 'no-photo' | 'channel';

/** What the interview asks, question by question. `here` is the region's name, or `somewhere`. */
export interface QuestionWording {
  region: { message: string; other: string };
  childId: { message: string; none: string };
  keepId: { message: string };
  birthDate: { message: string };
  hukou: { message: string; local(here: string): string; nonLocal(here: string): string };
  residencePermit: { message(here: string): string };
  shanghai120Points: { message: string };
  stage: { message: string; schoolNote: string };
  paid: { message: string };
  applicant: { message: string; guardian: string; agent: string; agentNote: string };
  special: { message: string };
  photo: { message: string; skipped: string };
  /** `apps` are the region's apps for applying online, already in this language. */
  channel: { message: string; online(apps: string[]): string; bank: string };
}

export interface ProfileWording {
  help: CommandHelp<ProfileOption>;
  questions: QuestionWording;
  /** Where the child is insured, for national rules (no city to name). */
  somewhere: string;
  yes: string;
  no: string;
  stages: Record<Stage, string>;
  specials: Record<SpecialStatus, string>;
  /** What each answer is, for the list of missing answers. */
  topics: Record<AnswerKey, string>;
  /** Why an answer is not accepted, one sentence per reason. */
  problems: { [R in AnswerReason]: (problem: AnswerProblemOf<R>) => string };
  /** The terminal's prompts: key names in their hints, the yes/no keys, an empty selection. */
  prompt: { keys: Readonly<Record<string, string>>; confirmYes: string; confirmNo: string; confirmError: string; none: string; separator: string };
  intro: string;
  replace(file: string): string;
  /** A saved profile found when the interview starts: what to do with it. */
  resume: { message(file: string): string; checklist: string; update: string; restart: string };
  saved(file: string): string;
  idKept(masked: string): string;
  idNotKept(masked: string): string;
  again(command: string): string;
  cancelled: string;
  photoUnreadable(error: string): string;
  photoPassed: string;
  photoFailed: string;
  photoFix: string;
}

/** The sentence for one problem (TypeScript cannot pair a reason with its own sentence-maker unaided). */
export function sayAnswerProblem(words: ProfileWording, problem: AnswerProblem): string {
  const say = words.problems[problem.reason] as (problem: AnswerProblem) => string;
  return say(problem);
}
