import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { TABLE_NAME_VARIABLE } from '../../contracts/env-vars';
import { requiredEnv } from '../orders/env';
import { createLogger, invocationFailed } from '../shared/logger';
import { placeOrder, type PlaceOrderResult } from './place-order';

const logger = createLogger('put_item');
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** task_put_item: `{"order": {...}}` → stores the order → `{"order": <stored order>}`. */
export async function handler(event: unknown, context: Context): Promise<PlaceOrderResult> {
  logger.addContext(context);
  try {
    const result = await placeOrder({ db, tableName: requiredEnv(TABLE_NAME_VARIABLE) }, event);
    logger.info('Order stored', { accountid: result.order.accountid, vendorid: result.order.vendorid, orderdate: result.order.orderdate });
    return result;
  } catch (err) {
    throw invocationFailed(logger, 'Order not stored', err, context.awsRequestId);
  }
}
