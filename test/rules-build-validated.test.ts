/**
 * The installed CLI uses the rules files the build validated without loading zod, and still
 * validates any file that differs from them (src/core/rules-loader.ts). Run on a copy of the built
 * package (`npm test` builds first), so editing its rules leaves the repository's alone.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '..');

/** A copy of the built package: bin, dist, rules and package.json, with the repository's node_modules. */
function builtPackage(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'shebao-package-'));
  for (const part of ['bin', 'dist', 'rules', 'package.json']) cpSync(path.join(root, part), path.join(dir, part), { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

/**
 * Run the built CLI in-process (bin/shebao.js, which runs the bundle) and report, as the process
 * ends, whether zod was loaded: zod is required (src/core/schema.ts), so it shows in the require cache.
 */
function run(dir: string, args: string[]) {
  const script = `
    import { createRequire } from 'node:module';
    process.on('exit', () => {
      const zod = Object.keys(createRequire(import.meta.url).cache).some((file) => file.includes('/node_modules/zod/'));
      process.stderr.write('zod loaded: ' + zod + '\\n');
    });
    await import(${JSON.stringify(path.join(dir, 'bin/shebao.js'))});`;
  writeFileSync(path.join(dir, 'run.mjs'), script);
  const result = spawnSync(process.execPath, [path.join(dir, 'run.mjs'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('rules files the build validated', () => {
  let dir: string;
  beforeEach(() => {
    dir = builtPackage();
  });

  it('are used without loading zod', () => {
    for (const args of [['plan', '--newborn', '2024-05-01', '--today', '2026-11-22'], ['rules'], ['--version']]) {
      const { code, err } = run(dir, args);
      expect(code, err).toBe(0);
      expect(err).toContain('zod loaded: false');
    }
  });

  it('do not cover an edited file: it is validated, and the error names the file and the field', () => {
    const file = path.join(dir, 'rules/regions/national.json');
    const national = JSON.parse(readFileSync(file, 'utf8')) as { newborn: { window: { count: number } } };
    national.newborn.window.count = -90;
    writeFileSync(file, JSON.stringify(national, null, 2));
    const { code, err } = run(dir, ['plan', '--newborn', '2024-05-01', '--today', '2026-11-22', '--lang', 'en']);
    expect(code).toBe(2);
    expect(err).toMatch(/invalid rules file .*national\.json[\s\S]*newborn\.window\.count/);
    expect(err).toContain('zod loaded: true');
  });

  it('do not cover a file that still holds valid rules but was changed: it is validated and used', () => {
    const file = path.join(dir, 'rules/holidays/2024.json');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n`);
    const { code, err } = run(dir, ['plan', '--newborn', '2024-05-01', '--today', '2026-11-22']);
    expect(code, err).toBe(0);
    expect(err).toContain('zod loaded: true');
  });
});
