import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A committed fixture file, by its path under fixtures/. */
export const fixture = (name: string): string => path.join(import.meta.dirname, '..', '..', 'fixtures', name);

/** A fresh folder in the system's temp directory holding copies of fixtures: `{ 'a/b.jpg': 'photo/pass.jpg' }`. */
export function workspace(prefix: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [name, from] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    copyFileSync(fixture(from), path.join(dir, name));
  }
  return dir;
}
