import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { functionNameOf } from './aws-names';
import { NewestKept, stringCost } from './newest-kept';
import type { FunctionModel } from './stack-model';
import { workerCompileCacheDir } from './worker-compile-cache';

/** What Lambda's Invoke answers: the parsed payload, or the function's error (`FunctionError`). */
export interface InvokeResult {
  readonly requestId: string;
  readonly payload: unknown;
  readonly functionError?: { readonly errorType: string; readonly errorMessage: string; readonly trace?: readonly string[] };
  readonly durationMs: number;
  /** Whether this invocation started a new execution environment (loaded the bundle). */
  readonly coldStart: boolean;
}

/** A line a function wrote to stdout or stderr. */
export interface LambdaLogLine {
  readonly functionName: string;
  readonly requestId?: string;
  readonly stream: 'stdout' | 'stderr';
  readonly line: string;
}

/** Lambda refused the invocation itself (`ResourceNotFoundException`, `TooManyRequestsException`, …). */
export class LambdaServiceError extends Error {
  constructor(code: string, message: string) {
    super(message);
    this.name = code;
  }
}

export interface LambdaHostOptions {
  /** Variables a function gets on top of its own: its AWS endpoints, credentials, region. */
  readonly awsEnvironment: (fn: FunctionModel) => Readonly<Record<string, string>>;
  readonly onLog?: (line: LambdaLogLine) => void;
  /**
   * Environments a function has at most at once (each runs one invocation at a time); further invocations queue until
   * one is free. A function's reserved concurrency lowers it, and an invocation over the reserved concurrency is
   * throttled instead. @default DEFAULT_ENVIRONMENTS
   */
  readonly maxEnvironments?: number;
  /** How long an environment beyond a function's first may sit idle before it is stopped. @default SPARE_IDLE_MS */
  readonly spareIdleMs?: number;
  /** How long a function's last environment may sit idle before it is stopped too. @default LAST_IDLE_MS */
  readonly lastIdleMs?: number;
}

/**
 * Environments per function at most (Lambda scales to the account's concurrency, 1,000 by default): each is a worker
 * thread holding its own copy of the bundle and the SDK (~20 MiB), and the local emulators answer from one thread, so
 * more environments add memory and not throughput (docs/BENCHMARKS.md, "Serving: memory"). Three keep a Map or
 * Parallel of three concurrent; invocations beyond it wait for a free environment, as they would for a busy one.
 */
export const DEFAULT_ENVIRONMENTS = 3;
/**
 * Lambda stops idle execution environments after a while (not documented how long). Locally an environment beyond a
 * function's first is stopped after 2 s idle, so that a burst's environments do not stay resident.
 */
export const SPARE_IDLE_MS = 2_000;
/** A function's last environment is stopped after 10 minutes idle (a later invocation is a cold start again). */
export const LAST_IDLE_MS = 600_000;

const WORKER_SCRIPT = path.join(__dirname, 'lambda-worker.cjs');
/**
 * Lambda's synchronous response quota: 6 MB (Lambda Developer Guide, "Lambda quotas", invocation payload), which
 * Lambda counts as 6,291,556 bytes in the error it gives for a larger answer.
 */
export const LAMBDA_MAX_RESPONSE_BYTES = 6_291_556;
/**
 * Function log lines kept in memory (`lambdaLogs()`, the log tail of an Invoke with LogType Tail): the newest 10,000
 * and at most 2 MiB of text (a 1,000-item Map's invocations keep all their lines), so that a long `--serve` stays flat;
 * `onLog` hears every line.
 */
export const KEPT_LOG_LINES = 10_000;
export const KEPT_LOG_BYTES = 2 * 1024 * 1024;
/**
 * The young generation of a function's heap (V8's default is 3 × 16 MB semi-spaces per isolate, which a busy
 * environment fills and keeps resident): 8 MB keeps ten busy environments of a function within a flat, small
 * amount of memory, and within the function's MemorySize as Lambda counts it (the whole process).
 */
const YOUNG_GENERATION_MB = 8;

/**
 * Runs the stack's functions in worker threads. Each worker is one execution environment, with the function's
 * own `process.env` and module registry (so clients created at module scope see that function's settings),
 * running one invocation at a time; concurrent invocations get more environments, as on Lambda. A worker that
 * outlives the function's timeout is terminated (`Sandbox.Timedout`); one that exits is replaced.
 */
export class LambdaHost {
  private readonly pools = new Map<string, FunctionPool>();
  private readonly logLines = new NewestKept<LambdaLogLine>(KEPT_LOG_LINES, KEPT_LOG_BYTES, (l) => stringCost(l.line) + 64);

  constructor(functions: readonly FunctionModel[], private readonly options: LambdaHostOptions) {
    for (const fn of functions) this.pools.set(fn.name, new FunctionPool(fn, options, (line) => this.log(line)));
  }

  has(nameOrArn: string): boolean {
    return this.pools.has(functionNameOf(nameOrArn));
  }

