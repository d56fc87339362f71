import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeExecutionCommand, ListExecutionsCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { LOCAL_API_CREDENTIALS, LOCAL_CREDENTIALS } from '../../../local';
import { OrderApiClient } from '../../order-client/api-client';
import { generateOrders } from '../../order-client/orders';
import { closedLoop, percentile } from './closed-loop';
import { startServe, synthDefaultApp, type BenchSynth, type ServeProcess } from './serve-process';
import { summarize, type Summary } from './stats';

/**
 * skip-the-line served as `npm run local -- skip-the-line --serve [--data-dir D]` (serve-process.ts), loaded by
 * clients in the bench's process: the order API's POST /order signed with SigV4 as the order client signs it, and
 * StartExecution / DescribeExecution with the SDK v3 SFNClient against the edge. Each run sends its requests, then
 * waits until every execution it started has ended, then describes each of them.
 */

export const SERVE_OPERATIONS = ['order API POST /order', 'StartExecution at the edge', 'DescribeExecution at the edge'] as const;
export type ServeOperation = (typeof SERVE_OPERATIONS)[number];

export interface ServePlan {
  readonly concurrencies: readonly number[];
  /** Requests per run at this many clients. */
  readonly requests: (clients: number) => number;
  /** Measured runs per operation, data-dir setting and client count. */
  readonly runs: number;
  /** Requests of each kind sent before measuring, on each new server (one per data-dir setting and client count). */
  readonly warmup: number;
  /** Profile the server with --data-dir at the most clients: V8's CPU profile of the serving process is written into this folder. */
  readonly cpuProfDir?: string;
}

/** `npm run bench`'s plan: 1, 20 and 50 clients, 3 runs each (--quick: 1 and 20 clients, 1 run, fewer requests). */
export function servePlan(quick: boolean, cpuProfDir?: string): ServePlan {
  return {
    concurrencies: quick ? [1, 20] : [1, 20, 50],
    requests: (clients) => (clients === 1 ? (quick ? 30 : 50) : quick ? 100 : 200),
    runs: quick ? 1 : 3,
    warmup: 20,
    ...(cpuProfDir !== undefined && { cpuProfDir }),
  };
}

export interface ServeFigures {
  readonly operation: ServeOperation;
  readonly dataDir: boolean;
  readonly clients: number;
  /** Requests per run. */
  readonly requests: number;
  /** Answered requests per second, one sample per run. */
  readonly perSecond: Summary;
  /** Each run's p50 and p95 latency. */
  readonly p50Ms: Summary;
  readonly p95Ms: Summary;
  /** From the run's first request until every execution it started had ended (not for DescribeExecution). */
  readonly allEndedMs?: Summary;
  /** How the executions the runs started ended, as DescribeExecution answered (not for DescribeExecution). */
  readonly statuses?: Readonly<Record<string, number>>;
  /** Requests the SDK sent again (its default retry strategy: a dropped keep-alive connection, say), over all runs. */
  readonly retried: number;
}

interface Sample {
  readonly perSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly allEndedMs?: number;
}

class Cell {
  readonly samples: Sample[] = [];
  readonly statuses: Record<string, number> = {};
  retried = 0;
  constructor(
    readonly operation: ServeOperation,
    readonly dataDir: boolean,
    readonly clients: number,
    readonly requests: number,
  ) {}

  add(wallMs: number, latencyMs: readonly number[], allEndedMs?: number): void {
    this.samples.push({ perSecond: latencyMs.length / (wallMs / 1000), p50: percentile(latencyMs, 50), p95: percentile(latencyMs, 95), ...(allEndedMs !== undefined && { allEndedMs }) });
  }

  figures(): ServeFigures {
    const of = (pick: (s: Sample) => number | undefined) => {
      const values = this.samples.map(pick).filter((v): v is number => v !== undefined);
      return values.length > 0 ? summarize(values) : undefined;
    };
    const allEndedMs = of((s) => s.allEndedMs);
    return {
      operation: this.operation,
      dataDir: this.dataDir,
      clients: this.clients,
      requests: this.requests,
      perSecond: of((s) => s.perSecond)!,
      p50Ms: of((s) => s.p50)!,
      p95Ms: of((s) => s.p95)!,
      retried: this.retried,
      ...(allEndedMs && { allEndedMs, statuses: { ...this.statuses } }),
    };
  }
}

/** One served stack and its clients. */
class Target {
  private batch = 0;
  /** Attempts the SDK made beyond the first, so far. */
  retries = 0;
  readonly sfn: SFNClient;
  readonly api: OrderApiClient;

  constructor(readonly server: ServeProcess) {
    // The SDK as users have it (endpoint and credentials only; its default retries are counted, not hidden).
    this.sfn = new SFNClient({ endpoint: server.edgeUrl, region: server.region, credentials: LOCAL_CREDENTIALS });
    this.api = new OrderApiClient(server.apiUrl, { kind: 'iam', region: server.region, credentials: { ...LOCAL_API_CREDENTIALS } });
  }

  /** Orders for new accounts and vendors only (`b<batch>a<i>`), so that every execution stores its order and succeeds. */
  private orders(count: number) {
    return generateOrders({ count, seed: this.batch, idPrefix: `b${++this.batch}` });
  }

