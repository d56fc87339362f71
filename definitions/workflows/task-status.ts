import { DynamoAttribute, DynamoDB, stringAttributeAt, type TableRef } from '../integrations/dynamodb';
import { Intrinsic, JsonPath } from '../json-path';
import { StateMachineDefinition } from '../state-machine';
import { Choice } from '../states/choice';
import { Condition } from '../states/condition';
import { Fail } from '../states/terminal';
import { Wait, WaitTime } from '../states/wait';

/** Time the two writes and their retries may take on top of the wait, before the execution times out. */
export const TASK_STATUS_WRITE_MARGIN_SECONDS = 120;

/** The DynamoDB error a failed `ConditionExpression` raises, as Step Functions names it. */
const CONDITION_FAILED = 'DynamoDB.ConditionalCheckFailedException';

export interface TaskStatusWorkflowProps {
  readonly name: string;
  /** The `Tasks` table: partition key `taskId` (S), sort key `timestamp` (N). */
  readonly table: TableRef;
  /** Seconds the "long running task" takes. @default 30 (the original) */
  readonly waitSeconds?: number;
}

/**
 * The original's Wait state name, with the configured seconds in it: at the default it is the original name
 * exactly, and with any other value the name does not claim a wait that is not there.
 */
export function waitStateName(seconds: number): string {
  return `Execute long running task...wait ${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
}

/**
 * SPEC §1: `CreateDynamoTaskItem` records the task as STARTED, the Wait stands in for the long-running work,
 * and `UpdateDynamoTaskItem` marks the same item Done. The output is the task's key and final status.
 */
export function taskStatusWorkflow({ name, table, waitSeconds = 30 }: TaskStatusWorkflowProps): StateMachineDefinition {
  const key = {
    taskId: stringAttributeAt('$.taskId'),
    timestamp: DynamoAttribute.number(JsonPath.numberAt('$.timestamp')),
  };

  const invalidInput = new Fail('InvalidInput', {
    error: 'InvalidInput',
    cause:
      'The execution input must be {"taskId": <non-empty string>, "timestamp": <unix seconds, a number>}, e.g. ' +
      '{"taskId": "Breakfast", "timestamp": 1712570158}. Start tasks through the start-task function, which sets both. Nothing was written.',
  });
  const notStarted = new Fail('TaskNotStarted', {
    error: 'TaskNotStarted',
    cause:
      'The task item was not in the table when it was to be marked Done (it was deleted during the wait), so no item was created. ' +
      'Start the task again.',
  });
  const requestFailed = new Fail('DynamoDBRequestFailed', { errorPath: '$.error.Error', causePath: '$.error.Cause' });

  // Unconditional, as in the original: a retry after a lost response writes the same item again. Two starts of
  // one task in the same second share the key (taskId, whole seconds), so they share this item.
  const createItem = DynamoDB.putItem('CreateDynamoTaskItem', {
    table,
    item: { ...key, Status: DynamoAttribute.string('STARTED') },
    resultPath: null,
  }).addCatch(requestFailed);

  const longRunningTask = new Wait(waitStateName(waitSeconds), { time: WaitTime.seconds(waitSeconds) });

  // Without the condition, an update of a missing key would create a Done item for a task that never started.
  const updateItem = DynamoDB.updateItem('UpdateDynamoTaskItem', {
    table,
    key,
    updateExpression: 'SET #s = :val',
    conditionExpression: 'attribute_exists(taskId)',
    expressionAttributeNames: { '#s': 'Status' },
    expressionAttributeValues: { ':val': DynamoAttribute.string('Done') },
    returnValues: 'ALL_NEW',
    resultSelector: {
      taskId: JsonPath.stringAt('$.Attributes.taskId.S'),
      timestamp: Intrinsic.stringToJson(JsonPath.stringAt('$.Attributes.timestamp.N')),
      Status: JsonPath.stringAt('$.Attributes.Status.S'),
    },
  })
    .addCatch(notStarted, { errors: [CONDITION_FAILED] })
    .addCatch(requestFailed);

  // Rules are tried in order, so each type check only sees a value that is present.
  const validateInput = new Choice('ValidateInput', { comment: 'Refuse an input without a non-empty string taskId and a non-negative numeric timestamp' })
    .when(Condition.isNotPresent('$.taskId'), invalidInput)
    .when(Condition.isNotString('$.taskId'), invalidInput)
    .when(Condition.stringEquals('$.taskId', ''), invalidInput)
    .when(Condition.isNotPresent('$.timestamp'), invalidInput)
    .when(Condition.not(Condition.isNumeric('$.timestamp')), invalidInput)
    .when(Condition.numberLessThan('$.timestamp', 0), invalidInput)
    .otherwise(createItem);
  createItem.next(longRunningTask).next(updateItem);

  return new StateMachineDefinition({
    name,
    startWith: validateInput,
    timeoutSeconds: waitSeconds + TASK_STATUS_WRITE_MARGIN_SECONDS,
    comment: 'Records a task as STARTED, waits for the long-running work, then marks it Done',
  });
}
