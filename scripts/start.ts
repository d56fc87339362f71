import { useAslVerdictStore } from '../definitions/validate';
import { aslVerdictsOnDisk } from '../stacks/asl-verdicts';
import { detailsOf, isStateEntered, stackDirOf, startLocalStack, synthesizedStackIds, type ExecutionResult } from '../local';
import { parseCommandLine, runCli } from './lib/cli';
import { entryFunctionOf, refusedByEntry, startThroughEntry } from './lib/local/entry';
import { compact, durationText } from './lib/local/format';
import { loadListInto } from './lib/local/list-load';
import { projectPath, shownPath } from './lib/project';
import { factsOf, inRunOrder } from './lib/stack-facts';
import { runSynth } from './lib/synth-run';

const USAGE = `Usage: npm start [-- --help]

Synthesizes every stack (node run-main.cjs: main.ts precompiled → cdktf.out/, or $CDKTF_OUTDIR) and shows synth's
warnings, then runs each stack's sample execution
locally (DynamoDB, S3, SNS, Step Functions and Lambda emulated on 127.0.0.1) and prints what happened.
No AWS account, credentials or network needed. Sample inputs live in scripts/lib/stack-facts.ts, one per stack
id; a synthesized stack without one is skipped with a note.
To run one stack with your own input: npm run local -- <stack-id> --input '<json>'.

Exit codes: 0 every sample succeeded, 1 a sample failed, 2 synthesis failed or a usage error.`;

type Outcome = { readonly stackId: string; readonly status: ExecutionResult['status'] | 'SKIPPED' | 'ERROR'; readonly detail: string };

async function main(argv: readonly string[]): Promise<number> {
  if (parseCommandLine(argv, { options: { help: { type: 'boolean', short: 'h' } } }).values.help) {
    console.log(USAGE);
    return 0;
  }
  const started = Date.now();
  console.log('Synthesizing all stacks (node run-main.cjs)…');
  const synth = await runSynth();
  if (!synth.ok) {
    console.error(`Synthesis failed after ${seconds(synth.durationMs)}:\n${synth.stderr}`);
    return 2;
  }
  if (synth.stderr) console.error(synth.stderr);
  const outDir = synth.outdir;
  const stacks = inRunOrder(synthesizedStackIds(outDir));
  console.log(`  ✓ ${stacks.length} stacks synthesized into ${shownPath(outDir)}/ in ${seconds(synth.durationMs)}: ${stacks.join(', ')}\n`);

  const outcomes: Outcome[] = [];
  for (const stackId of stacks) outcomes.push(await runSample(stackId, stackDirOf(outDir, stackId)));

  console.log('Summary:');
  for (const o of outcomes) console.log(`  ${o.status.padEnd(9)} ${o.stackId.padEnd(14)} ${o.detail}`);
  const failed = outcomes.filter((o) => o.status !== 'SUCCEEDED' && o.status !== 'SKIPPED');
  console.log(`\n${failed.length === 0 ? 'All samples succeeded' : `${failed.length} sample(s) failed`} (${seconds(Date.now() - started)} in all).`);
  return failed.length === 0 ? 0 : 1;
}

async function runSample(stackId: string, stackDir: string): Promise<Outcome> {
  const sample = factsOf(stackId)?.sample;
  if (!sample) {
    console.log(`– ${stackId}: no sample input (a stack id of contracts/stack-ids.ts gets one in scripts/lib/stack-facts.ts); skipped.\n`);
    return { stackId, status: 'SKIPPED', detail: 'no sample in scripts/lib/stack-facts.ts' };
  }
  console.log(`▶ ${stackId}${sample.description ? `: ${sample.description}` : ''}`);
  console.log(`  input: ${compact(sample.input, 300)}`);
  const states: string[] = [];
  try {
    const stack = await startLocalStack(stackDir, {
      onEvent: (event) => {
        if (isStateEntered(event)) states.push(String(detailsOf(event).name));
      },
    });
    try {
      if (sample.list !== undefined) await loadListInto(stack, projectPath(sample.list));
      const entry = entryFunctionOf(stack);
      let result;
      if (entry) {
        const started = await startThroughEntry(stack, entry, sample.input, 30_000);
        console.log(`  ${entry} answered: ${compact(started.invocation.error ?? started.invocation.payload, 300)}`);
        result = started.execution ?? refusedByEntry(started, sample.input);
      } else {
        result = await stack.execute(sample.input);
        await stack.waitForExecutions(30_000);
      }
      console.log(`  states: ${states.join(' → ')}`);
      console.log(`  ${result.status === 'SUCCEEDED' ? '✓' : '✗'} ${result.status} in ${durationText(result)}`);
      if (result.output !== undefined) console.log(`  output: ${compact(result.output, 300)}`);
      if (result.error !== undefined) console.log(`  error: ${result.error}: ${result.cause ?? ''}`);
      const snapshot = await stack.snapshot();
      for (const [table, items] of Object.entries(snapshot.tables)) console.log(`  table ${table}: ${items.length} item(s)`);
      for (const [bucket, objects] of Object.entries(snapshot.buckets)) console.log(`  bucket ${bucket}: ${Object.keys(objects).length} object(s)`);
      if (stack.model.topics.length > 0) console.log(`  messages published: ${snapshot.messages.length}`);
      console.log('');
      return { stackId, status: result.status, detail: result.error ? `${result.error}` : compact(result.output, 80) };
    } finally {
      await stack.close();
    }
  } catch (err) {
    console.log(`  ✗ could not run: ${(err as Error).message}\n`);
    return { stackId, status: 'ERROR', detail: (err as Error).message.split('\n')[0] };
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

// The ASL validator's verdicts are kept on disk between runs (definitions never touch the filesystem themselves).
useAslVerdictStore(aslVerdictsOnDisk());
runCli(main, { command: 'npm start --' });
