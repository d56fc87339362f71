import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { damagedData } from './data-files';
import { DigestTable } from './digest-table';
import type { HistoryEvent } from './engine';
import type { ExecutionRecord } from './execution-store';
import type { ExecutionResult } from './workflow-engine';

/**
 * Ended executions that left memory (see ExecutionRetention), on disk: `executions/ended.jsonl` in a `--data-dir`,
 * one JSON line per execution with DescribeExecution's fields and its whole history, appended when it leaves memory.
 * Memory holds only where each line starts, by a 48-bit digest of the execution ARN, so DescribeExecution and
 * GetExecutionHistory of an old execution read one line back. The newest line of an ARN wins (an execution that
 * left memory, was read back at a restart and left it again is written again).
 */

const CONSEQUENCE = 'the executions that had left memory are then forgotten and their names can be used again';

/** A digest of an execution ARN: what the archive and the retention keep of it instead of the ARN (in a DigestTable). */
export function arnDigest(executionArn: string): number {
  return createHash('sha1').update(executionArn).digest().readUIntBE(0, 6);
}

export class ExecutionArchive {
  /** ARN digest → offset of its newest line. */
  private readonly offsets = new DigestTable();
  private size = 0;
  /** Open for reading (and, from the first append, writing) once the file exists. */
  private fd?: number;
  /** The file's end was a line cut short by a kill: it is cut off before the first append. */
  private tornAt?: number;

  private constructor(private readonly file: string) {}

  /** Indexes the lines of `file` (none when it does not exist); nothing is written until the first append. */
  static open(file: string): ExecutionArchive {
    const archive = new ExecutionArchive(file);
    try {
      archive.fd = fs.openSync(file, 'r+');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw damagedData(file, `it cannot be read: ${(err as Error).message}`, CONSEQUENCE);
      return archive;
    }
    archive.index(archive.fd);
    return archive;
  }

  get count(): number {
    return this.offsets.size;
  }

  has(executionArn: string): boolean {
    return this.offsets.has(arnDigest(executionArn));
  }

  /** Appends an ended execution, with its history (write(2): in the page cache at once, on disk by `sync`). */
  append(record: ExecutionRecord): void {
    const line = Buffer.from(`${JSON.stringify(archivedOf(record))}\n`);
    const fd = this.writable();
    const offset = this.size;
    let written = 0;
    while (written < line.length) written += fs.writeSync(fd, line, written, line.length - written, offset + written);
    this.size += line.length;
    this.offsets.set(arnDigest(record.executionArn), offset);
  }

  /** The execution as it ended, or undefined when the archive has none with this ARN. */
  read(executionArn: string): ExecutionRecord | undefined {
    const offset = this.offsets.get(arnDigest(executionArn));
    if (offset === undefined) return undefined;
    const line = this.lineAt(offset);
    let stored: Archived;
    try {
      stored = JSON.parse(line) as Archived;
    } catch (err) {
      throw damagedData(this.file, `the line at byte ${offset} is not valid JSON: ${(err as Error).message}`, CONSEQUENCE);
    }
    // Another ARN with the same digest (about one in 2^48): not this one.
    return stored.executionArn === executionArn ? revive(stored) : undefined;
  }

  sync(): void {
    if (this.fd !== undefined) fs.fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private writable(): number {
    if (this.fd === undefined) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      this.fd = fs.openSync(this.file, 'w+');
    }
    if (this.tornAt !== undefined) {
      fs.ftruncateSync(this.fd, this.tornAt);
      this.tornAt = undefined;
    }
    return this.fd;
  }

  private lineAt(offset: number): string {
    const fd = this.fd!;
    const chunks: Buffer[] = [];
    let at = offset;
    for (;;) {
      const chunk = Buffer.alloc(64 * 1024);
      const n = fs.readSync(fd, chunk, 0, chunk.length, at);
      const end = chunk.subarray(0, n).indexOf(0x0a);
      if (end >= 0 || n === 0) {
        chunks.push(chunk.subarray(0, end >= 0 ? end : n));
        return Buffer.concat(chunks).toString('utf8');
      }
      chunks.push(chunk.subarray(0, n));
      at += n;
    }
  }

  /** One pass over the file: where each line starts, and the ARN it begins with. */
  private index(fd: number): void {
    const total = fs.fstatSync(fd).size;
    const chunk = Buffer.alloc(1024 * 1024);
    let lineStart = 0;
    let head = Buffer.alloc(0);
    for (let at = 0; at < total; ) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, at);
      if (n === 0) break;
      let from = 0;
      for (let nl = chunk.indexOf(0x0a, 0); nl >= 0 && nl < n; nl = chunk.indexOf(0x0a, from)) {
        if (head.length < 2048) head = Buffer.concat([head, chunk.subarray(from, Math.min(nl, from + 2048))]);
        this.indexLine(head.toString('utf8'), lineStart);
        lineStart = at + nl + 1;
        head = Buffer.alloc(0);
        from = nl + 1;
      }
      if (head.length < 2048) head = Buffer.concat([head, chunk.subarray(from, Math.min(n, from + 2048))]);
      at += n;
    }
    // A last line without its newline was cut short by a kill: it is dropped (it told one execution that had left memory).
    if (lineStart < total) this.tornAt = lineStart;
    this.size = lineStart;
  }

  private indexLine(head: string, offset: number): void {
    const arn = /^\{"executionArn":("(?:[^"\\]|\\.)*")/.exec(head)?.[1];
    if (arn === undefined) throw damagedData(this.file, `the line at byte ${offset} is not an execution the local runner writes`, CONSEQUENCE);
    this.offsets.set(arnDigest(JSON.parse(arn) as string), offset);
  }
}

/** One line: the record's fields (executionArn first, for the index), its result with the history. */
interface Archived {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: string;
  readonly status: ExecutionRecord['status'];
  readonly redriveCount?: number;
  readonly redriveDate?: string;
  readonly result?: Omit<ExecutionResult, 'startDate' | 'stopDate' | 'history'> & { startDate: string; stopDate: string; history: (HistoryEvent & { timestamp: string })[] };
}

function archivedOf(record: ExecutionRecord): unknown {
  const { executionArn, stateMachineArn, name, input, startDate, status, redriveCount, redriveDate, result } = record;
  const history = result?.history.length ? result.history : (record.events ?? []);
  return {
    executionArn,
    stateMachineArn,
    name,
    input,
    startDate,
    status,
    ...(redriveCount !== undefined && { redriveCount }),
    ...(redriveDate !== undefined && { redriveDate }),
    ...(result && { result: { ...result, wallMs: undefined, history } }),
  };
}

function revive(stored: Archived): ExecutionRecord {
  const { result: storedResult, startDate, redriveDate, ...rest } = stored;
  const result: ExecutionResult | undefined = storedResult && {
    ...storedResult,
    startDate: new Date(storedResult.startDate),
    stopDate: new Date(storedResult.stopDate),
    history: storedResult.history.map((e) => ({ ...e, timestamp: new Date(e.timestamp) })),
  };
  return {
    ...rest,
    startDate: new Date(startDate),
    ...(redriveDate !== undefined && { redriveDate: new Date(redriveDate) }),
    ...(result && { result }),
    done: result ? Promise.resolve(result) : new Promise<ExecutionResult>(() => undefined),
  };
}
