'use strict';
/**
 * How every command starts: `node run.cjs <file.ts> [arguments…]` (the npm scripts, the tests that spawn a command,
 * the bench's and the crash drill's child processes; run-main.cjs runs main.ts the same way). The file is bundled by
 * esbuild into one CommonJS file, `.build/run/<file>/<hash>/<name>.js` (the project's own modules compiled, its
 * dependencies left to node_modules), then run as the main module with the arguments that follow it. It is bundled
 * again only when a file the last bundle was built from changed (stacks/build-cache.cjs: its metafile's inputs,
 * hashed); otherwise no TypeScript is compiled and esbuild is not even loaded. Starting a command through tsx
 * instead (`node --import tsx scripts/local.ts`, which still works) costs three to four times the start-up
 * (docs/BENCHMARKS.md). SFN_DEBUG=1 maps stack traces back to the sources.
 *
 * A bundle does not live beside its sources, so each project module that names `__dirname` or `__filename` gets its
 * own source folder and file back, computed when it runs from where the bundle lies in the project (no path of this
 * machine is written into the bundle; run-places.cjs): a module that finds a file next to itself
 * (local/lambda-worker.cjs, local/emulators/s3-worker.cjs) finds it from a bundle as it does under tsx and jest.
 * Folders that change often can be bundled apart, each bundle with its own record (run-parts.cjs; run-main.cjs
 * does it for main.ts's definitions/ and contracts/).
 */
const fs = require('node:fs');
const path = require('node:path');
const cache = require('./stacks/build-cache.cjs');
const parts = require('./run-parts.cjs');
const { ROOT_NAME, NEEDS_PLACES, sourcePlacesPlugin, likelyInputs } = require('./run-places.cjs');

const ROOT = __dirname;
const USAGE = 'Usage: node run.cjs <file.ts> [arguments…] (a file of this project, e.g. scripts/local.ts)';

/** Deterministic: no timestamps; source paths in the map are relative to the bundle. */
const OPTIONS = { bundle: true, packages: 'external', platform: 'node', target: 'node22', format: 'cjs', sourcemap: 'linked', sourcesContent: false, legalComments: 'none' };

/** Where an entry's bundles, their records and its preload list live. main.ts keeps `.build/app/` (run-main.cjs, since issue 18's synth part). */
function layout(entry) {
  const dir = entry === 'main.ts' ? path.join(ROOT, '.build', 'app') : path.join(ROOT, '.build', 'run', entry.replace(/\.[cm]?ts$/, '').replace(/[^A-Za-z0-9_.-]+/g, '-'));
  return placesIn(dir, `${path.basename(entry).replace(/\.[cm]?ts$/, '')}.js`);
}

/** A build's places in `dir`: its bundles (`<hash>/<name>`), its records and its preload list. */
function placesIn(dir, name) {
  return { dir, records: path.join(dir, 'records'), preload: path.join(dir, 'preload.json'), bundle: (hash) => path.join(dir, hash.slice(0, 16), name) };
}

/**
 * Loads the packages the entry's bundles imported last time (`files`: their preload lists): esbuild builds in its
 * own process, so on a machine with a second core their loading overlaps the build instead of following it. With
 * `bundle` (the entry's bundle, when only a part is built again) each name is resolved as that bundle will resolve
 * it, so that its own requires find Node's resolution cache filled instead of searching again.
 */
