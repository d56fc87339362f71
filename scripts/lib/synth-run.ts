import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readSynthesizedStacks } from '../../local/synthesized';
import type { Json } from './asl/json';
import { defaultOutDir, PROJECT_ROOT } from './project';

/**
 * The one way the commands synthesize: the app run the way cdktf.json runs it (`node run-main.cjs`: main.ts
 * precompiled by esbuild, rebuilt only when a source changed), in its own process, with cdktf's telemetry check off. `npm run synth`, `npm start`, `npm run local`
 * (when its synth is stale), `npm run plan:offline`, the diff's two sides, the diagrams and the cdktn check all
 * synthesize through runSynth; the bench times the same command (synthCommand). In process, for the tests and the
 * bench's throughput runs, the app API is stacks/app.ts `synthesizeApp`, which main.ts calls.
 */

/** How to synthesize the app in `projectDir` into `outdir`: what runSynth spawns and the bench times. */
export interface SynthCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Set on top of the caller's environment. */
  readonly env: Readonly<Record<string, string>>;
}

/** The launcher that runs main.ts precompiled (see its header). */
export const APP_LAUNCHER = 'run-main.cjs';

/**
 * How to synthesize the app in `projectDir` into `outdir`: what runSynth spawns and the bench times. A checkout from
 * before the launcher existed (the diff's older side) is run as it was then, through tsx.
 */
export function synthCommand(outdir: string = defaultOutDir(), projectDir: string = PROJECT_ROOT): SynthCommand {
  const args = fs.existsSync(path.join(projectDir, APP_LAUNCHER)) ? [APP_LAUNCHER] : ['--import', 'tsx', 'main.ts'];
  return { command: process.execPath, args, cwd: projectDir, env: { CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' } };
}

export interface SynthRun {
  readonly ok: boolean;
  /** The exit code; null when synth could not start or was stopped. */
  readonly code: number | null;
  readonly durationMs: number;
  readonly outdir: string;
  /** What synth wrote on stderr: its warnings when it succeeded, its error when it failed. */
  readonly stderr: string;
  /** stdout and stderr as they came. */
  readonly output: string;
}

export interface SynthOptions {
  /** @default defaultOutDir() (`$CDKTF_OUTDIR`, else cdktf.out) */
  readonly outdir?: string;
  /** The project whose main.ts is synthesized (another checkout, for the diff). @default this project */
  readonly projectDir?: string;
  /** @default 180 s; synth is stopped after it */
  readonly timeoutMs?: number;
}

/**
 * Synthesizes every stack into `outdir` (see the top of this file). Every command that synthesizes goes through
 * here, and shows `stderr` (synth's warnings) even when synth succeeds.
 */
export function runSynth(options: SynthOptions = {}): Promise<SynthRun> {
  const { command, args, cwd, env } = synthCommand(options.outdir, options.projectDir);
  const outdir = env.CDKTF_OUTDIR;
  const timeoutMs = options.timeoutMs ?? 180_000;
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      output += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      stderr += `\nsynth did not finish within ${timeoutMs / 1000} s and was stopped.`;
      child.kill('SIGTERM');
    }, timeoutMs);
    let done = false;
    const finish = (code: number | null, extra = '') => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ok: code === 0, code, durationMs: Date.now() - started, outdir, stderr: (stderr + extra).trim(), output: output + extra });
    };
    child.on('error', (err) => finish(null, err.message));
    child.on('close', (code) => finish(code));
  });
}

/** The folder has no CDKTF app (no main.ts): an older commit, from before the project existed. */
export class NoAppError extends Error {}

/** A synthesized app read back: stack id → its Terraform JSON. */
export type StackDocuments = Record<string, Json>;

/** Every stack synthesized into `outdir`, read (local/synthesized.ts): parsed JSON, plain. */
export function readStackDocuments(outdir: string): StackDocuments {
  return readSynthesizedStacks(outdir) as StackDocuments;
}

/**
 * Synthesizes the CDKTF app in `projectDir` into `outdir`, leaving that project's own cdktf.out alone, and reads
 * every stack back (local/synthesized.ts). `label` names the project in errors.
 */
export async function synthesizeInto(projectDir: string, outdir: string, label: string): Promise<StackDocuments> {
  if (!fs.existsSync(path.join(projectDir, 'main.ts'))) {
    throw new NoAppError(`${label} has no main.ts, so there is no CDKTF app to synthesize there; compare against a later commit.`);
  }
  const run = await runSynth({ outdir, projectDir });
  if (!run.ok) {
    const tail = run.output.trim().split('\n').slice(-15).join('\n');
    throw new Error(`Synthesizing ${label} failed (exit ${run.code}):\n${tail}\nFix the error above (npm run synth shows it in full there) and run again.`);
  }
  // An app that sets its own outdir ignores CDKTF_OUTDIR: fall back to where it wrote.
  const written = fs.existsSync(path.join(outdir, 'stacks')) ? outdir : path.join(projectDir, 'cdktf.out');
  return readStackDocuments(written);
}
