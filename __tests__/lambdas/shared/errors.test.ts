/**
 * What a function's error shows outside the function. The Lambda runtime turns a thrown error into
 * `{errorType, errorMessage, trace}` (trace = the stack's lines), Step Functions puts that document in the
 * Cause, and skip-the-line's failure notice (which may go to an e-mail subscriber) copies the Cause. So no
 * error may leave a function with stack frames or file paths; the function's own log keeps the full error.
 */
import * as path from 'node:path';
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { invoiceKey } from '../../../lambdas/orders/invoice';
import { startLocalStack, type LocalStack } from '../../../local';
import { LOCAL_CREDENTIALS } from '../../../local/aws-names';
import { OrderAlreadyActive } from '../../../lambdas/orders/errors';
import { ConfigurationError, publicError, ValidationError } from '../../../lambdas/shared/errors';
import { invocationFailed } from '../../../lambdas/shared/logger';
import { expectNoStackOrPath, noticesOf } from '../../support/notices';
import { notebookOrder } from '../../support/orders';
import { synthApp } from '../../support/synth';

describe('publicError', () => {
  test.each([
    ['ValidationError', new ValidationError('Invalid order: details.quantity: must be 1 to 10')],
    ['OrderAlreadyActive', new OrderAlreadyActive("Account 'a0' already has an active order at vendor 'v0'.")],
    ['ConfigurationError', new ConfigurationError('The environment variable TABLE_NAME is not set.')],
  ])('an error the function throws on purpose (%s) keeps its name and message, and loses its stack frames', (name, err) => {
    expect(err.stack).toMatch(/\n\s+at /);
    const shown = publicError(err);
    expect(shown).toMatchObject({ name, message: err.message, stack: `${name}: ${err.message}` });
    expect(shown).toBeInstanceOf(err.constructor);
  });

  test('any other error keeps its name (Retry may match it) but not its message, which could hold a path or a key', () => {
    const err = Object.assign(new Error("ENOENT: no such file or directory, open '/var/task/data/catalog.json'"), { name: 'SystemError' });
    const shown = publicError(err, 'c0ffee00-0000-4000-8000-000000000000');
    expect(shown.name).toBe('SystemError');
    expect(shown.message).toBe("Unexpected SystemError in the function; its log has the details (request id c0ffee00-0000-4000-8000-000000000000).");
    expect(shown.stack).toBe(`SystemError: ${shown.message}`);
    expect(publicError('a thrown string').name).toBe('Error');
  });

  test('invocationFailed logs the full error (stack included) for operators and answers the public one', () => {
    const logged: { level: string; message: string; detail: unknown }[] = [];
    const logger = {
      warn: (message: string, detail: unknown) => void logged.push({ level: 'warn', message, detail }),
      error: (message: string, detail: unknown) => void logged.push({ level: 'error', message, detail }),
    };
    const bug = new TypeError("Cannot read properties of undefined (reading 'S')");
    const shown = invocationFailed(logger, 'Order not stored', bug, 'req-1');
    expect(logged).toStrictEqual([{ level: 'error', message: 'Order not stored', detail: bug }]);
    expect((logged[0].detail as Error).stack).toMatch(/\n\s+at /);
    expect(shown).toMatchObject({ name: 'TypeError', stack: expect.not.stringMatching(/\n/) });

    const refused = invocationFailed(logger, 'Order not stored', new ValidationError('Invalid order: city: Required'), 'req-2');
    expect(logged[1]).toStrictEqual({ level: 'warn', message: 'Order not stored', detail: { error: 'ValidationError', reason: 'Invalid order: city: Required' } });
    expect(refused.stack).toBe('ValidationError: Invalid order: city: Required');
  });
});

describe('skip-the-line on the local runner, with its real functions', () => {
  const TABLE = 'step_function_orchestration';
  let stack: LocalStack;

  beforeAll(async () => {
    stack = await startLocalStack(path.join(synthApp().outdir, 'stacks', 'skip-the-line'));
  });
  afterAll(() => stack?.close());

  test("put_item's error document has no stack frame; its log has the reason", async () => {
    const invoked = await stack.invoke('step_function_orchestration_put_item', [1, 2]);
    expect(invoked.functionError).toEqual({
      errorType: 'ValidationError',
      errorMessage: 'Invalid order: (event): Expected object, received array',
      trace: ['ValidationError: Invalid order: (event): Expected object, received array'],
    });
    expect(stack.lambdaLogs().map((l) => l.line).join('\n')).toMatch(/"reason":"Invalid order: \(event\): Expected object, received array"/);
  });

  test('the failure notices of refused, duplicate and uninvoiced orders carry no stack frame or path', async () => {
    // GIVEN an order in place, WHEN a bad order, a second order for the same pair, and an order whose invoice
    // cannot be written (the bucket is gone) are placed
    const placed = await stack.execute(notebookOrder());
    expect(placed.status).toBe('SUCCEEDED');
    const refused = await stack.execute(notebookOrder({ accountid: 'a1' }, { unitprice: '9.9' }));
    const duplicate = await stack.execute(notebookOrder({ orderdate: '2022-04-09 10:00:00.000000' }));
    const s3 = new S3Client({ endpoint: stack.endpoints.s3, region: stack.model.region, credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
    const Bucket = stack.model.buckets[0].name;
    await s3.send(new DeleteObjectCommand({ Bucket, Key: invoiceKey(notebookOrder().order) }));
    await s3.send(new DeleteBucketCommand({ Bucket }));
    const uninvoiced = await stack.execute(notebookOrder({ accountid: 'a2' })).finally(() => s3.send(new CreateBucketCommand({ Bucket })).finally(() => s3.destroy()));

    // THEN each failed under its own name, and none of the notices (nor the causes) shows a stack or a path
    expect([refused, duplicate, uninvoiced].map((r) => r.error)).toStrictEqual(['ValidationError', 'OrderAlreadyActive', 'InvoiceNotStored']);
    const { messages, tables } = await stack.snapshot();
    const failures = noticesOf(messages).filter((n) => n.status === 'ORDER_FAILED');
    expect(failures.map((n) => n.error?.Error)).toStrictEqual(['ValidationError', 'OrderAlreadyActive', 'InvoiceNotStored']);
    for (const message of messages) expectNoStackOrPath(message.message);
    for (const result of [refused, duplicate, uninvoiced]) expectNoStackOrPath(String(result.cause));
    expect(uninvoiced.cause).toMatch(/NoSuchBucket/);
    expect(tables[TABLE]).toHaveLength(1);
  });
});
