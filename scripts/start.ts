import { useAslVerdictStore } from '../definitions/validate';
import { aslVerdictsOnDisk } from '../stacks/asl-verdicts';
import { parseCommandLine, runCli } from './lib/cli';
import type { SampleOutcome } from './lib/local/samples';
import { shownPath } from './lib/project';
import { runSynth } from './lib/synth-run';

const USAGE = `Usage: npm start [-- --help]

Synthesizes every stack (node run-main.cjs: main.ts precompiled → cdktf.out/, or $CDKTF_OUTDIR) and shows synth's
warnings, then runs each stack's sample execution
locally (DynamoDB, S3, SNS, Step Functions and Lambda emulated on 127.0.0.1) and prints what happened.
No AWS account, credentials or network needed. Sample inputs live in scripts/lib/stack-facts.ts, one per stack
id; a synthesized stack without one is skipped with a note.
To run one stack with your own input: npm run local -- <stack-id> --input '<json>'.

Exit codes: 0 every sample succeeded, 1 a sample failed, 2 synthesis failed or a usage error.`;

async function main(argv: readonly string[]): Promise<number> {
  if (parseCommandLine(argv, { options: { help: { type: 'boolean', short: 'h' } } }).values.help) {
    console.log(USAGE);
    return 0;
  }
  const started = Date.now();
  console.log('Synthesizing all stacks (node run-main.cjs)…');
  // The runner loads here while synth runs in its own process (and --help above loaded none of it).
  const synthesizing = runSynth();
  const { runSample, sampleStacks } = await import('./lib/local/samples');
  const synth = await synthesizing;
  if (!synth.ok) {
    console.error(`Synthesis failed after ${seconds(synth.durationMs)}:\n${synth.stderr}`);
    return 2;
  }
  if (synth.stderr) console.error(synth.stderr);
  const outDir = synth.outdir;
  const stacks = sampleStacks(outDir);
  console.log(`  ✓ ${stacks.length} stacks synthesized into ${shownPath(outDir)}/ in ${seconds(synth.durationMs)}: ${stacks.join(', ')}\n`);

  const outcomes: SampleOutcome[] = [];
  for (const stackId of stacks) outcomes.push(await runSample(stackId, outDir));

  console.log('Summary:');
  for (const o of outcomes) console.log(`  ${o.status.padEnd(9)} ${o.stackId.padEnd(14)} ${o.detail}`);
  const failed = outcomes.filter((o) => o.status !== 'SUCCEEDED' && o.status !== 'SKIPPED');
  console.log(`\n${failed.length === 0 ? 'All samples succeeded' : `${failed.length} sample(s) failed`} (${seconds(Date.now() - started)} in all).`);
  return failed.length === 0 ? 0 : 1;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

// The ASL validator's verdicts are kept on disk between runs (definitions never touch the filesystem themselves).
useAslVerdictStore(aslVerdictsOnDisk());
runCli(main, { command: 'npm start --' });
