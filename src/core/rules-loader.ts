/**
 * One mechanism for every data file in rules/: read JSON, validate it against its schema, and
 * turn any problem into an exit-2 error that names the file and the field.
 *
 * Validated when loaded, without paying for zod on every start (loading it and validating the
 * files `shebao plan` reads took longer than the rest of the command): `npm run build` loads every
 * shipped rules file through these functions, which validate it with zod, and writes the SHA-256
 * of each text its schema accepted unchanged to dist/validated-rules.json (scripts/build-cli.ts).
 * At run time a text whose digest is listed under the same schema is a text that schema has
 * already accepted, so it is used as parsed. Any other text (a file edited after installing, a
 * user's --spec or --holidays file, or every file when running from the sources, which have no
 * list) is validated with zod as before, with the same errors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { kindOf, ShebaoError } from './errors.js';
import { parseJsonText } from './files.js';
import { readInputFileOrThrow } from './input-file.js';
import type { LazySchema, Zod } from './schema.js';

/** The rules/ folder that ships with the package (works from src/ under tsx and from dist/). */
export const rulesDir: string = fileURLToPath(new URL('../../rules/', import.meta.url));

export function rulesPath(...parts: string[]): string {
  return path.join(rulesDir, ...parts);
}

/**
 * Every rule carries where it comes from and when someone last checked it. `source` is a public
 * document a parent can open (a URL, or a document number and title), never our own notes;
 * `provisional` marks a secondary source (no official page found); `calibration` says how shebao
 * measured a number the public requirement does not give (e.g. a threshold fitted on real photos).
 */
export function sourced(z: Zod) {
  return {
    source: z.string().min(1),
    verified: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
    provisional: z.boolean().optional(),
    calibration: z.string().min(1).optional(),
  };
}

/**
 * What a child's resident medical insurance costs: the individual contribution (个人缴费) for one
 * cover year. `minimum` marks a national floor ("不低于"); a region's own figure is exact. `group`
 * is `minors` when the notice gives children their own figure. Region files carry a list under
 * `premiums`, ascending by cover year; a region without one falls back to the national list.
 */
function premiumSchema(z: Zod) {
  return z
    .object({
      coverYear: z.number().int().min(2000).max(2100),
      yuan: z.number().min(0),
      minimum: z.boolean(),
      group: z.enum(['everyone', 'minors']),
      ...sourced(z),
    })
    .strict();
}

export function premiumsSchema(z: Zod) {
  return z.array(premiumSchema(z)).superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((entry, index) => {
      const key = `${entry.group}:${entry.coverYear}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'coverYear'], message: `${entry.group} ${entry.coverYear} ×2` });
      seen.add(key);
    });
  });
}

export type Premium = z.infer<ReturnType<typeof premiumSchema>>;

/** The build's list (see above): dist/validated-rules.json, one folder up from dist/core/ and from the bundle in dist/cli/. */
const validatedListFile = new URL('../validated-rules.json', import.meta.url);

let validatedByBuild: ReadonlySet<string> | undefined;

/** The texts the build validated, read on first use; none beside the sources. */
function buildValidated(): ReadonlySet<string> {
  if (validatedByBuild === undefined) {
    let list: string[] = [];
    try {
      list = JSON.parse(readFileSync(validatedListFile, 'utf8')) as string[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    validatedByBuild = new Set(list);
  }
  return validatedByBuild;
}

/** How a text its schema accepted is listed: the schema's name and the text's SHA-256. */
function validationKey(schema: LazySchema, text: string): string {
  // node:crypto on first use, not at the top: `shebao --version` never hashes (see scripts/build-cli.ts).
  const { createHash } = process.getBuiltinModule('node:crypto');
  return `${schema.name} ${createHash('sha256').update(text).digest('hex')}`;
}

/** Each file this process validated unchanged, with its key: what the build lists (see validatedRules). */
const validatedHere = new Map<string, string>();

/** The files validated so far and their keys; the build calls it after loading every shipped file. */
export function validatedRules(): ReadonlyMap<string, string> {
  return validatedHere;
}

/** A rules file larger than this is not read: the largest shipped one is about 15 KB. */
const maxRulesBytes = 1024 * 1024;

/** Read a rules file and parse it with parseRules. */
export function loadJsonFile<T>(file: string, schema: LazySchema<z.ZodType<T>>): T {
  return parseRules(readInputFileOrThrow(file, maxRulesBytes).toString('utf8'), schema, file);
}

type Issue = { path: PropertyKey[]; message: string; code?: string; errors?: Issue[][]; input?: unknown; [param: string]: unknown };

/**
 * What is wrong with one field, as zod describes it: its issue code and parameters (expected,
 * minimum, values, keys…) and the message. Never the value itself (it may be an ID number): for a
 * wrong type only the kind of value received. The wording tables say it in each tongue.
 */
export interface SchemaIssue {
  code: string;
  message: string;
  /** For `invalid_type`: what kind of value was there (`string`, `number`, `array`, `null`…). */
  received?: string;
  [param: string]: unknown;
}

export interface SchemaProblem {
  /** The field's path, e.g. `checks.file-size.minBytes`, or `(root)`. */
  field: string;
  issue: SchemaIssue;
}

/**
 * For a value that matches no branch of a union, report the branch it came closest to (the one
 * whose problems lie deepest), with full paths, instead of zod's bare "Invalid input".
 */
function flattenIssues(issues: readonly Issue[], prefix: PropertyKey[] = []): Issue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code !== 'invalid_union' || !issue.errors?.length) return [{ ...issue, path }];
    const depth = (branch: Issue[]) => Math.max(...branch.map((i) => i.path.length));
    const closest = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0] as Issue[];
    return flattenIssues(closest, path);
  });
}

/** Up to five problems of data that does not match a schema; none when it matches. */
export function schemaProblems(data: unknown, schema: z.ZodType): SchemaProblem[] {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return [];
  return flattenIssues(result.error.issues as Issue[])
    .slice(0, 5)
    .map(({ path, input, errors: _branches, ...issue }) => ({
      field: path.length > 0 ? path.map(String).join('.') : '(root)',
      issue: { ...issue, code: issue.code ?? 'custom', ...(issue.code === 'invalid_type' ? { received: kindOf(input) } : {}) },
    }));
}

/**
 * Parse the JSON text of a rules file and validate it against its schema, unless the build has
 * validated this very text (see above); a mismatch throws `rules-invalid` naming the file and up to
 * five fields with what is wrong with each.
 */
export function parseRules<T>(text: string, schema: LazySchema<z.ZodType<T>>, file: string): T {
  const data = parseJsonText(text, file);
  const key = validationKey(schema, text);
  if (buildValidated().has(key)) return data as T;
  const result = schema.zod().safeParse(data);
  if (!result.success) throw new ShebaoError('rules-invalid', { file, problems: schemaProblems(data, schema.zod()) });
  // Listed only when zod returned the data as it was (no unknown key dropped), so that a listed
  // text used as parsed gives exactly what validating it would.
  if (isDeepStrictEqual(result.data, data)) validatedHere.set(file, key);
  return result.data;
}

