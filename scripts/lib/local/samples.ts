import { detailsOf, isStateEntered, stackDirOf, startLocalStack, synthesizedStackIds, type ExecutionResult } from '../../../local';
import { projectPath } from '../project';
import { factsOf, inRunOrder } from '../stack-facts';
import { entryFunctionOf, refusedByEntry, startThroughEntry } from './entry';
import { compact, durationText } from './format';
import { loadListInto } from './list-load';

// `npm start`'s samples: each synthesized stack stood up locally and its sample execution run (scripts/start.ts loads
// this while synth runs, so that the runner's modules load on the other core meanwhile).

export type SampleOutcome = { readonly stackId: string; readonly status: ExecutionResult['status'] | 'SKIPPED' | 'ERROR'; readonly detail: string };

/** The stacks synthesized in `outDir`, in the order their samples run. */
export function sampleStacks(outDir: string): string[] {
  return inRunOrder(synthesizedStackIds(outDir));
}

/** Stands stack `stackId` of `outDir` up, runs its sample (through its entry function, if it has one), prints what happened. */
export async function runSample(stackId: string, outDir: string): Promise<SampleOutcome> {
  const sample = factsOf(stackId)?.sample;
  if (!sample) {
    console.log(`– ${stackId}: no sample input (a stack id of contracts/stack-ids.ts gets one in scripts/lib/stack-facts.ts); skipped.\n`);
    return { stackId, status: 'SKIPPED', detail: 'no sample in scripts/lib/stack-facts.ts' };
  }
  console.log(`▶ ${stackId}${sample.description ? `: ${sample.description}` : ''}`);
  console.log(`  input: ${compact(sample.input, 300)}`);
  const states: string[] = [];
  try {
    const stack = await startLocalStack(stackDirOf(outDir, stackId), {
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
