import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { LOCAL_API_CREDENTIALS, LOCAL_CREDENTIALS, startLocalStack } from '../../local';
import { parseServeBanner } from '../../scripts/lib/bench/serve-process';
import { freePort } from '../../scripts/lib/free-port';
import { launched } from '../../scripts/lib/project';
import { OrderApiClient } from '../../scripts/order-client/api-client';
import { generateOrders } from '../../scripts/order-client/orders';
import { PROJECT_ROOT } from '../support/cli';
import { synthApp } from '../support/synth';

// Ctrl+C (SIGINT) on `npm run local -- <stack> --serve` with executions in flight (issue 18): it stops accepting, lets
// what is in flight end (bounded by --stop-wait) or, with --data-dir, leaves it journaled for the next start, says
// what it did and exits 0, with nothing on stderr.

jest.setTimeout(120_000);

const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

interface Served {
  readonly child: ChildProcess;
  readonly banner: string;
  readonly stdout: () => string;
  readonly stderr: () => string;
  readonly exited: Promise<number | null>;
}

async function serve(outdir: string, env: Record<string, string>, args: readonly string[]): Promise<Served> {
  const ports = ['--port', String(await freePort()), '--edge-port', String(await freePort())];
  const child = spawn(process.execPath, [...launched('scripts/local.ts'), ...args, '--serve', '--out', outdir, ...ports], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, CHECKPOINT_DISABLE: '1' },
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  for (let i = 0; i < 600 && !stdout.includes('Press Ctrl+C') && child.exitCode === null; i++) await sleep(100);
  expect({ stderr, up: stdout.includes('Press Ctrl+C') }).toMatchObject({ up: true });
  return { child, banner: stdout, stdout: () => stdout, stderr: () => stderr, exited };
}

const within = (exited: Promise<number | null>, ms: number) => Promise.race([exited, sleep(ms, 'still running', { ref: false })]);

test('without --data-dir: orders in flight are answered and their executions finish; exit 0, nothing on stderr', async () => {
  // GIVEN skip-the-line served, and 30 orders sent at once
  const synth = synthApp();
  // (--stop-wait 60: room for a loaded machine; the executions take milliseconds each on the virtual clock)
  const served = await serve(synth.outdir, synth.env, ['skip-the-line', '--api-throttling', 'off', '--stop-wait', '60']);
  const { apiUrl, region } = parseServeBanner(served.banner);
  const api = new OrderApiClient(apiUrl, { kind: 'iam', region, credentials: { ...LOCAL_API_CREDENTIALS } });
  const statuses: (number | string)[] = [];
  const sent = generateOrders({ count: 30, seed: 7, idPrefix: 'sigint' }).map((order) =>
    api.placeOrder(order).then(
      (answer) => statuses.push(answer.status),
      () => statuses.push('refused'),
    ),
  );
  for (let i = 0; i < 600 && statuses.length === 0; i++) await sleep(10);

  // WHEN Ctrl+C comes with orders in flight
  served.child.kill('SIGINT');
  const code = await within(served.exited, 90_000);
  await Promise.all(sent);

  // THEN it stopped cleanly: exit 0, what it did said, nothing on stderr
  expect(code).toBe(0);
  expect(served.stderr()).toBe('');
  expect(served.stdout()).toContain('SIGINT: stopping. No new requests are accepted; those already received are answered.');
  expect(served.stdout()).toMatch(/^■ Stopped: (no execution was in flight|\d+ execution\(s\) in flight finished)\.$/m);
  // every order got 202 or was refused at the door (never a 5xx from a half-closed stack)
  expect(statuses.filter((s) => s !== 202 && s !== 'refused')).toStrictEqual([]);
  expect(statuses).toContain(202);
});

test('with --data-dir: executions still running after --stop-wait stay journaled, and the next start continues them to their end', async () => {
  // GIVEN task-status served with real waits (its Wait state holds each execution 30 s) and a data folder
  const synth = synthApp();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-stop-'));
  const served = await serve(synth.outdir, synth.env, ['task-status', '--real-waits', '--data-dir', dataDir, '--stop-wait', '1']);
  const edgeUrl = /^▶ One AWS endpoint for .* on (http:\/\/\S+)$/m.exec(served.banner)![1];
  const stateMachineArn = /^ {4}(arn:aws:states:[^:]+:\d+:stateMachine:\S+)$/m.exec(served.banner)![1];
  const sfn = new SFNClient({ endpoint: edgeUrl, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  const started: string[] = [];
  for (const taskId of ['stop-a', 'stop-b']) {
    const answer = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: taskId, input: JSON.stringify({ taskId, timestamp: 1_700_000_000 }) }));
    started.push(answer.executionArn!);
  }
  sfn.destroy();

  // WHEN Ctrl+C comes while both wait
  served.child.kill('SIGINT');
  const code = await within(served.exited, 60_000);

  // THEN it waited 1 s, left both in the journal, said so, and exited 0 with nothing on stderr
  expect(code).toBe(0);
  expect(served.stderr()).toBe('');
  expect(served.stdout()).toContain(`■ Stopped: 0 execution(s) in flight finished; 2 still running after 1 s stay in the journal of ${dataDir}: the next start with --data-dir ${dataDir} continues them.`);

  // WHEN the stack starts again on the folder (the engine's virtual clock: the rest of the Wait takes no time)
  const recovery: string[] = [];
  const stack = await startLocalStack(path.join(synth.outdir, 'stacks', 'task-status'), { dataDir, onRecovery: (line) => recovery.push(line) });
  try {
    // THEN both continue and end SUCCEEDED
    expect(recovery.at(-1)).toBe('Recovered 2 execution(s) left running by the earlier process: 2 continue, 0 FAILED and redrivable.');
    expect(await stack.waitForExecutions(30_000)).toBe(true);
    const ended = stack.executions().filter((e) => started.includes(e.executionArn));
    expect(ended.map((e) => e.status)).toStrictEqual(['SUCCEEDED', 'SUCCEEDED']);
  } finally {
    await stack.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
