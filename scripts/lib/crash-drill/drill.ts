import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LOCAL_API_CREDENTIALS, startLocalStack } from '../../../local';
import { OrderApiClient } from '../../order-client/api-client';
import { generateOrders } from '../../order-client/orders';
import { freePort } from '../free-port';
import { launched, PROJECT_ROOT } from '../project';

/**
 * The crash drill: `npm run local -- skip-the-line --serve --data-dir D` in a child process, N orders POSTed through
 * the order API (some at once), SIGKILL once `killAfter` of them were answered 202, then a restart on the same data
 * folder (in this process: LocalStack.start, which recovers what the killed one left running), a wait until every
 * execution ended, and the count: what the table, the bucket and the topic hold (the stack's snapshot) and how every
 * accepted order ended. 127.0.0.1 only; every wait is bounded.
 */

export interface DrillOptions {
  /** The synth output folder (its stacks/skip-the-line is served). */
  readonly outDir: string;
  /** Extra environment for the child (e.g. the config a test synthesized with). */
  readonly env?: Record<string, string>;
  readonly dataDir: string;
  readonly count: number;
  /** SIGKILL once this many orders were accepted (202). */
  readonly killAfter: number;
  /** Orders in flight at once. @default 20 */
  readonly concurrency?: number;
  /** Bound on each wait (the child's start, the settling after the restart), ms. @default 120000 */
  readonly timeoutMs?: number;
  readonly say?: (line: string) => void;
}

export interface DrillFigures {
  readonly sent: number;
  /** POSTs answered 202 before the kill (their execution ARNs). */
  readonly accepted: readonly string[];
  /** POSTs that got no answer (the kill cut them) or another status. */
  readonly unanswered: number;
  /** Lines the restart printed about recovered executions. */
  readonly recovery: readonly string[];
  readonly ordersStored: number;
  readonly invoices: number;
  readonly noticesPlaced: number;
  readonly noticesFailed: number;
  /** Executions that sent more than one notice (at-least-once after the kill). */
  readonly repeatedNotices: number;
  readonly executions: Readonly<Record<string, number>>;
  /** Accepted orders whose execution did not end SUCCEEDED or FAILED, or is missing: must be empty. */
  readonly withoutOutcome: readonly string[];
  /** Accepted orders that SUCCEEDED but lack their stored order, invoice or ORDER_PLACED notice: must be empty. */
  readonly incomplete: readonly string[];
  readonly loadSeconds: number;
  readonly recoverySeconds: number;
}

const STACK = 'skip-the-line';

export async function runCrashDrill(options: DrillOptions): Promise<DrillFigures> {
  const say = options.say ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const port = await freePort();
  const child = spawn(
    process.execPath,
    launched('scripts/local.ts', [STACK, '--serve', '--api-throttling', 'off', '--out', options.outDir, '--port', String(port), '--edge-port', String(await freePort()), '--data-dir', options.dataDir]),
    { cwd: PROJECT_ROOT, env: { ...process.env, CHECKPOINT_DISABLE: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const apiUrl = await bannerUrl(child, timeoutMs);
    say(`Serving ${STACK} (process ${child.pid}) with --data-dir ${options.dataDir}; order API ${apiUrl}`);
    const client = new OrderApiClient(apiUrl, { kind: 'iam', region: 'us-east-1', credentials: { ...LOCAL_API_CREDENTIALS } });
    const orders = generateOrders({ count: options.count, seed: 15, idPrefix: `drill${Date.now() % 100_000}-` });
    const accepted: string[] = [];
    let unanswered = 0;
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      while (next < orders.length && child.exitCode === null && child.signalCode === null) {
        const order = orders[next++]!;
        try {
          const answer = await client.placeOrder(order);
          const arn = (answer.body as { executionArn?: string } | undefined)?.executionArn;
          if (answer.status === 202 && arn) {
            accepted.push(arn);
            if (accepted.length === options.killAfter) {
              child.kill('SIGKILL');
              say(`SIGKILL after ${accepted.length} accepted orders`);
            }
          } else unanswered++;
        } catch {
          unanswered++; // the connection was cut by the kill
        }
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 20 }, worker));
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited(child, timeoutMs);
    const loadSeconds = (performance.now() - started) / 1000;
    const sent = accepted.length + unanswered;

    // The restart, on the same data folder.
    const recovery: string[] = [];
    const restarted = performance.now();
    const stack = await startLocalStack(path.join(options.outDir, 'stacks', STACK), { dataDir: options.dataDir, onRecovery: (line) => recovery.push(line) });
    try {
      const settled = await stack.waitForExecutions(timeoutMs);
      const recoverySeconds = (performance.now() - restarted) / 1000;
      if (!settled) say(`Some executions were still running after ${timeoutMs} ms.`);
      const snapshot = await stack.snapshot();
      const byArn = new Map(stack.executions().map((e) => [e.executionArn, e]));
      const notices = snapshot.messages.map((m) => JSON.parse(m.message) as { status?: string; executionId?: string });
      const noticesOf = (arn: string, status: string) => notices.filter((n) => n.executionId === arn && n.status === status).length;
      const items = Object.values(snapshot.tables).flat();
      const objects = Object.values(snapshot.buckets).flatMap((b) => Object.keys(b));
      const executions: Record<string, number> = {};
      for (const e of byArn.values()) executions[e.status] = (executions[e.status] ?? 0) + 1;
      const withoutOutcome = accepted.filter((arn) => !['SUCCEEDED', 'FAILED'].includes(byArn.get(arn)?.status ?? 'missing'));
      const incomplete = accepted.filter((arn) => {
        const e = byArn.get(arn);
        if (e?.status !== 'SUCCEEDED') return false;
        const order = (JSON.parse(e.input) as { order: { accountid: string; vendorid: string } }).order;
        const stored = items.some((i) => i.accountid === order.accountid && i.vendorid === order.vendorid);
        const invoiced = objects.some((key) => key.includes(`/${order.accountid}/${order.vendorid}/`));
        return !stored || !invoiced || noticesOf(arn, 'ORDER_PLACED') < 1;
      });
      const perExecution = new Map<string, number>();
      for (const n of notices) if (n.executionId) perExecution.set(n.executionId, (perExecution.get(n.executionId) ?? 0) + 1);
      return {
        sent,
        accepted,
        unanswered,
        recovery,
        ordersStored: items.length,
        invoices: objects.length,
        noticesPlaced: notices.filter((n) => n.status === 'ORDER_PLACED').length,
        noticesFailed: notices.filter((n) => n.status === 'ORDER_FAILED').length,
        repeatedNotices: [...perExecution.values()].filter((c) => c > 1).length,
        executions,
        withoutOutcome,
        incomplete,
        loadSeconds,
        recoverySeconds,
      };
    } finally {
      await stack.close();
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}


/** The order API's URL from the child's banner (`… on http://127.0.0.1:P/…`), once it is serving. */
async function bannerUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && child.exitCode === null) {
    const url = /REST API .* on (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(stdout)?.[1];
    if (url && stdout.includes('Press Ctrl+C')) return url;
    await sleep(100);
  }
  throw new Error(`The served stack did not come up (exit ${child.exitCode}): ${stderr.slice(-2000) || stdout.slice(-2000)}`);
}

async function exited(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(timeoutMs)]);
}
