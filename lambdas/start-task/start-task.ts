import { StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { parseEvent } from '../shared/errors';
import { executionName, randomSuffix, startTaskEventSchema, unixSeconds, type TaskExecutionInput } from './task-execution';

/** What `startTask` needs from the outside; tests pass fakes. */
export interface StartTaskDeps {
  /** Only `send` is used, so a fake with the same method will do. */
  readonly sfn: Pick<SFNClient, 'send'>;
  /** The task-status state machine. */
  readonly stateMachineArn: string;
  /** @default the system clock */
  readonly now?: () => Date;
  /** @default randomSuffix */
  readonly suffix?: () => string;
}

/** The starter's answer: where to follow the execution, and the task's key in the `Tasks` table. */
export interface StartTaskResult {
  readonly executionArn: string;
  readonly executionName: string;
  readonly taskId: string;
  readonly timestamp: number;
}

/**
 * Validates the event (a bad one throws a ValidationError before anything is started), then starts one
 * execution with the input `{"taskId", "timestamp"}` (the event's timestamp, or now) under a name no other
 * start can take.
 */
export async function startTask(deps: StartTaskDeps, event: unknown): Promise<StartTaskResult> {
  const { taskId, timestamp } = parseEvent(startTaskEventSchema, event, 'start-task event');
  const input: TaskExecutionInput = { taskId, timestamp: timestamp ?? unixSeconds((deps.now ?? (() => new Date()))()) };
  const name = executionName(input, (deps.suffix ?? randomSuffix)());
  const response = await deps.sfn.send(
    new StartExecutionCommand({ stateMachineArn: deps.stateMachineArn, name, input: JSON.stringify(input) }),
  );
  if (!response.executionArn) {
    throw new Error(`Step Functions started '${name}' but returned no executionArn; look the execution up by name on ${deps.stateMachineArn}.`);
  }
  return { executionArn: response.executionArn, executionName: name, ...input };
}
