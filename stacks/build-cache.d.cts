/** Types of build-cache.cjs: the record that lets a process skip an esbuild build whose inputs are unchanged. */

export interface BuildRecord {
  readonly format: number;
  /** Input path (from the project root, `/`, as esbuild's metafile names it) → SHA-256 of its bytes. */
  readonly inputs: Readonly<Record<string, string>>;
  /** Folder holding an input → SHA-256 of its sorted listing. */
  readonly folders: Readonly<Record<string, string>>;
  /** Entry → SHA-256 (hex) of the output it gave. */
  readonly outputs: Readonly<Record<string, string>>;
}

export declare function sha256(data: string | Uint8Array): string;
/** The key of a build of `entries` with `options` by esbuild `version`, in the project at `root`. */
export declare function buildKey(root: string, entries: readonly string[], options: unknown, version: string): string;
/**
 * The record of a build that read `inputs` and gave `outputs`, with the hashes of the inputs as they are now; the
 * listings of the `watched` folders (where the build resolved imports to files it did not read) count too.
 */
export declare function recordFor(root: string, inputs: readonly string[], outputs: Readonly<Record<string, string>>, watched?: readonly string[]): BuildRecord;
/** The first thing that differs between the record and the project now (`lambdas/x.ts changed`), or undefined. */
export declare function staleBecause(root: string, record: BuildRecord): string | undefined;
/** The record kept under `key` in `dir`, or undefined when there is none this version can read. */
export declare function readRecord(dir: string, key: string): BuildRecord | undefined;
/** Writes beside, then renames: a reader (another process at the same time) sees all of the file or none. */
export declare function writeWhole(file: string, data: string | Uint8Array): void;
/** Keeps the record; failing silently (a read-only checkout only loses the shortcut). */
export declare function writeRecord(dir: string, key: string, record: BuildRecord): void;
/** True when `file` exists and its SHA-256 is `hash`. */
export declare function fileIntact(file: string, hash: string): boolean;
