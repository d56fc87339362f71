import { INVOICE_NOT_STORED } from '../../contracts/error-names';
import { invoiceKey } from '../../lambdas/orders/invoice';
import { isStackId, STACK_IDS, type StackId } from '../../contracts/stack-ids';

/**
 * What the commands know about each stack that its synthesized Terraform does not say: the sample `npm start`
 * runs, the function that starts its workflow, a hint for its served API, and the bench's scenario and cost
 * model. One entry per stack id (contracts/stack-ids.ts): a new id does not compile until it has its entry here.
 */

/** What one invocation of a function does, stated from reading its handler: the bench's cost model (scripts/lib/bench/usage.ts). */
export interface FunctionProfile {
  /** Matched against the end of the function name, so any namePrefix works. */
  readonly suffix: string;
  /** Assumed billed duration of one warm invocation on AWS (ms). */
  readonly durationMs: number;
  readonly dynamodbWriteUnits?: number;
  readonly dynamodbReadUnits?: number;
  readonly s3Puts?: number;
  readonly s3Gets?: number;
  readonly why: string;
}

/** A sample execution: what `npm start` runs, and `npm run local -- <id>` runs without --input. */
export interface Sample {
  /** The execution input (the entry function's event, for a stack that has one). */
  readonly input: unknown;
  /** What the sample shows, in a few words. */
  readonly description: string;
  /** A list file (from the project root) loaded into the stack's list table first, as `--load` loads one. */
  readonly list?: string;
}

/**
 * A run that takes a path the sample does not (a failure branch), as `npm run local -- <id> --input … --fault …`
 * would: `npm run iam:mutation` runs it besides the sample, so that the grants only that path needs are proven.
 */
export interface PathRun {
  /** The path, in a few words: `the invoice is not written: the order is withdrawn`. */
  readonly name: string;
  readonly input: unknown;
  /** Task states made to fail (`--fault <State>=<Error>[:times]`). */
  readonly faults: readonly { readonly state: string; readonly error: string; readonly times: number }[];
  /** A state the run must enter: the path it exists for. */
  readonly reaches: string;
}

/**
 * A request to the stack's REST API, served on the local stack as `--serve` serves it (after the sample and the path
 * runs, on the same stack): `npm run iam:mutation` sends it so that the grants of the roles only the API's methods
 * use (their functions', an AWS integration's credentials role) are proven by a denial at their call.
 */
export interface ApiRun {
  /** What the request does, in a few words: `read the sample's order`. */
  readonly name: string;
  readonly method: string;
  /** The resource path, without the stage: `/order`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** The JSON body. */
  readonly body?: unknown;
  /** The status the intact stack answers. */
  readonly status: number;
}

/** The REST API `npm run local -- <id> --serve` serves, for a hint of what to try against it. */
export interface ServedApi {
  /** `http://127.0.0.1:4010/prod` */
  readonly url: string;
  readonly apiKey: string;
  /** Some methods need SigV4 (AWS_IAM). */
  readonly signed: boolean;
  /** Some methods need an API key. */
  readonly keyed: boolean;
}

/** How the bench runs the stack's workflow, and what it counts besides the execution. */
export interface BenchScenario {
  /** A distinct input per run (so conditional writes never collide). */
  readonly input: (run: number) => unknown;
  /** A list file (from the project root) loaded into the stack's list table first. */
  readonly list?: string;
  /** API Gateway requests per execution (an order API), for the cost. @default 0 */
  readonly apiRequests?: number;
  /** How the run differs from one on AWS, in a few words (the report's note). */
  readonly note: string;
  /** The workflow's row in the cost tables. @default the stack id */
  readonly label?: string;
}

export interface StackFacts {
  readonly sample: Sample;
  /** Paths the sample does not take whose calls need grants of their own (least privilege by mutation). @default none */
  readonly pathRuns?: readonly PathRun[];
  /** Requests to the stack's API, sent after the path runs (least privilege by mutation). @default none */
  readonly apiRuns?: readonly ApiRun[];
  /**
   * The function that starts the workflow on AWS, by the end of its name (so any namePrefix works): a local run
   * sends its input there (unless --direct), and the bench counts one invocation per execution in the cost.
   */
  readonly entryFunction?: string;
  /** What to try against the served API, as a command line. */
  readonly serveHint?: (api: ServedApi) => string;
  readonly bench: BenchScenario;
  /** What one invocation of each of the stack's functions does and costs (stated, not measured): the bench's cost model. */
  readonly functionProfiles: readonly FunctionProfile[];
  /** What moving the workflow to Express would change besides the price. */
  readonly expressCaveat: string;
}

const NOTEBOOK_ORDER_DATE = '2022-04-08 09:55:58.123456';
/** The example order of the original client notebook (a request body of POST /order), for `accountid`. */
const notebookOrder = (accountid: string) => ({
  order: {
    accountid,
    orderdate: NOTEBOOK_ORDER_DATE,
    vendorid: 'v0',
    city: 'Hobart',
    details: { coffeetype: 'Latte', coffeesize: 'Medium', unitprice: '4.0', quantity: 3 },
    eventtype: ['new_order'],
  },
});
/** The order the sample stores (account a0 at vendor v0), as GET and DELETE /order name it. */
const SAMPLE_ORDER_KEY = { accountid: 'a0', vendorid: 'v0' };

