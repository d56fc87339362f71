import { synthesizedStackIds } from '../../local/synthesized';
import { ConfigError, loadConfig } from '../../stacks/config';
import { currentSynthInputs, readSynthInputs, synthInputChanges } from '../../stacks/synth-inputs';
import { shownPath } from './project';
import { runSynth } from './synth-run';

/** A synth output that cannot be used as it is, said as a sentence (exit code 2). */
export class StaleSynthError extends Error {
  override readonly name = 'StaleSynthError';
}

/**
 * Why `outdir` does not hold a synth of the current inputs (config, AWS_REGION, sources, dependencies), or
 * undefined when it does. Exact: compares the record synth wrote (synth-inputs.json) with the inputs now.
 */
export function whyNotCurrent(outdir: string): string | undefined {
  if (synthesizedStackIds(outdir).length === 0) return 'it holds no synthesized stack';
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
  options.say(`Synthesizing into ${shown} first (node run-main.cjs): ${why}.`);
  const run = await runSynth({ outdir });
  if (!run.ok) throw new StaleSynthError(`Synthesis failed, so there is nothing current to run:\n${run.stderr.split('\n').slice(-15).join('\n')}`);
  if (run.stderr) options.say(run.stderr);
  options.say(`Synthesized in ${(run.durationMs / 1000).toFixed(1)} s.`);
}
