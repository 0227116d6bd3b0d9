/**
 * One mechanism for every data file in rules/: read JSON, validate it against a zod schema, and
 * turn any problem into an exit-2 error that names the file and the field.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';
import { kindOf, ShebaoError } from './errors.js';
import { readJsonFile } from './files.js';

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
export const sourced = {
  source: z.string().min(1),
  verified: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  provisional: z.boolean().optional(),
  calibration: z.string().min(1).optional(),
};

/**
 * What a child's resident medical insurance costs: the individual contribution (个人缴费) for one
 * cover year. `minimum` marks a national floor ("不低于"); a region's own figure is exact. `group`
 * is `minors` when the notice gives children their own figure. Region files carry a list under
 * `premiums`, ascending by cover year; a region without one falls back to the national list.
 */
export const premiumSchema = z
  .object({
    coverYear: z.number().int().min(2000).max(2100),
    yuan: z.number().min(0),
    minimum: z.boolean(),
    group: z.enum(['everyone', 'minors']),
    ...sourced,
  })
  .strict();

export const premiumsSchema = z.array(premiumSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((entry, index) => {
    const key = `${entry.group}:${entry.coverYear}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'coverYear'], message: `${entry.group} ${entry.coverYear} ×2` });
    seen.add(key);
  });
});

export type Premium = z.infer<typeof premiumSchema>;

export function loadJsonFile<T>(file: string, schema: z.ZodType<T>): T {
  return parseRules(readJsonFile(file), schema, file);
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
 * Validate data against a schema; a mismatch throws `rules-invalid` naming the file and up to five
 * fields with what is wrong with each.
 */
export function parseRules<T>(data: unknown, schema: z.ZodType<T>, file: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new ShebaoError('rules-invalid', { file, problems: schemaProblems(data, schema) });
}
