'use strict';
/**
 * An entry's bundle in two (run.cjs; run-main.cjs asks it for main.ts): the folders that change most often, the
 * ASL builders in definitions/ and the contracts they read, bundled on their own as a "part", and the rest of the
 * app in the main bundle, which reaches the part's modules at run time. Each has its own build record, so an edit
 * under definitions/ builds only the part (~50 small files) and the main bundle, its record and V8's code cache
 * for it stay as they were (docs/BENCHMARKS.md, "Synth (issue 18)").
 *
 * The part's entry is made up here: a table of every source file in its folders, each behind a function that
 * requires it, so a module runs when it is first imported, as it would unbundled. In the main bundle, an import that
 * resolves to a file of that table becomes a small module that asks the table for it (`linked` below): the main
 * bundle names no part bundle, so a new part does not change it. The part must not import the rest of the project
 * (a module in both bundles would exist twice); .dependency-cruiser.cjs holds definitions/ and contracts/ to that,
 * and run.cjs checks the part's inputs and builds one bundle instead when they are not closed.
 */
const fs = require('node:fs');
const path = require('node:path');

/** The files a part's table lists: what an import can name (sources and JSON), not declarations. */
const LISTED = /\.([cm]?[jt]s|json)$/;

/** Every file of `folders` (project-relative, `/`), sorted: the part's table; and every folder they hold, themselves included. */
function partFiles(root, folders) {
  const files = [];
  const within = [];
  const visit = (folder) => {
    let entries;
    try {
      entries = fs.readdirSync(path.join(root, folder), { withFileTypes: true });
    } catch {
      return; // a folder that does not exist has nothing to list
    }
    within.push(folder);
    for (const e of entries) {
      const file = `${folder}/${e.name}`;
      if (e.isDirectory()) visit(file);
      else if (LISTED.test(e.name) && !e.name.endsWith('.d.ts')) files.push(file);
    }
  };
  folders.forEach(visit);
  return { files: files.sort(), folders: within.sort() };
}

/** True when `file` (project-relative) lies in one of `folders`. */
const within = (file, folders) => folders.some((folder) => file.startsWith(`${folder}/`));

const PROXY_NAMESPACE = 'run-part';

/**
 * The source of the part's entry: its table of `files`. Given to esbuild as its input text (`stdin`), not through a
 * plugin: the part's build then needs nothing of the thread that starts it, which loads packages meanwhile.
 */
function partTable(files) {
  return `module.exports = {\n${files.map((f) => `  ${JSON.stringify(f)}: () => require(${JSON.stringify(`./${f}`)}),`).join('\n')}\n};\n`;
}

/** Tells the resolver's own call apart from the import it resolves for (build.resolve runs the plugins again). */
const RESOLVING = Symbol('run-parts resolving');

/**
 * esbuild plugin for the main bundle: an import of a file in the part's table becomes a module that takes it from
 * the part. Only imports whose path names a part folder are looked at (a callback per import would hold the build);
 * `wide` looks at every relative import, for a build whose inputs show an import the narrow filter missed.
 */
function partProxyPlugin(root, part, wide) {
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // From outside a folder, an import reaches it only through a path that names it (`../definitions/…`).
  const filter = wide ? /^\./ : new RegExp(`(^|/)(${part.folders.map((f) => escape(path.posix.basename(f))).join('|')})(/|$)`);
  const listed = new Set(part.files);
  return {
    name: 'part-proxy',
    setup(build) {
      build.onResolve({ filter }, async (args) => {
        if (args.pluginData === RESOLVING || args.namespace !== 'file') return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: RESOLVING });
        if (resolved.errors.length > 0 || resolved.external) return undefined; // esbuild reports it, or leaves it to node_modules
        const file = path.relative(root, resolved.path).split(path.sep).join('/');
        if (!listed.has(file)) return undefined;
        return { path: file, namespace: PROXY_NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: PROXY_NAMESPACE }, (args) => ({
        contents: `module.exports = require(require("node:path").join(${part.rootName}, "run-parts.cjs")).linked(${JSON.stringify(part.name)})(${JSON.stringify(args.path)});\n`,
        loader: 'js',
      }));
    },
  };
}

/** Part name → the bundle file run.cjs built for it, set before the main bundle runs. */
const links = new Map();

function link(name, file) {
  links.set(name, file);
}

/**
 * The module `file` (project-relative) of the part `name`, from the bundle run.cjs linked: what the main bundle's
 * stand-ins call.
 */
function linked(name) {
  const file = links.get(name);
  if (!file) throw new Error(`This bundle takes the modules of ${name}/ from a bundle of their own, which run.cjs links before it runs it: start it with node run-main.cjs (or node run.cjs <file.ts>), not from .build/.`);
  const table = require(file);
  return (module) => {
    const load = table[module];
    if (!load) throw new Error(`The bundle of ${name}/ (${path.basename(file)}) has no ${module}: run it again through run.cjs, which builds both again.`);
    return load();
  };
}

module.exports = { partFiles, within, partTable, partProxyPlugin, link, linked };
