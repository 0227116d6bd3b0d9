/** The family profile: the interview, the saved file, and what the checklist reads from it. */
import type { IsoDate } from '../core/dates.js';
import { parseIdNumber } from '../id/index.js';
import type { Profile } from './profile.js';
import type { SettledAnswers } from './questions.js';

export { ageInMonths, ageInYears, likelyStage, profileSchema, specialStatuses, stages } from './profile.js';
export type { Profile, SpecialStatus, Stage } from './profile.js';
export { answerKeys, interview, questions } from './questions.js';
export type {
  AnswerKey,
  AnswerProblem,
  AnswerProblemOf,
  AnswerReason,
  Answers,
  Asker,
  InterviewEnv,
  InterviewOptions,
  Parsed,
  Question,
  QuestionKind,
  RegionOption,
  SettledAnswers,
} from './questions.js';
export { answersFromProfile, profileFileMode, readAnswers, readProfile, writeProfile } from './store.js';

/** Turn settled interview answers into the profile that is saved; the ID number only if the parent agreed. */
export function profileFromAnswers(answers: SettledAnswers, today: IsoDate): Profile {
  const id = typeof answers.childId === 'string' ? parseIdNumber(answers.childId, { today }) : undefined;
  return {
    version: 1,
    createdOn: today,
    region: answers.region,
    child: {
      birthDate: answers.birthDate,
      ...(id?.sex ? { sex: id.sex } : {}),
      ...(id?.number && answers.keepId ? { idNumber: id.number } : {}),
    },
    hukou: answers.hukou,
    ...(answers.residencePermit === undefined ? {} : { residencePermit: answers.residencePermit }),
    ...(answers.shanghai120Points === undefined ? {} : { shanghai120Points: answers.shanghai120Points }),
    stage: answers.stage,
    paid: answers.paid,
    applicant: answers.applicant,
    special: answers.special,
    ...(answers.photo ? { photo: answers.photo } : {}),
    channel: answers.channel,
  };
}
