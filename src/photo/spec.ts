/**
 * Photo specs are data: rules/photo/<id>.json for the built-in profiles, or a user's own file
 * (`--spec city.json`). A spec may `extend` another and override or switch off (`false`) checks.
 * Every section is validated against the schema of its check when loaded.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { ShebaoError } from '../core/errors.js';
import { readInputFileOrThrow } from '../core/input-file.js';
import { parseRules, rulesPath, sourced } from '../core/rules-loader.js';
import { lazySchema, type Zod } from '../core/schema.js';
import type { Text } from '../core/text.js';
import { photoChecks, type CheckId, type ParamsOf } from './checks/index.js';

function specFile(z: Zod) {
  const text = z.object({ zh: z.string().min(1), en: z.string().min(1) });
  const sourcedObject = z.object(sourced(z));
  /** Each check's section: its own parameters plus source and verified, or false to switch it off. */
  const checkSections = Object.fromEntries(
    photoChecks.filter((check) => check.id !== 'readable').map((check) => [check.id, z.union([z.literal(false), z.intersection(check.params(z), sourcedObject)]).optional()]),
  );
  return z
    .object({
      id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case'),
      extends: z.string().optional(),
      name: text,
      ...sourced(z),
      checks: z.object(checkSections).strict(),
      encode: z.object({ quality: z.number().int().min(1).max(100), ...sourced(z) }).optional(),
    })
    .strict();
}

const specFileSchema = lazySchema('photo-spec', specFile);

type SpecFile = z.infer<ReturnType<typeof specFile>>;

export interface PhotoSpec {
  id: string;
  name: Text;
  source: string;
  verified: string;
  /** The file it was loaded from. */
  file: string;
  /** Parameters (with source and verified) of each check the spec switches on. */
  checks: SpecChecks;
  /** The JPEG quality the standard names, a starting point for fix-photo. */
  encode?: { quality: number; source: string; verified: string };
}

/** Each check the spec switches on, with its parameters as the check's schema types them. */
export type SpecChecks = { [Id in CheckId]?: ParamsOf<Id> & { source: string; verified: string; provisional?: boolean; calibration?: string } };

export const defaultSpecId = 'shebao-card';

/** A spec file larger than this is not read: the built-in ones are 2–10 KB. */
export const maxSpecBytes = 1024 * 1024;

export function builtinSpecIds(): string[] {
  return readdirSync(rulesPath('photo'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -'.json'.length))
    .sort();
}

function resolveSpecFile(nameOrPath: string, cwd: string): string {
  if (/^[a-z0-9][a-z0-9-]*$/.test(nameOrPath)) {
    const builtin = rulesPath('photo', `${nameOrPath}.json`);
    if (existsSync(builtin)) return builtin;
    const local = path.resolve(cwd, nameOrPath);
    if (existsSync(local)) return local;
    throw new ShebaoError('unknown-spec', { spec: nameOrPath, builtin: builtinSpecIds() });
  }
  return path.resolve(cwd, nameOrPath);
}

/** Load a built-in spec by id or a spec file by path; throws an exit-2 error naming file and field. */
export function loadSpec(nameOrPath: string = defaultSpecId, options: { cwd?: string } = {}): PhotoSpec {
  return loadSpecFile(resolveSpecFile(nameOrPath, options.cwd ?? process.cwd()), []);
}

function loadSpecFile(file: string, seen: string[]): PhotoSpec {
  if (seen.includes(file)) {
    throw new ShebaoError('spec-extends-loop', { files: [...seen, file] });
  }
  // Read with a cap and never from a FIFO or device: `--spec /dev/zero` or `"extends": "/dev/zero"`
  // is refused at once instead of filling memory.
  const text = readInputFileOrThrow(file, maxSpecBytes).toString('utf8');
  const data: SpecFile = parseRules(text, specFileSchema, file);
  const parent = data.extends ? loadSpecFile(resolveSpecFile(data.extends, path.dirname(file)), [...seen, file]) : undefined;
  const checks: PhotoSpec['checks'] = { ...parent?.checks };
  // The file's sections were validated by each check's own schema (checkSections above).
  const sections = data.checks as { [Id in CheckId]?: false | SpecChecks[Id] };
  for (const id of Object.keys(sections) as CheckId[]) {
    const section = sections[id];
    if (section === false) delete checks[id];
    else if (section !== undefined) Object.assign(checks, { [id]: section });
  }
  return {
    id: data.id,
    name: data.name,
    source: data.source,
    verified: data.verified,
    file,
    checks,
    encode: data.encode ?? parent?.encode,
  };
}
