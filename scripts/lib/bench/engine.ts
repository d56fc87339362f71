import { PutObjectCommand } from '@aws-sdk/client-s3';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { S3Emulator } from '../../../local/emulators/s3';
import { runExecution, StateMachine, type TaskHandler } from '../../../local/engine';
import { S3ClientStore } from '../../../local/engine/distributed-map/s3-client-store';
import { formatBytes, formatSummary, summarize, type Summary } from './stats';
import type { Table } from './table';

/**
 * The project's Step Functions engine alone (local/engine: no emulators, no functions, in-process task handlers),
 * except for the Distributed Map, which reads its items from and writes its results to the local S3 emulator. Each
 * row has the issue's target beside it. aws-local-stepfunctions 3.0, the interpreter it replaced, was measured on
 * the same definitions in the same process before it was removed: docs/BENCHMARKS.md keeps those figures.
 */

export interface EngineFigures {
  readonly label: string;
  readonly ms: Summary;
  /** States, items: what the time is divided by for the per-unit column. */
  readonly unit: number;
  readonly unitName: string;
  /** The heap's peak during the measured runs, above what it held before them. */
  readonly peakHeapBytes: number;
  readonly target?: string;
}

export const passChain = (n: number) => ({
  StartAt: 'S0',
  States: Object.fromEntries(Array.from({ length: n }, (_, i) => [`S${i}`, { Type: 'Pass', ...(i === n - 1 ? { End: true } : { Next: `S${i + 1}` }) }])),
});

const WORK = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', OutputPath: '$.Payload', End: true };

export const inlineMap = (maxConcurrency: number) => ({
  StartAt: 'Each',
  States: {
    Each: { Type: 'Map', MaxConcurrency: maxConcurrency, ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'Work', States: { Work: WORK } }, End: true },
  },
});

/** A Distributed Map over `items.<json|csv>` in `bucket`, each item a Task in an EXPRESS child, results written back. */
export const distributedMap = (bucket: string, inputType: 'JSON' | 'CSV') => ({
  StartAt: 'Map',
  States: {
    Map: {
      Type: 'Map',
      Label: 'Bench',
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: inputType }, Parameters: { Bucket: bucket, Key: `items.${inputType.toLowerCase()}` } },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'Work', States: { Work: WORK } },
      // Without it the Map's result (one entry per item) would pass 256 KiB and fail States.DataLimitExceeded.
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: bucket, Prefix: `results/${inputType}` } },
      End: true,
    },
  },
});

/** The in-process handler of `Work`: answers like lambda:invoke, its input as the Payload. */
export const echo: TaskHandler = async ({ input }) => ({ StatusCode: 200, Payload: input });

/** A full garbage collection, without starting node with --expose-gc (V8 lets the flag be set at run time). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Runs once to warm up, then `runs` times, sampling the heap every 20 ms. */
async function measure(runs: number, run: () => Promise<unknown>): Promise<{ ms: Summary; peakHeapBytes: number }> {
  await run();
  collectGarbage();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  const samples: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await run();
      samples.push(performance.now() - started);
    }
  } finally {
    clearInterval(sampler);
  }
  return { ms: summarize(samples), peakHeapBytes: Math.max(peak, process.memoryUsage().heapUsed) - base };
}

/** Runs a definition and refuses anything but SUCCEEDED (a figure for a failed run would mislead). */
export async function succeed(run: Promise<{ status: string; error?: string; cause?: string; output?: unknown }>): Promise<unknown> {
  const outcome = await run;
  if (outcome.status !== 'SUCCEEDED') throw new Error(`the measured execution ended ${outcome.status}: ${outcome.error}: ${outcome.cause}`);
  return outcome.output;
}

export async function measureEngine(quick: boolean, say: (line: string) => void): Promise<EngineFigures[]> {
  const figures: EngineFigures[] = [];
  const runs = quick ? 2 : 5;
  say('engine: 1,000 Pass states…');
  const chain = passChain(1000);
  figures.push({ label: '1,000 Pass states', ...(await measure(runs, () => succeed(runExecution(chain, { input: { a: 1 } })))), unit: 1000, unitName: 'state' });

  const items = Array.from({ length: 10_000 }, (_, i) => ({ i }));
  for (const concurrency of [0, 40]) {
    say(`engine: inline Map of 10,000 items, MaxConcurrency ${concurrency}…`);
    const map = inlineMap(concurrency);
    // ~70,000 history events: past AWS's 25,000-event quota, which the engine enforces; lifted to measure the work.
    const run = () => succeed(runExecution(map, { input: items, taskHandlers: { Work: echo }, maxHistoryEvents: Infinity }));
    figures.push({ label: `inline Map, 10,000 items, MaxConcurrency ${concurrency}`, ...(await measure(runs, run)), unit: 10_000, unitName: 'item', target: '≤ 0.5 s' });
  }

  const count = 100_000;
  const bucket = 'bench-items';
  const s3 = await S3Emulator.start([{ address: 'aws_s3_bucket.bench', name: bucket }]);
  try {
    const rows = Array.from({ length: count }, (_, i) => ({ id: i, name: `item-${i}`, value: (i * 7) % 1000 }));
    await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: 'items.json', Body: JSON.stringify(rows) }));
    await s3.client.send(new PutObjectCommand({ Bucket: bucket, Key: 'items.csv', Body: `id,name,value\n${rows.map((r) => `${r.id},${r.name},${r.value}`).join('\n')}\n` }));
    const store = new S3ClientStore(s3.client);
    for (const inputType of ['JSON', 'CSV'] as const) {
      say(`engine: Distributed Map of 100,000 items from the local S3 (${inputType})…`);
      const machine = new StateMachine(distributedMap(bucket, inputType), { name: 'Bench', objectStore: store });
      const figure = await measure(quick ? 1 : 2, () => succeed(machine.run({ taskHandlers: { Work: echo } })));
      figures.push({ label: `Distributed Map, 100,000 items from local S3 (${inputType}), results to S3`, ...figure, unit: count, unitName: 'item', target: '≤ 20 s' });
    }
  } finally {
    await s3.close();
  }
  return figures;
}

export function engineTable(figures: readonly EngineFigures[], machine: string): Table {
  return {
    title: "The engine alone: the project's Step Functions engine (local/engine)",
    columns: ['run', 'time', 'per unit', 'peak heap', 'target'],
    align: ['left', 'right', 'right', 'right', 'left'],
    rows: figures.map((f) => [f.label, formatSummary(f.ms), `${((f.ms.median * 1000) / f.unit).toFixed(1)} µs/${f.unitName}`, formatBytes(f.peakHeapBytes), f.target ?? '']),
    notes: [
      `${machine}. Virtual clock, in-process task handlers, after one warm-up run each; peak heap above the heap before the measured runs, sampled every 20 ms.`,
      'The inline Maps record ~70,000 history events, past the 25,000-event quota AWS sets (and the engine enforces): lifted for these runs only.',
    ],
  };
}
