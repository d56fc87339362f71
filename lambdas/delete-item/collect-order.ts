import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ORDER_DATE_PATTERN } from '../../contracts/order-catalog';
import { awsErrorName } from '../orders/errors';
import { HttpError, jsonResponse, type ProxyEvent, type ProxyResult } from '../shared/http';
import { orderKeyOf } from '../get-item/read-order';

const ORDER_DATE = new RegExp(ORDER_DATE_PATTERN);

export interface CollectOrderDeps {
  readonly db: Pick<DynamoDBDocumentClient, 'send'>;
  readonly tableName: string;
}

/**
 * DELETE /order?accountid=&vendorid=[&orderdate=]: the customer collected the coffee, so the order is no longer
 * active and a new one may be placed at this vendor. The invoice stays. 200 with the collected order, or 404.
 *
 * With `orderdate`, only the order placed at that date is collected: a client that collects the order it placed
 * never removes a newer one that replaced it in the meantime (409, nothing changed). The check and the delete
 * are one conditional DeleteItem, so nothing can slip in between.
 */
export async function collectOrder(deps: CollectOrderDeps, event: ProxyEvent): Promise<ProxyResult> {
  const key = orderKeyOf(event);
  const orderdate = event.queryStringParameters?.orderdate;
  if (orderdate !== undefined && !ORDER_DATE.test(orderdate)) {
    throw new HttpError(400, `The query parameter 'orderdate' (${JSON.stringify(orderdate.slice(0, 40))}) is not an order date, e.g. '2022-04-08 09:55:58.123456'; leave it out to collect whatever order is active.`);
  }
  try {
    const { Attributes } = await deps.db.send(
      new DeleteCommand({
        TableName: deps.tableName,
        Key: key,
        ...(orderdate === undefined
          ? { ConditionExpression: 'attribute_exists(accountid)' }
          : { ConditionExpression: 'orderdate = :orderdate', ExpressionAttributeValues: { ':orderdate': orderdate } }),
        ReturnValues: 'ALL_OLD',
        // On a failed condition, the item that is there (if any) tells "nothing to collect" from "another order".
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return jsonResponse(200, { message: `Order collected. Account '${key.accountid}' may order from vendor '${key.vendorid}' again.`, order: Attributes });
  } catch (err) {
    if (awsErrorName(err) === 'ConditionalCheckFailedException') {
      const active = (err as { Item?: { orderdate?: { S?: string } } }).Item?.orderdate?.S;
      if (orderdate !== undefined && active !== undefined) {
        throw new HttpError(
          409,
          `The active order of account '${key.accountid}' at vendor '${key.vendorid}' was placed ${active}, not ${orderdate}; it was not collected. Leave orderdate out to collect it anyway.`,
        );
      }
      throw new HttpError(404, `Account '${key.accountid}' has no active order at vendor '${key.vendorid}' to collect.`);
    }
    throw err;
  }
}
