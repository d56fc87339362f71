/**
 * The context object (`$$` in JSONPath, `$states.context` in JSONata): Developer Guide, "Accessing execution data from
 * the Context object in Step Functions". Timestamps are ISO 8601 with milliseconds and `Z`, as AWS writes them
 * (`2019-03-26T20:14:13.192Z`). Members appear in the order of the guide's example.
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
}

export interface StateFacts {
  readonly name: string;
  readonly enteredTime: number;
  readonly retryCount: number;
  readonly taskToken?: string;
  readonly mapItem?: MapItemFacts;
}

export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

export function contextObject(execution: ExecutionFacts, state: StateFacts): Record<string, unknown> {
  const context: Record<string, unknown> = {
    Execution: {
      Id: execution.id,
      Input: execution.input,
      Name: execution.name,
      RoleArn: execution.roleArn,
      StartTime: isoTimestamp(execution.startTime),
      RedriveCount: execution.redriveCount,
    },
    State: {
      EnteredTime: isoTimestamp(state.enteredTime),
      Name: state.name,
      RetryCount: state.retryCount,
    },
    StateMachine: { Id: execution.stateMachineId, Name: execution.stateMachineName },
  };
  if (state.taskToken !== undefined) context.Task = { Token: state.taskToken };
  if (state.mapItem) context.Map = { Item: { Index: state.mapItem.index, Value: state.mapItem.value } };
  return context;
}
