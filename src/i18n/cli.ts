/** The words of the program itself: help, usage errors, the errors of the shared core. */

/** What a command's help says: a one-line summary, a longer description, its options, examples. */
export interface CommandHelp<Options extends string = string, Args extends string = never> {
  summary: string;
  description: string;
  /** One line per option, keyed by the option's long name without dashes. */
  options: Record<Options, string>;
  arguments?: Record<Args, string>;
  /** The text after the options: examples and exit codes. */
  after: string;
}

export type Placeholder =
  | 'photos' | 'input' | 'number' | 'file' | 'date' | 'spec' | 'format' | 'dir' | 'path' | 'region' | 'lang'
  | 'n' | 'shard' | 'hukou' | 'stage' | 'applicant' | 'special' | 'channel' | 'child-id' | 'command';

export interface CliWording {
  /** Before every error message: "错误：" / "error: ". */
  errorPrefix: string;
  /** After a usage error: where to find the usage. */
  seeHelp: string;
  internalError(message: string): string;
  /** Commander's own headings ("Usage:", "Options:", …) in this language. */
  helpTitles: Record<string, string>;
  /** "(default: x)" and "(choices: a, b)" after an option's description. */
  helpDefault(value: string): string;
  helpChoices(values: string[]): string;
  /** Those notes together, in brackets. */
  helpNote(notes: string[]): string;
  /** "[options]" and "[command]" in usage lines. */
  usageOptions: string;
  usageCommand: string;
  /**
   * The placeholders of arguments and option values in usage lines and usage errors
   * (`--today <日期>`, `缺少参数 照片`): words of the language, never the code's names.
   */
  placeholders: Record<Placeholder, string>;
  /** Commander's usage errors, by its code; `subject` is the option, command or argument named. */
  usage: {
    unknownOption(subject: string, suggestion?: string): string;
    unknownCommand(subject: string, suggestion?: string): string;
    missingArgument(subject: string): string;
    optionMissingArgument(subject: string): string;
    excessArguments(expected: number, received: number): string;
    invalidChoice(subject: string, value: string, choices: string[]): string;
    other(message: string): string;
  };
  program: CommandHelp<'version' | 'help' | 'lang' | 'color'> & { helpCommand: string };
  checkPhoto: CommandHelp<
    'spec' | 'region' | 'json' | 'format' | 'quiet' | 'concurrency' | 'shard' | 'face' | 'annotate' | 'force' | 'today',
    'photos'
  > & {
    progress: string;
    /** Before the line saying an annotation PNG was not written (a warning: the checks still count). */
    annotationWarning: string;
    shardSummary(index: number, count: number, taken: number, total: number): string;
  };
  rules: CommandHelp<'spec' | 'region' | 'json'> & {
    photoHeading(specId: string, specName: string): string;
    deadlineHeading(regionId: string, regionName: string): string;
    warningOnly: string;
    notInSpec: string;
    source: string;
  };
}
