import type { Context } from 'aws-lambda';
import { parseEvent } from '../shared/errors';
import { createLogger, invocationFailed } from '../shared/logger';
import { taskExecutionInputSchema, type TaskExecutionInput } from '../start-task/task-execution';

const logger = createLogger('validate-task-input');

/**
 * ValidateInput, the task-status workflow's first state: the execution input must follow the starter's rule
 * (contracts/task-input.ts, in the schemas of lambdas/start-task/task-execution.ts), whoever started the
 * execution. Answers `{taskId, timestamp}`, or throws a ValidationError that names each problem (the workflow
 * fails as InvalidInput with it).
 */
export async function handler(event: unknown, context: Context): Promise<TaskExecutionInput> {
  logger.addContext(context);
  try {
    return parseEvent(taskExecutionInputSchema, event, 'task-status execution input');
  } catch (err) {
    throw invocationFailed(logger, 'Execution input refused', err, context.awsRequestId);
  }
}
