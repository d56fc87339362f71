import { SFNClient } from '@aws-sdk/client-sfn';
import type { Context } from 'aws-lambda';
import { STATE_MACHINE_ARN_VARIABLE } from '../../contracts/env-vars';
import { ConfigurationError } from '../shared/errors';
import { createLogger, invocationFailed } from '../shared/logger';
import { startTask, type StartTaskResult } from './start-task';

const logger = createLogger('start-task');
const sfn = new SFNClient({});

/** `{"taskId": "<id>"}` → starts the task-status workflow → `{executionArn, executionName, taskId, timestamp}`. */
export async function handler(event: unknown, context: Context): Promise<StartTaskResult> {
  logger.addContext(context);
  const stateMachineArn = process.env[STATE_MACHINE_ARN_VARIABLE];
  if (!stateMachineArn) {
    throw invocationFailed(logger, 'No execution started', new ConfigurationError(`${STATE_MACHINE_ARN_VARIABLE} is not set. Deploy the function with the task-status stack, which sets it to the state machine's ARN.`), context.awsRequestId);
  }
  try {
    const result = await startTask({ sfn, stateMachineArn }, event);
    // `timestamp` is a reserved key of the log record, so the task's timestamp is logged under another name.
    const { timestamp: taskTimestamp, ...started } = result;
    logger.info('Task started', { ...started, taskTimestamp });
    return result;
  } catch (err) {
    throw invocationFailed(logger, 'No execution started', err, context.awsRequestId);
  }
}
