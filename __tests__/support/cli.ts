import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { launched } from '../../scripts/lib/project';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs one of the project's commands (`scripts/<name>.ts`) as a child process, the way npm runs it (through run.cjs), and collects
 * its output. Asynchronous, so that the local emulators of the test process keep answering; bounded by `timeoutMs`.
 */
export function runScript(script: string, args: readonly string[], options: { env?: Record<string, string>; timeoutMs?: number; shell?: string } = {}): Promise<CliResult> {
  const command = [process.execPath, ...launched(script, args)];
  const [file, argv] = options.shell ? ['sh', ['-c', `${options.shell}; exec "$@"`, 'sh', ...command]] : [command[0], command.slice(1)];
  return runProcess(file, argv, { env: { CHECKPOINT_DISABLE: '1', ...options.env }, timeoutMs: options.timeoutMs });
}

/** Runs `file argv…` in the project folder with this process's environment and `env` over it, and collects its output; killed after `timeoutMs`. */
export function runProcess(file: string, argv: readonly string[], options: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { cwd: PROJECT_ROOT, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill(), options.timeoutMs ?? 90_000);
    child.on('error', reject);
    child.on('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
  });
}

/** Stack frame lines ("    at f (file:1:2)") in a command's output: there should be none. */
export function stackFrames(text: string): string[] {
  return text.split('\n').filter((line) => /^\s+at /.test(line));
}
