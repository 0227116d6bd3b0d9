/**
 * One mechanism for every data file in rules/: read JSON, validate it against a zod schema, and
 * turn any problem into an exit-2 error that names the file and the field.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';
import { ShebaoError } from './errors.js';
import { readJsonFile } from './files.js';
import type { Text } from './text.js';

/** The rules/ folder that ships with the package (works from src/ under tsx and from dist/). */
export const rulesDir: string = fileURLToPath(new URL('../../rules/', import.meta.url));

export function rulesPath(...parts: string[]): string {
  return path.join(rulesDir, ...parts);
}

/** Every rule carries where it comes from and when someone last checked it. */
export const sourced = {
  source: z.string().min(1),
  verified: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
};

export function loadJsonFile<T>(file: string, schema: z.ZodType<T>): T {
  return parseRules(readJsonFile(file), schema, file);
}

type Issue = { path: PropertyKey[]; message: string; code?: string; errors?: Issue[][] };

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

/** zod's own messages in Chinese and English (zod ships these locales). */
const zodLocales: Record<keyof Text, z.core.$ZodErrorMap> = { zh: z.locales.zhCN().localeError, en: z.locales.en().localeError };

function describeIssues(data: unknown, schema: z.ZodType, locale: keyof Text): Issue[] {
  const result = schema.safeParse(data, { error: zodLocales[locale] });
  return result.success ? [] : flattenIssues(result.error.issues as Issue[]).slice(0, 5);
}

/**
 * Validate data against a schema; a mismatch throws `rules-invalid` naming the file and up to five
 * fields, each problem in Chinese and English (custom messages in schemas are neutral tokens
 * such as "YYYY-MM-DD" or "min ≤ max").
 */
export function parseRules<T>(data: unknown, schema: z.ZodType<T>, file: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const zh = describeIssues(data, schema, 'zh');
  const en = describeIssues(data, schema, 'en');
  const problems = en.map((issue, index) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    problem: { zh: zh[index]?.message ?? issue.message, en: issue.message },
  }));
  throw new ShebaoError('rules-invalid', { file, problems });
}
