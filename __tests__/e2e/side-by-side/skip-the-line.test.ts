import { notebookOrder, notebookOrders } from '../../support/orders';
import { sideBySide, type Run } from '../../support/languages';

// skip-the-line in JSONPath and in JSONata: the same executions give the same status, output, error, cause, table,
// invoices and notices (their text as sent, key order included).

const fault = (state: string, error: string, times = 1) => ({ state, error, times });
const INVOICE_FAILS = fault('task_put_object', 'InvoiceNotStored', 4);
const account = (n: number) => notebookOrder({ accountid: `side-${n}` });

const RUNS: Run[] = [
  { label: 'placed', input: notebookOrder() },
  { label: 'the same customer and vendor again', input: notebookOrder({ orderdate: '2022-04-08 10:00:00.000000' }) },
  { label: 'notice not sent', input: account(1), faults: [fault('notify_order_placed', 'SNS.InternalErrorException', 4)] },
  { label: 'not stored', input: account(2), faults: [fault('task_put_item', 'OrderNotStored', 4)] },
  { label: 'stored after a retry', input: account(3), faults: [fault('task_put_item', 'OrderNotStored', 2)] },
  { label: 'withdrawn', input: account(4), faults: [INVOICE_FAILS] },
  { label: 'already gone', input: account(5), faults: [INVOICE_FAILS, fault('task_delete_item', 'DynamoDB.ConditionalCheckFailedException')] },
  { label: 'not withdrawn', input: account(6), faults: [INVOICE_FAILS, fault('task_delete_item', 'DynamoDB.ThrottlingException', 4)] },
  { label: 'failure notice not sent', input: account(7), faults: [INVOICE_FAILS, fault('notify_order_failed', 'SNS.AuthorizationErrorException')] },
  { label: 'the Lambda throttled, then placed', input: account(8), faults: [fault('task_put_object', 'Lambda.TooManyRequestsException', 2)] },
  { label: "a price that is not the menu's", input: notebookOrder({ accountid: 'side-9' }, { unitprice: '9.9' }) },
  { label: "O'Connor, quotes and unicode", input: notebookOrder({ accountid: 'side-10', city: `O'Connor "Ünïcödé" 😀` }) },
  { label: 'an array', input: [{ order: { accountid: 'a0' } }] },
  { label: 'a string', input: 'an order' },
  { label: 'a number', input: 42 },
  { label: 'null', input: null },
  { label: 'an object without order', input: { accountid: 'a0', vendorid: 'v0' } },
  ...notebookOrders().map((order, i) => ({ label: `notebook order ${i}`, input: order })),
];

test('every sample, bad input and injected fault shows the same in both renderings', async () => {
  // WHEN
  const { JSONPath, JSONata } = await sideBySide('skip-the-line', RUNS);
  // THEN, run by run (the label says which differs)
  RUNS.forEach((run, i) => expect({ run: run.label, ...JSONata[i] }).toStrictEqual({ run: run.label, ...JSONPath[i] }));
  // AND the runs did what they are for
  expect(JSONPath.map((o) => o.error ?? o.status)).toStrictEqual([
    'SUCCEEDED',
    'OrderAlreadyActive',
    'SUCCEEDED',
    'OrderNotStored',
    'SUCCEEDED',
    'InvoiceNotStored',
    'InvoiceNotStored',
    'OrderNotWithdrawn',
    'InvoiceNotStored',
    'SUCCEEDED',
    'ValidationError',
    'SUCCEEDED',
    ...Array(5).fill('ValidationError'),
    'OrderAlreadyActive', // a0 at v0 is the first run's order
    ...Array(4).fill('SUCCEEDED'),
  ]);
  expect(JSONPath.at(-1)!.messages.length).toBe(RUNS.length - 2); // one notice per run but the two whose notice could not be sent
});
