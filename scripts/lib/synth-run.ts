import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../stacks/config';
import { currentSynthInputs, readSynthInputs, synthInputChanges } from '../../stacks/synth-inputs';

/** The project root (where main.ts is). */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** Where synth writes when nobody says otherwise: `$CDKTF_OUTDIR` (from the project root), else `cdktf.out`. */
export function defaultOutDir(): string {
  return path.resolve(PROJECT_ROOT, process.env.CDKTF_OUTDIR ?? 'cdktf.out');
}

/** A path as the user would type it: relative to the current folder when it lies inside it. */
export function shownPath(target: string): string {
  const relative = path.relative(process.cwd(), target);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? target : relative;
}

export interface SynthRun {
  readonly ok: boolean;
  readonly durationMs: number;
  readonly outdir: string;
  /** What synth wrote on stderr: its warnings when it succeeded, its error when it failed. */
  readonly stderr: string;
}

/**
 * Synthesizes every stack into `outdir` the way `cdktf synth` does (cdktf.json's app command,
 * `node --import tsx main.ts`), with the cdktf telemetry check off. Bounded by `timeoutMs`. Every command that
 * synthesizes goes through here, and shows `stderr` (synth's warnings) even when synth succeeds.
 */
export function runSynth(outdir: string = defaultOutDir(), timeoutMs = 180_000): Promise<SynthRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'main.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: '1' },
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
      resolve({ ok, durationMs: Date.now() - started, outdir, stderr: (stderr + extra).trim() });
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

/** A synth output that cannot be used as it is, said as a sentence (exit code 2). */
export class StaleSynthError extends Error {
  override readonly name = 'StaleSynthError';
}

/**
 * Why `outdir` does not hold a synth of the current inputs (config, AWS_REGION, sources, dependencies), or
 * undefined when it does. Exact: compares the record synth wrote (synth-inputs.json) with the inputs now.
 */
export function whyNotCurrent(outdir: string): string | undefined {
  if (synthesizedStacks(outdir).length === 0) return 'it holds no synthesized stack';
  const recorded = readSynthInputs(outdir);
  if (!recorded.ok) return recorded.why;
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) return `the configuration cannot be used now (${err.message.split('\n')[0]})`;
    throw err;
  }
  const changes = synthInputChanges(recorded.inputs, currentSynthInputs(config));
  if (changes.length === 0) return undefined;
  const shown = changes.slice(0, 6).join('; ');
  return `its inputs changed since (${shown}${changes.length > 6 ? `; and ${changes.length - 6} more` : ''})`;
}

export interface CurrentSynthOptions {
  /** May the folder be (re)synthesized? True for the default folder; a folder the user named is only checked. */
  readonly mayResynthesize: boolean;
  /** Progress and synth's warnings go here. */
  readonly say: (line: string) => void;
}

/**
 * Makes sure `outdir` holds a synth of the current inputs: synthesizes it again (saying why) when allowed, or
 * throws a StaleSynthError that says how to re-synthesize. Never runs an output that is older than its inputs.
 */
export async function ensureCurrentSynth(outdir: string, options: CurrentSynthOptions): Promise<void> {
  const why = whyNotCurrent(outdir);
  if (why === undefined) return;
  const shown = shownPath(outdir);
  if (!options.mayResynthesize) {
    throw new StaleSynthError(
      `${shown} cannot be run: ${why}. Synthesize it again with \`CDKTF_OUTDIR=${shown} npm run synth\` ` +
        '(with the SFN_CONFIG and AWS_REGION you mean), or leave out --out to use cdktf.out, which is synthesized again when needed.',
    );
  }
  options.say(`Synthesizing into ${shown} first (node --import tsx main.ts): ${why}.`);
  const run = await runSynth(outdir);
  if (!run.ok) throw new StaleSynthError(`Synthesis failed, so there is nothing current to run:\n${run.stderr.split('\n').slice(-15).join('\n')}`);
  if (run.stderr) options.say(run.stderr);
  options.say(`Synthesized in ${(run.durationMs / 1000).toFixed(1)} s.`);
}
