import { walkStates, type AslJsonState } from '../../../definitions/asl-walk';
import type { ExecutionResult, StackModel } from '../../../local';
import { readUnits, writeUnits, type ExecutionUsage, type LambdaUse } from './cost';

/**
 * What one execution used, counted from a local run: every state entered is a state transition, and each Task's
 * Resource says which service it called (a Lambda invoke, a DynamoDB write or read, an SNS publish, an S3
 * request). What the functions themselves call is not visible to the workflow, so each function's calls and
 * billed duration are stated here (from reading its handler), not measured.
 */

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

export const FUNCTION_PROFILES: readonly FunctionProfile[] = [
  { suffix: 'process-item', durationMs: 5, why: 'validates and logs one item, calls nothing' },
  { suffix: 'start-task', durationMs: 60, why: 'one StartExecution (not billed by itself)' },
  { suffix: 'validate-input', durationMs: 5, why: "task-status's ValidateInput: checks the execution input, calls nothing" },
  { suffix: 'put_item', durationMs: 50, dynamodbWriteUnits: 1, why: 'validates the order, one conditional PutItem under 1 KB' },
  { suffix: 'put_object', durationMs: 80, s3Puts: 1, why: 'one PutObject of the invoice' },
  { suffix: 'get_item', durationMs: 40, dynamodbReadUnits: 1, why: 'one strongly consistent GetItem' },
  { suffix: 'get_object', durationMs: 40, s3Gets: 1, why: 'one HeadObject, then a presigned URL (no request)' },
  { suffix: 'delete_item', durationMs: 40, dynamodbWriteUnits: 1, why: 'one conditional DeleteItem' },
];

/** Assumed latency on AWS of a Task that calls a service directly (DynamoDB, SNS, S3), and of a Lambda invoke's own overhead. */
export const SERVICE_TASK_MS = 50;
export const LAMBDA_INVOKE_OVERHEAD_MS = 50;

export function profileOf(functionName: string): FunctionProfile {
  const profile = FUNCTION_PROFILES.find((p) => functionName.endsWith(p.suffix));
  if (!profile) throw new Error(`No cost profile for function ${functionName}: add one to FUNCTION_PROFILES in scripts/lib/bench/usage.ts.`);
  return profile;
}

/** Every state of a definition by name, those inside Map (ItemProcessor / Iterator) and Parallel branches included. */
export function statesByName(definition: Record<string, unknown>): Map<string, AslJsonState> {
  return new Map(walkStates(definition).map((walked) => [walked.name, walked.state]));
}

export interface UsageOptions {
  /** Bytes of the item a GetItem state reads (the parallel-map list). @default under 4 KB */
  readonly readBytes?: number;
  /** Functions invoked before the workflow starts, once per execution (a starter Lambda), by name suffix. */
  readonly entryFunctions?: readonly string[];
  /** API Gateway requests per execution (an order API). */
  readonly apiRequests?: number;
}

export interface CountedUsage {
  readonly usage: ExecutionUsage;
  /** Assumed Express duration if the states ran one after another on AWS: waits at their configured time. */
  readonly sequentialMs: number;
  /** Task resources the model does not price, for a note. */
  readonly unpriced: readonly string[];
}

/** Counts what one local execution used (see the module comment for what is counted and what is stated). */
export function countUsage(model: StackModel, result: ExecutionResult, options: UsageOptions = {}): CountedUsage {
  const machine = model.stateMachines.find((m) => m.arn === result.stateMachineArn) ?? model.stateMachines[0];
  const states = statesByName(machine.definition);
  const invocations = new Map<string, number>();
  const counts = { dynamodbWriteUnits: 0, dynamodbReadUnits: 0, s3Puts: 0, s3Gets: 0, snsPublishes: 0 };
  const unpriced = new Set<string>();
  let sequentialMs = 0;
  const invoke = (name: string) => invocations.set(name, (invocations.get(name) ?? 0) + 1);
  for (const fn of options.entryFunctions ?? []) {
    const name = model.functions.find((f) => f.name.endsWith(fn))?.name;
    if (!name) throw new Error(`Stack ${model.stackId} has no function ending in ${fn}.`);
    invoke(name);
  }
  for (const event of result.events) {
    if (event.type !== 'StateEntered') continue;
    const state = states.get(event.state.name);
    if (state?.Type === 'Wait' && typeof state.Seconds === 'number') sequentialMs += state.Seconds * 1000;
    if (state?.Type !== 'Task') continue;
    const resource = String(state.Resource);
    const params = (state.Parameters ?? {}) as Record<string, unknown>;
    const action = resource.replace(/^arn:aws:states:::(aws-sdk:)?/, '');
    if (action.startsWith('lambda:invoke') || resource.startsWith('arn:aws:lambda:')) {
      const target = String(resource.startsWith('arn:aws:lambda:') ? resource : params.FunctionName);
      const name = target.split(':')[6] ?? target;
      invoke(name);
      sequentialMs += profileOf(name).durationMs + LAMBDA_INVOKE_OVERHEAD_MS;
      continue;
    }
    sequentialMs += SERVICE_TASK_MS;
    if (/^dynamodb:(putItem|updateItem|deleteItem)/.test(action)) counts.dynamodbWriteUnits += writeUnits(0);
    else if (action.startsWith('dynamodb:getItem')) counts.dynamodbReadUnits += readUnits(options.readBytes ?? 0, params.ConsistentRead === true);
    else if (action.startsWith('sns:publish')) counts.snsPublishes += 1;
    else if (/^s3:(putObject|copyObject)/.test(action)) counts.s3Puts += 1;
    else if (/^s3:(getObject|headObject)/.test(action)) counts.s3Gets += 1;
    else unpriced.add(resource);
  }
  const lambda: LambdaUse[] = [...invocations].map(([functionName, n]) => {
    const fn = model.functions.find((f) => f.name === functionName);
    const profile = profileOf(functionName);
    counts.dynamodbWriteUnits += n * (profile.dynamodbWriteUnits ?? 0);
    counts.dynamodbReadUnits += n * (profile.dynamodbReadUnits ?? 0);
    counts.s3Puts += n * (profile.s3Puts ?? 0);
    counts.s3Gets += n * (profile.s3Gets ?? 0);
    return {
      functionName,
      memoryMb: fn?.memorySize ?? 128,
      architecture: fn?.architecture ?? 'x86_64',
      invocations: n,
      durationMs: profile.durationMs,
    };
  });
  return {
    usage: { transitions: result.transitions, lambda, ...counts, apiRequests: options.apiRequests ?? 0 },
    sequentialMs,
    unpriced: [...unpriced],
  };
}
