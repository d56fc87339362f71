import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsErrorName } from '../orders/errors';
import { HttpError, jsonResponse, type ProxyEvent, type ProxyResult } from '../orders/http';
import { orderKeyOf } from '../get-item/read-order';

export interface CollectOrderDeps {
  readonly db: Pick<DynamoDBDocumentClient, 'send'>;
  readonly tableName: string;
}

/**
 * DELETE /order?accountid=&vendorid=: the customer collected the coffee, so the order is no longer active and
 * a new one may be placed at this vendor. The invoice stays. 200 with the collected order, or 404.
 */
export async function collectOrder(deps: CollectOrderDeps, event: ProxyEvent): Promise<ProxyResult> {
  const key = orderKeyOf(event);
  try {
    const { Attributes } = await deps.db.send(
      new DeleteCommand({ TableName: deps.tableName, Key: key, ConditionExpression: 'attribute_exists(accountid)', ReturnValues: 'ALL_OLD' }),
    );
    return jsonResponse(200, { message: `Order collected. Account '${key.accountid}' may order from vendor '${key.vendorid}' again.`, order: Attributes });
  } catch (err) {
    if (awsErrorName(err) === 'ConditionalCheckFailedException') {
      throw new HttpError(404, `Account '${key.accountid}' has no active order at vendor '${key.vendorid}' to collect.`);
    }
    throw err;
  }
}
