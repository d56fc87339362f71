import * as fs from 'node:fs';
import { STACK_IDS, type StackId } from '../../../contracts/stack-ids';
import { stackDirOf, startLocalStack, type ExecutionResult, type LocalStack, type StackModel } from '../../../local';
import { itemSize, listItem } from '../../list-loader/dynamodb-item';
import type { ListValue as JsonValue } from '../../list-loader/list-file';
import { projectPath } from '../project';
import { STACK_FACTS, type BenchScenario } from '../stack-facts';
import { summarize, type Summary } from './stats';
import { countUsage, statesByName, type CountedUsage } from './usage';

/** How the bench runs one stack's workflow (scripts/lib/stack-facts.ts): a distinct input per run, a list to load first. */
export interface Scenario extends Omit<BenchScenario, 'list'> {
  readonly stackId: StackId;
  /** The list to load into the stack's list table first (parallel-map). */
  readonly list?: readonly JsonValue[];
}

const readJsonFile = (file: string) => JSON.parse(fs.readFileSync(projectPath(file), 'utf8')) as JsonValue[];
const DICTS = readJsonFile('utils/listofdicts.json');

export const SCENARIOS: readonly Scenario[] = STACK_IDS.map((stackId) => {
  const { list, ...scenario } = STACK_FACTS[stackId].bench;
  return { stackId, ...scenario, ...(list !== undefined && { list: readJsonFile(list) }) };
});

/** `n` items shaped like utils/listofdicts.json (its three dicts, repeated). */
export function dictList(n: number): JsonValue[] {
  return Array.from({ length: n }, (_, i) => DICTS[i % DICTS.length]);
}

/** Where the inline Map's list lives, read from the definition's GetItem state: table, key name and key value. */
export function listTarget(model: StackModel): { tableName: string; keyName: string; keyValue: string } {
  for (const machine of model.stateMachines) {
    for (const state of statesByName(machine.definition).values()) {
      if (state.Type !== 'Task' || !String(state.Resource).endsWith('dynamodb:getItem')) continue;
      const params = (state.Parameters ?? state.Arguments) as { TableName: string; Key: Record<string, { S?: string }> };
      const [keyName, value] = Object.entries(params.Key)[0];
      if (value.S !== undefined) return { tableName: params.TableName, keyName, keyValue: value.S };
    }
  }
  throw new Error(`Stack ${model.stackId} has no GetItem state with a constant string key to load a list for.`);
}

/** Writes the list item (as the loader builds it); answers its DynamoDB size in bytes. */
export async function loadList(stack: LocalStack, list: readonly JsonValue[]): Promise<number> {
  const { tableName, keyName, keyValue } = listTarget(stack.model);
  const item = listItem(keyName, keyValue, list, 'the bench list');
  await stack.seedTable(tableName, [item]);
  return itemSize(item);
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
  readonly stackId: StackId;
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
      stack = await startLocalStack(stackDirOf(outDir, scenario.stackId));
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
      const counted = countUsage(stack.model, last!, { ...(readBytes !== undefined && { readBytes }) });
      figures.push({ stackId: scenario.stackId, note: scenario.note, standUpMs, latencyMs: summarize(samples), counted });
    } finally {
      await stack.close();
    }
  }
  return figures;
}
