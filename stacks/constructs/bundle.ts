import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { PROJECT_ROOT } from '../config';

/** Where bundles are built before cdktf copies them into each stack's assets. */
export const BUILD_DIR = path.join(PROJECT_ROOT, '.build', 'lambdas');

/**
 * Bundles one handler with esbuild into `.build/lambdas/<name>/index.js` and returns that folder. The AWS SDK v3
 * is left out: the nodejs22.x runtime provides it. Output is deterministic (no timestamps, paths relative to
 * the project root), so an unchanged handler gives an unchanged zip and no plan change.
 */
export function bundleLambda(entry: string, name: string): string {
  const entryPath = path.join(PROJECT_ROOT, entry);
  if (!fs.existsSync(entryPath)) {
    throw new Error(`Lambda '${name}': handler file ${entry} does not exist (paths are relative to the project root).`);
  }
  const outDir = path.join(BUILD_DIR, name);
  fs.rmSync(outDir, { recursive: true, force: true });
  try {
    buildSync({
      absWorkingDir: PROJECT_ROOT,
      entryPoints: [entry],
      outfile: path.join(outDir, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      external: ['@aws-sdk/*'],
      legalComments: 'none',
      logLevel: 'silent',
    });
  } catch (err) {
    const errors = (err as { errors?: { text: string; location?: { line: number } | null }[] }).errors ?? [{ text: String(err) }];
    const lines = errors.map((e) => `  - ${e.location ? `line ${e.location.line}: ` : ''}${e.text}`);
    throw new Error(`Lambda '${name}': esbuild could not bundle ${entry}:\n${lines.join('\n')}\nFix the handler and synth again.`);
  }
  return outDir;
}
