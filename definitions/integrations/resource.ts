import type { PartitionedArn } from '../partition';

/**
 * How Step Functions calls a service (https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html):
 * REQUEST_RESPONSE moves on once the service answers; RUN_JOB (`.sync`) waits for the job it started to end;
 * WAIT_FOR_TASK_TOKEN (`.waitForTaskToken`) waits until the task token it passed on is sent back.
 */
export type IntegrationPattern = 'REQUEST_RESPONSE' | 'RUN_JOB' | 'WAIT_FOR_TASK_TOKEN';

const PATTERN_SUFFIX: Record<IntegrationPattern, string> = {
  REQUEST_RESPONSE: '',
  RUN_JOB: '.sync',
  WAIT_FOR_TASK_TOKEN: '.waitForTaskToken',
};

/**
 * The `Resource` of a service integration, `arn:<partition>:states:::<service>:<action><pattern suffix>`, e.g.
 * `arn:aws:states:::dynamodb:putItem` in us-east-1 and `arn:aws-cn:states:::dynamodb:putItem` in cn-north-1.
 * The one place that writes such an ARN: every integration (and Distributed Map reader and writer) asks it.
 */
export function integrationResource(service: string, action: string, pattern: IntegrationPattern = 'REQUEST_RESPONSE'): PartitionedArn {
  if (!/^[a-z0-9-]+$/.test(service) || !/^[A-Za-z0-9]+(:[A-Za-z0-9]+)?$/.test(action)) {
    throw new Error(
      `Integration resource '${service}:${action}' is invalid: give the service as Step Functions names it (e.g. 'dynamodb') and its action (e.g. 'putItem').`,
    );
  }
  const rest = `states:::${service}:${action}${PATTERN_SUFFIX[pattern]}`;
  return { arnIn: (partition) => `arn:${partition}:${rest}` };
}
