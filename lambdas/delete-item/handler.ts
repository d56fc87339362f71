import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { TABLE_NAME_VARIABLE } from '../../contracts/env-vars';
import { requiredEnv } from '../orders/env';
import { answer, type ProxyEvent, type ProxyResult } from '../shared/http';
import { createLogger } from '../shared/logger';
import { collectOrder } from './collect-order';

const logger = createLogger('delete_item');
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** DELETE /order (Lambda proxy): collects (completes) the order. */
export async function handler(event: ProxyEvent, context: Context): Promise<ProxyResult> {
  logger.addContext(context);
  return answer(logger, event, () => collectOrder({ db, tableName: requiredEnv(TABLE_NAME_VARIABLE) }, event));
}