async function preloadPackages(files, bundle = undefined) {
  const load = bundle ? require('node:module').createRequire(bundle) : require;
  const names = new Set();
  for (const file of files) {
    try {
      for (const name of JSON.parse(fs.readFileSync(file, 'utf8'))) names.add(name);
    } catch {
      // the first build: nothing known yet
    }
  }
  for (const name of names) {
    try {
      load(name);
    } catch {
      // a package the new bundle no longer imports: the entry itself reports what it needs
    }
    // Between packages, the build's plugin callbacks (sourcePlacesPlugin, on this thread) get their turn: loading
    // every package first would hold esbuild up until the last one.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * The external packages a build's metafile says the bundle imports with an `import` statement: those load when
 * it starts. A `require` may sit inside a function (loaded at first use, or never: the ASL validator's modules when
 * every definition has a verdict), so preloading it could cost a run what it would not have loaded.
 */
function externalImports(metafile) {
  const names = new Set();
  for (const input of Object.values(metafile.inputs)) for (const i of input.imports) if (i.external && i.kind === 'import-statement' && !i.path.startsWith('node:')) names.add(i.path);
  return [...names].sort();
}

/** Bundles kept per entry: the newest few (a change and its undo reuse each other's); older ones are removed. */
const KEPT_BUNDLES = 3;

/**
 * Removes an entry's bundle folders beyond the newest KEPT_BUNDLES, so that `.build/` does not grow by a bundle
 * (~1 MiB with its map) at every source change. A process still running an old bundle has already loaded it.
 */
function pruneBundles(dir) {
  try {
    const folders = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && /^[0-9a-f]{16}$/.test(e.name))
      .map((e) => ({ folder: path.join(dir, e.name), at: fs.statSync(path.join(dir, e.name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const { folder } of folders.slice(KEPT_BUNDLES)) fs.rmSync(folder, { recursive: true, force: true });
  } catch {
    // another process pruning at the same time, or a read-only checkout: only disk space is lost
  }
}

/** The bytes of this file, run-parts.cjs and run-places.cjs are part of every key: a change to how bundles are made builds them all again. */
let launcherHash;

/** The project's files among a build's metafile inputs (not the made-up modules of run-parts.cjs: `namespace:path`, `<…>`). */
const projectInputs = (metafile) => Object.keys(metafile.inputs).filter((f) => !f.includes(':') && !f.startsWith('<'));

/**
 * One bundle run.cjs keeps: `label` names its output in the record, `where` its folders (layout), `key` its build
 * key; `input(outdir)` esbuild's options for what it starts from and writes, `entryFile` the module that may be the main one, `plugins(wide)`
 * the plugins that go before source-places, `redo(metafile)` true when the build must be done again `wide`;
 * `watched()` the folders besides the inputs' whose listings count (a part's folders: a file added there may change
 * what an import of the main bundle resolves to).
 */
function current(unit) {
  unit.record = cache.readRecord(unit.where.records, unit.key);
  const hash = unit.record?.outputs[unit.label];
  return hash && cache.fileIntact(unit.where.bundle(hash), hash) && cache.staleBecause(ROOT, unit.record) === undefined ? unit.where.bundle(hash) : undefined;
}

/** Builds `unit` with esbuild's `build`, writes the bundle, its map, its record and its preload list; answers the bundle's file. Throws esbuild's error. */
async function bundle(unit, build) {
  const outdir = path.dirname(unit.where.bundle('0'.repeat(16)));
  // The root as seen from the bundle's folder (the same on every machine).
  const up = path.relative(outdir, ROOT).split(path.sep).join('/');
  const options = { ...OPTIONS, ...unit.input(outdir), absWorkingDir: ROOT, write: false, metafile: true, logLevel: 'silent' };
  const bundleWith = (only, wide = false) =>
    build({ ...options, banner: { js: `var ${ROOT_NAME} = require("node:path").resolve(__dirname, ${JSON.stringify(up)});` }, plugins: [...unit.plugins(wide), sourcePlacesPlugin(unit.entryFile, only)] });
  const likely = likelyInputs(unit.record);
  let result = await bundleWith(likely?.needing);
  // A file the guess did not cover (in a folder the last build did not read) may need the plugin: build again with it on every file.
  const uncovered = likely && projectInputs(result.metafile).filter((f) => !likely.files.has(f));
  if (uncovered && uncovered.some((f) => NEEDS_PLACES.test(fs.readFileSync(path.join(ROOT, f), 'utf8')))) result = await bundleWith(undefined);
  if (unit.redo(result.metafile)) result = await bundleWith(undefined, true);
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'));
  const map = result.outputFiles.find((f) => f.path.endsWith('.js.map'));
  const built = cache.sha256(js.contents);
  const file = unit.where.bundle(built);
  if (!cache.fileIntact(file, built)) {
    cache.writeWhole(`${file}.map`, map.contents);
    cache.writeWhole(file, js.contents);
    pruneBundles(path.dirname(path.dirname(file)));
  } else {
    try {
      fs.utimesSync(path.dirname(file), new Date(), new Date()); // the newest again: an undone change reuses it
    } catch {
      // a read-only checkout: pruning may take it first, and a later run builds it again
    }
  }
  unit.record = cache.recordFor(ROOT, projectInputs(result.metafile), { [unit.label]: built }, unit.watched());
  cache.writeRecord(unit.where.records, unit.key, unit.record);
  try {
    cache.writeWhole(unit.where.preload, `${JSON.stringify(externalImports(result.metafile))}\n`);
  } catch {
    // only a head start lost
  }
  return file;
}

/** The build of `entry` itself; with `part` (partUnit), its imports of the part's files are taken from the part's bundle. */
function entryUnit(entry, where, version, part) {
  const plugins = (wide) => (part ? [parts.partProxyPlugin(ROOT, { ...part.part, files: part.listing().files }, wide)] : []);
  // An input in the part's table: an import the narrow filter did not see (the module would exist in both bundles).
  const redo = (metafile) => Boolean(part) && projectInputs(metafile).some((f) => part.listing().files.includes(f));
  const key = cache.buildKey(ROOT, [entry], { ...OPTIONS, launcher: launcherHash, ...(part && { apart: part.part.folders }) }, version);
  return { label: entry, where, key, input: (outdir) => ({ entryPoints: [entry], outdir }), entryFile: path.join(ROOT, entry), plugins, redo, watched: () => (part ? part.listing().folders : []) };
}

/** The build of the part made of `folders` (run-parts.cjs), kept in a folder of the entry's named after the first. */
function partUnit(folders, where, version) {
  const name = folders[0];
  let listed;
  const listing = () => (listed ??= parts.partFiles(ROOT, folders));
  const key = cache.buildKey(ROOT, [`part ${folders.join(' ')}`], { ...OPTIONS, launcher: launcherHash }, version);
  const dir = path.join(where.dir, name.replace(/[^A-Za-z0-9_.-]+/g, '-'));
  const out = `${path.posix.basename(name)}.js`;
  const input = (outdir) => ({ stdin: { contents: parts.partTable(listing().files), resolveDir: ROOT, sourcefile: `<table of ${name}>`, loader: 'js' }, outfile: path.join(outdir, out) });
  return { label: name, where: placesIn(dir, out), key, part: { name, folders, rootName: ROOT_NAME }, listing, input, plugins: () => [], redo: () => false, watched: () => listing().folders };
}

/**
 * The bundle of `entry` (a path from the project root), built now when there is no current one. With `apart`
 * (folders, run-main.cjs gives definitions/ and contracts/), the files of those folders are bundled on their own
 * (run-parts.cjs) and each bundle is built again only when its own inputs changed; `whenPartStale` is called, before
 * the builds start, when the part's bundle is to be built again (run-main.cjs starts the ASL check worker then). On a
 * compile error, prints a sentence naming each file and line and exits 1; `stopped` begins it ("Synth stopped").
 */
async function compiled(entry, stopped = `Stopped before ${entry} ran`, apart = undefined, whenPartStale = undefined) {
  const where = layout(entry);
  launcherHash ??= cache.sha256(Buffer.concat([__filename, require.resolve('./run-parts.cjs'), require.resolve('./run-places.cjs')].map((f) => fs.readFileSync(f))));
  const version = require('esbuild/package.json').version;
  const part = apart && partUnit(apart, where, version);
  const units = [entryUnit(entry, where, version, part), ...(part ? [part] : [])];
  const stale = units.filter((unit) => !(unit.file = current(unit)));
  if (stale.length > 0) {
    if (part && stale.includes(part)) whenPartStale?.();
    const { build } = require('esbuild');
    // The builds first: esbuild works in its own process while the packages load here.
    const building = Promise.allSettled(stale.map((unit) => bundle(unit, build)));
    const preloading = preloadPackages(units.map((unit) => unit.where.preload), units[0].file);
    const built = await building;
    await preloading;
    const failed = built.flatMap((b) => (b.status === 'rejected' ? (b.reason.errors ?? [{ text: String(b.reason) }]) : []));
    if (failed.length > 0) {
      const lines = failed.map((e) => `  - ${e.location ? `${e.location.file} line ${e.location.line}: ` : ''}${e.text}`);
      console.error(`${stopped}: esbuild could not compile ${entry}:\n${lines.join('\n')}\nFix the file named above and run it again.`);
      process.exit(1);
    }
    stale.forEach((unit, i) => (unit.file = built[i].value));
  }
  if (part) {
    // A part that imports the rest of the project would hold a second copy of what it imports: one bundle instead.
    if (Object.keys(part.record.inputs).some((f) => !parts.within(f, apart))) return compiled(entry, stopped);
    parts.link(part.label, part.file);
  }
  return units[0].file;
}

/**
 * V8's code cache for every module loaded from here on (the packages, the bundle): less compiling per start for a few
 * MiB more memory (docs/BENCHMARKS.md). Node keys it by each file's content.
 */
function startCaches() {
  require('node:module').enableCompileCache?.(path.join(ROOT, '.build', 'node-compile-cache'));
  if (process.env.SFN_DEBUG) process.setSourceMapsEnabled(true);
}

/** `file` as a path from the project root, or a sentence on why it cannot be run. */
function entryOf(file) {
  if (!file || file.startsWith('-')) return { problem: `run.cjs needs the TypeScript file to run as its first argument${file ? `, not the option ${file}` : ''}.\n${USAGE}` };
  const full = path.resolve(file);
  if (!/\.[cm]?ts$/.test(full)) return { problem: `run.cjs runs TypeScript files; ${file} is not one (.ts).\n${USAGE}` };
  if (!fs.existsSync(full)) return { problem: `run.cjs cannot run ${file}: there is no such file (from ${process.cwd()}).\n${USAGE}` };
  const relative = path.relative(ROOT, full);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return { problem: `run.cjs runs files of this project (${ROOT}); ${file} lies outside it.\n${USAGE}` };
  return { entry: relative.split(path.sep).join('/') };
}

/**
 * Runs `entry` (a path from the project root) bundled, as the main module (`require.main === module` holds in it).
 * Outside of any promise, so that what its first run throws ends the process as `node <file>` would: the error and
 * its stack on stderr, exit code 1.
 */
function launch(entry, stopped, apart, whenPartStale) {
  startCaches();
  compiled(entry, stopped, apart, whenPartStale).then((file) => setImmediate(() => require('node:module').runMain(file)));
}

if (require.main === module) {
  const { entry, problem } = entryOf(process.argv[2]);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  // The script sees the arguments that follow it, as under `node --import tsx <file.ts> [arguments…]`.
  process.argv.splice(1, 2, path.join(ROOT, entry));
  launch(entry);
}

module.exports = { launch, compiled, entryOf };
