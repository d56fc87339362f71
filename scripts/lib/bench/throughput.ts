import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stackDirOf, startLocalStack } from '../../../local';
import { synthesizeApp } from '../../../stacks/app';
import { parseConfig, type AppConfig } from '../../../stacks/config';
import { AWS_LIMITS } from '../../list-loader/aws-limits';
import { listItem } from '../../list-loader/dynamodb-item';
import type { ListValue as JsonValue } from '../../list-loader/list-file';
import { inlineFigures, synthesizedWorkflow } from '../../list-loader/map-limits';
import { dictList, executeOk, listTarget, loadList } from './local-runs';
import { formatCount, summarize, type Summary } from './stats';
import { countUsage, type CountedUsage } from './usage';

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
  const { dynamoDbItemBytes, statePayloadBytes, historyEvents: maxEvents } = AWS_LIMITS;
  if (itemBytes > dynamoDbItemBytes.value) limits.push(`list item ${formatCount(itemBytes)} B > DynamoDB's ${dynamoDbItemBytes.label} item limit`);
  if (inputBytes > statePayloadBytes.value) limits.push(`GetItem result ${formatCount(inputBytes)} B > ${statePayloadBytes.label} payload (States.DataLimitExceeded)`);
  if (outputBytes > statePayloadBytes.value) limits.push(`Map output ${formatCount(outputBytes)} B > ${statePayloadBytes.label} payload`);
  if (historyEvents > maxEvents.value) limits.push(`≥${formatCount(historyEvents)} history events > ${maxEvents.label}`);
  return limits;
}

/** The whole app synthesized with a `stepfunc` override into a temporary folder; answers the parallel-map stack's folder. */
export function synthParallelMap(stepfunc: Record<string, unknown>): { stackDir: string; config: AppConfig; remove: () => void } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-bench-synth-'));
  const config = parseConfig({ stepfunc }, 'bench config', {});
  synthesizeApp(config, { outdir });
  return { stackDir: stackDirOf(outdir, 'parallel-map'), config, remove: () => fs.rmSync(outdir, { recursive: true, force: true }) };
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
    // A long timeout: the virtual clock counts the waits it skips (2,500 items one at a time wait 5,000 s), and a
    // slow machine must not turn a figure into States.Timeout.
    const synth = synthParallelMap({ ...plan.stepfunc, maxConcurrency, timeoutDurationSeconds: 86_400 });
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
        // What AWS would meet, computed as the loader computes it (the workflow synthesized from the same config).
        const aws = inlineFigures(synthesizedWorkflow(synth.config), listItem(keyName, keyValue, list, 'the bench list'));
        const inputBytes = aws.getItemResultBytes;
        const samples: number[] = [];
        let last;
        for (let run = 0; run < runs; run++) {
          const { result, ms } = await executeOk(stack, {});
          samples.push(ms);
          last = result;
        }
        const outputBytes = Buffer.byteLength(JSON.stringify(last!.output));
        const historyEvents = aws.historyEvents;
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
