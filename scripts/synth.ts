import { parseCommandLine, runCli } from './lib/cli';
import { synthesizedStackIds } from '../local/synthesized';
import { shownPath } from './lib/project';
import { runSynth } from './lib/synth-run';

const HELP = `Usage: npm run synth [-- --help]

Synthesizes every stack of the app (main.ts) to Terraform JSON:
  cdktf.out/stacks/<stack-id>/cdk.tf.json, plus each stack's bundled Lambda assets,
  and cdktf.out/synth-inputs.json: what it was synthesized from (config, sources),
  which npm run local compares with the current inputs before it runs anything.

Same output as \`cdktf synth\`, without the CLI's start-up cost. Reads config.json
(or the file in SFN_CONFIG); AWS_REGION overrides the configured region;
CDKTF_OUTDIR writes to another folder. Synth's warnings are printed.
Needs no AWS account and no network. Exit codes: 0 done, 1 synth failed, 2 usage error.`;

async function main(argv: readonly string[]): Promise<number> {
  if (parseCommandLine(argv, { options: { help: { type: 'boolean', short: 'h' } } }).values.help) {
    console.log(HELP);
    return 0;
  }
  console.log('Synthesizing all stacks ...');
  const run = await runSynth();
  if (run.stderr) console.error(run.stderr);
  if (!run.ok) return 1;
  const shown = shownPath(run.outdir);
  const stacks = synthesizedStackIds(run.outdir);
  for (const id of stacks) console.log(`  ${id.padEnd(14)} ${shown}/stacks/${id}/cdk.tf.json`);
  console.log(`Synthesized ${stacks.length} stack(s) in ${(run.durationMs / 1000).toFixed(1)} s.`);
  return 0;
}

runCli(main, { command: 'npm run synth --', failureCode: 1 });
