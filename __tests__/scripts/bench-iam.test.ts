import { iamOverheadTable, measureIamLocal, measureIamServe, type IamLocalFigures, type IamServeFigures } from '../../scripts/lib/bench/iam-overhead';
import { synthDefaultApp } from '../../scripts/lib/bench/serve-process';
import { summarize } from '../../scripts/lib/bench/stats';
import { renderText } from '../../scripts/lib/bench/table';
import { synthApp } from '../support/synth';

// npm run bench's iam part: the figures come from the two stacks (or servers) it says they do; the ratios are
// printed, never asserted against a target.

test('every stack measured with --iam off and enforce; the enforce stack\'s decisions per execution are its calls (Tasks and function SDK calls)', async () => {
  const { outdir } = synthApp();
  const figures = await measureIamLocal(outdir, 2, () => undefined);
  const byStack = Object.fromEntries(figures.map((f) => [f.stackId, f]));
  expect(Object.keys(byStack)).toEqual(['task-status', 'sfn-dynamodb', 'skip-the-line', 'parallel-map']);
  for (const f of figures) {
    expect([f.ms.off.n, f.ms.enforce.n]).toEqual([2, 2]);
    expect(f.msPerDecision).toBeGreaterThan(0);
  }
  // sfn-dynamodb: PutItem and GetItem. skip-the-line: two Lambda invokes, SNS Publish, and put_item's PutItem and
  // put_object's PutObject at the front door. task-status (started directly): the validation Lambda, PutItem, UpdateItem.
  // parallel-map: its GetItem and one invoke per item of the three-item list.
  expect(Object.fromEntries(figures.map((f) => [f.stackId, [f.decisionsPerExecution, f.doorCallsPerExecution]]))).toEqual({
    'task-status': [3, 0],
    'sfn-dynamodb': [2, 0],
    'skip-the-line': [5, 2],
    'parallel-map': [4, 0],
  });
  expect(byStack['skip-the-line'].doorMsPerCall).toBeGreaterThan(0);
}, 120_000);

test('the served load: two children (--iam off and enforce), each turn measured on both', async () => {
  const synth = synthDefaultApp();
  try {
    const figures = await measureIamServe(synth, { orders: 10, clients: 2, turns: 1 }, () => undefined);
    for (const summary of [figures.answeredPerSecond.off, figures.answeredPerSecond.enforce, figures.endedPerSecond.off, figures.endedPerSecond.enforce]) {
      expect(summary.n).toBe(1);
      expect(summary.median).toBeGreaterThan(0);
    }
    // Ended is counted over a longer time than answered (the wait for the executions is in it).
    expect(figures.endedPerSecond.off.median).toBeLessThanOrEqual(figures.answeredPerSecond.off.median);
  } finally {
    synth.remove();
  }
}, 120_000);

test('the table: enforce ÷ off from the medians, per stack and for the served load; without a served load, a note says so', () => {
  const s = (...values: number[]) => summarize(values);
  const local: IamLocalFigures[] = [
    { stackId: 'sfn-dynamodb', ms: { off: s(4, 5, 6), enforce: s(6, 7.5, 9) }, decisionsPerExecution: 2, msPerDecision: 0.75, doorCallsPerExecution: 0, doorMsPerCall: 0 },
  ];
  const serve: IamServeFigures = { plan: { orders: 500, clients: 20, turns: 1 }, answeredPerSecond: { off: s(200), enforce: s(150) }, endedPerSecond: { off: s(100), enforce: s(80) } };
  const table = iamOverheadTable(local, 3, serve, 'test machine');
  expect(table.rows).toEqual([
    ['sfn-dynamodb', '5.0 ms (4.0 ms–6.0 ms, n=3)', '7.5 ms (6.0 ms–9.0 ms, n=3)', '1.50×', '2.0', '0.8 ms', '0.0 / 0.0 ms'],
    ['skip-the-line --serve: orders/s answered (500 POST /order, 20 clients)', '200 (n=1)', '150 (n=1)', '0.75×'],
    ['skip-the-line --serve: orders/s until their executions ended', '100 (n=1)', '80 (n=1)', '0.80×'],
  ]);
  expect(renderText(table)).toContain('Authorization overhead: --iam off vs enforce');
  const alone = iamOverheadTable(local, 3, undefined, 'test machine');
  expect(alone.rows).toHaveLength(1);
  expect(alone.notes).toContain('Served: not measured in this run.');
});
