/**
 * One mechanism for every data file in rules/: read JSON, validate it against a zod schema, and
 * turn any problem into an exit-2 error that names the file and the field.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';
import { ShebaoError } from './errors.js';

/** The rules/ folder that ships with the package (works from src/ under tsx and from dist/). */
export const rulesDir: string = fileURLToPath(new URL('../../rules/', import.meta.url));

export function rulesPath(...parts: string[]): string {
  return path.join(rulesDir, ...parts);
}

/** Every rule carries where it comes from and when someone last checked it. */
export const sourced = {
  source: z.string().min(1),
  verified: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a YYYY-MM-DD date'),
};

export function loadJsonFile<T>(file: string, schema: z.ZodType<T>): T {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ShebaoError(`无法读取规则文件 / cannot read rules file ${file} (${code ?? String(error)})`, {
      hint: code === 'ENOENT' ? '请检查路径 / check the path' : undefined,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ShebaoError(`规则文件不是有效的 JSON / rules file is not valid JSON: ${file}: ${(error as Error).message}`, {
      hint: '请修正 JSON 语法后重试 / fix the JSON syntax and try again',
    });
  }
  return parseRules(data, schema, file);
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

export function parseRules<T>(data: unknown, schema: z.ZodType<T>, file: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const problems = flattenIssues(result.error.issues as Issue[]).slice(0, 5).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `  ${field}: ${issue.message}`;
  });
  throw new ShebaoError(`规则文件有误 / invalid rules file ${file}:\n${problems.join('\n')}`, {
    hint: '请按 README 中的格式修正这些字段 / fix these fields as described in the README',
  });
}
