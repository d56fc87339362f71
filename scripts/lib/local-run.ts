import { randomUUID } from 'node:crypto';
import { serveLocalApi } from '../../local/api-gateway';
import { entryFunctionOf, refusedByEntry, startThroughEntry } from '../../local/entry';
import { compact, formatChanges, formatEvent, formatLog, formatResult, jsonReport } from '../../local/format';
import { startLocalStack, type LocalStack } from '../../local/runner';
import { loadListFile, SAMPLES } from '../../local/samples';
import { diffSnapshots } from '../../local/snapshot';
import type { LocalCliArgs } from './local-args';

// What `npm run local` does once its command line is read and its synth is current (scripts/local.ts): loaded
// only then, so that --help and a wrong command line answer at once.

/** Stands the stack in `stackDir` up and runs one execution (or serves its API); answers the exit code. */
export async function runLocal(args: LocalCliArgs, stackDir: string): Promise<number> {
  const stackId = args.stackId!;
  const sample = args.input === undefined ? SAMPLES[stackId] : undefined;
  // `--input null` is an input (StartExecution takes any JSON text), not a missing one.
  const input = args.input !== undefined ? args.input : (sample?.input ?? {});
  const name = args.name ?? randomUUID();
  const say = (line: string) => args.json || console.log(line);

  const stack = await startLocalStack(stackDir, {
    ...(args.dataDir && { dataDir: args.dataDir }),
    realWaits: args.realWaits,
    faults: args.faults,
    onWarning: (message) => console.error(`warning: ${message}`),
    ...(!args.json && {
      onEvent: (event, executionName) => {
        const line = formatEvent(event, executionName, name);
        if (line) say(line);
      },
      onLog: (line) => say(formatLog(line)),
    }),
  });
  const stop = () => void stack.close().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    if (args.serve) return await serveLocalApi(stack, { ...(args.port !== undefined && { port: args.port }), say });
    const inputNote = sample ? `the sample input of ${stackId}` : args.input === undefined ? 'no --input given' : undefined;
    const load = args.load;
    const setup = load ? () => loadListFile(stack, load, say) : sample?.setup;
    return await run(stack, args, { input, name, inputNote, setup }, say);
  } finally {
    process.off('SIGINT', stop);
    await stack.close();
  }
}

interface Execution {
  readonly input: unknown;
  readonly name: string;
  /** Where the input came from, when the user did not give it. */
  readonly inputNote?: string;
  readonly setup?: (stack: LocalStack) => Promise<void>;
}

async function run(stack: LocalStack, args: LocalCliArgs, execution: Execution, say: (line: string) => void): Promise<number> {
  const { input, name, inputNote, setup } = execution;
  const machine = args.stateMachine ?? stack.model.stateMachines[0]?.name ?? '(none)';
  const entry = args.direct ? undefined : entryFunctionOf(stack);
  say(`▶ ${stack.model.stackId}: state machine ${machine}, ${entry ? `started by ${entry}` : `execution ${name}`}`);
  say(`  input: ${compact(input, 400)}${inputNote ? `  (${inputNote})` : ''}`);
  say(args.realWaits ? '  Wait states and retry intervals take their real time.' : '  Wait states and retry intervals are skipped (pass --real-waits to take their real time).');
  if (args.dataDir) say(`  data kept in ${args.dataDir}`);
  for (const fault of args.faults) say(`  fault: ${fault.state} fails with ${fault.error} on its first ${fault.times} attempt(s)`);
  for (const note of stack.notes) say(`  note: ${note}`);

  await setup?.(stack);
  const before = await stack.snapshot();
  const waitMs = args.realWaits ? 600_000 : 30_000;
  let result;
  if (entry) {
    say(`  input goes to ${entry}, which starts the execution (--direct starts it without the function)`);
    const started = await startThroughEntry(stack, entry, input, waitMs);
    say(`  ${entry} answered: ${started.invocation.error ? `${started.invocation.error.errorType}: ${started.invocation.error.errorMessage}` : compact(started.invocation.payload, 300)}`);
    result = started.execution ?? refusedByEntry(started, input);
  } else {
    result = await stack.execute(input, { name, ...(args.stateMachine && { stateMachine: args.stateMachine }) });
  }
  // Executions that functions started in the meantime finish too, so the snapshot shows their writes.
  if (!(await stack.waitForExecutions(waitMs))) say('  (some executions started by functions were still running and were stopped)');
  const after = await stack.snapshot();

  if (args.json) {
    process.stdout.write(`${JSON.stringify(jsonReport(result, after))}\n`);
  } else {
    for (const line of formatResult(result)) say(line);
    const counts = { tables: stack.model.tables.length, buckets: stack.model.buckets.length, topics: stack.model.topics.length };
    for (const line of formatChanges(diffSnapshots(before, after, stack.model.tables), counts)) say(line);
  }
  return result.status === 'SUCCEEDED' ? 0 : 1;
}
