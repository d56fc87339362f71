import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { LOCAL_API_CREDENTIALS, LOCAL_CREDENTIALS, SPARE_IDLE_MS } from '../../../local';
import { OrderApiClient } from '../../order-client/api-client';
import { generateOrders } from '../../order-client/orders';
import { closedLoop } from './closed-loop';
import { startServe, type BenchSynth } from './serve-process';
import type { Table } from './table';

/**
 * Whether `--serve` keeps its memory flat: skip-the-line served as users serve it (a child process), POST /order sent
 * by `clients` closed-loop clients, every order its own customer and vendor (so every execution succeeds and writes),
 * and the server's resident set size (VmRSS, worker threads included) read every `every` orders once the executions
 * sent so far have ended. `npm run bench -- --only serve-memory [--orders N]`; the default bench runs a short one.
 */

export interface ServeMemoryPlan {
  readonly orders: number;
  /** RSS is read after this many orders (and after the last). */
  readonly every: number;
  readonly clients: number;
  readonly dataDir: boolean;
}

export interface MemorySample {
  readonly orders: number;
  /** RSS once the executions sent so far have ended. */
  readonly rssBytes: number;
  /** RSS QUIET_MS later, nothing sent in between (the function environments a burst started have stopped). */
  readonly quietBytes: number;
  /** The largest RSS read during the step (every 250 ms). */
  readonly peakBytes: number;
  /** Orders per second since the previous sample (the wait for their executions' ends included). */
  readonly perSecond: number;
}

export interface ServeMemoryFigures {
  readonly plan: ServeMemoryPlan;
  /** RSS once the server is up, before any order. */
  readonly idleBytes: number;
  readonly samples: readonly MemorySample[];
}

/** How long the bench waits, nothing sent, before its second reading of a step: idle environments stop after SPARE_IDLE_MS. */
export const QUIET_MS = SPARE_IDLE_MS + 1000;

/** The resident set size of process `pid` (Linux /proc), in bytes. */
export function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`/proc/${pid}/status has no VmRSS line`);
  return Number(kb) * 1024;
}

/** Orders sent in batches of at most 1,000 (what generateOrders makes at once), each batch with its own id prefix. */
function ordersFor(batch: number, count: number) {
  return generateOrders({ count, seed: batch, idPrefix: `m${batch}` });
}

