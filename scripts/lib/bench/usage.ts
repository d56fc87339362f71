import { walkStates, type AslJsonState } from '../../../definitions/asl-walk';
import { enteredStates, type ExecutionResult, type StackModel } from '../../../local';
import { factsOf, type FunctionProfile } from '../stack-facts';
import { readUnits, writeUnits, type ExecutionUsage, type LambdaUse } from './cost';

/**
 * What one execution used, counted from a local run: every state entered is a state transition, and each Task's
 * Resource says which service it called (a Lambda invoke, a DynamoDB write or read, an SNS publish, an S3
 * request). What the functions themselves call is not visible to the workflow, so each function's calls and
 * billed duration are stated here (from reading its handler), not measured.
 */

/** Assumed latency on AWS of a Task that calls a service directly (DynamoDB, SNS, S3), and of a Lambda invoke's own overhead. */
export const SERVICE_TASK_MS = 50;
export const LAMBDA_INVOKE_OVERHEAD_MS = 50;

/** The stated profile of a function of `stackId` (scripts/lib/stack-facts.ts), found by the end of its name. */
export function profileOf(stackId: string, functionName: string): FunctionProfile {
  const profile = factsOf(stackId)?.functionProfiles.find((p) => functionName.endsWith(p.suffix));
  if (!profile) throw new Error(`No cost profile for function ${functionName}: add one to the functionProfiles of ${stackId} in scripts/lib/stack-facts.ts.`);
  return profile;
}

/** Every state of a definition by name, those inside Map (ItemProcessor / Iterator) and Parallel branches included. */
export function statesByName(definition: Record<string, unknown>): Map<string, AslJsonState> {
  return new Map(walkStates(definition).map((walked) => [walked.name, walked.state]));
}

export interface UsageOptions {
  /** Bytes of the item a GetItem state reads (the parallel-map list). @default under 4 KB */
  readonly readBytes?: number;
}

export interface CountedUsage {
  readonly usage: ExecutionUsage;
  /** Assumed Express duration if the states ran one after another on AWS: waits at their configured time. */
  readonly sequentialMs: number;
  /** Task resources the model does not price, for a note. */
  readonly unpriced: readonly string[];
}

/**
 * Counts what one local execution used (see the module comment for what is counted and what is stated), with
 * what starts it on AWS (scripts/lib/stack-facts.ts): its entry function, once per execution, and the order API's
 * requests.
 */
export function countUsage(model: StackModel, result: ExecutionResult, options: UsageOptions = {}): CountedUsage {
  const machine = model.stateMachines.find((m) => m.arn === result.stateMachineArn) ?? model.stateMachines[0];
  const states = statesByName(machine.definition);
  const invocations = new Map<string, number>();
  const counts = { dynamodbWriteUnits: 0, dynamodbReadUnits: 0, s3Puts: 0, s3Gets: 0, snsPublishes: 0 };
  const unpriced = new Set<string>();
  let sequentialMs = 0;
  const invoke = (name: string) => invocations.set(name, (invocations.get(name) ?? 0) + 1);
  const facts = factsOf(model.stackId);
  if (facts?.entryFunction !== undefined) {
    const entry = facts.entryFunction;
    const name = model.functions.find((f) => f.name.endsWith(entry))?.name;
    if (!name) throw new Error(`Stack ${model.stackId} has no function ending in ${entry}.`);
    invoke(name);
  }
  for (const name of enteredStates(result.history)) {
    const state = states.get(name);
    if (state?.Type === 'Wait' && typeof state.Seconds === 'number') sequentialMs += state.Seconds * 1000;
    if (state?.Type !== 'Task') continue;
    const resource = String(state.Resource);
    // The request: Parameters in a JSONPath state, Arguments in a JSONata one (FunctionName and ConsistentRead are literals in both).
    const params = (state.Parameters ?? state.Arguments ?? {}) as Record<string, unknown>;
    const action = resource.replace(/^arn:aws:states:::(aws-sdk:)?/, '');
    if (action.startsWith('lambda:invoke') || resource.startsWith('arn:aws:lambda:')) {
      const target = String(resource.startsWith('arn:aws:lambda:') ? resource : params.FunctionName);
      const name = target.split(':')[6] ?? target;
      invoke(name);
      sequentialMs += profileOf(model.stackId, name).durationMs + LAMBDA_INVOKE_OVERHEAD_MS;
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
    const profile = profileOf(model.stackId, functionName);
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
    usage: { transitions: result.transitions, lambda, ...counts, apiRequests: facts?.bench.apiRequests ?? 0 },
    sequentialMs,
    unpriced: [...unpriced],
  };
}
