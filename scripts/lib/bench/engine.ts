import { StateMachine as OldStateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { runExecution } from '../../../local/engine';
import type { Table } from './table';
import { formatSummary, summarize, type Summary } from './stats';

/**
 * The engine alone (no emulators, no functions): the same definitions on the project's engine and on
 * aws-local-stepfunctions 3.0 in the same process, so the figures are ratios on one machine.
 */

export interface EngineFigures {
  readonly label: string;
  readonly ours: Summary;
  /** undefined: the old interpreter cannot run this definition. */
  readonly old?: Summary;
  readonly unit: number;
  readonly unitName: string;
  readonly heapBytes?: number;
}

export const passChain = (n: number) => ({
  StartAt: 'S0',
  States: Object.fromEntries(Array.from({ length: n }, (_, i) => [`S${i}`, { Type: 'Pass', ...(i === n - 1 ? { End: true } : { Next: `S${i + 1}` }) }])),
});

export const inlineMap = (maxConcurrency: number) => ({
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      MaxConcurrency: maxConcurrency,
      ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', OutputPath: '$.Payload', End: true } } },
      End: true,
    },
  },
});

async function time(runs: number, run: () => Promise<unknown>): Promise<Summary> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

export async function ours(definition: object, input: unknown, handlers: Record<string, (input: unknown) => Promise<unknown>> = {}) {
  const taskHandlers = Object.fromEntries(Object.entries(handlers).map(([name, fn]) => [name, (request: { input: unknown }) => fn(request.input)]));
  // A 10,000-item inline Map records ~70,000 events: past AWS's 25,000-event quota, which the engine enforces. The
  // old interpreter has no quota; to compare the two on the same work, the quota is lifted here (and only here).
  const outcome = await runExecution(definition, { input, taskHandlers, maxHistoryEvents: Infinity });
  if (outcome.status !== 'SUCCEEDED') throw new Error(`engine: ${outcome.error}: ${outcome.cause}`);
  return outcome.output;
}

export async function old(definition: object, input: unknown, handlers: Record<string, (input: unknown) => Promise<unknown>> = {}) {
  const machine = new OldStateMachine(definition as unknown as StateMachineDefinition, { validationOptions: { noValidate: true } });
  return machine.run(input as never, { overrides: { taskResourceLocalHandlers: handlers as never } }).result;
}

export async function measureEngine(quick: boolean, say: (line: string) => void): Promise<EngineFigures[]> {
  const figures: EngineFigures[] = [];
  const runs = quick ? 2 : 5;
  const chain = passChain(1000);
  say('engine: 1,000 Pass states…');
  figures.push({ label: '1,000 Pass states', ours: await time(runs, () => ours(chain, { a: 1 })), old: await time(runs, () => old(chain, { a: 1 })), unit: 1000, unitName: 'state' });
  const items = Array.from({ length: 10_000 }, (_, i) => ({ i }));
  const echo = { Work: async (input: unknown) => ({ StatusCode: 200, Payload: input }) };
  for (const concurrency of [0, 40]) {
    say(`engine: inline Map of 10,000 items, MaxConcurrency ${concurrency}…`);
    const map = inlineMap(concurrency);
    figures.push({
      label: `inline Map, 10,000 items, MaxConcurrency ${concurrency}`,
      ours: await time(runs, () => ours(map, items, echo)),
      old: await time(quick ? 1 : 2, () => old(map, items, echo)),
      unit: 10_000,
      unitName: 'item',
    });
  }
  return figures;
}

export function engineTable(figures: readonly EngineFigures[], machine: string): Table {
  return {
    title: 'The engine alone: the project\'s engine vs aws-local-stepfunctions 3.0',
    columns: ['run', 'engine', 'per unit', 'aws-local-stepfunctions', 'ratio'],
    align: ['left', 'right', 'right', 'right', 'right'],
    rows: figures.map((f) => [
      f.label,
      formatSummary(f.ours),
      `${((f.ours.median * 1000) / f.unit).toFixed(1)} µs/${f.unitName}`,
      f.old ? formatSummary(f.old) : 'cannot run it',
      f.old ? `${(f.old.median / f.ours.median).toFixed(1)}×` : '—',
    ]),
    notes: [`${machine}. Both in the same process, virtual clock, in-process task handlers, after one warm-up run each.`],
  };
}

