import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { startLocalStack } from '../../../local';
import { buildApp } from '../../../stacks/app';
import { parseConfig } from '../../../stacks/config';
import { getItemResultSize, MAX_ITEM_BYTES, MAX_STATE_PAYLOAD_BYTES } from '../../list-loader/item-size';
import type { JsonValue } from '../../list-loader/list-file';
import { dictList, executeOk, listTarget, loadList } from './local-runs';
import { formatCount, summarize, type Summary } from './stats';
import { countUsage, type CountedUsage } from './usage';

/** Step Functions keeps at most 25,000 events in one execution's history. */
export const MAX_HISTORY_EVENTS = 25_000;
/**
 * Events an inline Map iteration adds to the history on AWS (MapIterationStarted, WaitStateEntered/Exited,
 * TaskStateEntered, TaskScheduled, TaskStarted, TaskSucceeded, TaskStateExited, MapIterationSucceeded), and
 * those of the rest of parallel-map's run (execution start and end, ReadDDBTable's five, the Choice's two, the
 * Map's four). An estimate: the local interpreter's log is not AWS's history.
 */
export const HISTORY_EVENTS_PER_ITEM = 9;
export const HISTORY_EVENTS_FIXED = 13;

export interface ThroughputFigures {
  readonly items: number;
  readonly maxConcurrency: number;
  readonly ms: Summary;
  readonly itemsPerSecond: number;
  readonly transitions: number;
  /** The list item's DynamoDB size, GetItem's result (the Map's input) and the execution output, in bytes. */
  readonly itemBytes: number;
  readonly inputBytes: number;
  readonly outputBytes: number;
  readonly historyEvents: number;
  /** Why AWS would refuse this run (the limits the local runner does not enforce); empty when it would run. */
  readonly awsLimits: readonly string[];
  readonly counted: CountedUsage;
}

/** What stops a list of this size on AWS in the inline mode, in words. */
export function awsLimitsFor(itemBytes: number, inputBytes: number, outputBytes: number, historyEvents: number): string[] {
  const limits: string[] = [];
  if (itemBytes > MAX_ITEM_BYTES) limits.push(`list item ${formatCount(itemBytes)} B > DynamoDB's 400 KB item limit`);
  if (inputBytes > MAX_STATE_PAYLOAD_BYTES) limits.push(`GetItem result ${formatCount(inputBytes)} B > 256 KiB payload (States.DataLimitExceeded)`);
  if (outputBytes > MAX_STATE_PAYLOAD_BYTES) limits.push(`Map output ${formatCount(outputBytes)} B > 256 KiB payload`);
  if (historyEvents > MAX_HISTORY_EVENTS) limits.push(`≈${formatCount(historyEvents)} history events > 25,000`);
  return limits;
}

/** The whole app synthesized with a `stepfunc` override into a temporary folder; answers the parallel-map stack's folder. */
function synthParallelMap(stepfunc: Record<string, unknown>): { stackDir: string; remove: () => void } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-bench-synth-'));
  const app = new App({ outdir, stackTraces: false });
  buildApp(app, parseConfig({ stepfunc }, 'bench config', {}));
  app.synth();
  return { stackDir: path.join(outdir, 'stacks', 'parallel-map'), remove: () => fs.rmSync(outdir, { recursive: true, force: true }) };
}

export interface ThroughputPlan {
  readonly sizes: readonly number[];
  readonly concurrencies: readonly number[];
  /** Measured runs per size (after one warm-up execution of the smallest size per stack). */
  readonly runs: (items: number) => number;
  /** Further `stepfunc` settings. @default none (waitDurationSeconds 2, skipped) */
  readonly stepfunc?: Readonly<Record<string, unknown>>;
}

/** parallel-map over lists of each size at each maxConcurrency, waits skipped. */
export async function measureThroughput(plan: ThroughputPlan, say: (line: string) => void): Promise<ThroughputFigures[]> {
  const figures: ThroughputFigures[] = [];
  for (const maxConcurrency of plan.concurrencies) {
    // A long timeout: the runs skip waits, and a slow machine must not turn a figure into States.Timeout.
    const synth = synthParallelMap({ ...plan.stepfunc, maxConcurrency, timeoutDurationSeconds: 3600 });
    const stack = await startLocalStack(synth.stackDir);
    try {
      await loadList(stack, dictList(Math.min(...plan.sizes)));
      await executeOk(stack, {});
      for (const items of plan.sizes) {
        const runs = plan.runs(items);
        say(`  parallel-map ${items} items, maxConcurrency ${maxConcurrency}: ${runs} run(s)`);
        const list: JsonValue[] = dictList(items);
        const itemBytes = await loadList(stack, list);
        const { keyName, keyValue } = listTarget(stack.model);
        const inputBytes = getItemResultSize({ [keyName]: keyValue, values: list });
        const samples: number[] = [];
        let last;
        for (let run = 0; run < runs; run++) {
          const { result, ms } = await executeOk(stack, {});
          samples.push(ms);
          last = result;
        }
        const outputBytes = Buffer.byteLength(JSON.stringify(last!.output));
        const historyEvents = HISTORY_EVENTS_FIXED + HISTORY_EVENTS_PER_ITEM * items;
        const ms = summarize(samples);
        figures.push({
          items,
          maxConcurrency,
          ms,
          itemsPerSecond: items / (ms.median / 1000),
          transitions: last!.transitions,
          itemBytes,
          inputBytes,
          outputBytes,
          historyEvents,
          awsLimits: awsLimitsFor(itemBytes, inputBytes, outputBytes, historyEvents),
          counted: countUsage(stack.model, last!, { readBytes: itemBytes }),
        });
      }
    } finally {
      await stack.close();
      synth.remove();
    }
  }
  return figures;
}
