/**
 * The program factory: builds the commander program for a context. Tests call this directly
 * (with exitOverride in force) instead of spawning a process for every case. Help speaks the
 * context's language, chosen before the program is built.
 */
import { Command, Help, Option } from 'commander';
import { displayColumns } from '../core/text.js';
import { langs, wording } from '../i18n/index.js';
import { registerCheckPhoto } from './check-photo.js';
import { registerChecklist } from './checklist.js';
import type { CliContext } from './context.js';
import { registerFixPhoto } from './fix-photo.js';
import { registerId } from './id.js';
import { registerProfile, startInterview } from './profile.js';
import { registerPlan } from './plan.js';
import { registerRules } from './rules.js';
import { registerServe } from './serve.js';
import { version } from './version.js';

export function makeProgram(ctx: CliContext): Command {
  const words = wording(ctx.lang).cli;
  const help = words.program;
  const program = new Command('shebao');
  program
    .description(help.description)
    .version(version, '-V, --version', help.options.version)
    .helpOption('-h, --help', help.options.help)
    .helpCommand(`help [${words.placeholders.command}]`, help.helpCommand)
    .addOption(new Option(`--lang <${words.placeholders.lang}>`, help.options.lang).choices([...langs]))
    .option('--no-color', help.options.color)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp({
      // Commander's own headings and "(default: …)" notes, in the help's language.
      styleTitle: (title) => words.helpTitles[title] ?? title,
      // Columns line up under Chinese placeholders (<照片...>) too: a CJK character takes two columns.
      displayWidth: (text) => displayColumns(text),
      commandUsage(this: Help, command: Command) {
        return Help.prototype.commandUsage.call(this, command).replace('[options]', words.usageOptions).replace('[command]', words.usageCommand);
      },
      subcommandTerm(this: Help, command: Command) {
        return Help.prototype.subcommandTerm.call(this, command).replace('[options]', words.usageOptions).replace('[command]', words.usageCommand);
      },
      optionDescription: (option) => describeOption(option.description, option.defaultValue, option.defaultValueDescription, option.argChoices, words),
      argumentDescription: (argument) => describeOption(argument.description, argument.defaultValue, argument.defaultValueDescription, argument.argChoices, words),
    })
    .configureOutput({
      writeOut: (text) => ctx.stdout.write(text),
      writeErr: (text) => ctx.stderr.write(text),
      // Usage errors are said by the entry (src/cli/main.ts) in the chosen language.
      outputError: () => undefined,
    });
  program.addHelpText('after', help.after);
  registerCheckPhoto(program, ctx);
  registerFixPhoto(program, ctx);
  registerId(program, ctx);
  registerPlan(program, ctx);
  registerProfile(program, ctx);
  registerChecklist(program, ctx);
  registerRules(program, ctx);
  registerServe(program, ctx);
  // Every subcommand inherits the program's help headings and error handling.
  for (const command of program.commands) {
    command.configureHelp(program.configureHelp()).configureOutput(program.configureOutput());
  }
  // No arguments: a person at a terminal gets the interview; pipes and scripts get help.
  program.action(async () => {
    if (ctx.stdin.isTTY && ctx.stdout.isTTY) await startInterview(program, ctx);
    else program.outputHelp();
  });
  return program;
}

function describeOption(
  description: string,
  defaultValue: unknown,
  defaultDescription: string | undefined,
  choices: readonly string[] | undefined,
  words: ReturnType<typeof wording>['cli'],
): string {
  const notes: string[] = [];
  if (choices) notes.push(words.helpChoices([...choices]));
  if (defaultValue !== undefined && defaultValue !== false && defaultValue !== true) notes.push(words.helpDefault(defaultDescription ?? String(defaultValue)));
  return notes.length > 0 ? `${description}${words.helpNote(notes)}` : description;
}
