/**
 * Copies what shebao runs of @vladmandic/face-api (a dev dependency) into models/face-api/: its
 * Node WASM build, the weights of the three nets src/face/model.ts loads, its MIT licence, and a
 * README.md that names the version and each file's sha256. Run after upgrading face-api:
 * `npx tsx scripts/vendor-face-api.ts`.
 *
 * Why vendored: the installed package is 24 MB (browser bundles with tfjs inside, source maps,
 * demo photos, eleven models); shebao uses 1.1 MB of it.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const faceApiDir = path.dirname(require.resolve('@vladmandic/face-api/package.json'));
const { version } = JSON.parse(readFileSync(path.join(faceApiDir, 'package.json'), 'utf8')) as { version: string };
const outDir = fileURLToPath(new URL('../models/face-api/', import.meta.url));

/** The build src/face/tf.ts evaluates. */
const build = 'dist/face-api.node-wasm.js';
/** The nets src/face/model.ts loads (loadFromDisk reads `<net>-weights_manifest.json`, then the files it lists). */
const nets = ['tiny_face_detector_model', 'face_landmark_68_model', 'face_expression_model'];

interface Manifest {
  paths: string[];
}

function weightFiles(net: string): string[] {
  const manifestName = `${net}-weights_manifest.json`;
  const manifest = JSON.parse(readFileSync(path.join(faceApiDir, 'model', manifestName), 'utf8')) as Manifest[];
  return [manifestName, ...manifest.flatMap((group) => group.paths)];
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const copied: Array<{ from: string; name: string }> = [
  { from: build, name: path.basename(build) },
  ...nets.flatMap(weightFiles).map((name) => ({ from: `model/${name}`, name })),
];
for (const { from, name } of copied) copyFileSync(path.join(faceApiDir, from), path.join(outDir, name));
copyFileSync(path.join(faceApiDir, 'LICENSE'), path.join(outDir, 'LICENSE'));

const readme = [
  '# Face detector, landmarks and expression (face-api)',
  '',
  `Copied unchanged from the npm package \`@vladmandic/face-api\` version ${version} (MIT licence,`,
  'Copyright (c) Vladimir Mandic, full text in `LICENSE`) by `scripts/vendor-face-api.ts`; the package',
  'itself is only a dev dependency. `face-api.node-wasm.js` is its Node build for the WebAssembly',
  'backend, which src/face/tf.ts evaluates on shebao\'s own TensorFlow.js; the rest are the weights of',
  'the tiny face detector, the 68-point landmark net and the expression net that src/face/model.ts',
  'loads.',
  '',
  '| file | from | sha256 |',
  '| --- | --- | --- |',
  ...copied.map(({ from, name }) => `| \`${name}\` | \`${from}\` | ${sha256(path.join(outDir, name))} |`),
  '',
];
writeFileSync(path.join(outDir, 'README.md'), readme.join('\n'));
console.log(`models/face-api/: ${copied.length} files from @vladmandic/face-api ${version}`);
