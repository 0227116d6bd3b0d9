import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesDir } from '../src/core/rules-loader.js';
import { renderSources, sourceRows, sourcesFile } from '../scripts/sources.js';

function ruleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? ruleFiles(path.join(dir, entry.name)) : entry.name.endsWith('.json') ? [path.join(dir, entry.name)] : [],
  );
}

describe('sources a parent can check', () => {
  it('no rules file cites our own notes (DOMAIN.md), so no command can print them', () => {
    const citing = ruleFiles(rulesDir).filter((file) => /DOMAIN(\.md)?\s*§|DOMAIN\.md|shebao notes/i.test(readFileSync(file, 'utf8')));
    expect(citing.map((file) => path.relative(rulesDir, file))).toEqual([]);
  });

  it('every source has a check date, and every value of rules/ is listed in docs/sources.md', () => {
    const rows = sourceRows();
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) expect(row.verified, `${row.file} ${row.id}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('every source is a URL, a document number or a titled document a parent can look up', () => {
    const unciteable = sourceRows().filter((row) => !/https?:\/\/|〔\d{4}〕|《/.test(row.source));
    expect(unciteable.map((row) => `${row.file} ${row.id}: ${row.source}`)).toEqual([]);
  });

  it('docs/sources.md is up to date (run `npm run sources` after changing rules/)', () => {
    expect(readFileSync(sourcesFile, 'utf8')).toBe(renderSources());
  });
});
