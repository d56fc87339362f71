import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { writeFileAtomic } from './atomic-file';
import type { HistoryEvent } from './engine';
import { CLOSING_EVENTS } from './engine/continuation';
import { ExecutionJournal, readJournal, startLine, type JournaledEnd, type JournaledExecution, type JournaledStart } from './execution-journal';
import { readExecutionRecords, writeExecutionRecords, type ExecutionRecord } from './execution-store';
import { isStateEntered } from './history-events';
import type { ExecutionResult } from './workflow-engine';

/**
 * The executions of a `--data-dir`, durable: executions.json holds the ended ones (folded in when the stack starts and
 * when it closes), executions/journal.jsonl what happened since (see ExecutionJournal). Opening it folds the journal
 * into executions.json and answers the executions that were running when the earlier process ended, for the registry
 * to continue (ExecutionRegistry.recover).
 */

/** The error of an execution that was running when its process ended and cannot continue from its history. */
export const INTERRUPTED_ERROR = 'Local.ProcessEnded';

export interface OpenedExecutions {
  readonly durable: DurableExecutions;
  /** Ended executions: executions.json's, and those the journal tells ended (with their histories). */
  readonly records: ExecutionRecord[];
  /** Executions started and not ended when the earlier process ended, oldest first. */
  readonly unended: JournaledExecution[];
  /** The journal's last line had been cut short by the kill (and was left out). */
  readonly truncatedTail: boolean;
}

export class DurableExecutions {
  private journal?: ExecutionJournal;
  /** The executions journaled and not ended, by journal id: what a compaction keeps (their events array is live). */
  private readonly running = new Map<number, { start: Omit<JournaledStart, 'id'>; events: readonly HistoryEvent[] }>();
  private endedRecords: () => readonly ExecutionRecord[] = () => [];
  /** Compact once the journal has grown past this many bytes. */
  compactAtBytes = 64 * 1024 * 1024;

  private constructor(
    private readonly file: string,
    /** What to fold into executions.json; none when the journal was empty. */
    private readonly records: readonly ExecutionRecord[] | undefined,
    private readonly warn: (message: string) => void,
  ) {}

  /** `file`: executions.json; the journal is `executions/journal.jsonl` beside it. */
  static open(file: string, warn: (message: string) => void): OpenedExecutions {
    const journalFile = path.join(path.dirname(file), 'executions', 'journal.jsonl');
    // Both are read (and a damaged one stops the run) before anything is written.
    const stored = readExecutionRecords(file);
    const { executions, truncatedTail } = readJournal(journalFile);
    const byArn = new Map(stored.map((r) => [r.executionArn, r]));
    const unended: JournaledExecution[] = [];
    for (const execution of executions) {
      const end = execution.end ?? endFromHistory(execution.history);
      if (end) byArn.set(execution.executionArn, endedRecord(execution, end));
      else unended.push(execution);
    }
    const records = [...byArn.values()];
    // Nothing journaled: executions.json is left as it is.
    return { durable: new DurableExecutions(file, executions.length > 0 ? records : undefined, warn), records, unended, truncatedTail };
  }

  /**
   * Folds the journal read by `open` into executions.json and starts it afresh; call once everything else in the data
   * folder was read back (a damaged file elsewhere stops the run before anything is written).
   */
  begin(endedRecords: () => readonly ExecutionRecord[]): void {
    if (this.journal) return;
    this.endedRecords = endedRecords;
    // executions.json first, then the fresh journal: killed in between, the journal is folded in again, to the same.
    if (this.records) writeExecutionRecords(this.file, this.records, this.warn);
    this.journal = ExecutionJournal.create(this.journalFile, this.warn);
  }

  private get journalFile(): string {
    return path.join(path.dirname(this.file), 'executions', 'journal.jsonl');
  }

  private get open(): ExecutionJournal {
    if (!this.journal) throw new Error('The execution journal is not begun (ExecutionRegistry.recover begins it).');
    return this.journal;
  }

  /**
   * Journals an execution's start (with the history it continues, if any); `durable` resolves once that is on disk.
   * Answers what to tell of its events and end.
   */
  track(record: Pick<ExecutionRecord, 'executionArn' | 'stateMachineArn' | 'name' | 'input' | 'startDate'>, fingerprint: string, events: readonly HistoryEvent[]): Tracked {
    const { executionArn, stateMachineArn, name, input, startDate } = record;
    const start = { executionArn, stateMachineArn, name, input, startDate, fingerprint };
    const { id, durable } = this.open.started(start, events);
    this.running.set(id, { start, events });
    // A failed write is said (warn) and makes StartExecution fail; the rejection is handled there, not here.
    durable.catch(() => undefined);
    return {
      durable,
      event: (event) => this.open.event(id, event),
      ended: (result) => {
        this.running.delete(id);
        this.open.ended(id, endOf(result));
        if (this.open.size > this.compactAtBytes) this.open.compactWith(() => this.compacted());
      },
    };
  }