export async function measureServeMemory(synth: BenchSynth, plan: ServeMemoryPlan, say: (line: string) => void): Promise<ServeMemoryFigures> {
  if (!(plan.every >= 1 && plan.orders >= plan.every)) throw new Error(`serve-memory: --orders ${plan.orders} must be at least the sampling step ${plan.every}`);
  const dir = plan.dataDir ? fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-bench-mem-')) : undefined;
  const server = await startServe(synth, { ...(dir && { dataDir: dir }) });
  const api = new OrderApiClient(server.apiUrl, { kind: 'iam', region: server.region, credentials: { ...LOCAL_API_CREDENTIALS } });
  const sfn = new SFNClient({ endpoint: server.edgeUrl, region: server.region, credentials: LOCAL_CREDENTIALS });
  try {
    const idleBytes = rssOf(server.pid);
    say(`serve-memory${plan.dataDir ? ' (--data-dir)' : ''}: idle ${mib(idleBytes)}; ${plan.orders.toLocaleString('en-US')} orders at ${plan.clients} clients, RSS every ${plan.every.toLocaleString('en-US')}`);
    const samples: MemorySample[] = [];
    let sent = 0;
    let batch = 0;
    let last = performance.now();
    const send = async (count: number) => {
      const orders = ordersFor(++batch, count);
      const load = await closedLoop(count, plan.clients, async (i) => {
        const answer = await api.placeOrder(orders[i]);
        const arn = (answer.body as { executionArn?: unknown } | undefined)?.executionArn;
        if (answer.status !== 202 || typeof arn !== 'string') throw new Error(`POST /order answered ${answer.status} ${JSON.stringify(answer.body)}`);
        return arn;
      });
      if (load.answers.length !== count) throw new Error(`serve-memory: ${load.answers.length} of ${count} orders answered`);
    };
    while (sent < plan.orders) {
      const step = Math.min(plan.every, plan.orders - sent);
      const peak = watchPeak(server.pid);
      let peakBytes: number;
      try {
        for (let done = 0; done < step; done += Math.min(1000, step - done)) await send(Math.min(1000, step - done));
        sent += step;
        await settled(sfn, server.stateMachineArn);
      } finally {
        peakBytes = peak.stop();
      }
      const now = performance.now();
      const rssBytes = rssOf(server.pid);
      const perSecond = step / ((now - last) / 1000);
      await sleep(QUIET_MS);
      const sample = { orders: sent, rssBytes, quietBytes: rssOf(server.pid), peakBytes: Math.max(peakBytes, rssBytes), perSecond };
      last = performance.now();
      samples.push(sample);
      say(`  ${sent.toLocaleString('en-US')} orders: RSS ${mib(sample.rssBytes)} as they end, ${mib(sample.quietBytes)} ${QUIET_MS / 1000} s later, peak ${mib(sample.peakBytes)}; ${sample.perSecond.toFixed(0)} orders/s`);
    }
    return { plan, idleBytes, samples };
  } finally {
    sfn.destroy();
    const code = await server.stop();
    if (code !== 0) say(`  (the server ended with exit code ${code} on Ctrl+C, not 0)`);
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads the RSS of `pid` every 250 ms until stopped; `stop` answers the largest reading. */
function watchPeak(pid: number): { stop: () => number } {
  let peak = 0;
  const read = () => {
    try {
      peak = Math.max(peak, rssOf(pid));
    } catch {
      // The server ended: the load's requests fail and say so.
    }
  };
  const timer = setInterval(read, 250);
  return {
    stop: () => {
      clearInterval(timer);
      read();
      return peak;
    },
  };
}

/** Polls ListExecutions (statusFilter RUNNING) through the edge until none runs (bounded: 300 s). */
async function settled(sfn: SFNClient, stateMachineArn: string): Promise<void> {
  for (let i = 0; i < 12_000; i++) {
    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', maxResults: 1 }));
    if ((running.executions ?? []).length === 0) return;
    await sleep(25);
  }
  throw new Error('executions still RUNNING 300 s after the load');
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export function serveMemoryTable(runs: readonly ServeMemoryFigures[], machine: string): Table {
  return {
    title: 'Serving skip-the-line: resident memory as orders accumulate',
    columns: ['data dir', 'clients', 'idle', ...runs[0].samples.map((s) => `after ${s.orders.toLocaleString('en-US')}`), 'peak', 'orders/s (last step)', 'target'],
    align: ['left', 'right', 'right', ...runs[0].samples.map(() => 'right' as const), 'right', 'right', 'left'],
    rows: runs.map((r) => [
      r.plan.dataDir ? 'yes' : 'no',
      String(r.plan.clients),
      mib(r.idleBytes),
      ...r.samples.map((s) => `${mib(s.rssBytes)} / ${mib(s.quietBytes)}`),
      mib(Math.max(...r.samples.map((s) => s.peakBytes))),
      r.samples.at(-1)!.perSecond.toFixed(0),
      '≤ 250 MiB after 10,000 orders, the same after 100,000',
    ]),
    notes: [
      `${machine}. npm run local -- skip-the-line --serve (a child process, --api-throttling off), POST /order signed with SigV4, every order its own customer and vendor; RSS (/proc/<pid>/status VmRSS, the functions' worker threads included) read after each step as its executions have ended, then ${QUIET_MS / 1000} s later with nothing sent (idle function environments stop after ${SPARE_IDLE_MS / 1000} s): "as they end / ${QUIET_MS / 1000} s later"; peak: the largest reading during the load (every 250 ms).`,
      'The long run: npm run bench -- --only serve-memory --orders 100000.',
    ],
  };
}
