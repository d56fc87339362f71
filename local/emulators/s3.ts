import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { Worker } from 'node:worker_threads';
import { ACCEPTED_CREDENTIALS, DEFAULT_REGION, LOCAL_CREDENTIALS } from '../aws-names';
import { damagedData } from '../data-files';
import type { BucketModel } from '../stack-model';
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
    private readonly worker: Worker,
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

  /** `extraKeys`: key pairs accepted besides ACCEPTED_CREDENTIALS (whoever passes requests on checked their signatures). */
  static async start(buckets: readonly BucketModel[], dataDir?: string, extraKeys: readonly { readonly accessKeyId: string; readonly secretAccessKey: string }[] = []): Promise<S3Emulator> {
    const tempDir = dataDir ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'local-s3-'));
    const directory = dataDir ?? tempDir!;
    fs.mkdirSync(directory, { recursive: true });
    const worker = new Worker(path.join(__dirname, 's3-worker.cjs'), { execArgv: [], workerData: { directory, buckets: buckets.map((b) => b.name), credentials: [...ACCEPTED_CREDENTIALS, ...extraKeys.map(({ accessKeyId, secretAccessKey }) => ({ accessKeyId, secretAccessKey }))] } });
    const started = await new Promise<{ type: string; port?: number; message?: string }>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', (err) => resolve({ type: 'error', message: err.message }));
    });
    if (started.type !== 'listening') {
      await worker.terminate();
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
      throw new Error(`s3rver did not start: ${started.message}`);
    }
    return new S3Emulator(worker, endpointUrl(started.port!), buckets, tempDir);
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
    // Bounded: a worker that does not confirm within 5 s is terminated anyway.
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5000);
      this.worker.once('message', () => (clearTimeout(timer), resolve()));
      this.worker.once('exit', () => (clearTimeout(timer), resolve()));
      this.worker.postMessage({ type: 'close' });
    });
    await this.worker.terminate();
    if (this.tempDir) fs.rmSync(this.tempDir, { recursive: true, force: true });
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
