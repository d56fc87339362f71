import type { DescribedExecution } from './sfn-service';

/**
 * Whether a Standard execution can be redriven, as DescribeExecution answers it (API_DescribeExecution:
 * `redriveCount`, `redriveStatus`, `redriveStatusReason`): RUNNING and SUCCEEDED executions are NOT_REDRIVABLE with
 * AWS's reason; FAILED, TIMED_OUT and ABORTED ones are REDRIVABLE for 14 days after they stopped (API_RedriveExecution:
 * "executions … that didn't complete successfully in the last 14 days"), then NOT_REDRIVABLE. `redriveCount` is 0 until an
 * execution has been redriven.
 */
export interface RedriveFields {
  readonly redriveCount: number;
  readonly redriveStatus: 'REDRIVABLE' | 'NOT_REDRIVABLE';
  /** Set only when NOT_REDRIVABLE, as AWS sends it. */
  readonly redriveStatusReason?: string;
}

const REDRIVABLE_FOR_MS = 14 * 24 * 60 * 60 * 1000;
const ENDED_REDRIVABLE = ['FAILED', 'TIMED_OUT', 'ABORTED'];

export function redriveFields(execution: Pick<DescribedExecution, 'status' | 'stopDate'>, redriveCount = 0, now: Date = new Date()): RedriveFields {
  const { status, stopDate } = execution;
  if (!ENDED_REDRIVABLE.includes(status)) {
    return { redriveCount, redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: `Execution is ${status} and cannot be redriven` };
  }
  if (stopDate && now.getTime() - stopDate.getTime() > REDRIVABLE_FOR_MS) {
    return { redriveCount, redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Execution redrivable period exceeded' };
  }
  return { redriveCount, redriveStatus: 'REDRIVABLE' };
}
