import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import { requiredEnv, TABLE_NAME_VARIABLE } from '../orders/env';
import { answer, type ProxyEvent, type ProxyResult } from '../orders/http';
import { createLogger } from '../shared/logger';
import { collectOrder } from './collect-order';

const logger = createLogger('delete_item');
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

type LambdaContext = Parameters<Logger['addContext']>[0];

/** DELETE /order (Lambda proxy): collects (completes) the order. */
export async function handler(event: ProxyEvent, context?: LambdaContext): Promise<ProxyResult> {
  if (context) logger.addContext(context);
  return answer(logger, event, () => collectOrder({ db, tableName: requiredEnv(TABLE_NAME_VARIABLE) }, event));
}
