import { stackDirOf, startLocalStack, type ExecutionResult, type LocalStack } from '../../../local';
import { runExecution, type HistoryEvent, type TaskHandler } from '../../../local/engine';
import type { StackId } from '../../../contracts/stack-ids';
import { dictList, executeOk, loadList, SCENARIOS } from './local-runs';
import { synthParallelMap } from './throughput';
import { formatSummary, summarize, type Summary } from './stats';
import type { Table } from './table';
import { directCaller, replayable, replayCalls, taskCalls } from './task-floor';

/**
 * What the local runner costs over the engine alone (issue 18: a local execution ≤ 2× the engine with in-process
 * mocks; a Map item ≤ 1.5×). Each stack's workflow runs on its local stack (functions in worker threads, emulators,
 * IAM decisions, history kept), then its definition runs on the engine alone (local/engine's runExecution) with every
 * Task answered in process by what that Task answered in the local run (replayed from its history, in order), in
 * alternated turns on the same inputs.
 */

export interface EngineRatioFigures {
  readonly label: string;
  readonly stackId: StackId;
  readonly localMs: Summary;
  readonly engineMs: Summary;
  /** The execution's Task calls alone, sent straight to the emulators (task-floor.ts): what no runner can go under. */
  readonly floorMs: Summary;
  /** Task calls the floor could not send (`<type>:<action>`): the floor leaves them out. */
  readonly notReplayed: readonly string[];
  /** Items of the Map, for the per-item rows. */
  readonly items?: number;
}

/** Every Task's results in a history, by state name, in the order they were recorded. */
export function taskResults(history: readonly HistoryEvent[]): Map<string, unknown[]> {
  const byId = new Map(history.map((e) => [e.id, e]));
  const results = new Map<string, unknown[]>();
  for (const event of history) {
    if (event.type !== 'TaskSucceeded') continue;
    let at: HistoryEvent | undefined = event;
    while (at && !at.type.endsWith('StateEntered')) at = byId.get(at.previousEventId);
    const name = at?.stateEnteredEventDetails?.name;
    if (typeof name !== 'string') throw new Error(`TaskSucceeded event ${event.id} follows no state entered`);
    const output = event.taskSucceededEventDetails?.output;
    const list = results.get(name) ?? [];
    list.push(typeof output === 'string' ? JSON.parse(output) : null);
    results.set(name, list);
  }
  return results;
}

/** In-process handlers answering each Task what it answered in the recorded run, in turn (cycling for Map items). */
export function replayHandlers(results: ReadonlyMap<string, readonly unknown[]>): Record<string, TaskHandler> {
  return Object.fromEntries(
    [...results].map(([name, answers]) => {
      let next = 0;
      const handler: TaskHandler = async () => answers[next++ % answers.length];
      return [name, handler];
    }),
  );
}

async function engineRun(stack: LocalStack, recorded: ExecutionResult): Promise<number> {
  const definition = stack.model.stateMachines[0]!.definition;
  const taskHandlers = replayHandlers(taskResults(recorded.history));
  const started = performance.now();
  const outcome = await runExecution(definition, { input: recorded.input, taskHandlers });
  const ms = performance.now() - started;
  if (outcome.status !== 'SUCCEEDED') throw new Error(`${stack.model.stackId} on the engine alone ended ${outcome.status}: ${outcome.error}: ${outcome.cause}`);
  return ms;
}

