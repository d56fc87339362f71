import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { TABLE_NAME_VARIABLE } from '../../contracts/env-vars';
import { requiredEnv } from '../orders/env';
import { answer, type ProxyEvent, type ProxyResult } from '../shared/http';
import { createLogger } from '../shared/logger';
import { readOrder } from './read-order';

const logger = createLogger('get_item');
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** GET /order (Lambda proxy). */
export async function handler(event: ProxyEvent, context: Context): Promise<ProxyResult> {
  logger.addContext(context);
  return answer(logger, event, () => readOrder({ db, tableName: requiredEnv(TABLE_NAME_VARIABLE) }, event));
}