export const STACK_FACTS: Readonly<Record<StackId, StackFacts>> = {
  'task-status': {
    sample: { input: { taskId: 'Breakfast' }, description: 'the starter Lambda starts put STARTED → wait (skipped) → update Done' },
    entryFunction: 'task-status-start-task',
    bench: {
      input: (run) => ({ taskId: `bench-${run}`, timestamp: 1_700_000_000 + run }),
      note: 'the state machine started directly (its starter Lambda is counted in the cost, not timed); the wait is skipped',
    },
    functionProfiles: [
      { suffix: 'start-task', durationMs: 60, why: 'one StartExecution (not billed by itself)' },
      { suffix: 'validate-input', durationMs: 5, why: "task-status's ValidateInput: checks the execution input, calls nothing" },
    ],
    expressCaveat: 'only while taskStatus.waitSeconds stays under ~5 min (it may be up to a year)',
  },
  'sfn-dynamodb': {
    sample: { input: { id: '12345' }, description: 'puts {id, description} and reads it back' },
    bench: { input: (run) => ({ id: `bench-${run}` }), note: 'put then consistent get' },
    functionProfiles: [],
    expressCaveat: 'at-least-once; history in CloudWatch Logs only',
  },
  'skip-the-line': {
    sample: { input: notebookOrder('a0'), description: "stores the notebook's order, writes its invoice, announces it" },
    pathRuns: [
      {
        name: 'invoice not written (task_put_object fails) → order withdrawn',
        // Another account than the sample's: both run on one stack, and a0's order is stored by then.
        input: notebookOrder('a1'),
        faults: [{ state: 'task_put_object', error: INVOICE_NOT_STORED, times: 99 }],
        reaches: 'task_delete_item',
      },
    ],
    // The API's methods the workflow does not call: each one's role (the credentials role of POST, the functions of
    // the others) makes its call here. In order: the sample's order is read, its invoice found, then collected.
    apiRuns: [
      { name: 'POST /order starts an execution', method: 'POST', path: '/order', body: notebookOrder('a2'), status: 202 },
      { name: "GET /order reads the sample's order", method: 'GET', path: '/order', query: SAMPLE_ORDER_KEY, status: 200 },
      {
        name: "GET /invoice links the sample's invoice",
        method: 'GET',
        path: '/invoice',
        query: { objectKey: invoiceKey({ ...SAMPLE_ORDER_KEY, orderdate: NOTEBOOK_ORDER_DATE }) },
        status: 200,
      },
      // S3 answers a missing key 404 only to a caller that may list the bucket (else 403): the 404 needs s3:ListBucket.
      { name: 'GET /invoice of a missing invoice: 404', method: 'GET', path: '/invoice', query: { objectKey: invoiceKey({ accountid: 'a9', vendorid: 'v0', orderdate: NOTEBOOK_ORDER_DATE }) }, status: 404 },
      { name: "DELETE /order collects the sample's order", method: 'DELETE', path: '/order', query: SAMPLE_ORDER_KEY, status: 200 },
    ],
    // The order client signs for AWS_IAM methods by default; API-key methods need it told.
    serveHint: ({ url, apiKey, signed, keyed }) => `npm run orders -- --url ${url}${keyed && !signed ? ` --auth api-key --api-key ${apiKey}` : ''}`,
    bench: {
      input: (run) => notebookOrder(`bench${run}`),
      apiRequests: 1,
      note: "the notebook's order, one account per run; the order API's request is counted in the cost, not timed",
    },
    functionProfiles: [
      { suffix: 'put_item', durationMs: 50, dynamodbWriteUnits: 1, why: 'validates the order, one conditional PutItem under 1 KB' },
      { suffix: 'put_object', durationMs: 80, s3Puts: 1, why: 'one PutObject of the invoice' },
      { suffix: 'get_item', durationMs: 40, dynamodbReadUnits: 1, why: 'one strongly consistent GetItem' },
      { suffix: 'get_object', durationMs: 40, s3Gets: 1, why: 'one HeadObject, then a presigned URL (no request)' },
      { suffix: 'delete_item', durationMs: 40, dynamodbWriteUnits: 1, why: 'one conditional DeleteItem' },
    ],
    expressCaveat:
      'StartExecution is idempotent only for Standard: a repeated POST of the same order would start a second execution (the conditional write still refuses it, with a failure notice)',
  },
  'parallel-map': {
    sample: {
      input: {},
      description: 'loads utils/simplelist.json, then maps its three subjects through WaitInMap → LambdaInvoke',
      list: 'utils/simplelist.json',
    },
    bench: { input: () => ({}), list: 'utils/simplelist.json', note: 'utils/simplelist.json (3 items), waits skipped', label: 'parallel-map (3 items)' },
    functionProfiles: [{ suffix: 'process-item', durationMs: 5, why: 'validates and logs one item, calls nothing' }],
    expressCaveat: 'the whole Map must finish in 5 min: items × wait ÷ concurrency',
  },
};

/** The facts of a synthesized stack, by its id; undefined for a stack the app does not define (a stale folder, a fixture). */
export function factsOf(stackId: string): StackFacts | undefined {
  return isStackId(stackId) ? STACK_FACTS[stackId] : undefined;
}

/** Every stack's function profiles, in stack order. */
export function allFunctionProfiles(): FunctionProfile[] {
  return STACK_IDS.flatMap((id) => STACK_FACTS[id].functionProfiles);
}

/** Stack ids in the order `npm start` runs them (the README's); others follow, by name. */
export function inRunOrder(stackIds: readonly string[]): string[] {
  const order: readonly string[] = STACK_IDS;
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return [...stackIds].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
