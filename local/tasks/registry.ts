import { LocalSetupError } from '../errors';
import { AWS_SDK_SERVICES, awsSdkTask, isAwsSdkCall } from './aws-sdk';
import type { TaskHandler } from './common';
import { dynamoDbTask, isDynamoDbAction } from './dynamodb';
import { lambdaDirect, lambdaInvoke } from './lambda';
import type { LocalServices, TaskCaller } from './services';
import { snsPublish } from './sns';
import { startExecutionTask } from './states';

/** Makes the local handler of one Task state once the services are up; its calls are made as `caller`. */
export type TaskFactory = (services: LocalServices, caller: TaskCaller) => TaskHandler;

/** The Task resources the runner can serve, with the integration patterns each supports, for the refusal message. */
export const SUPPORTED_RESOURCES = [
  'arn:aws:states:::lambda:invoke[.waitForTaskToken]',
  'arn:aws:lambda:<region>:<account>:function:<name>',
  'arn:aws:states:::dynamodb:putItem|getItem|updateItem|deleteItem',
  'arn:aws:states:::sns:publish[.waitForTaskToken]',
  'arn:aws:states:::states:startExecution[.sync|.sync:2|.waitForTaskToken]',
  'arn:aws:states:::s3:putObject|getObject',
  `arn:aws:states:::aws-sdk:<${AWS_SDK_SERVICES.join('|')}>:<action>[.waitForTaskToken]`,
];

type Pattern = '' | '.sync' | '.sync:2' | '.waitForTaskToken';

/**
 * Finds the local handler for a Task's Resource, or refuses it before anything runs: an unknown resource must never
 * fall through to something that calls AWS. With `.waitForTaskToken` the handler makes the call (the token is in the
 * parameters where the definition put `$$.Task.Token`) and the engine then waits for SendTaskSuccess/Failure; with
 * `.sync`/`.sync:2` (startExecution) the handler itself waits for the child execution.
 */
export function planTask(resource: string, stateName: string, machineName: string): TaskFactory {
  const [, base, suffix] = /^(.*?)(\.sync:2|\.sync|\.waitForTaskToken)?$/.exec(resource)!;
  const pattern = (suffix ?? '') as Pattern;
  const factory = factoryFor(base, pattern, stateName);
  if (factory) return factory;
  const why =
    pattern && factoryFor(base, '', stateName)
      ? `the ${pattern} integration pattern is not supported locally for this resource (AWS supports it only where the list below says so)`
      : 'the local runner has no stand-in for this service call';
  throw new LocalSetupError(
    `State machine '${machineName}', state '${stateName}': Resource ${resource} cannot run locally: ${why}. ` +
      `Supported resources: ${SUPPORTED_RESOURCES.join(', ')}.`,
  );
}

function factoryFor(resource: string, pattern: Pattern, stateName: string): TaskFactory | undefined {
  const requestResponse = pattern === '';
  const callback = requestResponse || pattern === '.waitForTaskToken';
  if (resource === 'arn:aws:states:::lambda:invoke' && callback) return (s, c) => lambdaInvoke(s, c, stateName);
  if (resource === 'arn:aws:states:::sns:publish' && callback) return (s, c) => snsPublish(s, c, stateName);
  if (resource === 'arn:aws:states:::states:startExecution') {
    if (callback) return (s, c) => startExecutionTask(s, c, stateName);
    return (s, c) => startExecutionTask(s, c, stateName, pattern === '.sync' ? 'sync' : 'sync:2');
  }
  const sdk = /^arn:aws:states:::aws-sdk:([a-z0-9]+):([A-Za-z0-9]+)$/.exec(resource);
  if (sdk && callback && isAwsSdkCall(sdk[1], sdk[2])) return (s, c) => awsSdkTask(s, c, sdk[1], sdk[2], stateName);
  if (!requestResponse) return undefined;

  if (/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/.test(resource)) return (s, c) => lambdaDirect(s, c, resource, stateName);
  const dynamo = /^arn:aws:states:::dynamodb:([A-Za-z]+)$/.exec(resource);
  if (dynamo && isDynamoDbAction(dynamo[1])) {
    const action = dynamo[1];
    return (s, c) => dynamoDbTask(s, c, action, stateName);
  }
  const s3 = /^arn:aws:states:::s3:(putObject|getObject)$/.exec(resource);
  if (s3) return (s, c) => awsSdkTask(s, c, 's3', s3[1], stateName);
  return undefined;
}
