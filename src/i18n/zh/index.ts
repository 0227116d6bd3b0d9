/** Every table of one language. */
import type { Wording } from '../wording.js';
import { checklist, checklistErrors } from './checklist.js';
import { cli, cliErrors, coreErrors } from './cli.js';
import { fix, fixErrors } from './fix.js';
import { id, idErrors } from './id.js';
import { photo, photoErrors } from './photo.js';
import { plan, planErrors } from './plan.js';
import { profile, profileErrors } from './profile.js';
import { serve, serveErrors } from './serve.js';

export const zh: Wording = {
  cli,
  photo,
  fix,
  plan,
  checklist,
  profile,
  id,
  serve,
  errors: { ...coreErrors, ...cliErrors, ...photoErrors, ...fixErrors, ...planErrors, ...checklistErrors, ...profileErrors, ...idErrors, ...serveErrors },
};
