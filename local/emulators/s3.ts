import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { Worker } from 'node:worker_threads';
import { ACCEPTED_CREDENTIALS, DEFAULT_REGION, LOCAL_CREDENTIALS } from '../aws-names';
import { damagedData } from '../data-files';
import type { BucketModel } from '../stack-model';
import { workerCompileCacheDir } from '../worker-compile-cache';
import { endpointUrl } from './http';

/** The S3 SDK, loaded when a stack with buckets starts S3 (~50 ms that a stack without buckets does not pay). */
const s3Sdk = () => require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');

/**
 * S3 on s3rver (in a worker thread, see s3-worker.cjs): the stack's buckets, in `dataDir` or in a temporary
 * folder removed on close. Clients reach it path-style (`http://127.0.0.1:<port>/<bucket>/<key>`): the SDK
 * picks path-style by itself for an IP endpoint, so functions need no setting for it.
 */
export class S3Emulator {
  private sdkClient: S3Client | undefined;

  private constructor(
    private readonly server: S3Server,
    readonly endpoint: string,
    private readonly buckets: readonly BucketModel[],
    private readonly tempDir: string | undefined,
  ) {}

  /**
   * The runner's own client (S3 Tasks, the Distributed Map's reader and writer, snapshots), made (and the S3 SDK loaded
   * in this thread) at its first use: a stack whose functions alone use S3 (skip-the-line) never loads it here (~5 MiB
   * of heap that a long `--serve` kept for nothing).
   */
  get client(): S3Client {
    return (this.sdkClient ??= new (s3Sdk().S3Client)({ endpoint: this.endpoint, region: DEFAULT_REGION, credentials: LOCAL_CREDENTIALS, forcePathStyle: true, maxAttempts: 1 }));
  }

  /** The worker thread its s3rver runs in: one for every stack of the process while any runs (S3Host). */
  get threadId(): number {
    return this.server.threadId;
  }

  /** `extraKeys`: key pairs accepted besides ACCEPTED_CREDENTIALS (whoever passes requests on checked their signatures). */
  static async start(buckets: readonly BucketModel[], dataDir?: string, extraKeys: readonly { readonly accessKeyId: string; readonly secretAccessKey: string }[] = []): Promise<S3Emulator> {
    const tempDir = dataDir ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'local-s3-'));
    const directory = dataDir ?? tempDir!;
    fs.mkdirSync(directory, { recursive: true });
    const credentials = [...ACCEPTED_CREDENTIALS, ...extraKeys.map(({ accessKeyId, secretAccessKey }) => ({ accessKeyId, secretAccessKey }))];
    try {
      const server = await S3Host.shared().start(directory, buckets.map((b) => b.name), credentials);
      return new S3Emulator(server, endpointUrl(server.port), buckets, tempDir);
    } catch (err) {
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
      throw new Error(`s3rver did not start: ${(err as Error).message}`);
    }
  }

  /**
   * Reads what s3rver keeps in `dataDir` (a metadata JSON file beside every object) before it starts: s3rver
   * answers 500 InternalError for an object whose metadata cannot be parsed, which would fail executions and
   * snapshots far from the cause. Read only; a damaged file is reported by name.
   */
  static checkStore(dataDir: string): void {
    const walk = (dir: string) => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return;
        throw damagedData(dir, code === 'ENOTDIR' ? 'a file where the S3 data folder belongs' : (err as Error).message, 'the buckets start empty');
      }
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('._S3rver_metadata.json')) checkMetadata(full);
      }
    };
    walk(dataDir);
  }

  /** Every object of every bucket: key → body as UTF-8 text. */
  async snapshot(): Promise<Record<string, Record<string, string>>> {
    const result: Record<string, Record<string, string>> = {};
    for (const bucket of this.buckets) {
      const objects: Record<string, string> = {};
      let ContinuationToken: string | undefined;
      do {
        const page = await this.client.send(new (s3Sdk().ListObjectsV2Command)({ Bucket: bucket.name, ContinuationToken }));
        for (const { Key } of page.Contents ?? []) {
          if (!Key) continue;
          const object = await this.client.send(new (s3Sdk().GetObjectCommand)({ Bucket: bucket.name, Key }));
          objects[Key] = (await object.Body?.transformToString('utf8')) ?? '';
        }
        ContinuationToken = page.NextContinuationToken;
      } while (ContinuationToken);
      result[bucket.name] = Object.fromEntries(Object.entries(objects).sort(([a], [b]) => a.localeCompare(b)));
    }
    return result;
  }

  async close(): Promise<void> {
    this.sdkClient?.destroy();
    await this.server.close();
    if (this.tempDir) fs.rmSync(this.tempDir, { recursive: true, force: true });
  }
}

