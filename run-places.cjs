'use strict';
/**
 * How run.cjs gives each module of a bundle its own place (its sources' `__dirname` and `__filename`), and which
 * modules need it. A bundle does not live beside its sources, so each project module that names `__dirname` or
 * `__filename` gets its own source folder and file back, computed when it runs from where the bundle lies in the
 * project (no path of this machine is written into the bundle).
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = __dirname;

/**
 * The name the bundle's first line gives the project root. The banner is not parsed by esbuild, so the name must
 * be one no module of the project declares at its top level.
 */
const ROOT_NAME = '__runCjsProjectRoot';

/** The statements that give a module its own `__dirname` and `__filename`, put on its first line (line numbers stay). */
function sourcePlaces(file, text) {
  const relative = path.relative(ROOT, file).split(path.sep).join('/');
  const places = [];
  if (/\b__dirname\b/.test(text)) places.push(`var __dirname = require("node:path").join(${ROOT_NAME}, ${JSON.stringify(path.posix.dirname(relative))});`);
  if (/\b__filename\b/.test(text)) places.push(`var __filename = require("node:path").join(${ROOT_NAME}, ${JSON.stringify(relative)});`);
  return places.join(' ');
}

/** What the plugin below rewrites in a module: a module without any of these is left to esbuild alone. */
const NEEDS_PLACES = /\b__dirname\b|\b__filename\b|\brequire\.main === module\b/;

/**
 * esbuild plugin: each project module keeps its own `__dirname`/`__filename`; and in a bundle every module shares one
 * `module`, so `require.main === module` (a command's "run me when started") holds for the entry alone. `only`, when
 * given, is the set of files that need it (absolute paths): the others are not sent through this thread at all, so
 * the build does not wait on it while it loads packages (a synth after a change: ~0.1 s).
 */
function sourcePlacesPlugin(entryFile, only) {
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const filter = only ? new RegExp(`^(${[...only].map(escape).join('|')})$`) : /\.[cm]?[jt]s$/;
  return {
    name: 'source-places',
    setup(build) {
      if (only?.size === 0) return; // no module needs it (esbuild's filters are Go regular expressions: no `(?!)`)
      build.onLoad({ filter }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        let text = fs.readFileSync(args.path, 'utf8');
        if (args.path !== entryFile) text = text.replace(/\brequire\.main === module\b/g, 'false');
        const prefix = sourcePlaces(args.path, text);
        return { contents: prefix ? `${prefix} ${text}` : text, loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js' };
      });
    },
  };
}

/**
 * The files the last build read and the other sources in their folders (project-relative), each with whether it
 * needs the plugin: what a rebuild most likely reads. Undefined on a first build.
 */
function likelyInputs(record) {
  if (!record) return undefined;
  const files = new Set(Object.keys(record.inputs));
  for (const folder of Object.keys(record.folders)) {
    try {
      for (const name of fs.readdirSync(path.join(ROOT, folder))) if (/\.[cm]?[jt]s$/.test(name)) files.add(path.posix.join(folder, name));
    } catch {
      // a folder gone: its files are not read either
    }
  }
  const needing = new Set();
  for (const file of files) {
    try {
      if (NEEDS_PLACES.test(fs.readFileSync(path.join(ROOT, file), 'utf8'))) needing.add(path.join(ROOT, file));
    } catch {
      // gone: not read either
    }
  }
  return { files, needing };
}

module.exports = { ROOT_NAME, NEEDS_PLACES, sourcePlacesPlugin, likelyInputs };
