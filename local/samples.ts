import { STACK_IDS } from '../contracts/stack-ids';
import { main as loadList } from '../scripts/load-ddb';
import type { LocalStack } from './runner';
import { LocalSetupError } from './errors';

/** A sample execution of a stack: what `npm start` runs, and `npm run local -- <id>` runs without --input. */
export interface Sample {
  /** The execution input. */
  readonly input: unknown;
  /** What the sample shows, in a few words. */
  readonly description?: string;
  /** Runs before the execution, e.g. to load items the workflow reads (`stack.seedTable(...)`). */
  readonly setup?: (stack: LocalStack) => Promise<void>;
}

/** Sample executions by stack id. Adding one is one line; a synthesized stack without one is skipped, with a note. */
export const SAMPLES: Readonly<Record<string, Sample>> = {
  'task-status': { input: { taskId: 'Breakfast' }, description: 'the starter Lambda starts put STARTED → wait (skipped) → update Done' },
  'sfn-dynamodb': { input: { id: '12345' }, description: 'puts {id, description} and reads it back' },
  'skip-the-line': {
    input: {
      order: {
        accountid: 'a0',
        orderdate: '2022-04-08 09:55:58.123456',
        vendorid: 'v0',
        city: 'Hobart',
        details: { coffeetype: 'Latte', coffeesize: 'Medium', unitprice: '4.0', quantity: 3 },
        eventtype: ['new_order'],
      },
    },
    description: "stores the notebook's order, writes its invoice, announces it",
  },
  'parallel-map': {
    input: {},
    description: 'loads utils/simplelist.json, then maps its three subjects through WaitInMap → LambdaInvoke',
    setup: (stack) => loadListFile(stack, 'utils/simplelist.json'),
  },
};

/** Loads a list file into the stack's local table with the project's loader (`npm run load-ddb`). */
export async function loadListFile(stack: LocalStack, file: string, say: (line: string) => void = () => undefined): Promise<void> {
  const errors: string[] = [];
  const code = await loadList(['--json', file, '--endpoint', stack.endpoints.dynamodb], {
    out: say,
    err: (line: string) => errors.push(line),
    env: process.env,
  });
  if (code !== 0) throw new LocalSetupError(`Could not load ${file} into the local table:\n${errors.join('\n')}`);
}

/** The order `npm start` runs stacks in (the order the README introduces them); other synthesized stacks follow, by name. */
export const STACK_ORDER: readonly string[] = STACK_IDS;

export function inRunOrder(stackIds: readonly string[]): string[] {
  const rank = (id: string) => (STACK_ORDER.includes(id) ? STACK_ORDER.indexOf(id) : STACK_ORDER.length);
  return [...stackIds].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
