/**
 * Bundles the command line into one file, dist/cli/shebao.cjs, which bin/shebao.js runs, and
 * writes V8's code cache for it. Run by `npm run build` after tsc has compiled src/ to dist/.
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
 * The code cache: with the above, compiling the 350 KB bundle and the functions a command calls
 * was still the largest part of a start (22 ms of CPU for `plan` in a profile of the unminified
 * bundle, averaged over 15 runs). Node 20 has no compile cache for ES modules, so the bundle is a
 * CommonJS function body that bin/shebao.js compiles with vm.Script and the cache written here
 * (dist/cli/shebao.cjs.cache, from one run of `shebao plan`). In that body `import.meta.url` is
 * `__shebaoUrl` and each `import(…)` is `__shebaoImport(…)` (a vm script has no module loader of
 * its own); bin/shebao.js passes both. The cache holds compiled code only, never data from the run.
 *
 * The bundle sits two folders deep like every compiled module, so the paths found from
 * import.meta.url (../../package.json, ../../rules/, ../validated-rules.json) still lead to the
 * package's own files.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { loadChecklistRules } from '../src/checklist/rules.js';
import { rulesDir, validatedRules } from '../src/core/rules-loader.js';
import { builtinSpecIds, loadSpec } from '../src/photo/spec.js';
import { deadlineRules, loadRegionFile, regionIds, shippedHolidayYears } from '../src/plan/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = path.join(root, 'src');
const outfile = path.join(root, 'dist/cli/shebao.cjs');
/** Modules whose identity matters on both sides of the bundle's edge (see above). */
const sharedModules = [path.join(src, 'core/errors.ts')];

/** The compiled file in dist/ for a source file, as an import path from the bundle. */
function compiledFromBundle(sourceFile: string): string {
  const compiled = path.join(root, 'dist', path.relative(src, sourceFile)).replace(/\.ts$/, '.js');
  const relative = path.relative(path.dirname(outfile), compiled).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** Every path the bundle imports dynamically, to check the rewrite to `__shebaoImport` below. */
const dynamicImports = new Set<string>();

const keepCompiledModulesOut: Plugin = {
  name: 'keep-compiled-modules-out',
  setup(bundler) {
    bundler.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === 'dynamic-import' && !args.path.startsWith('.')) dynamicImports.add(args.path);
      if (!args.path.startsWith('.') || !args.importer.startsWith(src)) return undefined;
      const target = path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      if (args.kind === 'dynamic-import' || sharedModules.includes(target)) {
        const compiled = compiledFromBundle(target);
        if (args.kind === 'dynamic-import') dynamicImports.add(compiled);
        return { path: compiled, external: true };
      }
      return undefined;
    });
  },
};

/**
 * commander loads node:child_process when it loads, for subcommands that are separate programs,
 * which shebao has none of; with node:crypto (now loaded where it is used) it was about 5 ms of
 * CPU of every start. Inside the bundle it gets the module when it first touches it instead.
 */
const lazyChildProcess: Plugin = {
  name: 'lazy-child-process-for-commander',
  setup(bundler) {
    bundler.onResolve({ filter: /^node:child_process$/ }, (args) => (args.kind === 'require-call' && /[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'shebao-lazy' } : undefined));
    bundler.onLoad({ filter: /.*/, namespace: 'shebao-lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => process.getBuiltinModule('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: [path.join(src, 'cli/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Packages loaded only by dynamic import (sharp, tfjs, face-api, @inquirer/prompts, heic-decode)
  // stay in node_modules either way; these are the ones every command loads, now inside the bundle.
  packages: 'bundle',
  external: ['sharp', '@tensorflow/*', '@vladmandic/*', '@inquirer/*', 'heic-decode', 'tinyglobby'],
  plugins: [lazyChildProcess, keepCompiledModulesOut],
  define: { 'import.meta.url': '__shebaoUrl' },
  minify: process.env.SHEBAO_NO_MINIFY !== '1',
  legalComments: 'inline',
  logLevel: 'warning',
  banner: { js: '// Built by scripts/build-cli.ts from src/cli/main.ts, and run by bin/shebao.js; see that script.' },
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

/**
 * `import(…)` → `__shebaoImport(…)` in the bundle (see above). Every call must name one of the
 * paths esbuild was asked to import dynamically, so the text replaced is a call and not words in
 * a string; anything else stops the build.
 */
function routeDynamicImports(): void {
  const code = readFileSync(outfile, 'utf8');
  const calls = [...code.matchAll(/\bimport\(/g)];
  const named = [...code.matchAll(/\bimport\("([^"]+)"\)/g)].map((match) => match[1] as string);
  const unknown = named.filter((specifier) => !dynamicImports.has(specifier));
  if (calls.length !== named.length || unknown.length > 0 || calls.length === 0) {
    throw new Error(`the bundle's dynamic imports are not the ones expected: ${calls.length} calls, ${named.length} with a known path, unknown: ${unknown.join(', ')}`);
  }
  writeFileSync(outfile, code.replace(/\bimport\("/g, '__shebaoImport("'));
}

/**
 * V8's code cache for the bundle: bin/shebao.js writes it after running `shebao plan` (the
 * command that runs the most of the bundle's code), under the plain `node` that runs the build,
 * since V8 accepts a cache only from its own version and flags.
 */
function writeCodeCache(): void {
  const env: NodeJS.ProcessEnv = { ...process.env, SHEBAO_WRITE_CODE_CACHE: `${outfile}.cache`, NO_COLOR: '1' };
  delete env.NODE_OPTIONS;
  const args = [path.join(root, 'bin/shebao.js'), 'plan', '--newborn', '2024-05-01', '--today', '2026-11-22', '--region', 'beijing'];
  const result = spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`writing the code cache: shebao plan exited with ${result.status}: ${result.stderr}`);
}

routeDynamicImports();
// The ES-module bundle of earlier builds, which nothing runs now.
rmSync(path.join(root, 'dist/cli/shebao.js'), { force: true });
writeCodeCache();
