/**
 * Bundles the command line into one file, dist/cli/shebao.js, which bin/shebao.js runs. Run by
 * `npm run build` after tsc has compiled src/ to dist/.
 *
 * Why: most of a cold start was Node's ES-module loader finding and reading about a hundred small
 * files (the project's own modules, zod, commander, chalk) before `shebao plan` did any work. The
 * bundle holds what every command needs in one file. What only some commands need stays out:
 *
 * - Dynamic imports (`await import('../photo/check-photos.js')`: photo checks, fixing, the
 *   face model, prompts) load the compiled module from dist/ (or the package from node_modules)
 *   when a command first needs it, as they did before the bundle. The bundle sits in dist/cli/, so
 *   a path relative to src/cli/ is the same path relative to it; paths from other folders are
 *   rewritten to match.
 * - src/core/errors.ts too: the entry tells a ShebaoError by its class, and errors thrown by the
 *   compiled modules carry dist/core/errors.js's class, so the bundle must use that one.
 *
 * - zod: schemas are built on first use (src/core/schema.ts), which loads zod from node_modules,
 *   and the rules files shipped are validated here, at build time, and listed in
 *   dist/validated-rules.json, so `plan`, `rules`, `id` and `--version` never load it (see
 *   src/core/rules-loader.ts). It was 447 KB of a 750 KB bundle, and validating the 24 files
 *   `plan` reads took another 35–50 ms on the 2-core test machine.
 *
 * The bundle sits two folders deep like every compiled module, so the paths found from
 * import.meta.url (../../package.json, ../../rules/, ../validated-rules.json) still lead to the
 * package's own files.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { loadChecklistRules } from '../src/checklist/rules.js';
import { rulesDir, validatedRules } from '../src/core/rules-loader.js';
import { builtinSpecIds, loadSpec } from '../src/photo/spec.js';
import { deadlineRules, loadRegionFile, regionIds, shippedHolidayYears } from '../src/plan/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = path.join(root, 'src');
const outfile = path.join(root, 'dist/cli/shebao.js');
/** Modules whose identity matters on both sides of the bundle's edge (see above). */
const sharedModules = [path.join(src, 'core/errors.ts')];

/** The compiled file in dist/ for a source file, as an import path from the bundle. */
function compiledFromBundle(sourceFile: string): string {
  const compiled = path.join(root, 'dist', path.relative(src, sourceFile)).replace(/\.ts$/, '.js');
  const relative = path.relative(path.dirname(outfile), compiled).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

const keepCompiledModulesOut: Plugin = {
  name: 'keep-compiled-modules-out',
  setup(bundler) {
    bundler.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (!args.importer.startsWith(src)) return undefined;
      const target = path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      if (args.kind === 'dynamic-import' || sharedModules.includes(target)) return { path: compiledFromBundle(target), external: true };
      return undefined;
    });
  },
};

await build({
  entryPoints: [path.join(src, 'cli/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Packages loaded only by dynamic import (sharp, tfjs, face-api, @inquirer/prompts, heic-decode)
  // stay in node_modules either way; these are the ones every command loads, now inside the bundle.
  packages: 'bundle',
  external: ['sharp', '@tensorflow/*', '@vladmandic/*', '@inquirer/*', 'heic-decode', 'tinyglobby'],
  plugins: [keepCompiledModulesOut],
  minify: process.env.SHEBAO_NO_MINIFY !== '1',
  legalComments: 'inline',
  logLevel: 'warning',
  banner: {
    // Bundled CommonJS packages (commander) require Node's built-in modules; an ES module has no
    // `require` of its own to give them.
    js: "// Built by scripts/build-cli.ts from src/cli/main.ts; see that script for what is left out.\nimport { createRequire as shebaoCreateRequire } from 'node:module';\nconst require = shebaoCreateRequire(import.meta.url);",
  },
});

/**
 * Validate every shipped rules file, loading it as the commands do (the sources have no list, so
 * each is validated with zod), and list what was validated in dist/validated-rules.json: the
 * installed CLI then uses those texts without loading zod (see src/core/rules-loader.ts).
 */
function listValidatedRules(): void {
  regionIds().forEach((id) => loadRegionFile(id));
  shippedHolidayYears();
  builtinSpecIds().forEach((id) => loadSpec(id));
  loadChecklistRules(deadlineRules.map((rule) => rule.id));
  const validated = validatedRules();
  const shipped = readdirSync(rulesDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.json'));
  const unlisted = shipped.filter((file) => !validated.has(path.join(rulesDir, file)));
  // A file no loader above reads, or one zod changes when validating it (an unknown key dropped), would be validated on every run instead.
  if (unlisted.length > 0) throw new Error(`rules files not validated unchanged by the build: ${unlisted.join(', ')}`);
  writeFileSync(path.join(root, 'dist/validated-rules.json'), `${JSON.stringify([...new Set(validated.values())].sort(), null, 2)}\n`);
}

listValidatedRules();
