import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { damagedData } from './data-files';
import type { HistoryEvent } from './engine';

/**
 * The execution journal of a `--data-dir` (`executions/journal.jsonl`): one JSON line per fact, appended in the order
 * the facts happen, so that a process killed at any moment leaves what it had accepted on disk.
 *
 * - `s` (started): an execution accepted by StartExecution, with its input and its definition's fingerprint (and,
 *   after a recovery, the history it had so far). `started()` resolves only once the line is fsync'ed: StartExecution
 *   (and the order API's 202, which calls it) is answered after that. Starts that arrive while a flush is on disk
 *   share the next flush (group commit), so 20 concurrent starts cost about one or two fsyncs, not 20.
 * - `e` (event): a history event, as the engine records it. Written (write(2)) soon after, never fsync'ed on its own:
 *   a SIGKILL ends the process but not the kernel, and data written to a file is in the page cache, which the kernel
 *   writes out later whatever became of the process. What is lost on a SIGKILL is only what was not yet written:
 *   the last few events, so that a Task whose completion was recorded but not written runs again after recovery
 *   (at-least-once, as AWS's own Task execution is). A power loss or kernel crash may lose every unsynced line since
 *   the last start's fsync: events, and ends, but never an acknowledged start.
 * - `x` (ended): the execution's end, with DescribeExecution's fields.
 *
 * The journal is folded into executions.json when the stack starts (see ExecutionRegistry), and starts again empty.
 */

export interface JournaledStart {
  readonly id: number;
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
  /** sha256 of the state machine's definition when the execution started. */
  readonly fingerprint: string;
}

export interface JournaledEnd {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly transitions: number;
  readonly startDate: Date;
  readonly stopDate: Date;
}

/** One execution as the journal tells it: its start, its history so far, and its end when it ended. */
export interface JournaledExecution extends JournaledStart {
  readonly history: HistoryEvent[];
  end?: JournaledEnd;
}

export interface JournalContents {
  readonly executions: JournaledExecution[];
  /** The last line was cut short (the process was killed while writing it); it is left out. */
  readonly truncatedTail: boolean;
}

const DAMAGED_CONSEQUENCE = 'the executions it holds (running or ended since the last start) are then forgotten and their names can be used again';

/** What `file` holds (nothing when it does not exist). A damaged line other than a cut-short last one stops the run. */
export function readJournal(file: string): JournalContents {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { executions: [], truncatedTail: false };
    throw damagedData(file, `it cannot be read: ${(err as Error).message}`, DAMAGED_CONSEQUENCE);
  }
  const lines = text.split('\n');
  // A complete journal ends with a newline, so the last piece is empty; anything else is a line cut short by a kill.
  const tail = lines.pop() ?? '';
  const byId = new Map<number, JournaledExecution>();
  lines.forEach((line, index) => {
    const where = `line ${index + 1}`;
    let fact: Record<string, unknown>;
    try {
      fact = JSON.parse(line) as Record<string, unknown>;
    } catch (err) {
      throw damagedData(file, `${where} is not valid JSON: ${(err as Error).message}`, DAMAGED_CONSEQUENCE);
    }
    const id = fact.id;
    if (typeof id !== 'number') throw damagedData(file, `${where} has no execution id`, DAMAGED_CONSEQUENCE);
    if (fact.k === 's') {
      const start = startOf(fact);
      if (!start) throw damagedData(file, `${where} is not a start the local runner writes`, DAMAGED_CONSEQUENCE);
      const history = Array.isArray(fact.history) ? fact.history.map(reviveEvent) : [];
      byId.set(id, { ...start, history });
      return;
    }
    const execution = byId.get(id);
    if (!execution) throw damagedData(file, `${where} tells of execution ${id}, which no earlier line started`, DAMAGED_CONSEQUENCE);
    if (fact.k === 'e' && fact.event && typeof fact.event === 'object') execution.history.push(reviveEvent(fact.event));
    else if (fact.k === 'x' && fact.end && typeof fact.end === 'object') execution.end = reviveEnd(fact.end as Record<string, unknown>);
    else throw damagedData(file, `${where} is not a fact the local runner writes`, DAMAGED_CONSEQUENCE);
  });
  return { executions: [...byId.values()], truncatedTail: tail.length > 0 };
}

/** Appends facts to the journal; see the file comment for what is durable when. */
export class ExecutionJournal {
  private pending: string[] = [];
  private waiters: Array<{ resolve: () => void; reject: (err: Error) => void }> = [];
  private flushing?: Promise<void>;
  private nextId = 1;
  private closed = false;
  private fsyncs = 0;
  private written = 0;
  /** Starts waiting for the next flush, and starts whose write failed (their later facts are not journaled). */
  private pendingStarts: number[] = [];
  private readonly lost = new Set<number>();
  /** Set by compactWith: the journal's whole content instead of what it holds, to be put in place by the flush loop. */
  private compaction?: () => string;

  private constructor(
    private readonly file: string,
    private fd: number,
    private readonly warn: (message: string) => void,
  ) {}

