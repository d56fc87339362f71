'use strict';
// Plain CommonJS (typed by build-cache.d.cts): run-main.cjs, which starts the app before any TypeScript can load,
// uses it as well as stacks/constructs/bundle.ts.
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/**
 * The record that lets a process skip an esbuild build when nothing the last one read has changed (the Lambda
 * handlers' bundles, the app itself). A build is named by a key: its entries, esbuild's options and version, and the
 * project files esbuild reads besides the sources (tsconfig.json, package.json, package-lock.json). Its record lists
 * every file the build's metafile names as an input with a SHA-256 of its bytes, a hash of the listing of each
 * folder holding one (a file added beside an input may change how an import resolves) or "watched" (folders whose
 * files the build resolved imports to without reading them), and the output each entry gave. A later process hashes those files again (milliseconds) and reuses the outputs when every hash matches; any
 * difference builds again. Records live under `.build/` (ignored by git).
 */

/** Bumped when the record's shape or meaning changes, so that older records are never read as current. */
const FORMAT = 1;

/** Files of the project that esbuild reads without listing them as inputs: their bytes are part of the key. */
const CONFIG_FILES = ['tsconfig.json', 'package.json', 'package-lock.json'];

const sha256 = (data) => createHash('sha256').update(data).digest('hex');

function contentHash(root, file) {
  try {
    return sha256(fs.readFileSync(path.join(root, file)));
  } catch {
    return 'absent';
  }
}

function listing(root, folder) {
  try {
    return sha256(fs.readdirSync(path.join(root, folder)).sort().join('\n'));
  } catch {
    return 'absent';
  }
}

function buildKey(root, entries, options, version) {
  const configs = CONFIG_FILES.map((file) => `${file} ${contentHash(root, file)}`);
  return sha256(JSON.stringify({ format: FORMAT, esbuild: version, options, entries: [...entries].sort(), configs }));
}

function recordFor(root, inputs, outputs, watched = []) {
  const files = [...inputs].sort();
  const folders = [...new Set([...files.map((f) => path.posix.dirname(f)), ...watched])].sort();
  return {
    format: FORMAT,
    inputs: Object.fromEntries(files.map((f) => [f, contentHash(root, f)])),
    folders: Object.fromEntries(folders.map((d) => [d, listing(root, d)])),
    outputs,
  };
}

function staleBecause(root, record) {
  for (const [file, hash] of Object.entries(record.inputs)) if (contentHash(root, file) !== hash) return `${file} changed`;
  for (const [folder, hash] of Object.entries(record.folders)) if (listing(root, folder) !== hash) return `files added or removed in ${folder}`;
  return undefined;
}

function readRecord(dir, key) {
  try {
    const record = JSON.parse(fs.readFileSync(path.join(dir, `${key}.json`), 'utf8'));
    if (record.format !== FORMAT || !record.inputs || !record.folders || !record.outputs) return undefined;
    return record;
  } catch {
    return undefined;
  }
}

function writeWhole(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(partial, data);
  fs.renameSync(partial, file);
}

function writeRecord(dir, key, record) {
  try {
    writeWhole(path.join(dir, `${key}.json`), `${JSON.stringify(record, null, 1)}\n`);
  } catch {
    // a read-only checkout only loses the shortcut: the next process builds again
  }
}

function fileIntact(file, hash) {
  try {
    return sha256(fs.readFileSync(file)) === hash;
  } catch {
    return false;
  }
}

module.exports = { sha256, buildKey, recordFor, staleBecause, readRecord, writeWhole, writeRecord, fileIntact };
