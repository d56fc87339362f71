import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The record that lets a synth skip esbuild when nothing a build read has changed. A build is named by a key (the
 * entries, esbuild's options and version, and the project files esbuild reads besides the sources: tsconfig.json,
 * package.json, package-lock.json); its record lists every file its metafile names as an input with a SHA-256 of
 * its bytes, a hash of the listing of each folder holding one (a file added beside an input may change how an
 * import resolves), and the bundle each entry gave. A warm synth hashes those files again (a few milliseconds) and
 * reuses the bundles when every hash matches; any difference rebuilds. Records live under `.build/` (ignored).
 */

/** Bumped when the record's shape or meaning changes, so that older records are never read as current. */
const FORMAT = 1;

/** Files of the project that esbuild reads without listing them as inputs: their bytes are part of the key. */
const CONFIG_FILES = ['tsconfig.json', 'package.json', 'package-lock.json'];

export interface BuildRecord {
  readonly format: number;
  /** Input path (from the project root, `/`) → SHA-256 of its bytes. */
  readonly inputs: Readonly<Record<string, string>>;
  /** Folder (from the project root) → SHA-256 of its sorted listing. */
  readonly folders: Readonly<Record<string, string>>;
  /** Entry → SHA-256 (hex) of the bundle it gave, which names its folder. */
  readonly outputs: Readonly<Record<string, string>>;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The key of a build of `entries` with `options` by esbuild `version`, in the project at `root`. */
export function buildKey(root: string, entries: readonly string[], options: unknown, version: string): string {
  const configs = CONFIG_FILES.map((file) => {
    try {
      return `${file} ${sha256(fs.readFileSync(path.join(root, file)))}`;
    } catch {
      return `${file} absent`;
    }
  });
  return sha256(JSON.stringify({ format: FORMAT, esbuild: version, options, entries: [...entries].sort(), configs }));
}

function listing(root: string, folder: string): string {
  try {
    return sha256(fs.readdirSync(path.join(root, folder)).sort().join('\n'));
  } catch {
    return 'absent';
  }
}

function contentHash(root: string, file: string): string {
  try {
    return sha256(fs.readFileSync(path.join(root, file)));
  } catch {
    return 'absent';
  }
}

/** The record for a build that read `inputs` (paths from the project root, as esbuild's metafile gives them). */
export function recordFor(root: string, inputs: readonly string[], outputs: Readonly<Record<string, string>>): BuildRecord {
  const files = [...inputs].sort();
  const folders = [...new Set(files.map((f) => path.posix.dirname(f)))].sort();
  return {
    format: FORMAT,
    inputs: Object.fromEntries(files.map((f) => [f, contentHash(root, f)])),
    folders: Object.fromEntries(folders.map((d) => [d, listing(root, d)])),
    outputs,
  };
}

/** The first thing that differs between the record and the project now, or undefined when nothing does. */
export function staleBecause(root: string, record: BuildRecord): string | undefined {
  for (const [file, hash] of Object.entries(record.inputs)) if (contentHash(root, file) !== hash) return `${file} changed`;
  for (const [folder, hash] of Object.entries(record.folders)) if (listing(root, folder) !== hash) return `files added or removed in ${folder}`;
  return undefined;
}

/** The record kept under `key` in `dir`, or undefined when there is none that this version can read. */
export function readRecord(dir: string, key: string): BuildRecord | undefined {
  try {
    const record = JSON.parse(fs.readFileSync(path.join(dir, `${key}.json`), 'utf8')) as Partial<BuildRecord>;
    if (record.format !== FORMAT || !record.inputs || !record.folders || !record.outputs) return undefined;
    return record as BuildRecord;
  } catch {
    return undefined;
  }
}

/** Writes `data` to `file` beside, then renames: a reader (another synth at the same time) sees all of it or none. */
export function writeWhole(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(partial, data);
  fs.renameSync(partial, file);
}

/** Keeps the record; a read-only checkout only loses the shortcut. */
export function writeRecord(dir: string, key: string, record: BuildRecord): void {
  try {
    writeWhole(path.join(dir, `${key}.json`), `${JSON.stringify(record, null, 1)}\n`);
  } catch {
    // the next synth builds again
  }
}
