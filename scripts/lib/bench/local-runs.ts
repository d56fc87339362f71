import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalStack, type ExecutionResult, type LocalStack, type PlainItem, type StackModel } from '../../../local';
import { itemSize, listItem } from '../../list-loader/dynamodb-item';
import type { ListValue as JsonValue } from '../../list-loader/list-file';
import { summarize, type Summary } from './stats';
import { countUsage, statesByName, type CountedUsage, type UsageOptions } from './usage';

/** How the bench runs one stack's workflow: a distinct input per run (so conditional writes never collide). */
export interface Scenario {
  readonly stackId: string;
  readonly input: (run: number) => unknown;
  /** A list to load into the stack's list table first (parallel-map). */
  readonly list?: readonly JsonValue[];
  readonly usage: UsageOptions;
  readonly note: string;
}

const SUBJECTS = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../utils/simplelist.json'), 'utf8')) as JsonValue[];
const DICTS = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../utils/listofdicts.json'), 'utf8')) as JsonValue[];

export const SCENARIOS: readonly Scenario[] = [
  {
    stackId: 'task-status',
    input: (run) => ({ taskId: `bench-${run}`, timestamp: 1_700_000_000 + run }),
    usage: { entryFunctions: ['start-task'] },
    note: 'the state machine started directly (its starter Lambda is counted in the cost, not timed); the wait is skipped',
  },
  { stackId: 'sfn-dynamodb', input: (run) => ({ id: `bench-${run}` }), usage: {}, note: 'put then consistent get' },
  {
    stackId: 'skip-the-line',
    input: (run) => ({
      order: {
        accountid: `bench${run}`,
        orderdate: '2022-04-08 09:55:58.123456',
        vendorid: 'v0',
        city: 'Hobart',
        details: { coffeetype: 'Latte', coffeesize: 'Medium', unitprice: '4.0', quantity: 3 },
        eventtype: ['new_order'],
      },
    }),
    usage: { apiRequests: 1 },
    note: "the notebook's order, one account per run; the order API's request is counted in the cost, not timed",
  },
  { stackId: 'parallel-map', input: () => ({}), list: SUBJECTS, usage: {}, note: 'utils/simplelist.json (3 items), waits skipped' },
];

/** `n` items shaped like utils/listofdicts.json (its three dicts, repeated). */
export function dictList(n: number): JsonValue[] {
  return Array.from({ length: n }, (_, i) => DICTS[i % DICTS.length]);
}

/** Where the inline Map's list lives, read from the definition's GetItem state: table, key name and key value. */
export function listTarget(model: StackModel): { tableName: string; keyName: string; keyValue: string } {
  for (const machine of model.stateMachines) {
    for (const state of statesByName(machine.definition).values()) {
      if (state.Type !== 'Task' || !String(state.Resource).endsWith('dynamodb:getItem')) continue;
      const params = state.Parameters as { TableName: string; Key: Record<string, { S?: string }> };
      const [keyName, value] = Object.entries(params.Key)[0];
      if (value.S !== undefined) return { tableName: params.TableName, keyName, keyValue: value.S };
    }
  }
  throw new Error(`Stack ${model.stackId} has no GetItem state with a constant string key to load a list for.`);
}

/** Writes the list item; answers its DynamoDB size in bytes. */
export async function loadList(stack: LocalStack, list: readonly JsonValue[]): Promise<number> {
  const { tableName, keyName, keyValue } = listTarget(stack.model);
  const item = { [keyName]: keyValue, values: [...list] } as Record<string, JsonValue>;
  await stack.seedTable(tableName, [item as PlainItem]);
  return itemSize(listItem(keyName, keyValue, list, 'the bench list'));
}

export async function executeOk(stack: LocalStack, input: unknown): Promise<{ result: ExecutionResult; ms: number }> {
  const started = performance.now();
  const result = await stack.execute(input);
  const ms = performance.now() - started;
  if (result.status !== 'SUCCEEDED') throw new Error(`${stack.model.stackId}: the execution ended ${result.status}: ${result.error ?? ''} ${result.cause ?? ''}`);
  return { result, ms };
}

const STAND_UPS = 3;

export interface LatencyFigures {
  readonly stackId: string;
  readonly note: string;
  /** startLocalStack: read the stack, check its definitions, start the emulators (and close them again). */
  readonly standUpMs: Summary;
  readonly latencyMs: Summary;
  readonly counted: CountedUsage;
}

/** One execution per stack, `runs` times after a warm-up, on `<outDir>/stacks/<id>`. */
export async function measureLatency(outDir: string, runs: number, say: (line: string) => void): Promise<LatencyFigures[]> {
  const figures: LatencyFigures[] = [];
  for (const scenario of SCENARIOS) {
    say(`  local ${scenario.stackId}: ${STAND_UPS} stand-ups, 1 warm-up + ${runs} executions`);
    const standUps: number[] = [];
    let stack: LocalStack | undefined;
    for (let i = 0; i < STAND_UPS; i++) {
      await stack?.close();
      const started = performance.now();
      stack = await startLocalStack(path.join(outDir, 'stacks', scenario.stackId));
      standUps.push(performance.now() - started);
    }
    if (!stack) throw new Error('no stand-up');
    const standUpMs = summarize(standUps);
    try {
      const readBytes = scenario.list ? await loadList(stack, scenario.list) : undefined;
      await executeOk(stack, scenario.input(0));
      const samples: number[] = [];
      let last: ExecutionResult | undefined;
      for (let run = 1; run <= runs; run++) {
        const { result, ms } = await executeOk(stack, scenario.input(run));
        samples.push(ms);
        last = result;
      }
      const counted = countUsage(stack.model, last!, { ...scenario.usage, ...(readBytes !== undefined && { readBytes }) });
      figures.push({ stackId: scenario.stackId, note: scenario.note, standUpMs, latencyMs: summarize(samples), counted });
    } finally {
      await stack.close();
    }
  }
  return figures;
}
