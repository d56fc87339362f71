import * as fs from 'node:fs';
import { startLocalStack, type LocalStack } from '../../../local';
import { LOCAL_API_CREDENTIALS, startLocalApi, type LocalApi } from '../../../local/api-gateway';
import { CITY_MAX_LENGTH, ID_MAX_LENGTH, LONGEST_ORDER_DATE } from '../../../contracts/order-catalog';
import type { OrderRequest } from '../../../lambdas/orders/order';
import { parseClientOptions, run } from '../../../scripts/order-client';
import { OrderApiClient } from '../../../scripts/order-client/api-client';
import { notebookOrder } from '../../support/orders';
import { QUERY_LANGUAGES, stackDirIn, synthIn } from '../../support/languages';

// The order API on the local runner, for what a caller sees end to end: an order the gateway accepts is placed
// (or refused by name), never accepted and then dropped.

const TABLE = 'step_function_orchestration';
describe.each(QUERY_LANGUAGES)('%s rendering', (language) => {
  let outdir: string;
  let stack: LocalStack;
  let api: LocalApi;
  let client: OrderApiClient;

  beforeAll(async () => {
    ({ outdir } = synthIn(language));
    stack = await startLocalStack(stackDirIn(language, 'skip-the-line'));
    api = await startLocalApi(stack);
    client = new OrderApiClient(api.url, { kind: 'iam', region: stack.model.region, credentials: { ...LOCAL_API_CREDENTIALS } });
  });

  afterAll(async () => {
    await api?.close();
    await stack?.close();
    fs.rmSync(outdir, { recursive: true, force: true });
  });

  const nameOf = (executionArn: string) => executionArn.split(':').pop() as string;

  /** POSTs orders at once, waits for their executions, and answers each one's status and stored item. */
  async function placeAll(orders: OrderRequest[]) {
    const answers = await Promise.all(orders.map((order) => client.placeOrder(order)));
    expect(await stack.waitForExecutions(30_000)).toBe(true);
    const items = (await stack.snapshot()).tables[TABLE] as Record<string, unknown>[];
    return answers.map((answer, i) => {
      const { accountid, vendorid } = orders[i].order;
      const arn = (answer.body as { executionArn?: string }).executionArn;
      return {
        status: answer.status,
        body: answer.body,
        execution: arn === undefined ? undefined : stack.executions().find((e) => e.name === nameOf(arn)),
        item: items.find((item) => item.accountid === accountid && item.vendorid === vendorid),
      };
    });
  }

  describe('text limits: the gateway and put_item count alike', () => {
    test(`a city of ${CITY_MAX_LENGTH} emoji is accepted and stored; one more is refused at the gateway`, async () => {
      const city = '😀'.repeat(CITY_MAX_LENGTH);
      const [atLimit, overLimit] = await placeAll([
        notebookOrder({ accountid: 'emoji', vendorid: 'v0', city }),
        notebookOrder({ accountid: 'emoji', vendorid: 'v1', city: `${city}😀` }),
      ]);
      expect(atLimit.status).toBe(202);
      expect(atLimit.execution?.status).toBe('SUCCEEDED');
      expect(atLimit.item?.city).toBe(city);
      expect(overLimit.status).toBe(400);
      expect(overLimit.item).toBeUndefined();
    });
  });

  describe("execution names: different customers' orders never collide", () => {
    test('(a_b at c) and (a at b_c) on the same date are two orders, both placed', async () => {
      const orderdate = '2022-06-01 08:00:00.000001';
      const results = await placeAll([
        notebookOrder({ accountid: 'a_b', vendorid: 'c', orderdate }),
        notebookOrder({ accountid: 'a', vendorid: 'b_c', orderdate }),
      ]);
      expect(results.map((r) => [r.status, r.execution?.status, r.item?.orderdate])).toStrictEqual([
        [202, 'SUCCEEDED', orderdate],
        [202, 'SUCCEEDED', orderdate],
      ]);
    });

    test(`an account id of ${ID_MAX_LENGTH} characters orders from two vendors at the same time`, async () => {
      const accountid = 'A-'.repeat(ID_MAX_LENGTH).slice(0, ID_MAX_LENGTH);
      const orderdate = LONGEST_ORDER_DATE;
      const results = await placeAll([
        notebookOrder({ accountid, vendorid: 'V'.repeat(ID_MAX_LENGTH), orderdate }),
        notebookOrder({ accountid, vendorid: `${'V'.repeat(ID_MAX_LENGTH - 1)}W`, orderdate }),
      ]);
      expect(results.map((r) => [r.status, r.execution?.status])).toStrictEqual([
        [202, 'SUCCEEDED'],
        [202, 'SUCCEEDED'],
      ]);
    });

    test('a retried POST of the same order is the same execution while it runs, and 409 once it has finished', async () => {
      const order = notebookOrder({ accountid: 'retry', vendorid: 'v0', orderdate: '2022-06-02 08:00:00' });
      const [first, again] = await Promise.all([client.placeOrder(order), client.placeOrder(order)]);
      expect([first.status, again.status]).toStrictEqual([202, 202]);
      expect((again.body as { executionArn: string }).executionArn).toBe((first.body as { executionArn: string }).executionArn);
      expect(await stack.waitForExecutions(30_000)).toBe(true);
      expect((await client.placeOrder(order)).status).toBe(409);
    });
  });

  describe('npm run orders -- --collect', () => {
    test('collects the orders it placed, and leaves the order of a customer whose new order was refused', async () => {
      // GIVEN: col-a0 already has an active order at col-v0, placed by someone else
      const theirs = notebookOrder({ accountid: 'col-a0', vendorid: 'col-v0', orderdate: '2022-01-01 00:00:00', city: 'Perth' });
      const [placed] = await placeAll([theirs]);
      expect(placed.execution?.status).toBe('SUCCEEDED');
      // WHEN: the client sends col-a0@col-v0 and col-a1@col-v1, and collects
      const log: string[] = [];
      const options = parseClientOptions(['--url', api.url, '--id-prefix', 'col-', '--count', '2', '--wait', '5', '--collect'], {});
      const code = await run(options as Exclude<typeof options, 'help'>, (line) => log.push(line));
      // THEN: its own order is collected; the other customer's order is still there, untouched
      expect((await client.getOrder('col-a0', 'col-v0')).body).toMatchObject({ orderdate: '2022-01-01 00:00:00', city: 'Perth' });
      expect((await client.getOrder('col-a1', 'col-v1')).status).toBe(404);
      expect(code).toBe(1);
      expect(log.join('\n')).toMatch(/col-a0@col-v0: rejected, another order \(2022-01-01 00:00:00\) is active/);
      expect(log.join('\n')).toMatch(/not collecting col-a0@col-v0/);
      expect(log.join('\n')).toMatch(/collect col-a1@col-v1: 200/);
    });
  });
});