  /** Starts `file` afresh (empty, fsync'ed): call after its earlier content was folded into executions.json. */
  static create(file: string, warn: (message: string) => void): ExecutionJournal {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, '');
    return new ExecutionJournal(file, fs.openSync(file, 'a'), warn);
  }

  /** Journals a start; resolves once it is on disk (fsync), rejects when it could not be written. */
  started(start: Omit<JournaledStart, 'id'>, history: readonly HistoryEvent[] = []): { id: number; durable: Promise<void> } {
    const id = this.nextId++;
    if (this.closed) return { id, durable: Promise.reject(new Error(`The execution journal ${this.file} is closed (the local stack is closing).`)) };
    this.pending.push(startLine(id, start, history));
    this.pendingStarts.push(id);
    const durable = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.schedule();
    return { id, durable };
  }

  event(id: number, event: HistoryEvent): void {
    if (this.closed || this.lost.has(id)) return;
    this.pending.push(JSON.stringify({ k: 'e', id, event }));
    this.schedule();
  }

  ended(id: number, end: JournaledEnd): void {
    if (this.closed || this.lost.has(id)) return;
    this.pending.push(JSON.stringify({ k: 'x', id, end }));
    this.schedule();
  }

  /** Bytes appended (or about to be) since the journal was created or last compacted. */
  get size(): number {
    return this.written + this.pending.reduce((sum, line) => sum + line.length + 1, 0);
  }

  /**
   * Replaces the journal with `content()` (one line per fact, each ending with a newline) at the flush loop's next
   * turn, dropping what is pending: `content` must tell everything the pending facts tell (the running executions as
   * they are in memory). Between two awaits nothing else can add a fact, so the two agree. The replacement is a new
   * file renamed over the old one (fsync'ed): a kill leaves the old journal or the new one whole.
   */
  compactWith(content: () => string): void {
    if (this.closed) return;
    this.compaction = content;
    this.schedule();
  }

  /** How many times the journal was flushed to disk (fdatasync) so far: fewer than the starts when they come together. */
  get syncs(): number {
    return this.fsyncs;
  }

  /** Writes what is pending, then closes the file; what is told after is not journaled (it happens while closing). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.drain();
    fs.closeSync(this.fd);
  }

  /** Resolves once every fact journaled so far is written. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private schedule(): void {
    this.flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.flushLoop());
  }

  /** One flush at a time; what arrives meanwhile waits for the next, so concurrent starts share an fsync. */
  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0 || this.compaction) {
        if (this.compaction) {
          this.replace(this.compaction);
          continue;
        }
        const text = this.pending.join('\n') + '\n';
        const waiters = this.waiters;
        const starts = this.pendingStarts;
        this.pending = [];
        this.waiters = [];
        this.pendingStarts = [];
        try {
          const bytes = Buffer.from(text);
          await writeAll(this.fd, bytes);
          this.written += bytes.length;
          if (waiters.length > 0) {
            await new Promise<void>((resolve, reject) => fs.fdatasync(this.fd, (err) => (err ? reject(err) : resolve())));
            this.fsyncs++;
          }
          for (const w of waiters) w.resolve();
        } catch (err) {
          // A write cut short (a full disk, a file size limit) must not leave half a line for later lines to follow.
          try {
            fs.ftruncateSync(this.fd, this.written);
          } catch {
            // The next start reads a damaged line and says so.
          }
          for (const id of starts) this.lost.add(id);
          const failure = new Error(`Could not write the execution journal ${this.file}: ${(err as Error).message}`);
          this.warn(failure.message);
          for (const w of waiters) w.reject(failure);
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /** Synchronous on purpose: no fact may arrive between reading `content` and dropping what is pending. */
  private replace(content: () => string): void {
    const waiters = this.waiters;
    this.compaction = undefined;
    try {
      const text = content();
      writeFileAtomic(this.file, text);
      fs.closeSync(this.fd);
      this.fd = fs.openSync(this.file, 'a');
      this.pending = [];
      this.waiters = [];
      this.pendingStarts = [];
      this.written = Buffer.byteLength(text);
      this.fsyncs++;
      for (const w of waiters) w.resolve();
    } catch (err) {
      // The old journal is intact (and still open): go on appending to it.
      this.warn(`Could not compact the execution journal ${this.file} (${(err as Error).message}); it goes on growing.`);
    }
  }
}

/** A start's line (with the history it continues, if any), as `started` and a compaction write it. */
export function startLine(id: number, start: Omit<JournaledStart, 'id'>, history: readonly HistoryEvent[]): string {
  return JSON.stringify({ k: 's', id, ...start, ...(history.length > 0 && { history }) });
}

async function writeAll(fd: number, buffer: Buffer): Promise<void> {
  let offset = 0;
  while (offset < buffer.length) {
    const written = await new Promise<number>((resolve, reject) =>
      fs.write(fd, buffer, offset, buffer.length - offset, null, (err, n) => (err ? reject(err) : resolve(n))),
    );
    offset += written;
  }
}

function startOf(fact: Record<string, unknown>): JournaledStart | undefined {
  const { id, executionArn, stateMachineArn, name, input, startDate, fingerprint } = fact;
  const strings = [executionArn, stateMachineArn, name, input, startDate, fingerprint];
  if (typeof id !== 'number' || !strings.every((s) => typeof s === 'string') || Number.isNaN(Date.parse(startDate as string))) return undefined;
  return { id, executionArn, stateMachineArn, name, input, startDate: new Date(startDate as string), fingerprint } as JournaledStart;
}

function reviveEvent(event: unknown): HistoryEvent {
  const e = event as HistoryEvent & { timestamp: string };
  return { ...e, timestamp: new Date(e.timestamp) };
}

function reviveEnd(end: Record<string, unknown>): JournaledEnd {
  return { ...(end as unknown as JournaledEnd), startDate: new Date(end.startDate as string), stopDate: new Date(end.stopDate as string) };
}