/** `runs` alternated turns of one local execution and one engine-alone replay of it, per stack; then parallel-map over `mapItems` items. */
export async function measureEngineRatio(outDir: string, runs: number, mapItems: number, say: (line: string) => void): Promise<EngineRatioFigures[]> {
  const figures: EngineRatioFigures[] = [];
  const turns = async (stack: LocalStack, input: (run: number) => unknown, count: number) => {
    const local: number[] = [];
    const engine: number[] = [];
    const floor: number[] = [];
    const notReplayed = new Set<string>();
    const caller = directCaller(stack);
    try {
      const warm = (await executeOk(stack, input(0))).result;
      await engineRun(stack, warm); // warm-up of all three
      await replayCalls(caller.send, taskCalls(warm.history));
      for (let run = 1; run <= count; run++) {
        const { result, ms } = await executeOk(stack, input(run));
        local.push(ms);
        engine.push(await engineRun(stack, result));
        const calls = taskCalls(result.history);
        for (const call of calls) if (!replayable(call)) notReplayed.add(`${call.resourceType}:${call.resource}`);
        floor.push(await replayCalls(caller.send, calls));
      }
    } finally {
      caller.close();
    }
    return { localMs: summarize(local), engineMs: summarize(engine), floorMs: summarize(floor), notReplayed: [...notReplayed].sort() };
  };
  for (const scenario of SCENARIOS) {
    say(`  engine ratio ${scenario.stackId}: ${runs} alternated turns`);
    const stack = await startLocalStack(stackDirOf(outDir, scenario.stackId));
    try {
      if (scenario.list) await loadList(stack, scenario.list);
      figures.push({ label: scenario.label ?? scenario.stackId, stackId: scenario.stackId, ...(await turns(stack, scenario.input, runs)) });
    } finally {
      await stack.close();
    }
  }
  // The Map: parallel-map with a day's timeout, as the throughput part synthesizes it (the virtual clock counts the
  // waits it skips, 2 s an item).
  const mapTurns = Math.max(2, Math.ceil(runs / 4));
  say(`  engine ratio parallel-map over ${mapItems} items: ${mapTurns} alternated turns`);
  const synth = synthParallelMap({ timeoutDurationSeconds: 86_400 });
  const stack = await startLocalStack(synth.stackDir);
  try {
    await loadList(stack, dictList(mapItems));
    figures.push({ label: `parallel-map (${mapItems.toLocaleString('en-US')} items)`, stackId: 'parallel-map', items: mapItems, ...(await turns(stack, () => ({}), mapTurns)) });
  } finally {
    await stack.close();
    synth.remove();
  }
  return figures;
}

export function engineRatioTable(figures: readonly EngineRatioFigures[], machine: string): Table {
  const times = (a: Summary, b: Summary) => `${(a.median / b.median).toFixed(1)}×`;
  const left = figures.flatMap((f) => f.notReplayed.map((call) => `${f.label}: ${call}`));
  return {
    title: 'The local runner over the engine alone: one execution, and per Map item',
    columns: ['workflow', 'local execution', 'engine alone, tasks replayed in process', 'its Task calls alone, straight to the emulators', 'local ÷ engine (medians)', 'calls alone ÷ engine', 'local ÷ calls alone', 'target'],
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    rows: figures.map((f) => {
      if (f.items === undefined) return [f.label, formatSummary(f.localMs), formatSummary(f.engineMs), formatSummary(f.floorMs), times(f.localMs, f.engineMs), times(f.floorMs, f.engineMs), times(f.localMs, f.floorMs), '≤ 2×'];
      const per = (s: Summary) => `${((s.median * 1000) / f.items!).toFixed(0)} µs/item`;
      return [
        f.label,
        `${formatSummary(f.localMs)} (${per(f.localMs)})`,
        `${formatSummary(f.engineMs)} (${per(f.engineMs)})`,
        `${formatSummary(f.floorMs)} (${per(f.floorMs)})`,
        times(f.localMs, f.engineMs),
        times(f.floorMs, f.engineMs),
        times(f.localMs, f.floorMs),
        '≤ 1.5× per item',
      ];
    }),
    notes: [
      `${machine}. Alternated turns on the same stack: an execution on the local stack (\`execute()\`: functions in worker threads, dynalite, s3rver, the SNS sink, IAM decisions, the history kept), then its definition on local/engine's \`runExecution\` with each Task answered in process with what it answered in that execution (from its history), then that execution's Task calls sent again one after another straight to the emulators (DynamoDB to dynalite, SNS to the sink, a function invoked in its warm environment: no engine, no IAM, no history). One warm-up turn first.`,
      'The calls alone are a floor: no runner that makes the same calls to the same emulators can take less. Where they are already over the target times the engine, the target cannot be met with these emulators, whatever the runner does; local ÷ calls alone is what the runner itself adds (the engine, the Step Functions API, IAM decisions, the history).',
      'Per item: the Map execution divided by its items (the fixed part of the execution included, small beside the items).',
      ...(left.length > 0 ? [`Not in the floor (not replayed): ${left.join('; ')}.`] : []),
    ],
  };
}
