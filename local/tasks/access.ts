import { randomUUID } from 'node:crypto';
import { LOCAL_ACCOUNT_ID } from '../aws-names';
import type { CallerAccess, Denied, Permission } from '../iam';
import { TaskError } from './common';

/**
 * What a Task's service call needs from the state machine's role, and how a denial fails the Task. The actions are
 * those of the Developer Guide's "IAM policies for …" page of each integration (lambda:invoke →
 * lambda:InvokeFunction on the function, qualified or not; dynamodb:putItem → dynamodb:PutItem on the table;
 * sns:publish → sns:Publish on the topic; states:startExecution → states:StartExecution on the state machine, and
 * for `.sync` the managed EventBridge rule and DescribeExecution on the child); the service then refuses as it
 * does for any caller.
 */

/** How one service answers a denied call, and how Step Functions names that answer. */
export interface DeniedShape {
  /** The Task's error: `Lambda.AWSLambdaException`, `DynamoDB.AmazonDynamoDBException`… */
  readonly error: string;
  /** The service's error code and HTTP status: AccessDeniedException 400 (DynamoDB), AuthorizationError 403 (SNS). */
  readonly code: string;
  readonly status: number;
  /** The service as the Cause names it: `AWSLambda`, `AmazonDynamoDBv2`. */
  readonly service: string;
  /**
   * The Cause's tail: an optimized integration's, written by the AWS SDK for Java 1.x (`(Service: X; Status Code:
   * N; Error Code: C; Request ID: …; Proxy: null)`), or an AWS SDK integration's, 2.x (`(Service: X, Status Code:
   * N, Request ID: …)`).
   */
  readonly sdk: 'v1' | 'v2';
}

export const DENIED: Record<'lambda' | 'dynamodb' | 'sns' | 'states', DeniedShape> = {
  lambda: { error: 'Lambda.AWSLambdaException', code: 'AccessDeniedException', status: 403, service: 'AWSLambda', sdk: 'v1' },
  dynamodb: { error: 'DynamoDB.AmazonDynamoDBException', code: 'AccessDeniedException', status: 400, service: 'AmazonDynamoDBv2', sdk: 'v1' },
  sns: { error: 'SNS.AuthorizationErrorException', code: 'AuthorizationError', status: 403, service: 'AmazonSNS', sdk: 'v1' },
  states: { error: 'StepFunctions.AWSStepFunctionsException', code: 'AccessDeniedException', status: 400, service: 'AWSStepFunctions', sdk: 'v1' },
};

/** An AWS SDK integration's denial: `<Prefix>.<the SDK v2 exception>`, e.g. `S3.S3Exception` with S3's 403 AccessDenied. */
export const SDK_DENIED: Record<string, DeniedShape> = {
  dynamodb: { error: 'DynamoDb.DynamoDbException', code: 'AccessDeniedException', status: 400, service: 'DynamoDb', sdk: 'v2' },
  s3: { error: 'S3.S3Exception', code: 'AccessDenied', status: 403, service: 'S3', sdk: 'v2' },
  sns: { error: 'Sns.AuthorizationErrorException', code: 'AuthorizationError', status: 403, service: 'Sns', sdk: 'v2' },
  sfn: { error: 'Sfn.SfnException', code: 'AccessDeniedException', status: 400, service: 'Sfn', sdk: 'v2' },
};

export function accessDeniedError(shape: DeniedShape, denied: Denied): TaskError {
  const id = randomUUID();
  const tail =
    shape.sdk === 'v1'
      ? `(Service: ${shape.service}; Status Code: ${shape.status}; Error Code: ${shape.code}; Request ID: ${id}; Proxy: null)`
      : `(Service: ${shape.service}, Status Code: ${shape.status}, Request ID: ${id})`;
  return new TaskError(shape.error, `${denied.message} ${tail}`);
}

/** Checks the permissions with the caller's access; a denial (in enforce mode) fails the Task as `shape` says. */
export async function requireAccess(access: CallerAccess, permissions: readonly Permission[], stateName: string, shape: DeniedShape): Promise<void> {
  const denied = await access.check(permissions, `state '${stateName}'`);
  if (denied) throw accessDeniedError(shape, denied);
}

/** A function name, `name:qualifier`, a partial ARN or an ARN → the ARN Lambda authorizes (with its qualifier). */
export function functionArn(region: string, functionName: string): string {
  if (functionName.startsWith('arn:')) return functionName;
  const partial = /^(\d{12}):function:(.+)$/.exec(functionName);
  if (partial) return `arn:aws:lambda:${region}:${partial[1]}:function:${partial[2]}`;
  return `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${functionName}`;
}

/** A table name or ARN → the table's ARN. */
export function tableArn(region: string, tableName: string): string {
  return tableName.startsWith('arn:') ? tableName : `arn:aws:dynamodb:${region}:${LOCAL_ACCOUNT_ID}:table/${tableName}`;
}

/** The EventBridge rule Step Functions manages for `.sync` integrations with Step Functions (Developer Guide). */
export function syncRuleArn(region: string): string {
  return `arn:aws:events:${region}:${LOCAL_ACCOUNT_ID}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`;
}