  async post(count: number, clients: number) {
    const orders = this.orders(count);
    return closedLoop(count, clients, async (i) => {
      const answer = await this.api.placeOrder(orders[i]).catch((err: Error) => {
        throw new Error(`POST /order (request ${i + 1} of ${count}, ${clients} clients) failed: ${err.message}${err.cause ? ` (${String(err.cause)})` : ''}`);
      });
      const executionArn = (answer.body as { executionArn?: unknown } | undefined)?.executionArn;
      if (answer.status !== 202 || typeof executionArn !== 'string') throw new Error(`POST /order answered ${answer.status} ${JSON.stringify(answer.body)}`);
      return executionArn;
    });
  }

  async start(count: number, clients: number) {
    const orders = this.orders(count);
    const batch = this.batch;
    return closedLoop(count, clients, async (i) => {
      const started = await this.send('StartExecution', () => this.sfn.send(new StartExecutionCommand({ stateMachineArn: this.server.stateMachineArn, name: `bench-${batch}-${i}`, input: JSON.stringify(orders[i]) })));
      return started.executionArn!;
    });
  }

  async describe(executionArns: readonly string[], clients: number) {
    return closedLoop(executionArns.length, clients, async (i) => (await this.send('DescribeExecution', () => this.sfn.send(new DescribeExecutionCommand({ executionArn: executionArns[i] })))).status ?? 'none');
  }

  /** Sends with the SDK, counts its retries, and names the operation when it fails. */
  private async send<Output extends { $metadata: { attempts?: number } }>(operation: string, call: () => Promise<Output>): Promise<Output> {
    try {
      const output = await call();
      this.retries += Math.max(0, (output.$metadata.attempts ?? 1) - 1);
      return output;
    } catch (err) {
      throw new Error(`${operation} through the edge failed: ${(err as Error).message}`);
    }
  }

  /** Polls ListExecutions (statusFilter RUNNING) until none runs; answers when that was seen (performance.now()). */
  async settled(timeoutMs = 300_000): Promise<number> {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const running = await this.send('ListExecutions', () => this.sfn.send(new ListExecutionsCommand({ stateMachineArn: this.server.stateMachineArn, statusFilter: 'RUNNING', maxResults: 1 })));
      const now = performance.now();
      if ((running.executions ?? []).length === 0) return now;
      if (now > until) throw new Error(`executions still RUNNING ${timeoutMs / 1000} s after the load`);
      await sleep(25);
    }
  }

  close(): Promise<number | null> {
    this.sfn.destroy();
    return this.server.stop();
  }
}

/** Sends a load, waits for its executions to end, describes them: the figures go into `cell` (and `describeCell`). */
async function measureRun(target: Target, kind: 'post' | 'start', cell: Cell, describeCell: Cell | undefined): Promise<void> {
  const retries = target.retries;
  const started = performance.now();
  const load = await (kind === 'post' ? target.post(cell.requests, cell.clients) : target.start(cell.requests, cell.clients));
  const ended = await target.settled();
  cell.add(load.wallMs, load.latencyMs, ended - started);
  cell.retried += target.retries - retries;
  const describing = target.retries;
  const described = await target.describe(load.answers, cell.clients);
  if (describeCell) describeCell.retried += target.retries - describing;
  describeCell?.add(described.wallMs, described.latencyMs);
  for (const status of described.answers) cell.statuses[status] = (cell.statuses[status] ?? 0) + 1;
}

/** One new server (and data directory) per data-dir setting and client count, so that every cell starts alike. */
async function measureCell(synth: BenchSynth, plan: ServePlan, dataDir: boolean, clients: number, say: (line: string) => void): Promise<Cell[]> {
  const requests = plan.requests(clients);
  const [post, start, describe] = SERVE_OPERATIONS.map((operation) => new Cell(operation, dataDir, clients, requests));
  const dir = dataDir ? fs.mkdtempSync(path.join(os.tmpdir(), 'sfn-bench-data-')) : undefined;
  const profile = dataDir && plan.cpuProfDir !== undefined && clients === Math.max(...plan.concurrencies);
  say(`serve: ${clients} client(s), ${dataDir ? 'with' : 'without'} --data-dir: ${plan.runs} × (${requests} POST /order, ${requests} StartExecution, ${requests} DescribeExecution)${profile ? ', CPU profile' : ''}`);
  const removeDir = () => dir && fs.rmSync(dir, { recursive: true, force: true });
  const server = await startServe(synth, { ...(dir && { dataDir: dir }), ...(profile && { cpuProfDir: plan.cpuProfDir }) }).catch((err: unknown) => {
    removeDir();
    throw err;
  });
  const target = new Target(server);
  try {
    await target.post(plan.warmup, Math.min(plan.warmup, clients));
    await target.start(plan.warmup, Math.min(plan.warmup, clients));
    await target.settled();
    // Alternated, so that a drift of the machine (or the growing number of executions kept) touches both alike.
    for (let run = 0; run < plan.runs; run++) {
      await measureRun(target, 'post', post, undefined);
      await measureRun(target, 'start', start, describe);
    }
  } finally {
    const code = await target.close();
    removeDir();
    if (code !== 0) say(`  (the server ended with exit code ${code} on Ctrl+C, not 0)`);
  }
  return [post, start, describe];
}

export async function measureServe(plan: ServePlan, say: (line: string) => void): Promise<ServeFigures[]> {
  const cells: Cell[] = [];
  const synth = synthDefaultApp();
  try {
    for (const clients of plan.concurrencies) {
      for (const dataDir of [false, true]) cells.push(...(await measureCell(synth, plan, dataDir, clients, say)));
    }
  } finally {
    synth.remove();
  }
  return cells.map((c) => c.figures());
}
