/** The words of `shebao serve` and its HTTP API, one table per language (src/i18n/zh/serve.ts, src/i18n/en/serve.ts). */
import type { ChecklistHints } from './checklist.js';
import type { CommandHelp } from './cli.js';

export type ServeOption = 'port' | 'host' | 'open' | 'allow-remote' | 'allow-host' | 'concurrency' | 'queue' | 'max-body' | 'max-pixels' | 'timeout';

export interface ServeWording {
  help: CommandHelp<ServeOption>;
  /** The words in `<…>` after the options that take a value. */
  placeholders: { port: string; host: string; name: string; n: string; mb: string; pixels: string; seconds: string };
  /** On stdout once the server listens: where the page is, and how to stop it. */
  listening(url: string): string;
  /** On stderr when bound beyond this machine with --allow-remote. */
  remoteWarning(host: string): string;
  /** On stderr when --open could not start a browser. */
  openFailed(url: string): string;
  /** On stderr after Ctrl-C, while requests in flight finish. */
  stopping: string;
  /**
   * What the API's plan and checklist add where the terminal's name a command or an option: the
   * page's way to do the same (give the application date, check the photo). The shared words name
   * neither (see MilestoneHints); the `.ics` and the Markdown add nothing.
   */
  web: ChecklistHints;
}
