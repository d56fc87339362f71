/**
 * The context object (`$$` in JSONPath, `$states.context` in JSONata): Developer Guide, "Accessing execution data from
 * the Context object in Step Functions". Timestamps are ISO 8601 with milliseconds and `Z`, as AWS writes them
 * (`2019-03-26T20:14:13.192Z`). Members and their order as recorded AWS executions show them: Execution {Id, Input,
 * StartTime, Name, RoleArn, RedriveCount}, StateMachine {Id, Name}, State {Name, EnteredTime, RetryCount (Task only)},
 * then Task {Token} and Map {Item} where they apply.
 */

export interface ExecutionFacts {
  readonly id: string;
  readonly input: unknown;
  readonly name: string;
  readonly roleArn: string;
  readonly startTime: number;
  readonly redriveCount: number;
  readonly stateMachineId: string;
  readonly stateMachineName: string;
}

export interface MapItemFacts {
  readonly index: number;
  readonly value: unknown;
  /** Distributed Map over a JSON object or S3 listing: the item's key (`$$.Map.Item.Key`). */
  readonly key?: string;
  /** Distributed Map: where the item came from (`$$.Map.Item.Source`). */
  readonly source?: string;
}

export interface StateFacts {
  readonly name: string;
  readonly enteredTime: number;
  /** Only a Task's context has `State.RetryCount` (recorded: no RetryCount outside a Task). */
  readonly retryCount?: number;
  readonly taskToken?: string;
  readonly mapItem?: MapItemFacts;
}

let lastMs = Number.NaN;
let lastIso = '';

/** `ms` as ISO 8601 (many context objects share one instant: the last one is kept). */
export function isoTimestamp(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

export function contextObject(execution: ExecutionFacts, state: StateFacts): Record<string, unknown> {
  const stateMember: Record<string, unknown> = { Name: state.name, EnteredTime: isoTimestamp(state.enteredTime) };
  if (state.retryCount !== undefined) stateMember.RetryCount = state.retryCount;
  const context: Record<string, unknown> = {
    Execution: {
      Id: execution.id,
      Input: execution.input,
      StartTime: isoTimestamp(execution.startTime),
      Name: execution.name,
      RoleArn: execution.roleArn,
      RedriveCount: execution.redriveCount,
    },
    StateMachine: { Id: execution.stateMachineId, Name: execution.stateMachineName },
    State: stateMember,
  };
  if (state.taskToken !== undefined) context.Task = { Token: state.taskToken };
  if (state.mapItem) {
    const { index, value, key, source } = state.mapItem;
    context.Map = { Item: { Index: index, ...(key !== undefined && { Key: key }), Value: value, ...(source !== undefined && { Source: source }) } };
  }
  return context;
}
