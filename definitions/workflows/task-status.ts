import { VALIDATION_ERROR } from '../../contracts/error-names';
import { MAX_TASK_ID_LENGTH } from '../../contracts/task-input';
import { DYNAMODB_CONDITION_FAILED, DynamoAttribute, DynamoDB, stringAttributeAt, type TableRef } from '../integrations/dynamodb';
import { Lambda, type FunctionRef } from '../integrations/lambda';
import { Intrinsic, JsonPath } from '../json-path';
import { jsonata, states, Variable } from '../jsonata';
import { StateMachineDefinition } from '../state-machine';
import type { QueryLanguage } from '../states/state';
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
  /** The language the definition is written in (config `queryLanguage`). @default 'JSONPath' (the original's definition) */
  readonly queryLanguage?: QueryLanguage;
}

const TASK_NOT_STARTED_CAUSE =
  'The task item was not in the table when it was to be marked Done (it was deleted during the wait), so no item was created. ' +
  'Start the task again.';
const VALIDATE_COMMENT = `Refuse an input that breaks the starter's rule: taskId 1-${MAX_TASK_ID_LENGTH} of A-Z a-z 0-9 - _, timestamp whole unix seconds`;
const COMMENT = 'Records a task as STARTED, waits for the long-running work, then marks it Done';

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
export function taskStatusWorkflow(props: TaskStatusWorkflowProps): StateMachineDefinition {
  return props.queryLanguage === 'JSONata' ? jsonataWorkflow(props) : jsonPathWorkflow(props);
}

function jsonPathWorkflow({ name, region, table, validateFunction, waitSeconds = 30 }: TaskStatusWorkflowProps): StateMachineDefinition {
  const key = {
    taskId: stringAttributeAt('$.taskId'),
    timestamp: DynamoAttribute.number(JsonPath.numberAt('$.timestamp')),
  };

  // The cause is the validation function's error document: it names each problem and shows a valid input.
  const invalidInput = new Fail('InvalidInput', { error: 'InvalidInput', causePath: '$.Cause' });
  const notStarted = new Fail('TaskNotStarted', { error: 'TaskNotStarted', cause: TASK_NOT_STARTED_CAUSE });
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
    comment: VALIDATE_COMMENT,
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
    comment: COMMENT,
  });
}

/**
 * The same workflow in JSONata, with the same states. `ValidateInput` stays a function: a JSONata Condition could
 * state the rule, but the function's error document (each problem named, as the starter names it) is the
 * execution's cause, and the rule would then be written twice. What JSONata changes: the validated `taskId` and
 * `timestamp` become workflow variables (`Assign`), so each write reads `$taskId`/`$timestamp` whatever the state
 * input, no state parks a result in the input (`ResultPath: null`), and the final output is one `Output` expression
 * (`$number` where the JSONPath rendering needs `States.StringToJson`).
 */
function jsonataWorkflow({ name, region, table, validateFunction, waitSeconds = 30 }: TaskStatusWorkflowProps): StateMachineDefinition {
  const taskId = Variable.ref('taskId');
  const timestamp = Variable.ref('timestamp');
  const key = { taskId: DynamoAttribute.string(taskId), timestamp: DynamoAttribute.number(timestamp) };

  const invalidInput = new Fail('InvalidInput', { error: 'InvalidInput', cause: states.input.at('Cause') });
  const notStarted = new Fail('TaskNotStarted', { error: 'TaskNotStarted', cause: TASK_NOT_STARTED_CAUSE });
  const requestFailed = new Fail('DynamoDBRequestFailed', { error: states.input.at('Error'), cause: states.input.at('Cause') });

  const createItem = DynamoDB.putItem('CreateDynamoTaskItem', { table, item: { ...key, Status: DynamoAttribute.string('STARTED') } }).addCatch(requestFailed);
  const longRunningTask = new Wait(waitStateName(waitSeconds), { time: WaitTime.seconds(waitSeconds) });
  const attribute = (field: string) => states.result.at(`Attributes.${field}`);
  const updateItem = DynamoDB.updateItem('UpdateDynamoTaskItem', {
    table,
    key,
    updateExpression: 'SET #s = :val',
    conditionExpression: 'attribute_exists(taskId)',
    expressionAttributeNames: { '#s': 'Status' },
    expressionAttributeValues: { ':val': DynamoAttribute.string('Done') },
    returnValues: 'ALL_NEW',
    output: { taskId: attribute('taskId.S'), timestamp: jsonata(`$number(${attribute('timestamp.N')})`), Status: attribute('Status.S') },
  })
    .addCatch(notStarted, { errors: [DYNAMODB_CONDITION_FAILED] })
    .addCatch(requestFailed);

  // The whole input goes to the function (null, an array or a string included: JSONata has no path to fail on);
  // a catcher passes the error output on, whose Cause is the function's error document.
  const validateInput = Lambda.invoke('ValidateInput', {
    comment: VALIDATE_COMMENT,
    function: validateFunction,
    assign: { taskId: states.result.at('Payload.taskId'), timestamp: states.result.at('Payload.timestamp') },
  }).addCatch(invalidInput, { errors: [VALIDATION_ERROR] });
  validateInput.next(createItem).next(longRunningTask).next(updateItem);

  return new StateMachineDefinition({
    name,
    region,
    startWith: validateInput,
    timeoutSeconds: waitSeconds + TASK_STATUS_WRITE_MARGIN_SECONDS,
    comment: COMMENT,
    queryLanguage: 'JSONata',
  });
}
