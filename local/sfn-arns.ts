import { SfnApiError } from './emulators/sfn-api';

/**
 * The ARN shapes the Step Functions API takes, and the InvalidArn it answers for anything else (a string that is
 * no ARN, or an ARN of another resource type: an execution ARN where a state machine's is wanted, say).
 */
const STATE_MACHINE = /^arn:aws:states:[a-z0-9-]+:\d{12}:stateMachine:[^:\s]{1,80}$/;
/** Standard (`execution`) and Express (`express`) executions; an Express one may carry a third, unique part. */
const EXECUTION = /^arn:aws:states:[a-z0-9-]+:\d{12}:(execution|express):[^:\s]{1,80}:[^:\s]{1,80}(:[^:\s]+)?$/;

/** `…:mapRun:<machine>/<label>:<map run id>` (a Map Run of a Distributed Map). */
const MAP_RUN = /^arn:aws:states:[a-z0-9-]+:\d{12}:mapRun:[^:\s]+\/[^:\s]+:[^:\s]+$/;

export function assertStateMachineArn(arn: string): void {
  if (!STATE_MACHINE.test(arn)) throw invalidArn(arn);
}

export function assertExecutionArn(arn: string): void {
  if (!EXECUTION.test(arn)) throw invalidArn(arn);
}

export function assertMapRunArn(arn: string): void {
  if (!MAP_RUN.test(arn)) throw invalidArn(arn);
}

function invalidArn(arn: string): SfnApiError {
  const why = arn.startsWith('arn:') ? `Resource type not valid in this context: ${arn}` : `Invalid ARN prefix: ${arn}`;
  return new SfnApiError('InvalidArn', `Invalid Arn: '${why}'`);
}
