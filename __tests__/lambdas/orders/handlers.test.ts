import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { collectOrder } from '../../../lambdas/delete-item/collect-order';
import { readOrder } from '../../../lambdas/get-item/read-order';
import { invoiceUrl } from '../../../lambdas/get-object/invoice-url';
import { InvoiceNotStored, OrderAlreadyActive, OrderNotStored } from '../../../lambdas/orders/errors';
import { answer, corsHeaders, HttpError } from '../../../lambdas/shared/http';
import { createLogger } from '../../../lambdas/shared/logger';
import type { StoredOrder } from '../../../lambdas/orders/order';
import { writeInvoice } from '../../../lambdas/put-object/write-invoice';
import { placeOrder } from '../../../lambdas/put-item/place-order';
import { ValidationError } from '../../../lambdas/shared/errors';
import { notebookOrder } from '../../support/orders';

/** A DynamoDB document client stand-in with the one table's items, keyed by accountid/vendorid. */
function fakeTable() {
  const items = new Map<string, Record<string, unknown>>();
  const keyOf = (k: Record<string, unknown>) => `${k.accountid}/${k.vendorid}`;
  const conditionFailed = (old?: Record<string, unknown>) =>
    Object.assign(new Error('The conditional request failed'), {
      name: 'ConditionalCheckFailedException',
      ...(old && { Item: marshall(old) }),
    });
  const db = {
    send: jest.fn(async (command: unknown) => {
      if (command instanceof PutCommand) {
        const item = command.input.Item as Record<string, unknown>;
        const old = items.get(keyOf(item));
        if (old && command.input.ConditionExpression === 'attribute_not_exists(accountid)') throw conditionFailed(old);
        items.set(keyOf(item), item);
        return {};
      }
      if (command instanceof GetCommand) return { Item: items.get(keyOf(command.input.Key as Record<string, unknown>)) };
      if (command instanceof DeleteCommand) {
        const key = keyOf(command.input.Key as Record<string, unknown>);
        const old = items.get(key);
        if (!old) throw conditionFailed();
        items.delete(key);
        return { Attributes: old };
      }
      throw new Error(`unexpected command ${String(command)}`);
    }),
  };
  return { db, items };
}

/** DynamoDB JSON of a plain item, as a ConditionalCheckFailedException carries it. */
function marshall(value: unknown): Record<string, unknown> {
  const one = (v: unknown): unknown =>
    typeof v === 'string' ? { S: v } : typeof v === 'number' ? { N: String(v) } : { M: marshall(v) };
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, one(v)]));
}

const proxy = (query: Record<string, string> | null) => ({ queryStringParameters: query, requestContext: { requestId: 'req-1' } });

