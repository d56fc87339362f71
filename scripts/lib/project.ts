import * as path from 'node:path';

/**
 * Where the project is, for the commands: the one place under scripts/ that computes it (from this file's place,
 * scripts/lib/). Everything else under scripts/ takes paths from here.
 */

/** The project root: where main.ts, package.json and cdktf.json are. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** A path inside the project: `projectPath('utils', 'simplelist.json')`. */
export function projectPath(...parts: string[]): string {
  return path.join(PROJECT_ROOT, ...parts);
}

/** Where synth writes when nobody says otherwise: `$CDKTF_OUTDIR` (from the project root), else `cdktf.out`. */
export function defaultOutDir(): string {
  return path.resolve(PROJECT_ROOT, process.env.CDKTF_OUTDIR ?? 'cdktf.out');
}

/** A path as the user would type it: relative to the current folder when it lies inside it. */
export function shownPath(target: string): string {
  const relative = path.relative(process.cwd(), target);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? target : relative;
}

/**
 * The node arguments that run one of the project's TypeScript files as the npm scripts do: through run.cjs (bundled
 * by esbuild once, then reused; see its header), e.g. `spawn(process.execPath, launched('scripts/local.ts', args))`.
 */
export function launched(file: string, args: readonly string[] = []): string[] {
  return [path.join(PROJECT_ROOT, 'run.cjs'), file, ...args];
}
