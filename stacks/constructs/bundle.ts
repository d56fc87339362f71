import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { PROJECT_ROOT } from '../config';

/** Where bundles are built before cdktf copies them into each stack's assets. */
export const BUILD_DIR = path.join(PROJECT_ROOT, '.build', 'lambdas');

/**
 * Bundles one handler with esbuild and returns a folder holding just `index.js`:
 * `.build/lambdas/<name>/<content hash>/`. The AWS SDK v3 is left out: the nodejs22.x runtime provides it.
 * Output is deterministic (no timestamps, paths relative to the project root), so an unchanged handler gives
 * an unchanged zip and no plan change. A folder named by its content is never rewritten, so processes that
 * synthesize at the same time (parallel test workers) cannot remove a bundle another one is copying.
 */
export function bundleLambda(entry: string, name: string): string {
  const entryPath = path.join(PROJECT_ROOT, entry);
  if (!fs.existsSync(entryPath)) {
    throw new Error(`Lambda '${name}': handler file ${entry} does not exist (paths are relative to the project root).`);
  }
  const code = build(entry, name);
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const outDir = path.join(BUILD_DIR, name, hash);
  const outFile = path.join(outDir, 'index.js');
  if (!fs.existsSync(outFile)) {
    fs.mkdirSync(outDir, { recursive: true });
    // Write beside, then rename: a reader sees the whole file or none.
    const partial = `${outFile}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, outFile);
  }
  return outDir;
}

function build(entry: string, name: string): Uint8Array {
  try {
    const result = buildSync({
      absWorkingDir: PROJECT_ROOT,
      entryPoints: [entry],
      outfile: 'index.js',
      write: false,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      external: ['@aws-sdk/*'],
      // A checkout whose node_modules is a link (a git worktree, say) must give the same bytes as any other.
      preserveSymlinks: true,
      legalComments: 'none',
      logLevel: 'silent',
    });
    return result.outputFiles[0].contents;
  } catch (err) {
    const errors = (err as { errors?: { text: string; location?: { line: number } | null }[] }).errors ?? [{ text: String(err) }];
    const lines = errors.map((e) => `  - ${e.location ? `line ${e.location.line}: ` : ''}${e.text}`);
    throw new Error(`Lambda '${name}': esbuild could not bundle ${entry}:\n${lines.join('\n')}\nFix the handler and synth again.`);
  }
}
