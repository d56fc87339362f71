import { randomUUID } from 'node:crypto';
import { diffSnapshots, formatIamReport, SfnApiError, startLocalStack, type LocalStack } from '../../../local';
import { projectPath } from '../project';
import { factsOf } from '../stack-facts';
import type { LocalCliArgs } from './args';
import { entryFunctionOf, refusedByEntry, startThroughEntry } from './entry';
import { compact, formatChanges, formatLog, formatResult, jsonReport, ProgressTracker } from './format';
import { locateStack } from './locate';
import { stackOptionsFrom } from './stack-options';

// What `npm run local` does once its command line is read (scripts/local.ts): loaded only then, so that --help and
// a wrong command line answer at once.

/** Makes sure the stack's synth is current, stands it up and runs one execution (or serves its API); answers the exit code. */
export async function runLocal(args: LocalCliArgs): Promise<number> {
  // Serving, and loading a list (its file parsers and the S3 SDK), load their modules only when asked for.
  if (args.serve) return (await import('./serve-stacks')).serveStacks(args);
  const stackId = args.stackId!;
  const stackDir = await locateStack(stackId, args.outDir);
  const sample = args.input === undefined ? factsOf(stackId)?.sample : undefined;
  // `--input null` is an input (StartExecution takes any JSON text), not a missing one.
  const input = args.input !== undefined ? args.input : (sample?.input ?? {});
  const name = args.name ?? randomUUID();
  const say = (line: string) => args.json || console.log(line);
  const progress = new ProgressTracker();

  const stack = await startLocalStack(stackDir, {
    ...stackOptionsFrom(args, args.dataDir),
    ...(!args.json && {
      onEvent: (event, executionName) => {
        const line = progress.format(event, executionName, name);
        if (line) say(line);
      },
      onLog: (line) => say(formatLog(line)),
    }),
  });
  const stop = () => void stack.close().finally(() => process.exit(130));
  process.once('SIGINT', stop);
  try {
    const inputNote = sample ? `the sample input of ${stackId}` : args.input === undefined ? 'no --input given' : undefined;
    const list = args.load ?? (sample?.list !== undefined ? projectPath(sample.list) : undefined);
    // The sample's list loads quietly; a list named with --load says what it wrote.
    const setup = list === undefined ? undefined : async () => (await import('./list-load')).loadListInto(stack, list, args.load !== undefined ? say : undefined);
    return await run(stack, args, { input, name, inputNote, setup }, say);
  } finally {
    process.off('SIGINT', stop);
    await stack.close();
  }
}

/** How `npm run local` words the runner's own errors (scripts/lib/cli.ts `describe`). */
export function describeLocalError(err: Error): string | undefined {
  return err instanceof SfnApiError ? `StartExecution refused: ${err.name}: ${err.message}` : undefined;
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
  say(
    args.realWaits
      ? '  Wait states, retry intervals and timeouts take their real time.'
      : '  Virtual clock: Wait states and retry intervals take no wall time but count toward timeouts (--real-waits: real time).',
  );
  if (args.mockConfig !== undefined) say(`  mocked responses from ${args.mockConfig}${args.testCase ? `, test case ${args.testCase}` : ' (no test case: none answer)'}`);
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
  const usage = args.iamReport ? stack.iamUsage() : undefined;
  // With --json the report goes to stderr, so stdout stays one JSON object.
  if (usage) for (const line of formatIamReport(usage)) (args.json ? console.error : console.log)(line);
  return result.status === 'SUCCEEDED' ? 0 : 1;
}
