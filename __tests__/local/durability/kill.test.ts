import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCrashDrill } from '../../../scripts/lib/crash-drill/drill';
import { synthApp } from '../../support/synth';

// The kill test: skip-the-line served with --data-dir in a child process, SIGKILL mid-load, a restart on the same
// folder; every order answered 202 ends SUCCEEDED or FAILED with its data, none lost (issue 15, durable executions).

jest.setTimeout(120_000);

test('SIGKILL during a load of 60 orders: after the restart every accepted order has its outcome, stored, invoiced and noticed', async () => {
  // GIVEN
  const synth = synthApp();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-'));
  // WHEN
  const figures = await runCrashDrill({ outDir: synth.outdir, env: synth.env, dataDir, count: 60, killAfter: 40, timeoutMs: 60_000 });
  // THEN the kill came mid-load: 40 accepted (and a few more answered while the signal was on its way), the rest cut off
  expect(figures.accepted.length).toBeGreaterThanOrEqual(40);
  expect(figures.accepted.length).toBeLessThan(60);
  // the restart said what it recovered: one line each, and a summary
  const summary = /^Recovered (\d+) execution\(s\) left running by the earlier process: (\d+) continue, 0 FAILED and redrivable\.$/.exec(figures.recovery.at(-1) ?? '');
  expect(summary).not.toBeNull();
  expect(figures.recovery.filter((l) => l.startsWith('Recovered arn:'))).toHaveLength(Number(summary![1]));
  // nothing accepted is lost, nothing left RUNNING or ABORTED
  expect(figures.withoutOutcome).toStrictEqual([]);
  expect(figures.incomplete).toStrictEqual([]);
  expect(figures.executions.RUNNING ?? 0).toBe(0);
  expect(figures.executions.ABORTED ?? 0).toBe(0);
  // every order is its own customer and vendor, so every accepted one is placed: stored, invoiced, noticed
  expect(figures.executions.SUCCEEDED).toBeGreaterThanOrEqual(figures.accepted.length);
  expect(figures.ordersStored).toBe(figures.executions.SUCCEEDED);
  expect(figures.invoices).toBe(figures.executions.SUCCEEDED);
  expect(figures.noticesPlaced).toBeGreaterThanOrEqual(figures.executions.SUCCEEDED);
  fs.rmSync(dataDir, { recursive: true, force: true });
});
