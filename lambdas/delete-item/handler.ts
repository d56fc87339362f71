import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { requiredEnv, TABLE_NAME_VARIABLE } from '../orders/env';
import { answer, type ProxyEvent, type ProxyResult } from '../orders/http';
import { createLogger } from '../shared/logger';
import { collectOrder } from './collect-order';

const logger = createLogger('delete_item');
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** DELETE /order (Lambda proxy): collects (completes) the order. */
export async function handler(event: ProxyEvent, context: Context): Promise<ProxyResult> {
  logger.addContext(context);
  return answer(logger, event, () => collectOrder({ db, tableName: requiredEnv(TABLE_NAME_VARIABLE) }, event));
}