  async invoke(nameOrArn: string, event: unknown): Promise<InvokeResult> {
    const pool = this.pools.get(functionNameOf(nameOrArn));
    if (!pool) {
      throw new LambdaServiceError('ResourceNotFoundException', `Function not found: ${nameOrArn} (local functions: ${[...this.pools.keys()].join(', ') || 'none'})`);
    }
    return pool.invoke(event);
  }

  /** Environments each function has now (busy or idle), by function name. */
  environments(): Record<string, number> {
    return Object.fromEntries([...this.pools].map(([name, pool]) => [name, pool.size]));
  }

  /** The newest lines the functions wrote, oldest first (see KEPT_LOG_LINES). */
  logs(): readonly LambdaLogLine[] {
    return this.logLines.toArray();
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.close()));
  }

  private log(line: LambdaLogLine): void {
    // A copy of the text: readline's line is a slice of the whole chunk it came in, which it would keep alive.
    this.logLines.push({ ...line, line: Buffer.from(line.line, 'utf8').toString('utf8') });
    this.options.onLog?.(line);
  }
}

interface Pending {
  readonly requestId: string;
  readonly resolve: (result: Omit<InvokeResult, 'durationMs' | 'coldStart'>) => void;
}

class Environment {
  readonly worker: Worker;
  pending?: Pending;
  lastRequestId?: string;
  /** Handed out to an invocation and not yet given back. */
  inUse = true;
  /** Stops it when it has been idle long enough (see FunctionPool.stopWhenIdle). */
  idleTimer?: NodeJS.Timeout;

  constructor(fn: FunctionModel, env: Record<string, string>, index: number, log: (line: LambdaLogLine) => void, onGone: (e: Environment) => void) {
    this.worker = new Worker(WORKER_SCRIPT, {
      env,
      execArgv: [],
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: Math.max(fn.memorySize, 128), maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
      workerData: {
        bundleDir: fn.bundleDir,
        handler: fn.handler,
        functionName: fn.name,
        functionArn: fn.arn,
        memorySize: fn.memorySize,
        logGroupName: `/aws/lambda/${fn.name}`,
        logStreamName: `local/${index}`,
        compileCacheDir: workerCompileCacheDir(),
      },
    });
    this.worker.unref();
    for (const stream of ['stdout', 'stderr'] as const) {
      createInterface({ input: this.worker[stream] }).on('line', (line) => {
        // One invocation at a time per environment: a line belongs to the running one (or, arriving late, the last).
        const requestId = this.pending?.requestId ?? this.lastRequestId;
        log({ functionName: fn.name, stream, line, ...(requestId && { requestId }) });
      });
    }
    this.worker.on('message', (msg: { ok: boolean; payload?: string; error?: InvokeResult['functionError'] }) => {
      const pending = this.settle();
      if (!pending) return;
      if (msg.ok && Buffer.byteLength(msg.payload ?? 'null', 'utf8') > LAMBDA_MAX_RESPONSE_BYTES) {
        // Lambda answers 200 with X-Amz-Function-Error: the function ran, its answer cannot be returned.
        const functionError = { errorType: 'Function.ResponseSizeTooLarge', errorMessage: `Response payload size exceeded maximum allowed payload size (${LAMBDA_MAX_RESPONSE_BYTES} bytes).` };
        pending.resolve({ requestId: pending.requestId, payload: functionError, functionError });
      } else if (msg.ok) pending.resolve({ requestId: pending.requestId, payload: JSON.parse(msg.payload ?? 'null') });
      else pending.resolve({ requestId: pending.requestId, payload: msg.error, functionError: msg.error });
    });
    const fail = (errorType: string, errorMessage: (requestId: string) => string) => {
      const pending = this.settle();
      onGone(this);
      if (!pending) return;
      const functionError = { errorType, errorMessage: errorMessage(pending.requestId) };
      pending.resolve({ requestId: pending.requestId, payload: functionError, functionError });
    };
    this.worker.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ERR_WORKER_OUT_OF_MEMORY') return fail(err.name, () => err.message);
      // Lambda stops an environment that passes its memory size and answers Runtime.OutOfMemory for the invocation.
      const limit = `the function's heap reached its limit of ${Math.max(fn.memorySize, 128)} MB (its MemorySize, memory_size); raise it or keep less in memory`;
      fail('Runtime.OutOfMemory', (id) => `RequestId: ${id} Error: Runtime exited with error: signal: killed (${limit})`);
    });
    this.worker.on('exit', (code) => fail('Runtime.ExitError', (id) => `RequestId: ${id} Error: Runtime exited with error: exit status ${code}`));
  }

  run(event: unknown, requestId: string, timeoutSeconds: number): Promise<Omit<InvokeResult, 'durationMs' | 'coldStart'>> {
    this.worker.ref();
    return new Promise((resolve) => {
      this.pending = { requestId, resolve };
      // As JSON text, as Lambda delivers it: what JSON cannot carry (undefined, Dates as objects) does not arrive.
      this.worker.postMessage({ event: JSON.stringify(event ?? null), requestId, deadlineMs: Date.now() + timeoutSeconds * 1000 });
    });
  }

  private settle(): Pending | undefined {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) this.lastRequestId = pending.requestId;
    this.worker.unref();
    return pending;
  }
}

