/**
 * skip-the-line started with inputs the API would never send (StartExecution takes any JSON text): each ends in
 * a failure notice and `Job Failed` with a named error, and writes nothing.
 */
import { startLocalStack, type ExecutionResult, type LocalStack, type Snapshot } from '../../../local';
import { runLocalJson } from '../../support/local-cli';
import { expectNoStackOrPath, noticesOf } from '../../support/notices';
import { QUERY_LANGUAGES, stackDirIn, synthIn } from '../../support/languages';

const TABLE = 'step_function_orchestration';
describe.each(QUERY_LANGUAGES)('%s rendering', (language) => {
  const { outdir, env } = synthIn(language);

  const INPUTS: [string, unknown][] = [
    ['an array', [{ order: { accountid: 'a0' } }]],
    ['a string', 'an order'],
    ['a number', 42],
    ['null', null],
    ['an object without order', { accountid: 'a0', vendorid: 'v0' }],
  ];

  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startLocalStack(stackDirIn(language, 'skip-the-line'));
  });
  afterAll(() => stack?.close());

  function expectRefused(result: Pick<ExecutionResult, 'status' | 'error' | 'cause' | 'transitions'>, after: Snapshot, input: unknown) {
    expect(result).toMatchObject({ status: 'FAILED', error: 'ValidationError', cause: expect.stringMatching(/Invalid order/) });
    expect(after.tables[TABLE]).toStrictEqual([]);
    expect(Object.values(after.buckets)).toStrictEqual([{}]);
    const notices = noticesOf(after.messages);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ status: 'ORDER_FAILED', data: 'NOTHING_STORED', error: { Error: 'ValidationError' } });
    expect(notices[0].request).toStrictEqual(input);
    expectNoStackOrPath(after.messages[0].message);
    // put_item, the Pass that records what happened (JSONPath; in JSONata put_item's catcher does), the notice, Job Failed
    expect(result.transitions).toBe(language === 'JSONata' ? 3 : 4);
  }

  test.each(INPUTS)('an execution input that is %s fails with ValidationError after a failure notice, and writes nothing', async (_what, input) => {
    const before = (await stack.snapshot()).messages.length;
    const result = await stack.execute(input);
    const after = await stack.snapshot();
    expectRefused(result, { ...after, messages: after.messages.slice(before) }, input);
  });

  test('npm run local -- skip-the-line --input null runs null (not the sample order)', async () => {
    const { code, report } = await runLocalJson(['skip-the-line', '--out', outdir, '--input', 'null'], env);
    expect(code).toBe(1);
    expectRefused({ ...report, error: report.error ?? undefined, cause: report.cause ?? undefined }, report, null);
  });
});
