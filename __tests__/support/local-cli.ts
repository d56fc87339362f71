import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { JsonReport } from '../../scripts/lib/local/format';
import { launched } from '../../scripts/lib/project';

/** What one `npm run local -- … --json` process answered. */
export interface CliRun {
  readonly code: number | null;
  readonly report: JsonReport;
  readonly stderr: string;
}

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Runs `scripts/local.ts` (what `npm run local` runs) with `--json` and parses its one JSON object. `env`: the
 * environment of the synth it runs (synthApp's `env`), so that the runner finds the synth current.
 */
export function runLocalJson(args: readonly string[], env: Record<string, string> = {}, timeoutMs = 90_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...launched('scripts/local.ts'), ...args, '--json'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env, CHECKPOINT_DISABLE: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill(), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      try {
        resolve({ code, report: JSON.parse(stdout) as JsonReport, stderr });
      } catch {
        reject(new Error(`npm run local -- ${args.join(' ')} --json printed no JSON (exit ${code}):\n${stdout}\n${stderr}`));
      }
    });
  });
}

/** Runs `tasks` with at most `limit` of them at a time (each one is a process with its own emulators). */
export async function inBatches<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
