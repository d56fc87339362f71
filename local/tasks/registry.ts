import { LocalSetupError } from '../errors';
import { AWS_SDK_SERVICES, awsSdkTask, isAwsSdkCall } from './aws-sdk';
import type { TaskHandler } from './common';
import { dynamoDbTask, isDynamoDbAction } from './dynamodb';
import { lambdaDirect, lambdaInvoke } from './lambda';
import type { LocalServices } from './services';
import { snsPublish } from './sns';
import { startExecutionTask } from './states';

/** Makes the local handler of one Task state once the services are up. */
export type TaskFactory = (services: LocalServices) => TaskHandler;

/** The Task resources the runner can serve, for the error message that refuses the others. */
export const SUPPORTED_RESOURCES = [
  'arn:aws:states:::lambda:invoke',
  'arn:aws:lambda:<region>:<account>:function:<name>',
  'arn:aws:states:::dynamodb:putItem|getItem|updateItem|deleteItem',
  'arn:aws:states:::sns:publish',
  'arn:aws:states:::states:startExecution',
  'arn:aws:states:::s3:putObject|getObject',
  `arn:aws:states:::aws-sdk:<${AWS_SDK_SERVICES.join('|')}>:<action>`,
];

/**
 * Finds the local handler for a Task's Resource, or refuses it before anything runs: an unknown resource must
 * never fall through to the interpreter, whose default is to call the real Lambda service.
 */
export function planTask(resource: string, stateName: string, machineName: string): TaskFactory {
  const factory = factoryFor(resource, stateName);
  if (factory) return factory;
  const pattern = /\.(sync(:2)?|waitForTaskToken)$/.exec(resource);
  const why = pattern
    ? `the ${pattern[0]} integration pattern is not supported locally (only request-response)`
    : 'the local runner has no stand-in for this service call';
  throw new LocalSetupError(
    `State machine '${machineName}', state '${stateName}': Resource ${resource} cannot run locally: ${why}. ` +
      `Supported resources: ${SUPPORTED_RESOURCES.join(', ')}.`,
  );
}

function factoryFor(resource: string, stateName: string): TaskFactory | undefined {
  if (resource === 'arn:aws:states:::lambda:invoke') return (s) => lambdaInvoke(s, stateName);
  if (/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/.test(resource)) return (s) => lambdaDirect(s, resource);
  if (resource === 'arn:aws:states:::sns:publish') return (s) => snsPublish(s, stateName);
  if (resource === 'arn:aws:states:::states:startExecution') return (s) => startExecutionTask(s, stateName);

  const dynamo = /^arn:aws:states:::dynamodb:([A-Za-z]+)$/.exec(resource);
  if (dynamo && isDynamoDbAction(dynamo[1])) {
    const action = dynamo[1];
    return (s) => dynamoDbTask(s, action, stateName);
  }
  const s3 = /^arn:aws:states:::s3:(putObject|getObject)$/.exec(resource);
  if (s3) return (s) => awsSdkTask(s, 's3', s3[1], stateName);
  const sdk = /^arn:aws:states:::aws-sdk:([a-z0-9]+):([A-Za-z0-9]+)$/.exec(resource);
  if (sdk && isAwsSdkCall(sdk[1], sdk[2])) return (s) => awsSdkTask(s, sdk[1], sdk[2], stateName);
  return undefined;
}