/** One stack's s3rver, in the process's S3 worker. */
interface S3Server {
  readonly port: number;
  /** The worker thread it runs in (shared by the stacks of this process). */
  readonly threadId: number;
  close(): Promise<void>;
}

/**
 * The worker thread that runs every stack's s3rver in this process (s3-worker.cjs). Loading s3rver and koa there is
 * most of S3's start-up (~0.2 s of a stand-up that otherwise takes ~10 ms), so the worker is started by the first
 * stack with buckets and kept while any runs, then IDLE_MS more for the next one (a test file stands a stack up for
 * each test); it never keeps the process alive. Each stack still has its own s3rver: its folder, its port.
 */
class S3Host {
  /** How long the worker outlives the last s3rver it ran. */
  static readonly IDLE_MS = 2000;
  private static current: S3Host | undefined;

  private readonly pending = new Map<number, { resolve: (port: number) => void; reject: (err: Error) => void }>();
  private readonly closing = new Map<number, () => void>();
  private running = 0;
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | undefined;
  private gone: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (msg: { type: string; id: number; port?: number; message?: string }) => {
      if (msg.type === 'listening') this.pending.get(msg.id)?.resolve(msg.port!);
      else if (msg.type === 'error') this.pending.get(msg.id)?.reject(new Error(msg.message));
      else if (msg.type === 'closed') this.closing.get(msg.id)?.();
      this.pending.delete(msg.id);
      this.closing.delete(msg.id);
    });
    const lost = (err: Error) => {
      this.gone = err;
      if (S3Host.current === this) S3Host.current = undefined;
      for (const { reject } of this.pending.values()) reject(err);
      for (const done of this.closing.values()) done();
      this.pending.clear();
      this.closing.clear();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the S3 worker exited (code ${code})`)));
  }

  /** The running host, or a new one. */
  static shared(): S3Host {
    return (S3Host.current ??= new S3Host(new Worker(path.join(__dirname, 's3-worker.cjs'), { execArgv: [], workerData: { compileCacheDir: workerCompileCacheDir() } })));
  }

  async start(directory: string, buckets: string[], credentials: { accessKeyId: string; secretAccessKey: string }[]): Promise<S3Server> {
    if (this.gone) throw this.gone;
    clearTimeout(this.idleTimer);
    // It keeps the process alive while it runs a stack's s3rver, as any server does; not while it only waits.
    this.worker.ref();
    this.running++;
    const id = this.nextId++;
    try {
      const port = await new Promise<number>((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        this.worker.postMessage({ type: 'start', id, directory, buckets, credentials });
      });
      return { port, threadId: this.worker.threadId, close: () => this.close(id) };
    } catch (err) {
      this.released();
      throw err;
    }
  }

  private async close(id: number): Promise<void> {
    if (!this.gone) {
      // Bounded: a worker that does not confirm within 5 s is terminated.
      const confirmed = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 5000);
        this.closing.set(id, () => (clearTimeout(timer), resolve(true)));
        this.worker.postMessage({ type: 'close', id });
      });
      if (!confirmed) await this.stop();
    }
    this.released();
  }

  private released(): void {
    if (--this.running > 0 || this.gone) return;
    this.worker.unref();
    this.idleTimer = setTimeout(() => void this.stop(), S3Host.IDLE_MS);
    this.idleTimer.unref();
  }

  private async stop(): Promise<void> {
    if (S3Host.current === this) S3Host.current = undefined;
    this.gone ??= new Error('the S3 worker was stopped');
    await this.worker.terminate();
  }
}

function checkMetadata(file: string): void {
  const lost = 'the object keeps its bytes but loses its stored metadata (content type, x-amz-meta-* headers)';
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw damagedData(file, `not valid JSON: ${(err as Error).message}`, lost);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw damagedData(file, 'not a JSON object of headers', lost);
}