  /**
   * The journal's content after a compaction: executions.json is written first with every ended execution, then
   * the journal keeps only the running ones, each as one start line with its history so far.
   */
  private compacted(): string {
    if (!writeExecutionRecords(this.file, this.endedRecords(), this.warn)) throw new Error(`${this.file} could not be written`);
    return [...this.running].map(([id, { start, events }]) => `${startLine(id, start, events)}\n`).join('');
  }

  /** Writes what is pending and the ended executions to executions.json. */
  async close(records: readonly ExecutionRecord[]): Promise<void> {
    if (!this.journal) return;
    await this.journal.close();
    // With executions still running, or executions.json not written, the journal is kept: the next start folds it in
    // again (to the same records) and recovers what still ran. Else it is emptied, and the next start reads nothing.
    const ended = records.filter((r) => r.status !== 'RUNNING');
    if (writeExecutionRecords(this.file, ended, this.warn) && ended.length === records.length) writeFileAtomic(this.journalFile, '');
  }
}

export interface Tracked {
  readonly durable: Promise<void>;
  event(event: HistoryEvent): void;
  ended(result: ExecutionResult): void;
}

/** A fingerprint of a state machine's definition: a journaled execution continues only on the definition it started on. */
export function fingerprintOf(definition: unknown): string {
  return createHash('sha256').update(JSON.stringify(definition)).digest('hex');
}

/** The end a history closes with (the process ended after recording it, before journaling the end). */
export function endFromHistory(history: readonly HistoryEvent[]): JournaledEnd | undefined {
  const last = history.at(-1);
  if (!last || !CLOSING_EVENTS.has(last.type)) return undefined;
  const status = ({ ExecutionSucceeded: 'SUCCEEDED', ExecutionFailed: 'FAILED', ExecutionTimedOut: 'TIMED_OUT', ExecutionAborted: 'ABORTED' } as const)[
    last.type as 'ExecutionSucceeded'
  ];
  const details = Object.entries(last).find(([key]) => key.endsWith('EventDetails'))?.[1] as Record<string, unknown> | undefined;
  const output = typeof details?.output === 'string' ? (JSON.parse(details.output) as unknown) : undefined;
  return {
    status,
    ...(output !== undefined && { output }),
    ...(typeof details?.error === 'string' && { error: details.error }),
    ...(typeof details?.cause === 'string' && { cause: details.cause }),
    transitions: history.filter(isStateEntered).length,
    startDate: history[0]!.timestamp,
    stopDate: last.timestamp,
  };
}

/** The history of an interrupted execution that cannot continue, closed with ExecutionFailed (so it can be redriven). */
export function failedHistory(history: readonly HistoryEvent[], cause: string, now: Date): HistoryEvent[] {
  const last = history.at(-1);
  const closing: HistoryEvent = {
    id: (last?.id ?? 0) + 1,
    previousEventId: last?.id ?? 0,
    timestamp: now,
    type: 'ExecutionFailed',
    executionFailedEventDetails: { error: INTERRUPTED_ERROR, cause },
  };
  return [...history, closing];
}

/** A journaled execution, ended, as the registry keeps it. */
export function endedRecord(execution: JournaledExecution, end: JournaledEnd, history: readonly HistoryEvent[] = execution.history): ExecutionRecord {
  const { executionArn, stateMachineArn, name, input, startDate } = execution;
  const { status, output, error, cause, transitions, stopDate } = end;
  // In toResult's order, as executions.json keeps it.
  const result: ExecutionResult = {
    executionArn,
    stateMachineArn,
    name,
    status,
    input: JSON.parse(input) as unknown,
    ...(output !== undefined && { output }),
    ...(error !== undefined && { error }),
    ...(cause !== undefined && { cause }),
    transitions,
    history,
    startDate: end.startDate,
    stopDate,
  };
  return { executionArn, stateMachineArn, name, input, startDate, status, result, done: Promise.resolve(result), events: history };
}

function endOf(result: ExecutionResult): JournaledEnd {
  const { status, output, error, cause, transitions, startDate, stopDate } = result;
  return { status, ...(output !== undefined && { output }), ...(error !== undefined && { error }), ...(cause !== undefined && { cause }), transitions, startDate, stopDate };
}
