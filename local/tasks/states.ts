import type { DescribedExecution } from '../emulators/sfn-api';
import { DENIED, requireAccess, syncRuleArn } from './access';
import { asObject, integrationError, TaskError, withSdkMetadata, type ServiceErrors, type TaskHandler } from './common';
import type { LocalServices, TaskCaller } from './services';

/** The Step Functions SDK, loaded at a stack's first StartExecution Task. */
const sfnSdk = () => require('@aws-sdk/client-sfn') as typeof import('@aws-sdk/client-sfn');

const ERRORS: ServiceErrors = {
  prefix: 'StepFunctions',
  service: 'AWSStepFunctions',
  generic: 'AWSStepFunctionsException',
  unmodeled: new Set(['ValidationException', 'SerializationException', 'UnknownOperationException']),
  // The Java SDK names them with an Exception suffix: StepFunctions.ExecutionAlreadyExistsException.
  suffixException: true,
};

/** `.sync` answers the child's Input and Output as JSON text, `.sync:2` as JSON values. */
export type SyncFlavour = 'sync' | 'sync:2';

/**
 * `arn:aws:states:::states:startExecution` (request-response and `.waitForTaskToken`): starts a local execution
 * and answers at once with StartExecution's response. With `sync`, waits for the child execution to end (Developer
 * Guide, "Start a new AWS Step Functions state machine from a running execution"; "Run a Job (.sync)").
 */
export function startExecutionTask(services: LocalServices, caller: TaskCaller, stateName: string, sync?: SyncFlavour): TaskHandler {
  return async (input, signal) => {
    const { StateMachineArn, Name, Input } = asObject(input, stateName);
    // `.sync` also needs the EventBridge rule Step Functions manages for it (Developer Guide, "IAM policies for
    // calling AWS Step Functions"); DescribeExecution on the child is checked once its ARN exists.
    const rule = syncRuleArn(caller.region);
    const needed = [
      { action: 'states:StartExecution', resourceArn: String(StateMachineArn).replace(/#.*$/, '') },
      ...(sync ? ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'].map((action) => ({ action, resourceArn: rule })) : []),
    ];
    await requireAccess(caller.access, needed, stateName, DENIED.states);
    let started;
    try {
      started = await services.sfn.send(
        new (sfnSdk().StartExecutionCommand)({
          stateMachineArn: String(StateMachineArn),
          ...(Name !== undefined && { name: String(Name) }),
          ...(Input !== undefined && { input: typeof Input === 'string' ? Input : JSON.stringify(Input) }),
        }),
      );
    } catch (err) {
      throw integrationError(ERRORS, err);
    }
    const { $metadata, executionArn, startDate } = started;
    if (!sync) return withSdkMetadata({ $metadata, ExecutionArn: executionArn, StartDate: startDate?.toISOString() }, 'application/x-amz-json-1.0');
    await requireAccess(caller.access, [{ action: 'states:DescribeExecution', resourceArn: executionArn! }], stateName, DENIED.states);
    return waitForChild(services, executionArn!, sync, signal);
  };
}

/**
 * Waits for the child and answers DescribeExecution's response in the integration's shape: PascalCase members in
 * alphabetical order, dates in epoch milliseconds. A child that did not succeed fails the Task with
 * States.TaskFailed and that same response as the cause. When the Task stops waiting (its timeout, the parent
 * stopped), the child is stopped, as Step Functions stops the job a `.sync` Task manages.
 */
async function waitForChild(services: LocalServices, executionArn: string, sync: SyncFlavour, signal: AbortSignal): Promise<unknown> {
  const onAbort = (): void => services.executions.stop(executionArn, undefined, 'The Task state which was managing this execution was aborted.');
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const child = await services.executions.waitForEnd(executionArn);
    const answer = syncAnswer(child, sync);
    if (child.status !== 'SUCCEEDED') throw new TaskError('States.TaskFailed', JSON.stringify(answer));
    return answer;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

export function syncAnswer(child: DescribedExecution, sync: SyncFlavour): Record<string, unknown> {
  const value = (text: string | undefined): unknown => (sync === 'sync:2' && text !== undefined ? JSON.parse(text) : text);
  return {
    ...(child.cause !== undefined && { Cause: child.cause }),
    ...(child.error !== undefined && { Error: child.error }),
    ExecutionArn: child.executionArn,
    Input: value(child.input),
    InputDetails: { Included: true },
    Name: child.name,
    ...(child.output !== undefined && { Output: value(child.output), OutputDetails: { Included: true } }),
    // Recorded for a succeeded child; what AWS writes for a failed one (redrivable or not) is not documented.
    ...(child.status === 'SUCCEEDED' && { RedriveCount: 0, RedriveStatus: 'NOT_REDRIVABLE', RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven' }),
    StartDate: child.startDate.getTime(),
    StateMachineArn: child.stateMachineArn,
    Status: child.status,
    ...(child.stopDate && { StopDate: child.stopDate.getTime() }),
  };
}
