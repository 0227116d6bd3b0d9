/**
 * A rules-file problem in words. zod ships its messages in many tongues; each table names its own
 * locale. A schema's own message (a neutral token such as "YYYY-MM-DD" or "min ≤ max") is kept.
 * The messages come with zod, which is loaded only once something has failed validation.
 */
import type { z } from 'zod';
import type { SchemaIssue } from '../core/rules-loader.js';
import { loadZod } from '../core/schema.js';

/** The zod locales the tables use. */
export type ZodLocale = 'en' | 'zhCN';

/** A value of the kind that was received, for zod's "expected X, received Y" (the real one is never kept). */
function sampleOf(kind: string | undefined): unknown {
  const samples: Record<string, unknown> = { string: '', number: 0, boolean: false, array: [], null: null, object: {}, undefined: undefined };
  return kind !== undefined && kind in samples ? samples[kind] : {};
}

function said(result: ReturnType<z.core.$ZodErrorMap>): string | undefined {
  return typeof result === 'string' ? result : (result?.message ?? undefined);
}

export function sayIssue(issue: SchemaIssue, locale: ZodLocale): string {
  const { locales } = loadZod();
  const raw = { ...issue, input: sampleOf(issue.received) } as unknown as Parameters<z.core.$ZodErrorMap>[0];
  // A message zod would not have written itself is the schema's own token: keep it.
  if (issue.code === 'custom' || said(locales.en().localeError(raw)) !== issue.message) return issue.message;
  return said(locales[locale]().localeError(raw)) ?? issue.message;
}
