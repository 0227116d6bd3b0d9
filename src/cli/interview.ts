/**
 * The interview's terminal side: turns each question (data, src/profile/questions.ts) into a
 * prompt in the person's language and asks it through a Prompter. The CLI's Prompter is
 * @inquirer/prompts, imported lazily; tests pass a scripted one.
 */
import { pick, wording, type Lang } from '../i18n/index.js';
import { sayAnswerProblem } from '../i18n/profile.js';
import { maskIdNumber, normalizeIdInput } from '../id/index.js';
import type { AnswerKey, Answers, Asker, InterviewEnv, Question } from '../profile/index.js';
import type { CliContext, Output } from './context.js';

export interface Choice<T extends string> {
  value: T;
  name: string;
  description?: string;
}

/** What the interview needs from a terminal. */
export interface Prompter {
  select<T extends string>(question: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  checkbox<T extends string>(question: { message: string; choices: Choice<T>[]; checked?: T[] }): Promise<T[]>;
  input(question: {
    message: string;
    /** The answer given last time, offered again (Enter keeps it). */
    default?: string;
    validate: (value: string) => true | string;
    /** How the answer is shown once given: the ID number masked, a date normalized. */
    masked?: (value: string) => string;
  }): Promise<string>;
  confirm(question: { message: string; default: boolean }): Promise<boolean>;
}

/** A question's words: what is asked, each choice's name (and note), how a typed answer is shown. */
interface PromptText {
  message: string;
  choice?: (value: string) => Omit<Choice<string>, 'value'>;
  shown?: (value: string) => string;
}

function promptText(question: Question<AnswerKey>, answers: Answers, env: InterviewEnv, lang: Lang): PromptText {
  const words = wording(lang).profile;
  const asked = words.questions;
  const region = env.regions.find((r) => r.id === answers.region);
  // "上海" for a listed city, "参保地" (where the child is insured) for national rules.
  const here = region && region.id !== 'national' ? pick(region.name, lang) : words.somewhere;
  switch (question.key) {
    case 'region':
      return {
        message: asked.region.message,
        choice: (id) => {
          const option = env.regions.find((r) => r.id === id);
          return { name: id === 'national' || !option ? asked.region.other : pick(option.name, lang) };
        },
      };
    case 'childId':
      return { message: asked.childId.message, shown: (value) => (value.trim() === '' ? asked.childId.none : maskIdNumber(normalizeIdInput(value))) };
    case 'keepId':
      return { message: asked.keepId.message };
    case 'birthDate':
      return {
        message: asked.birthDate.message,
        shown: (value) => {
          const parsed = question.parse(value, answers, env);
          return parsed.ok ? String(parsed.value) : value;
        },
      };
    case 'hukou':
      return { message: asked.hukou.message, choice: (kind) => ({ name: kind === 'local' ? asked.hukou.local(here) : asked.hukou.nonLocal(here) }) };
    case 'residencePermit':
      return { message: asked.residencePermit.message(here) };
    case 'shanghai120Points':
      return { message: asked.shanghai120Points.message };
    case 'stage':
      return {
        message: asked.stage.message,
        choice: (stage) => ({ name: words.stages[stage as keyof typeof words.stages], ...(stage === 'school' ? { description: asked.stage.schoolNote } : {}) }),
      };
    case 'paid':
      return { message: asked.paid.message };
    case 'applicant':
      return {
        message: asked.applicant.message,
        choice: (who) => (who === 'agent' ? { name: asked.applicant.agent, description: asked.applicant.agentNote } : { name: asked.applicant.guardian }),
      };
    case 'special':
      return { message: asked.special.message, choice: (status) => ({ name: words.specials[status as keyof typeof words.specials] }) };
    case 'photo':
      return { message: asked.photo.message, shown: (value) => (value.trim() === '' ? asked.photo.skipped : value) };
    case 'channel': {
      const apps = (region?.apps ?? []).map((app) => pick(app, lang));
      return { message: asked.channel.message, choice: (channel) => ({ name: channel === 'online' ? asked.channel.online(apps) : asked.channel.bank }) };
    }
  }
}

/**
 * Ask each question through the prompter, in `lang`; the interview parses what comes back.
 * `previous` holds a saved profile's answers: each is offered as the default, so updating a
 * profile is a row of Enters but for what changed.
 */
export function askWith(prompter: Prompter, lang: Lang, previous: Answers = {}): Asker {
  const words = wording(lang).profile;
  return async (question, answers, env) => {
    const text = promptText(question, answers, env, lang);
    // Never the ID number: a default is printed in the prompt, and the number is never printed whole.
    const before = question.key === 'childId' ? undefined : previous[question.key];
    const suggested = before ?? question.suggest?.(answers, env);
    const choices = (): Choice<string>[] => (question.options?.(answers, env) ?? []).map((value) => ({ value, ...(text.choice?.(value) ?? { name: value }) }));
    switch (question.kind) {
      case 'yes-no': {
        const yesNo: Choice<'yes' | 'no'>[] = [{ value: 'yes', name: words.yes }, { value: 'no', name: words.no }];
        return (await prompter.select({ message: text.message, choices: yesNo, default: suggested ? 'yes' : 'no' })) === 'yes';
      }
      case 'choice':
        return prompter.select({ message: text.message, choices: choices(), ...(typeof suggested === 'string' ? { default: suggested } : {}) });
      case 'choices':
        return prompter.checkbox({ message: text.message, choices: choices(), ...(Array.isArray(before) ? { checked: before as string[] } : {}) });
      case 'text':
        return prompter.input({
          message: text.message,
          ...(typeof before === 'string' ? { default: before } : {}),
          validate: (value) => {
            const parsed = question.parse(value, answers, env);
            return parsed.ok ? true : sayAnswerProblem(words, parsed.problem);
          },
          ...(text.shown ? { masked: text.shown } : {}),
        });
    }
  };
}

/** The terminal side of the interview, on @inquirer/prompts with its key hints in the person's language. */
export async function inquirerPrompter(ctx: CliContext, out: Output): Promise<Prompter> {
  const prompts = await import('@inquirer/prompts');
  const words = out.words.profile.prompt;
  // The context's streams are the process's own when prompting (interactive implies TTYs).
  const context = { input: ctx.stdin, output: ctx.stdout as unknown as NodeJS.WritableStream };
  const localize = (word: string) => words.keys[word] ?? word;
  const keysHelpTip = (keys: Array<[string, string]>) =>
    keys.map(([key, action]) => `${out.color.bold(localize(key))} ${out.color.dim(localize(action))}`).join(out.color.dim(' • '));
  const toChoices = <T extends string>(choices: Choice<T>[]) =>
    choices.map((c) => ({ value: c.value, name: c.name, ...(c.description ? { description: c.description } : {}) }));
  const keywords = { yes: words.confirmYes, no: words.confirmNo, error: () => words.confirmError };
  return {
    select: (q) => prompts.select({ message: q.message, choices: toChoices(q.choices), pageSize: q.choices.length, ...(q.default ? { default: q.default } : {}), theme: { style: { keysHelpTip } } }, context),
    checkbox: (q) =>
      prompts.checkbox(
        {
          message: q.message,
          choices: toChoices(q.choices).map((choice) => ({ ...choice, checked: q.checked?.includes(choice.value) ?? false })),
          shortcuts: { all: null, invert: null },
          theme: { style: { keysHelpTip, renderSelectedChoices: (selected: ReadonlyArray<{ name: string }>) => (selected.length === 0 ? words.none : selected.map((c) => c.name).join(words.separator)) } },
        },
        context,
      ),
    input: (q) => {
      const { masked } = q;
      const transformer = masked ? { transformer: (value: string, { isFinal }: { isFinal: boolean }) => (isFinal ? masked(value) : value) } : {};
      return prompts.input({ message: q.message, validate: q.validate, ...(q.default === undefined ? {} : { default: q.default }), ...transformer }, context);
    },
    confirm: (q) => prompts.confirm({ message: q.message, default: q.default, theme: { keywords } }, context),
  };
}
