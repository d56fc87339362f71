import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ID_PATTERN } from '../../contracts/order-catalog';
import { HttpError, jsonResponse, requiredQueryParameter, type ProxyEvent, type ProxyResult } from '../shared/http';

export interface ReadOrderDeps {
  readonly db: Pick<DynamoDBDocumentClient, 'send'>;
  readonly tableName: string;
}

const ID = new RegExp(ID_PATTERN);
const EXAMPLE = "'?accountid=a0&vendorid=v0'";

/** The (accountid, vendorid) of GET and DELETE /order, or a 400 that says what to send. */
export function orderKeyOf(event: ProxyEvent): { accountid: string; vendorid: string } {
  return {
    accountid: requiredQueryParameter(event, 'accountid', ID, EXAMPLE),
    vendorid: requiredQueryParameter(event, 'vendorid', ID, EXAMPLE),
  };
}

/** GET /order?accountid=&vendorid= → 200 with the stored order as plain JSON, or 404. */
export async function readOrder(deps: ReadOrderDeps, event: ProxyEvent): Promise<ProxyResult> {
  const key = orderKeyOf(event);
  // Strongly consistent: a client reads its order back right after the workflow stored it.
  const { Item } = await deps.db.send(new GetCommand({ TableName: deps.tableName, Key: key, ConsistentRead: true }));
  if (!Item) {
    throw new HttpError(
      404,
      `Account '${key.accountid}' has no active order at vendor '${key.vendorid}'. It may not be stored yet (try again in a few seconds), may have failed, or was collected.`,
    );
  }
  return jsonResponse(200, Item);
}
