import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..');

export interface SynthOutcome {
  readonly ok: boolean;
  readonly durationMs: number;
  /** What synth wrote to stderr (its error, when it failed). */
  readonly stderr: string;
}

/**
 * Synthesizes every stack into `cdktf.out/` the way `cdktf synth` does (cdktf.json's app command:
 * `node --import tsx main.ts`), with the cdktf telemetry check turned off. Bounded by `timeoutMs`.
 */
export function synthesize(timeoutMs = 180_000): Promise<SynthOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      stderr += `\nsynth did not finish within ${timeoutMs / 1000} s and was stopped.`;
      child.kill('SIGTERM');
    }, timeoutMs);
    const finish = (ok: boolean, extra = '') => {
      clearTimeout(timer);
      resolve({ ok, durationMs: Date.now() - started, stderr: stderr + extra });
    };
    child.on('error', (err) => finish(false, err.message));
    child.on('close', (code) => finish(code === 0));
  });
}

/** The ids of the stacks synthesized into `<outDir>/stacks` (folders holding a cdk.tf.json), by name. */
export function synthesizedStacks(outDir: string): string[] {
  const stacksDir = path.join(outDir, 'stacks');
  if (!fs.existsSync(stacksDir)) return [];
  return fs
    .readdirSync(stacksDir)
    .filter((id) => fs.existsSync(path.join(stacksDir, id, 'cdk.tf.json')))
    .sort();
}
