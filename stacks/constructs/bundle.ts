import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BuildOptions, BuildResult, Message } from 'esbuild';
import { PROJECT_ROOT } from '../config';
import { buildKey, fileIntact, readRecord, recordFor, sha256, staleBecause, writeRecord, writeWhole } from '../build-cache.cjs';

/** Where bundles are built before cdktf copies them into each stack's assets: `bundles/<hash>/index.js`, and the build records. */
export const BUILD_DIR = path.join(PROJECT_ROOT, '.build', 'lambdas');

/**
 * How every handler is bundled: CommonJS for nodejs22.x, the AWS SDK v3 left out (the runtime provides it).
 * Deterministic (no timestamps, paths relative to the project root), so an unchanged handler gives an unchanged
 * zip and no plan change.
 */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  external: ['@aws-sdk/*'],
  // A checkout whose node_modules is a link (a git worktree, say) must give the same bytes as any other.
  preserveSymlinks: true,
  legalComments: 'none',
} as const satisfies BuildOptions;

export interface BundleSettings {
  /** @default the project root */
  readonly root?: string;
  /** Where bundles and build records go. @default BUILD_DIR */
  readonly buildDir?: string;
  /** @default BUNDLE_OPTIONS */
  readonly esbuildOptions?: BuildOptions;
  /** The esbuild version the key names. @default the installed one */
  readonly esbuildVersion?: string;
  /** Reuse bundles whose inputs are unchanged. @default true */
  readonly cache?: boolean;
}

export interface Bundles {
  /** Entry → the folder holding its `index.js`. */
  readonly dirs: Readonly<Record<string, string>>;
  /** True when nothing was built: every input was as the build record has it. */
  readonly reused: boolean;
}

/** The handlers of the project (`lambdas/<name>/handler.ts`), bundled together by one esbuild build. */
export function projectHandlers(root: string = PROJECT_ROOT): string[] {
  const lambdas = path.join(root, 'lambdas');
  if (!fs.existsSync(lambdas)) return [];
  return fs
    .readdirSync(lambdas)
    .sort()
    .map((name) => `lambdas/${name}/handler.ts`)
    .filter((entry) => fs.existsSync(path.join(root, entry)));
}

function installedEsbuildVersion(): string {
  // The package file, not the module: a warm synth never loads esbuild.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('esbuild/package.json') as { version: string }).version;
}

/**
 * Bundles `entries` (paths from the project root) with one esbuild build, or reuses the bundles of the last build
 * of the same entries when nothing it read has changed (stacks/build-cache.cjs). Each bundle lands in a folder named by
 * its content, `<buildDir>/bundles/<hash>/index.js`, never rewritten, so processes that synthesize at the same time
 * (parallel test workers) cannot remove a bundle another one is copying.
 */
export function bundleHandlers(entries: readonly string[], settings: BundleSettings = {}): Bundles {
  const root = settings.root ?? PROJECT_ROOT;
  const buildDir = settings.buildDir ?? BUILD_DIR;
  const options = settings.esbuildOptions ?? BUNDLE_OPTIONS;
  const recordsDir = path.join(buildDir, 'records');
  const key = buildKey(root, entries, options, settings.esbuildVersion ?? installedEsbuildVersion());
  const folderOf = (hash: string) => path.join(buildDir, 'bundles', hash.slice(0, 16));

  if (settings.cache !== false) {
    const record = readRecord(recordsDir, key);
    const complete = record && entries.every((e) => record.outputs[e] !== undefined && bundleIntact(folderOf(record.outputs[e]), record.outputs[e]));
    if (record && complete && staleBecause(root, record) === undefined) {
      return { dirs: Object.fromEntries(entries.map((e) => [e, folderOf(record.outputs[e])])), reused: true };
    }
  }

  const { code, inputs } = build(root, entries, options);
  const outputs: Record<string, string> = {};
  const dirs: Record<string, string> = {};
  for (const entry of entries) {
    const hash = sha256(code[entry]);
    const dir = folderOf(hash);
    if (!bundleIntact(dir, hash)) writeWhole(path.join(dir, 'index.js'), code[entry]);
    outputs[entry] = hash;
    dirs[entry] = dir;
  }
  if (settings.cache !== false) writeRecord(recordsDir, key, recordFor(root, inputs, outputs));
  return { dirs, reused: false };
}

