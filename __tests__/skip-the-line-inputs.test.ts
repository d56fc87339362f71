/**
 * skip-the-line started with inputs the API would never send (StartExecution takes any JSON text): each ends in
 * a failure notice and `Job Failed` with a named error, and writes nothing. Driven through `npm run local`.
 */
import { inBatches, runLocalJson, type CliRun } from './support/local-cli';
import { expectNoStackOrPath, noticesOf } from './support/notices';
import { synthApp } from './support/synth';

const TABLE = 'step_function_orchestration';
const { outdir } = synthApp();

const INPUTS: [string, unknown][] = [
  ['an array', [{ order: { accountid: 'a0' } }]],
  ['a string', 'an order'],
  ['a number', 42],
  ['null', null],
  ['an object without order', { accountid: 'a0', vendorid: 'v0' }],
];

let runs: CliRun[];
beforeAll(async () => {
  runs = await inBatches(
    INPUTS.map(([, input]) => () => runLocalJson(['skip-the-line', '--out', outdir, '--input', JSON.stringify(input)])),
    3,
  );
});

test.each(INPUTS.map(([what, input], i) => [what, input, i] as const))(
  'an execution input that is %s fails with ValidationError after a failure notice, and writes nothing',
  (_what, input, i) => {
    const { code, report } = runs[i];
    expect(code).toBe(1);
    expect(report).toMatchObject({ status: 'FAILED', error: 'ValidationError', cause: expect.stringMatching(/Invalid order/) });
    expect(report.tables[TABLE]).toStrictEqual([]);
    expect(Object.values(report.buckets)).toStrictEqual([{}]);
    const notices = noticesOf(report.messages);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ status: 'ORDER_FAILED', data: 'NOTHING_STORED', error: { Error: 'ValidationError' } });
    expect(notices[0].request).toStrictEqual(input);
    expectNoStackOrPath(report.messages[0].message);
    // put_item, the Pass that records what happened, the notice, Job Failed
    expect(report.transitions).toBe(4);
  },
);
