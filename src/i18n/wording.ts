/**
 * Everything shebao says to a person, as one table per language. The core returns codes and
 * numbers; renderers look the words up here. Adding a language means adding a folder beside zh/
 * and en/ that implements this interface, and listing it in ./index.ts.
 */
import type { ErrorDetails } from '../core/errors.js';
import type { ChecklistWording } from './checklist.js';
import type { CliWording } from './cli.js';
import type { FixWording } from './fix.js';
import type { IdWording } from './id.js';
import type { PhotoWording } from './photo.js';
import type { PlanWording } from './plan.js';
import type { ProfileWording } from './profile.js';
import type { ServeWording } from './serve.js';
import type { ErrorTable } from './table.js';

export interface Wording {
  cli: CliWording;
  photo: PhotoWording;
  fix: FixWording;
  plan: PlanWording;
  checklist: ChecklistWording;
  profile: ProfileWording;
  id: IdWording;
  serve: ServeWording;
  errors: ErrorTable<ErrorDetails>;
}
