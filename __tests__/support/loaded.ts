import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launched } from '../../scripts/lib/project';
import { PROJECT_ROOT } from './cli';

/**
 * Runs a command as npm does (`node run.cjs <entry> <args>`, launched()) with the preload that lists, at exit, the
 * packages it loaded (loaded-packages.cjs, written to `file`); answers its exit code, output and those packages.
 */
export async function packagesLoadedBy(entry: string, args: readonly string[], env: NodeJS.ProcessEnv, file: string): Promise<{ code: number | null; stdout: string; stderr: string; loaded: string[] }> {
  const child = spawn(process.execPath, ['--require', path.join(PROJECT_ROOT, '__tests__', 'support', 'loaded-packages.cjs'), ...launched(entry, args)], {
    cwd: PROJECT_ROOT,
    env: { ...env, LOADED_PACKAGES_FILE: file },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill(), 60_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { code, stdout, stderr, loaded: JSON.parse(fs.readFileSync(file, 'utf8')) as string[] };
}