describe('put_item: placeOrder', () => {
  test('stores the notebook order with a condition that keeps one active order per customer and vendor', async () => {
    const { db, items } = fakeTable();
    const result = await placeOrder({ db, tableName: 'orders' }, notebookOrder());
    expect(result.order.details.unitprice).toBe('4.0');
    expect(items.get('a0/v0')).toStrictEqual(result.order);
    const put = db.send.mock.calls[0][0] as PutCommand;
    expect(put.input).toMatchObject({
      TableName: 'orders',
      ConditionExpression: 'attribute_not_exists(accountid)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    });
  });

  test('a second order for the same customer and vendor is OrderAlreadyActive, and the first stays', async () => {
    const { db, items } = fakeTable();
    await placeOrder({ db, tableName: 'orders' }, notebookOrder());
    const second = notebookOrder({ orderdate: '2022-04-08 10:00:00', city: 'Perth' });
    await expect(placeOrder({ db, tableName: 'orders' }, second)).rejects.toThrow(OrderAlreadyActive);
    await expect(placeOrder({ db, tableName: 'orders' }, second)).rejects.toThrow(/already has an active order.*DELETE \/order\?accountid=a0&vendorid=v0/);
    expect(items.get('a0/v0')?.city).toBe('Hobart');
  });

  test('a retry of the very same order succeeds again (the earlier attempt stored it)', async () => {
    const { db } = fakeTable();
    await placeOrder({ db, tableName: 'orders' }, notebookOrder());
    await expect(placeOrder({ db, tableName: 'orders' }, notebookOrder())).resolves.toHaveProperty('order.accountid', 'a0');
  });

  test('an invalid order is a ValidationError and nothing is written', async () => {
    const { db } = fakeTable();
    await expect(placeOrder({ db, tableName: 'orders' }, notebookOrder({}, { quantity: 11 }))).rejects.toThrow(ValidationError);
    await expect(placeOrder({ db, tableName: 'orders' }, notebookOrder({}, { unitprice: '9.0' }))).rejects.toThrow(ValidationError);
    await expect(placeOrder({ db, tableName: 'orders' }, { order: 'nope' })).rejects.toThrow(/Invalid order: order: /);
    expect(db.send).not.toHaveBeenCalled();
  });

  test('any other DynamoDB failure is OrderNotStored (the workflow retries it)', async () => {
    const db = { send: jest.fn().mockRejectedValue(Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' })) };
    await expect(placeOrder({ db, tableName: 'orders' }, notebookOrder())).rejects.toThrow(OrderNotStored);
  });
});

describe('put_object: writeInvoice', () => {
  const order: StoredOrder = {
    accountid: 'a0',
    vendorid: 'v0',
    orderdate: '2022-04-08 09:55:58.123456',
    city: "O'Connor",
    details: { coffeetype: 'Latte', coffeesize: 'Medium', unitprice: '4.0', quantity: 3 },
  };
  const executionId = 'arn:aws:states:us-east-1:1:execution:step_function_orchestration:x';

  test('writes JSON at the order key with accountid and billingperiod metadata', async () => {
    const s3 = { send: jest.fn().mockResolvedValue({}) };
    const result = await writeInvoice({ s3, bucketName: 'invoices' }, { order, executionId });
    expect(result).toStrictEqual({ bucket: 'invoices', objectKey: 'invoices/2022/04/a0/v0/20220408T095558.123456.json', billingperiod: '2022-04', total: '12.00' });
    const put = s3.send.mock.calls[0][0] as PutObjectCommand;
    expect(put).toBeInstanceOf(PutObjectCommand);
    expect(put.input).toMatchObject({ Bucket: 'invoices', Key: result.objectKey, ContentType: 'application/json', Metadata: { accountid: 'a0', billingperiod: '2022-04' } });
    expect(JSON.parse(put.input.Body as string)).toStrictEqual({ ...order, total: '12.00', billingperiod: '2022-04', executionId });
  });

  test('an S3 failure is InvoiceNotStored, which names the key', async () => {
    const s3 = { send: jest.fn().mockRejectedValue(Object.assign(new Error('no'), { name: 'NoSuchBucket' })) };
    await expect(writeInvoice({ s3, bucketName: 'invoices' }, { order, executionId })).rejects.toThrow(InvoiceNotStored);
    await expect(writeInvoice({ s3, bucketName: 'invoices' }, { order, executionId })).rejects.toThrow(/invoices\/2022\/04\/a0\/v0/);
  });

  test('an event without the stored order is a ValidationError', async () => {
    const s3 = { send: jest.fn() };
    await expect(writeInvoice({ s3, bucketName: 'invoices' }, { order: { accountid: 'a0' }, executionId })).rejects.toThrow(ValidationError);
    expect(s3.send).not.toHaveBeenCalled();
  });
});

describe('get_item: readOrder', () => {
  test('200 with the order as plain JSON (no SDK metadata), read strongly consistent', async () => {
    const { db, items } = fakeTable();
    items.set('a0/v0', { accountid: 'a0', vendorid: 'v0', city: 'Hobart' });
    const result = await readOrder({ db, tableName: 'orders' }, proxy({ accountid: 'a0', vendorid: 'v0' }));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toStrictEqual({ accountid: 'a0', vendorid: 'v0', city: 'Hobart' });
    expect((db.send.mock.calls[0][0] as GetCommand).input.ConsistentRead).toBe(true);
  });

  test('404 for a missing order', async () => {
    const { db } = fakeTable();
    await expect(readOrder({ db, tableName: 'orders' }, proxy({ accountid: 'a9', vendorid: 'v9' }))).rejects.toMatchObject({ statusCode: 404 });
  });

  test.each([[null], [{ accountid: 'a0' }], [{ accountid: 'a0', vendorid: '' }], [{ accountid: 'a/0', vendorid: 'v0' }]])('400 for %j', async (query) => {
    const { db } = fakeTable();
    await expect(readOrder({ db, tableName: 'orders' }, proxy(query))).rejects.toMatchObject({ statusCode: 400 });
  });
});

describe('get_object: invoiceUrl', () => {
  const key = 'invoices/2022/04/a0/v0/20220408T095558.123456.json';
  const deps = (send: jest.Mock) => ({
    s3: { send },
    bucketName: 'invoices',
    presign: jest.fn(async (command: GetObjectCommand, expires: number) => `https://s3/${command.input.Key}?expires=${expires}`),
    expiresInSeconds: 300,
  });

  test('200 with a presigned URL of an existing invoice', async () => {
    const d = deps(jest.fn().mockResolvedValue({}));
    const result = await invoiceUrl(d, proxy({ objectKey: key }));
    expect(JSON.parse(result.body)).toStrictEqual({ objectKey: key, url: `https://s3/${key}?expires=300`, expiresInSeconds: 300 });
    expect(d.s3.send.mock.calls[0][0]).toBeInstanceOf(HeadObjectCommand);
  });

  test('404 for a missing invoice', async () => {
    const d = deps(jest.fn().mockRejectedValue(Object.assign(new Error(''), { name: 'NotFound', $metadata: { httpStatusCode: 404 } })));
    await expect(invoiceUrl(d, proxy({ objectKey: key }))).rejects.toMatchObject({ statusCode: 404 });
  });

  test.each(['../secret.json', 'invoices/2022/4/a0/v0/x.json', 'other/2022/04/a0/v0/20220408T095558.json'])('400 for the key %s', async (objectKey) => {
    const d = deps(jest.fn());
    await expect(invoiceUrl(d, proxy({ objectKey }))).rejects.toMatchObject({ statusCode: 400 });
    expect(d.s3.send).not.toHaveBeenCalled();
  });
});

describe('delete_item: collectOrder', () => {
  test('200 with the collected order; the customer may order again', async () => {
    const { db, items } = fakeTable();
    await placeOrder({ db, tableName: 'orders' }, notebookOrder());
    const result = await collectOrder({ db, tableName: 'orders' }, proxy({ accountid: 'a0', vendorid: 'v0' }));
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).order.accountid).toBe('a0');
    expect(items.size).toBe(0);
    await expect(placeOrder({ db, tableName: 'orders' }, notebookOrder({ orderdate: '2022-04-09 08:00:00' }))).resolves.toBeDefined();
  });

  test('404 when there is nothing to collect', async () => {
    const { db } = fakeTable();
    await expect(collectOrder({ db, tableName: 'orders' }, proxy({ accountid: 'a0', vendorid: 'v0' }))).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('CORS headers of the proxy functions', () => {
  test('the configured origin and the methods of the path (GET /order says GET)', () => {
    expect(corsHeaders({ CORS_ALLOW_ORIGIN: '*', CORS_ALLOW_METHODS: 'DELETE,GET,OPTIONS,POST' })).toStrictEqual({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': 'DELETE,GET,OPTIONS,POST',
    });
    expect(corsHeaders({ CORS_ALLOW_ORIGIN: 'https://app.example.com' })).toStrictEqual({ 'Access-Control-Allow-Origin': 'https://app.example.com', Vary: 'Origin' });
    expect(corsHeaders({})).toStrictEqual({});
  });
});

describe('proxy answers', () => {
  const logger = createLogger('test');
  beforeAll(() => logger.setLogLevel('SILENT'));

  test('an HttpError is its status and message, as JSON', async () => {
    const result = await answer(logger, proxy(null), async () => {
      throw new HttpError(404, 'No such order.');
    });
    expect(result).toMatchObject({ statusCode: 404, headers: { 'Content-Type': 'application/json' } });
    expect(JSON.parse(result.body)).toStrictEqual({ message: 'No such order.' });
  });

  test('anything else is a 500 with the request id only: no SDK metadata, no stack', async () => {
    const result = await answer(logger, proxy(null), async () => {
      throw Object.assign(new Error('User: arn:aws:sts::123:assumed-role/x is not authorized'), { $metadata: { httpStatusCode: 403 } });
    });
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toMatch(/arn:|metadata|authorized/);
    expect(JSON.parse(result.body).message).toMatch(/req-1/);
  });
});
