/**
 * skip-the-line: every way an order can end (README, "What an order ends as"), each driven through the local
 * runner's fault injection (`npm run local -- skip-the-line --fault <State>=<Error>[:times] --json`), and each
 * checked on all four columns: the table, the invoice bucket, the notices on the topic, the execution's status
 * and error. The data, the execution status and the notices must agree in every row.
 */
import { invoiceKey } from '../../../lambdas/orders/invoice';
import { inBatches, runLocalJson, type CliRun } from '../../support/local-cli';
import { expectNoStackOrPath, noticesOf } from '../../support/notices';
import { notebookOrder } from '../../support/orders';
import { QUERY_LANGUAGES, stackDirIn, synthIn } from '../../support/languages';

const TABLE = 'step_function_orchestration';
const REQUEST = notebookOrder();
const { eventtype: _eventtype, ...STORED } = REQUEST.order;
const INVOICE_KEY = invoiceKey(STORED);

describe.each(QUERY_LANGUAGES)('%s rendering', (language) => {
  const { outdir, env } = synthIn(language);
  stackDirIn(language, 'skip-the-line'); // checks the rendering's language

  /** The rows of the README's table, as the faults that make them happen. */
  const ROWS = {
    placed: [],
    noticeNotSent: ['notify_order_placed=SNS.InternalErrorException:4'],
    notStored: ['task_put_item=OrderNotStored:4'],
    withdrawn: ['task_put_object=InvoiceNotStored:4'],
    alreadyGone: ['task_put_object=InvoiceNotStored:4', 'task_delete_item=DynamoDB.ConditionalCheckFailedException'],
    notWithdrawn: ['task_put_object=InvoiceNotStored:4', 'task_delete_item=DynamoDB.ThrottlingException:4'],
    failureNoticeNotSent: ['task_put_object=InvoiceNotStored:4', 'notify_order_failed=SNS.AuthorizationErrorException'],
  } satisfies Record<string, string[]>;

  let runs: Record<keyof typeof ROWS, CliRun>;

  beforeAll(async () => {
    const entries = Object.entries(ROWS) as [keyof typeof ROWS, string[]][];
    const results = await inBatches(
      entries.map(([, faults]) => () => runLocalJson(['skip-the-line', '--out', outdir, '--input', JSON.stringify(REQUEST), ...faults.flatMap((f) => ['--fault', f])], env)),
      3,
    );
    runs = Object.fromEntries(entries.map(([row], i) => [row, results[i]])) as typeof runs;
  });

  /** The four columns of a run. */
  function columns(run: CliRun) {
    const { report } = run;
    const [objects] = Object.values(report.buckets);
    return {
      items: report.tables[TABLE],
      invoices: Object.keys(objects),
      notices: noticesOf(report.messages),
      execution: { status: report.status, error: report.error },
    };
  }

  /** A failure notice: what happened to the data, why, about which request, and never a stack trace. */
  function expectFailureNotice(run: CliRun, data: string, error: string) {
    const { notices } = columns(run);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ status: 'ORDER_FAILED', data, error: { Error: error }, request: REQUEST, executionId: expect.stringContaining(':execution:') });
    expect(notices[0].message).toMatch(/\w+ \w+/);
    expectNoStackOrPath(run.report.messages[0].message);
    return notices[0];
  }

  test('placed: the order is stored, its invoice written, one ORDER_PLACED notice; SUCCEEDED', () => {
    const run = runs.placed;
    const { items, invoices, notices, execution } = columns(run);
    expect(run.code).toBe(0);
    expect(items).toStrictEqual([STORED]);
    expect(invoices).toStrictEqual([INVOICE_KEY]);
    expect(notices).toMatchObject([{ status: 'ORDER_PLACED', order: STORED, invoice: { objectKey: INVOICE_KEY } }]);
    expect(execution).toStrictEqual({ status: 'SUCCEEDED', error: null });
    expect(run.report.output).toStrictEqual({ order: STORED, invoice: expect.objectContaining({ objectKey: INVOICE_KEY }) });
    // The success path costs what it cost before: put_item, put_object, notify, Succeed.
    expect(run.report.transitions).toBe(4);
  });

  test('notice not sent: the order stays placed (stored, invoiced) and the execution SUCCEEDS, its output says why no notice went out', () => {
    const run = runs.noticeNotSent;
    const { items, invoices, notices, execution } = columns(run);
    expect(run.code).toBe(0);
    expect(items).toStrictEqual([STORED]);
    expect(invoices).toStrictEqual([INVOICE_KEY]);
    expect(notices).toStrictEqual([]);
    expect(execution).toStrictEqual({ status: 'SUCCEEDED', error: null });
    expect(run.report.output).toMatchObject({
      order: STORED,
      invoice: { objectKey: INVOICE_KEY },
      noticeNotSent: { Error: 'SNS.InternalErrorException', Cause: expect.stringMatching(/attempt 4 of 4/) },
    });
  });

  test('not stored: put_item fails after its retries, nothing is written, the notice says so; FAILED with put_item’s error', () => {
    const run = runs.notStored;
    const { items, invoices, execution } = columns(run);
    expect(run.code).toBe(1);
    expect(items).toStrictEqual([]);
    expect(invoices).toStrictEqual([]);
    expect(execution).toStrictEqual({ status: 'FAILED', error: 'OrderNotStored' });
    expect(expectFailureNotice(run, 'NOTHING_STORED', 'OrderNotStored').message).toMatch(/nothing was stored/i);
  });

  test('withdrawn: the invoice fails after its retries, the order is withdrawn, the notice says so; FAILED with InvoiceNotStored', () => {
    const run = runs.withdrawn;
    const { items, invoices, execution } = columns(run);
    expect(items).toStrictEqual([]);
    expect(invoices).toStrictEqual([]);
    expect(execution).toStrictEqual({ status: 'FAILED', error: 'InvoiceNotStored' });
    expect(expectFailureNotice(run, 'ORDER_WITHDRAWN', 'InvoiceNotStored').message).toMatch(/withdrawn/);
  });

  test('already gone: the withdrawal finds the order collected or replaced (its condition fails); that is no error, nothing is removed; FAILED with InvoiceNotStored', () => {
    // The injected ConditionalCheckFailedException is what DynamoDB answers when the stored item is no longer this
    // order. An injected fault skips the call, so the item is still there: it stands for the newer order, which
    // the withdrawal must leave alone.
    const run = runs.alreadyGone;
    const { items, invoices, execution } = columns(run);
    expect(items).toStrictEqual([STORED]);
    expect(invoices).toStrictEqual([]);
    expect(execution).toStrictEqual({ status: 'FAILED', error: 'InvoiceNotStored' });
    expect(expectFailureNotice(run, 'ORDER_ALREADY_GONE', 'InvoiceNotStored').message).toMatch(/collected or replaced/);
  });

  test('not withdrawn: the withdrawal fails after its retries, the order stays stored without an invoice; FAILED with OrderNotWithdrawn carrying both errors', () => {
    const run = runs.notWithdrawn;
    const { items, invoices, execution } = columns(run);
    expect(items).toStrictEqual([STORED]);
    expect(invoices).toStrictEqual([]);
    expect(execution).toStrictEqual({ status: 'FAILED', error: 'OrderNotWithdrawn' });
    expect(run.report.cause).toMatch(/InvoiceNotStored.*DynamoDB\.ThrottlingException.*stored without an invoice/s);
    const notice = expectFailureNotice(run, 'ORDER_STORED_WITHOUT_INVOICE', 'OrderNotWithdrawn');
    expect(notice.error).toMatchObject({
      Cause: run.report.cause,
      invoiceError: { Error: 'InvoiceNotStored' },
      withdrawalError: { Error: 'DynamoDB.ThrottlingException' },
    });
    expect(notice.message).toMatch(/stored without an invoice/);
  });

  test('failure notice not sent: the data is as its row says (withdrawn) and the execution still fails with the order’s error', () => {
    const run = runs.failureNoticeNotSent;
    const { items, invoices, notices, execution } = columns(run);
    expect(items).toStrictEqual([]);
    expect(invoices).toStrictEqual([]);
    expect(notices).toStrictEqual([]);
    expect(execution).toStrictEqual({ status: 'FAILED', error: 'InvoiceNotStored' });
  });
});
