import type { Context } from 'aws-lambda';
import { publicError, ValidationError } from '../shared/errors';
import { createLogger } from '../shared/logger';
import type { PlainValue } from './dynamodb-json';
import { processItem } from './process-item';

const logger = createLogger('process-item');

/**
 * `{"item": …, "index": n, "encoding": "dynamodb" | "plain"}` → logs the item → returns it as plain JSON
 * (`{"S": "Economics"}` becomes `"Economics"`), so the Map's output is the processed list itself.
 */
export async function handler(event: unknown, context: Context): Promise<PlainValue> {
  logger.addContext(context);
  try {
    const processed = processItem(event);
    logger.info('Processing item', { ...processed });
    return processed.value;
  } catch (err) {
    if (err instanceof ValidationError) logger.warn('Event rejected', { reason: err.message, event: event as Record<string, unknown> });
    else logger.error('Could not process the item', err as Error);
    throw publicError(err, context.awsRequestId);
  }
}
