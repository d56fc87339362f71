import * as fs from 'node:fs';
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startLocalStack, type LocalStack, type PublishedMessage } from '../../../local';
import { LOCAL_API_CREDENTIALS, startLocalApi, type LocalApi } from '../../../local/api-gateway';
import { LOCAL_CREDENTIALS } from '../../../local/aws-names';
import { invoiceKey } from '../../../lambdas/orders/invoice';
import type { OrderRequest } from '../../../lambdas/orders/order';
import { NodeSha256 } from '../../../scripts/lib/node-sha256';
import { OrderApiClient } from '../../../scripts/order-client/api-client';
import { MALFORMED_BODIES, notebookOrder, notebookOrders } from '../../support/orders';
import { statesEntered, statesRetried } from '../../support/history';
import { QUERY_LANGUAGES, stackDirIn, synthIn } from '../../support/languages';

// skip-the-line end to end: the synthesized stack on the local runner, its REST API served from the synthesized
// aws_api_gateway_* resources, called by the order client with SigV4 signatures.

const TABLE = 'step_function_orchestration';
describe.each(QUERY_LANGUAGES)('%s rendering', (language) => {
  let outdir: string;
  let stack: LocalStack;
  let api: LocalApi;
  let client: OrderApiClient;
  let s3: S3Client;
  let bucket: string;

  beforeAll(async () => {
    ({ outdir } = synthIn(language));
    stack = await startLocalStack(stackDirIn(language, 'skip-the-line'));
    // Throttling off: these tests send requests as fast as the machine runs them, which on a fast enough run passes the
    // stage's 10 requests/s and would be answered 429; the throttle is tested on its own (local/api-gateway).
    api = await startLocalApi(stack, { throttling: false });
    client = new OrderApiClient(api.url, { kind: 'iam', region: stack.model.region, credentials: { ...LOCAL_API_CREDENTIALS } });
    s3 = new S3Client({ endpoint: stack.endpoints.s3, region: stack.model.region, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
    bucket = stack.model.buckets[0].name;
  });

  afterAll(async () => {
    s3?.destroy();
    await api?.close();
    await stack?.close();
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  async function settle(): Promise<void> {
    expect(await stack.waitForExecutions(30_000)).toBe(true);
  }

  async function state() {
    const snapshot = await stack.snapshot();
    return { items: snapshot.tables[TABLE] as Record<string, unknown>[], objects: snapshot.buckets[bucket], messages: snapshot.messages };
  }

  const itemOf = (items: Record<string, unknown>[], accountid: string, vendorid: string) => items.find((i) => i.accountid === accountid && i.vendorid === vendorid);
  const notices = (messages: readonly PublishedMessage[], status: string) => messages.map((m) => JSON.parse(m.message)).filter((m) => m.status === status);
  const executionOf = (name: string) => stack.executions().find((e) => e.name === name);
  const nameOf = (executionArn: string) => executionArn.split(':').pop() as string;

  /** POSTs an order, expects 202, waits for its execution and answers it. */
  async function place(order: OrderRequest) {
    const answer = await client.placeOrder(order);
    expect(answer.status).toBe(202);
    const { executionArn } = answer.body as { executionArn: string };
    await settle();
    return executionOf(nameOf(executionArn))!;
  }

  test("the notebook's five orders are stored, invoiced and announced", async () => {
    // WHEN
    const answers = await Promise.all(notebookOrders().map((order) => client.placeOrder(order)));
    await settle();
    // THEN
    for (const answer of answers) {
      expect(answer.status).toBe(202);
      expect(executionOf(nameOf((answer.body as { executionArn: string }).executionArn))?.status).toBe('SUCCEEDED');
    }
    const { items, objects, messages } = await state();
    for (const { order } of notebookOrders()) {
      const { eventtype: _eventtype, ...stored } = order;
      expect(itemOf(items, order.accountid, order.vendorid)).toStrictEqual(stored);
      const key = invoiceKey(order);
      expect(JSON.parse(objects[key])).toMatchObject({ ...stored, billingperiod: '2022-04', executionId: expect.stringContaining(':execution:step_function_orchestration:') });
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      expect(head.ContentType).toBe('application/json');
      expect(head.Metadata).toStrictEqual({ accountid: order.accountid, billingperiod: '2022-04' });
    }
    expect(notices(messages, 'ORDER_PLACED').map((n) => `${n.order.accountid}@${n.order.vendorid}`).sort()).toStrictEqual(['a0@v0', 'a1@v1', 'a2@v2', 'a3@v3', 'a4@v4']);
    expect(notices(messages, 'ORDER_FAILED')).toStrictEqual([]);
  });

  test('GET /order answers the stored order as plain JSON, with the CORS header of its path', async () => {
    const answer = await client.call('GET', '/order', { accountid: 'a0', vendorid: 'v0' });
    const { eventtype: _eventtype, ...stored } = notebookOrders()[0].order;
    expect(answer).toStrictEqual({ status: 200, body: stored });
    const raw = await fetchSigned('GET', '/order?accountid=a0&vendorid=v0');
    expect(raw.headers.get('access-control-allow-origin')).toBe('*');
    expect(raw.headers.get('access-control-allow-methods')).toBe('DELETE,GET,OPTIONS,POST');
  });

  test('GET /invoice answers a short-lived link that downloads the invoice', async () => {
    const key = invoiceKey(notebookOrders()[2].order);
    const answer = await client.invoiceUrl(key);
    expect(answer.status).toBe(200);
    const { url, expiresInSeconds } = answer.body as { url: string; expiresInSeconds: number };
    expect(expiresInSeconds).toBe(300);
    const invoice = await (await fetch(url)).json();
    expect(invoice).toMatchObject({ accountid: 'a2', vendorid: 'v2', total: '45.00' });
  });

  test('a second order for the same customer and vendor is rejected and overwrites nothing', async () => {
    // GIVEN
    const before = await state();
    // WHEN
    const execution = await place(notebookOrder({ orderdate: '2022-04-09 08:00:00.000001', city: 'Perth' }, { coffeesize: 'Small', unitprice: '3.5' }));
    // THEN
    expect(execution.status).toBe('FAILED');
    expect(execution.result?.error).toBe('OrderAlreadyActive');
    const after = await state();
    expect(after.items).toStrictEqual(before.items);
    expect(after.objects).toStrictEqual(before.objects);
    const failures = notices(after.messages, 'ORDER_FAILED');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ error: { Error: 'OrderAlreadyActive' }, request: { order: { accountid: 'a0', city: 'Perth' } }, executionId: expect.stringContaining(execution.name) });
    expect(notices(after.messages, 'ORDER_PLACED')).toHaveLength(notices(before.messages, 'ORDER_PLACED').length);
  });

  test('a repeated POST of an order that was already processed is 409 and starts nothing', async () => {
    const executions = stack.executions().length;
    const again = await client.placeOrder(notebookOrders()[1]);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'ExecutionAlreadyExists', message: expect.stringMatching(/already submitted/) });
    const sameKeyOtherBody = await client.placeOrder(notebookOrder({ accountid: 'a1', vendorid: 'v1', orderdate: notebookOrders()[1].order.orderdate, city: 'Darwin' }));
    expect(sameKeyOtherBody.status).toBe(409);
    expect(stack.executions()).toHaveLength(executions);
  });

  test("an apostrophe (O'Connor), quotes and unicode go through the mapping template intact", async () => {
    const order = notebookOrder({ accountid: 'a5', vendorid: 'v5', city: 'O\'Connor "Mañana" 😀' });
    const execution = await place(order);
    expect(execution.status).toBe('SUCCEEDED');
    const { items, objects } = await state();
    expect(itemOf(items, 'a5', 'v5')?.city).toBe('O\'Connor "Mañana" 😀');
    expect(JSON.parse(objects[invoiceKey(order.order)]).city).toBe('O\'Connor "Mañana" 😀');
  });

  test.each(Object.entries(MALFORMED_BODIES))('a malformed body (%s) is a 400 with a message, and nothing is written or started', async (_case, body) => {
    // GIVEN
    const before = await state();
    const executions = stack.executions().length;
    // WHEN
    const answer = await client.placeOrder(body);
    // THEN
    expect(answer.status).toBe(400);
    expect((answer.body as { message: string }).message).toMatch(/^The request body does not match the model: \[.+\]\. Fix the body/);
    expect(stack.executions()).toHaveLength(executions);
    expect(await state()).toStrictEqual(before);
  });

  test("a price that is not the menu's passes the gateway's model, then fails the order (ValidationError) with a failure notice and writes nothing", async () => {
    const before = await state();
    const execution = await place(notebookOrder({ accountid: 'a6', vendorid: 'v6' }, { coffeesize: 'x-Large', unitprice: '3.5' }));
    expect(execution.status).toBe('FAILED');
    expect(execution.result?.error).toBe('ValidationError');
    expect(execution.result?.cause).toMatch(/details\.unitprice .*x-Large.*5\.0/);
    const after = await state();
    expect(after.items).toStrictEqual(before.items);
    expect(after.objects).toStrictEqual(before.objects);
    expect(notices(after.messages, 'ORDER_FAILED').at(-1)).toMatchObject({ error: { Error: 'ValidationError' }, request: { order: { accountid: 'a6' } } });
  });

  test('a body that is not JSON content is refused with 415; missing query parameters with 400', async () => {
    const text = await fetchSigned('POST', '/order', JSON.stringify(notebookOrder({ accountid: 'a9' })), 'text/plain');
    expect(text.status).toBe(415);
    const missing = await client.call('GET', '/order', { accountid: 'a0' });
    expect(missing).toStrictEqual({ status: 400, body: { message: 'Missing required request parameters: [vendorid]' } });
    const badKey = await client.invoiceUrl('../../etc/passwd');
    expect(badKey.status).toBe(400);
  });

  test('GET /order of a missing order is 404; GET /invoice of a missing invoice is 404', async () => {
    const order = await client.getOrder('nobody', 'v0');
    expect(order.status).toBe(404);
    expect((order.body as { message: string }).message).toMatch(/has no active order/);
    const invoice = await client.invoiceUrl('invoices/2022/04/nobody/v0/20220408T095558.json');
    expect(invoice.status).toBe(404);
  });

  test('collecting an order (DELETE /order) lets the customer order again from that vendor', async () => {
    expect((await client.collectOrder('a0', 'v0')).status).toBe(200);
    expect((await client.getOrder('a0', 'v0')).status).toBe(404);
    expect((await client.collectOrder('a0', 'v0')).status).toBe(404);
    const execution = await place(notebookOrder({ orderdate: '2022-05-01 07:30:00.000000', city: 'Canberra' }));
    expect(execution.status).toBe('SUCCEEDED');
    expect((await client.getOrder('a0', 'v0')).body).toMatchObject({ city: 'Canberra', orderdate: '2022-05-01 07:30:00.000000' });
    const { objects } = await state();
    expect(Object.keys(objects)).toEqual(expect.arrayContaining(['invoices/2022/04/a0/v0/20220408T095558.123450.json', 'invoices/2022/05/a0/v0/20220501T073000.000000.json']));
  });

  test('collecting with an orderdate takes only that order: another active order is 409 and stays', async () => {
    const placed = await place(notebookOrder({ accountid: 'c1', vendorid: 'v1', orderdate: '2022-06-01 10:00:00' }));
    expect(placed.status).toBe('SUCCEEDED');
    const other = await client.collectOrder('c1', 'v1', '2022-05-31 09:00:00');
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ message: expect.stringContaining('was placed 2022-06-01 10:00:00, not 2022-05-31 09:00:00') });
    expect((await client.getOrder('c1', 'v1')).status).toBe(200);
    expect((await client.collectOrder('c1', 'v1', 'yesterday')).status).toBe(400);
    expect((await client.collectOrder('c1', 'v1', '2022-06-01 10:00:00')).status).toBe(200);
    expect((await client.collectOrder('c1', 'v1', '2022-06-01 10:00:00')).status).toBe(404);
  });

  test("put_item run twice on the same order (a retried invocation) succeeds again: DynamoDB's answer carries the stored item", async () => {
    const order = notebookOrder({ accountid: 'r1', vendorid: 'v1' });
    const fn = stack.model.functions.find((f) => f.name.endsWith('step_function_orchestration_put_item'))!.name;
    expect((await stack.invoke(fn, order)).functionError).toBeUndefined();
    const again = await stack.invoke(fn, order);
    expect(again.functionError).toBeUndefined();
    expect(again.payload).toMatchObject({ order: { accountid: 'r1', vendorid: 'v1' } });
    const second = await stack.invoke(fn, notebookOrder({ accountid: 'r1', vendorid: 'v1', orderdate: '2022-04-09 08:00:00' }));
    expect(second.functionError).toMatchObject({ errorType: 'OrderAlreadyActive', errorMessage: expect.stringContaining('(placed 2022-04-08 09:55:58.123456)') });
  });

  test('an S3 failure (the bucket is gone) fails the execution after retries, withdraws the order, and only a failure notice goes out', async () => {
    // GIVEN: the invoice bucket no longer exists
    const messagesBefore = (await stack.snapshot()).messages.length;
    const keys = (await s3.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents?.map((o) => o.Key as string) ?? [];
    for (const Key of keys) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
    let execution;
    try {
      // WHEN
      execution = await place(notebookOrder({ accountid: 'a7', vendorid: 'v7' }));
    } finally {
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    }
    // THEN: put_object was tried 4 times (3 retries of InvoiceNotStored), the order withdrawn, the failure announced
    expect(execution.status).toBe('FAILED');
    expect(execution.result?.error).toBe('InvoiceNotStored');
    expect(execution.result?.cause).toMatch(/NoSuchBucket/);
    const history = execution.result?.history ?? [];
    const entered = (name: string) => statesEntered(history).filter((state) => state === name).length;
    expect(statesRetried(history).filter((state) => state === 'task_put_object')).toHaveLength(3);
    expect(entered('task_delete_item')).toBe(1);
    expect(entered('notify_order_placed')).toBe(0);
    const { items, messages } = await state();
    expect(itemOf(items, 'a7', 'v7')).toBeUndefined();
    const newMessages = messages.slice(messagesBefore).map((m) => JSON.parse(m.message));
    expect(newMessages.map((m) => m.status)).toStrictEqual(['ORDER_FAILED']);
    expect(newMessages[0]).toMatchObject({ error: { Error: 'InvoiceNotStored' }, request: { order: { accountid: 'a7' } } });
  });

  test('the API refuses unsigned and wrongly signed requests; the CORS preflight needs no signature', async () => {
    const unsigned = await fetch(`${api.url}/order?accountid=a1&vendorid=v1`);
    expect(unsigned.status).toBe(403);
    expect(await unsigned.json()).toEqual({ message: 'Missing Authentication Token' });
    const otherRegion = new OrderApiClient(api.url, { kind: 'iam', region: 'eu-west-1', credentials: { ...LOCAL_API_CREDENTIALS } });
    expect((await otherRegion.getOrder('a1', 'v1')).status).toBe(403);
    const wrongSecret = new OrderApiClient(api.url, { kind: 'iam', region: stack.model.region, credentials: { accessKeyId: 'local', secretAccessKey: 'wrong' } });
    expect((await wrongSecret.getOrder('a1', 'v1')).status).toBe(403);
    const preflight = await fetch(`${api.url}/invoice`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,OPTIONS');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect((await fetch(`${api.url}/nowhere`)).status).toBe(403);
  });

  /** A signed request through fetch, for checks on raw headers or content types. */
  async function fetchSigned(method: string, pathAndQuery: string, body?: string, contentType = 'application/json'): Promise<Response> {
    const url = new URL(`${api.url}${pathAndQuery}`);
    const { SignatureV4 } = await import('@smithy/signature-v4');
    const signer = new SignatureV4({ service: 'execute-api', region: stack.model.region, credentials: { ...LOCAL_API_CREDENTIALS }, sha256: NodeSha256 });
    const signed = await signer.sign({
      method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { host: url.host, ...(body !== undefined && { 'content-type': contentType }) },
      ...(body !== undefined && { body }),
    });
    const { host: _host, ...headers } = signed.headers;
    return fetch(url, { method, headers, ...(body !== undefined && { body }) });
  }

  describe('with apiAuthorization API_KEY', () => {
    let keyOutdir: string;
    let keyStack: LocalStack;
    let keyApi: LocalApi;

    beforeAll(async () => {
      ({ outdir: keyOutdir } = synthIn(language, { skipTheLine: { apiAuthorization: 'API_KEY' } }));
      keyStack = await startLocalStack(stackDirIn(language, 'skip-the-line', { skipTheLine: { apiAuthorization: 'API_KEY' } }));
      keyApi = await startLocalApi(keyStack);
    });

    afterAll(async () => {
      await keyApi?.close();
      await keyStack?.close();
      fs.rmSync(keyOutdir, { recursive: true, force: true });
    });

    test('a request without the key is 403; with it, the order goes through', async () => {
      const anonymous = new OrderApiClient(keyApi.url, { kind: 'none' });
      expect((await anonymous.placeOrder(notebookOrder())).status).toBe(403);
      const wrongKey = new OrderApiClient(keyApi.url, { kind: 'api-key', apiKey: 'guess' });
      expect((await wrongKey.getOrder('a0', 'v0')).status).toBe(403);
      const keyed = new OrderApiClient(keyApi.url, { kind: 'api-key', apiKey: keyApi.apiKey });
      expect((await keyed.placeOrder(notebookOrder())).status).toBe(202);
      expect(await keyStack.waitForExecutions(30_000)).toBe(true);
      expect((await keyed.getOrder('a0', 'v0')).status).toBe(200);
    });
  });
});
