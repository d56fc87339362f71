'use strict';
/**
 * How the app is run (cdktf.json's "app", and every command that synthesizes: scripts/lib/synth-run.ts): main.ts
 * bundled by esbuild into one CommonJS file, `.build/app/<hash>/main.js` (the project's own modules compiled, its
 * dependencies left to node_modules), then required. Bundled again only when a file the last bundle was built from
 * changed (stacks/build-cache.cjs: its metafile's inputs, hashed); otherwise no TypeScript is compiled and esbuild is
 * not even loaded. Loading main.ts through tsx instead (`node --import tsx main.ts`, which still works) costs about
 * 0.3-0.5 s and 50-80 MiB more per synth (docs/BENCHMARKS.md). SFN_DEBUG=1 maps stack traces back to the sources.
 */
const path = require('node:path');
const cache = require('./stacks/build-cache.cjs');

const ROOT = __dirname;
const APP_DIR = path.join(ROOT, '.build', 'app');
const RECORDS = path.join(APP_DIR, 'records');
const ENTRY = 'main.ts';
/** Deterministic: no timestamps; source paths in the map are relative to the bundle. */
const OPTIONS = { bundle: true, packages: 'external', platform: 'node', target: 'node22', format: 'cjs', sourcemap: 'linked', sourcesContent: false, legalComments: 'none' };

const bundleFile = (hash) => path.join(APP_DIR, hash.slice(0, 16), 'main.js');

/** The bundled app, built now when there is no current one. */
function compiledApp() {
  const key = cache.buildKey(ROOT, [ENTRY], OPTIONS, require('esbuild/package.json').version);
  const record = cache.readRecord(RECORDS, key);
  const hash = record?.outputs[ENTRY];
  if (hash && cache.fileIntact(bundleFile(hash), hash) && cache.staleBecause(ROOT, record) === undefined) return bundleFile(hash);

  const { buildSync } = require('esbuild');
  let result;
  try {
    result = buildSync({ ...OPTIONS, absWorkingDir: ROOT, entryPoints: [ENTRY], outdir: 'out', write: false, metafile: true, logLevel: 'silent' });
  } catch (err) {
    const lines = (err.errors ?? [{ text: String(err) }]).map((e) => `  - ${e.location ? `${e.location.file} line ${e.location.line}: ` : ''}${e.text}`);
    console.error(`Synth stopped: esbuild could not compile ${ENTRY}:\n${lines.join('\n')}\nFix the file named above and synth again.`);
    process.exit(1);
  }
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const map = result.outputFiles.find((f) => f.path.endsWith('.js.map'));
  const built = cache.sha256(js.contents);
  const file = bundleFile(built);
  if (!cache.fileIntact(file, built)) {
    cache.writeWhole(`${file}.map`, map.contents);
    cache.writeWhole(file, js.contents);
  }
  cache.writeRecord(RECORDS, key, cache.recordFor(ROOT, Object.keys(result.metafile.inputs), { [ENTRY]: built }));
  return file;
}

if (process.env.SFN_DEBUG) process.setSourceMapsEnabled(true);
require(compiledApp());