const bundleIntact = (dir: string, hash: string) => fileIntact(path.join(dir, 'index.js'), hash);

/** One esbuild build of every entry: each one's bundle, and every file the build read (its metafile's inputs). */
function build(root: string, entries: readonly string[], options: BuildOptions): { code: Record<string, Uint8Array>; inputs: string[] } {
  // Loaded only when something is built.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildSync } = require('esbuild') as typeof import('esbuild');
  // Each entry's bundle is written (in memory) as out/<i>.js, so that entries with the same file name stay apart.
  const result: BuildResult<{ write: false; metafile: true }> = buildSync({
    ...options,
    absWorkingDir: root,
    entryPoints: entries.map((entry, i) => ({ in: entry, out: String(i) })),
    outdir: 'out',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code: Record<string, Uint8Array> = {};
  for (const file of result.outputFiles) {
    const index = Number(path.basename(file.path, '.js'));
    code[entries[index]] = file.contents;
  }
  return { code, inputs: Object.keys(result.metafile.inputs) };
}

/** The bundles of a synth's project handlers, by the root of its construct tree: checked once per app, not per function. */
const bundlesOfApp = new WeakMap<object, Bundles>();

/**
 * The folder holding the bundled `index.js` of one handler (a file from the project root exporting `handler`).
 * The project's handlers (projectHandlers) are bundled together the first time one is asked for, in one esbuild
 * build, or not at all when their inputs are unchanged since the last build; any other file is bundled alone.
 * `app` (the root of the construct tree) shares that answer between the functions of one synth.
 */
export function bundleLambda(entry: string, name: string, options: BundleSettings & { readonly app?: object } = {}): string {
  const root = options.root ?? PROJECT_ROOT;
  if (!fs.existsSync(path.join(root, entry))) {
    throw new Error(`Lambda '${name}': handler file ${entry} does not exist (paths are relative to the project root).`);
  }
  const { app } = options;
  const known = app && bundlesOfApp.get(app);
  if (known?.dirs[entry]) return known.dirs[entry];
  const handlers = projectHandlers(root);
  const batch = handlers.includes(entry) ? handlers : [entry];
  try {
    const bundles = bundleHandlers(batch, options);
    if (app && batch === handlers) bundlesOfApp.set(app, bundles);
    return bundles.dirs[entry];
  } catch (err) {
    throw bundleError(err, batch, entry, name, root);
  }
}

type EsbuildFailure = { errors?: Message[] };

/**
 * The error for a failed build, naming the handler esbuild could not bundle. A build of several entries does not
 * say which one an error belongs to (it may be in a file they share), so each is built alone, on this path only,
 * the one asked for first.
 */
function bundleError(err: unknown, batch: readonly string[], entry: string, name: string, root: string): Error {
  let errors = (err as EsbuildFailure).errors;
  if (!errors) return err as Error;
  let culprit = entry;
  if (batch.length > 1) {
    for (const candidate of [entry, ...batch.filter((e) => e !== entry)]) {
      const alone = aloneErrors(root, candidate);
      if (alone) {
        [culprit, errors] = [candidate, alone];
        break;
      }
    }
  }
  const lines = errors.map((e) => `  - ${e.location ? `line ${e.location.line}: ` : ''}${e.text}`);
  const who = culprit === entry ? `Lambda '${name}'` : `Lambda handler ${culprit}`;
  return new Error(`${who}: esbuild could not bundle ${culprit}:\n${lines.join('\n')}\nFix the handler and synth again.`);
}

function aloneErrors(root: string, entry: string): Message[] | undefined {
  try {
    build(root, [entry], BUNDLE_OPTIONS);
    return undefined;
  } catch (err) {
    return (err as EsbuildFailure).errors ?? [{ text: String(err) } as Message];
  }
}