class FunctionPool {
  private readonly environments: Environment[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly capacity: number;
  private readonly env: Record<string, string>;
  private readonly spareIdleMs: number;
  private readonly lastIdleMs: number;
  /** Invocations running or waiting for an environment: Lambda's concurrency, which reserved concurrency caps. */
  private inFlight = 0;
  private created = 0;
  private closed = false;

  constructor(
    private readonly fn: FunctionModel,
    options: LambdaHostOptions,
    private readonly log: (line: LambdaLogLine) => void,
  ) {
    this.capacity = Math.min(fn.reservedConcurrency ?? Infinity, options.maxEnvironments ?? DEFAULT_ENVIRONMENTS);
    this.spareIdleMs = options.spareIdleMs ?? SPARE_IDLE_MS;
    this.lastIdleMs = Math.max(this.spareIdleMs, options.lastIdleMs ?? LAST_IDLE_MS);
    this.env = { ...fn.environment, ...runtimeEnvironment(fn), ...options.awsEnvironment(fn) };
  }

  /** Environments started and not stopped (busy or idle). */
  get size(): number {
    return this.environments.length;
  }

  async invoke(event: unknown): Promise<InvokeResult> {
    const reserved = this.fn.reservedConcurrency;
    if (reserved !== undefined && this.inFlight >= reserved) {
      throw new LambdaServiceError('TooManyRequestsException', `Rate Exceeded. (${this.fn.name} has reserved concurrency ${reserved})`);
    }
    this.inFlight++;
    try {
      return await this.run(event);
    } finally {
      this.inFlight--;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.waiting.splice(0)) wake();
    const all = this.environments.splice(0);
    for (const e of all) clearTimeout(e.idleTimer);
    await Promise.all(all.map((e) => e.worker.terminate()));
  }

  private async run(event: unknown): Promise<InvokeResult> {
    const started = Date.now();
    const requestId = randomUUID();
    const { environment, coldStart } = await this.acquire();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<Omit<InvokeResult, 'durationMs' | 'coldStart'>>((resolve) => {
      timer = setTimeout(() => {
        const functionError = { errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${this.fn.timeoutSeconds.toFixed(2)} seconds` };
        this.discard(environment);
        void environment.worker.terminate();
        resolve({ requestId, payload: functionError, functionError });
      }, this.fn.timeoutSeconds * 1000);
    });
    try {
      const result = await Promise.race([environment.run(event, requestId, this.fn.timeoutSeconds), timedOut]);
      return { ...result, durationMs: Date.now() - started, coldStart };
    } finally {
      clearTimeout(timer);
      this.release(environment);
    }
  }

  private async acquire(): Promise<{ environment: Environment; coldStart: boolean }> {
    for (;;) {
      if (this.closed) throw new LambdaServiceError('ServiceException', `The local stack is closed; ${this.fn.name} cannot be invoked.`);
      // The environment freed last (kept at the end): a light load keeps one warm, and the others go idle and stop.
      const idle = this.environments.findLast((e) => !e.inUse);
      if (idle) {
        clearTimeout(idle.idleTimer);
        idle.inUse = true;
        return { environment: idle, coldStart: false };
      }
      if (this.environments.length < this.capacity) {
        const environment = new Environment(this.fn, this.env, ++this.created, this.log, (e) => this.discard(e));
        this.environments.push(environment);
        return { environment, coldStart: true };
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(environment: Environment): void {
    environment.inUse = false;
    const index = this.environments.indexOf(environment);
    if (index >= 0) {
      this.environments.splice(index, 1);
      this.environments.push(environment);
      this.stopWhenIdle(environment, this.spareIdleMs);
    }
    this.waiting.shift()?.();
  }

  /** Stops `environment` once idle for `afterMs`; a function's last environment stays until idle for lastIdleMs. */
  private stopWhenIdle(environment: Environment, afterMs: number, idleSince = Date.now()): void {
    environment.idleTimer = setTimeout(() => {
      if (environment.inUse || this.closed || !this.environments.includes(environment)) return;
      const idleFor = Date.now() - idleSince;
      if (this.environments.length === 1 && idleFor < this.lastIdleMs) return this.stopWhenIdle(environment, this.lastIdleMs - idleFor, idleSince);
      this.discard(environment);
      void environment.worker.terminate();
    }, afterMs).unref();
  }

  private discard(environment: Environment): void {
    clearTimeout(environment.idleTimer);
    const index = this.environments.indexOf(environment);
    if (index >= 0) this.environments.splice(index, 1);
  }
}

/** The variables the Lambda runtime sets for every function. */
function runtimeEnvironment(fn: FunctionModel): Record<string, string> {
  return {
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    LAMBDA_TASK_ROOT: fn.bundleDir,
    _HANDLER: fn.handler,
    ...(fn.logFormat && { AWS_LAMBDA_LOG_FORMAT: fn.logFormat }),
  };
}
