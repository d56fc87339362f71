'use strict';
/**
 * How the app is run (cdktf.json's "app", and every command that synthesizes: scripts/lib/synth-run.ts): main.ts
 * bundled by esbuild into one CommonJS file, `.build/app/<hash>/main.js` (the project's own modules compiled, its
 * dependencies left to node_modules), then required. Bundled again only when a file the last bundle was built from
 * changed (stacks/build-cache.cjs: its metafile's inputs, hashed); otherwise no TypeScript is compiled and esbuild is
 * not even loaded. Loading main.ts through tsx instead (`node --import tsx main.ts`, which still works) costs
 * about 2.3× the time and 1.7× the memory per synth (docs/BENCHMARKS.md). SFN_DEBUG=1 maps stack traces back to the sources.
 */
const fs = require('node:fs');
const path = require('node:path');
const cache = require('./stacks/build-cache.cjs');

const ROOT = __dirname;
const APP_DIR = path.join(ROOT, '.build', 'app');
const RECORDS = path.join(APP_DIR, 'records');
const ENTRY = 'main.ts';
/** Deterministic: no timestamps; source paths in the map are relative to the bundle. */
const OPTIONS = { bundle: true, packages: 'external', platform: 'node', target: 'node22', format: 'cjs', sourcemap: 'linked', sourcesContent: false, legalComments: 'none' };

/** The packages the last bundle imports (its metafile's external imports), loaded while esbuild builds the next one. */
const PRELOAD = path.join(APP_DIR, 'preload.json');

const bundleFile = (hash) => path.join(APP_DIR, hash.slice(0, 16), 'main.js');

/**
 * Loads the packages the app imported last time: esbuild builds in its own process, so on a machine with a second
 * core their loading (cdktf and the providers, ~0.1 s) overlaps the build instead of following it.
 */
function preloadPackages() {
  let names = [];
  try {
    names = JSON.parse(fs.readFileSync(PRELOAD, 'utf8'));
  } catch {
    return; // the first build: nothing known yet
  }
  for (const name of names) {
    try {
      require(name);
    } catch {
      // a package the new bundle no longer imports: the app itself reports what it needs
    }
  }
}

/** The external packages a build's metafile says the bundle imports. */
function externalImports(metafile) {
  const names = new Set();
  for (const input of Object.values(metafile.inputs)) for (const i of input.imports) if (i.external && !i.path.startsWith('node:')) names.add(i.path);
  return [...names].sort();
}

/** The bundled app, built now when there is no current one. */
async function compiledApp() {
  const key = cache.buildKey(ROOT, [ENTRY], OPTIONS, require('esbuild/package.json').version);
  const record = cache.readRecord(RECORDS, key);
  const hash = record?.outputs[ENTRY];
  if (hash && cache.fileIntact(bundleFile(hash), hash) && cache.staleBecause(ROOT, record) === undefined) return bundleFile(hash);

  const { build } = require('esbuild');
  let result;
  try {
    const building = build({ ...OPTIONS, absWorkingDir: ROOT, entryPoints: [ENTRY], outdir: 'out', write: false, metafile: true, logLevel: 'silent' });
    preloadPackages();
    result = await building;
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
  try {
    cache.writeWhole(PRELOAD, `${JSON.stringify(externalImports(result.metafile))}\n`);
  } catch {
    // only a head start lost
  }
  return file;
}

// V8's code cache for every module loaded from here on (cdktf, the providers, the validator, the bundle): about
// 0.04 s less compiling per synth for ~8 MiB more memory (docs/BENCHMARKS.md). Node keys it by each file's content.
require('node:module').enableCompileCache?.(path.join(ROOT, '.build', 'node-compile-cache'));
if (process.env.SFN_DEBUG) process.setSourceMapsEnabled(true);
compiledApp().then((file) => require(file));
