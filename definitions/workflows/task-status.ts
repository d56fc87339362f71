import { VALIDATION_ERROR } from '../../contracts/error-names';
import { MAX_TASK_ID_LENGTH } from '../../contracts/task-input';
import { DYNAMODB_CONDITION_FAILED, DynamoAttribute, DynamoDB, stringAttributeAt, type TableRef } from '../integrations/dynamodb';
import { Lambda, type FunctionRef } from '../integrations/lambda';
import { Intrinsic, JsonPath } from '../json-path';
import { StateMachineDefinition } from '../state-machine';
import { Fail } from '../states/terminal';
import { Wait, WaitTime } from '../states/wait';

/** Time the two writes and their retries may take on top of the wait, before the execution times out. */
export const TASK_STATUS_WRITE_MARGIN_SECONDS = 120;

export interface TaskStatusWorkflowProps {
  readonly name: string;
  /** The Region it is deployed to (config `region`): its partition goes into the Resource ARNs. */
  readonly region: string;
  /** The `Tasks` table: partition key `taskId` (S), sort key `timestamp` (N). */
  readonly table: TableRef;
  /**
   * Applies the starter's rule for taskId and timestamp to the execution input (lambdas/validate-task-input),
   * or throws a ValidationError.
   */
  readonly validateFunction: FunctionRef;
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
 * The `task-status` workflow: `CreateDynamoTaskItem` records the task as STARTED, the Wait stands in for the long-running work,
 * and `UpdateDynamoTaskItem` marks the same item Done. The output is the task's key and final status.
 *
 * `ValidateInput` comes first: the execution may be started without the starter function (StartExecution,
 * `--direct`), and its input must follow the same rule. It is a Task, not a Choice, because JSONPath Choice
 * rules cannot state the rule exactly (no character class, no string length, no integer test); one Task costs
 * the same state transition a Choice did, plus one short Lambda invocation.
 */
export function taskStatusWorkflow({ name, region, table, validateFunction, waitSeconds = 30 }: TaskStatusWorkflowProps): StateMachineDefinition {
  const key = {
    taskId: stringAttributeAt('$.taskId'),
    timestamp: DynamoAttribute.number(JsonPath.numberAt('$.timestamp')),
  };

  // The cause is the validation function's error document: it names each problem and shows a valid input.
  const invalidInput = new Fail('InvalidInput', { error: 'InvalidInput', causePath: '$.Cause' });
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
    .addCatch(notStarted, { errors: [DYNAMODB_CONDITION_FAILED] })
    .addCatch(requestFailed);

  const validateInput = Lambda.invoke('ValidateInput', {
    comment: `Refuse an input that breaks the starter's rule: taskId 1-${MAX_TASK_ID_LENGTH} of A-Z a-z 0-9 - _, timestamp whole unix seconds`,
    function: validateFunction,
    // The execution input from the context object, and a Catch that replaces the state: the input may be null
    // (a path applied to it fails with States.Runtime) or not an object (ResultPath '$.error' fails with
    // States.ResultPathMatchFailure); neither could be caught. Other errors (the function could not run, after
    // the Lambda retries) fail the execution under their own name.
    payload: JsonPath.at('$$.Execution.Input'),
    resultPath: null,
  })
    // What validate-task-input throws for an input that breaks the rule (contracts/error-names.ts).
    .addCatch(invalidInput, { errors: [VALIDATION_ERROR], resultPath: '$' });
  validateInput.next(createItem).next(longRunningTask).next(updateItem);

  return new StateMachineDefinition({
    name,
    region,
    startWith: validateInput,
    timeoutSeconds: waitSeconds + TASK_STATUS_WRITE_MARGIN_SECONDS,
    comment: 'Records a task as STARTED, waits for the long-running work, then marks it Done',
  });
}
