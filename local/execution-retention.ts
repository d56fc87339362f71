import { SfnApiError } from './emulators/sfn-errors';
import { arnDigest, type ExecutionArchive } from './execution-archive';
import type { ExecutionRecord } from './execution-store';

/**
 * How many ended executions a local stack keeps in memory (with their histories): past it the oldest leaves memory,
 * so that a long `--serve` stays within a flat amount of memory. With a `--data-dir` it goes to the archive
 * (executions/ended.jsonl) and DescribeExecution, GetExecutionHistory and RedriveExecution still answer for it, read
 * back from disk; without one only a digest of its ARN is kept: its name stays taken (as on AWS, where names are
 * unique for 90 days), and asking for it answers ExecutionDoesNotExist with a sentence saying that it was dropped and
 * why. ListExecutions lists the executions in memory.
 */
export const KEPT_ENDED_EXECUTIONS = 1000;

export class ExecutionRetention {
  /** ARNs of ended executions in memory, oldest end first. */
  private readonly ended = new Set<string>();
  /** Without an archive: digests of the ARNs of executions dropped from memory. */
  private readonly dropped = new Set<number>();

  constructor(
    readonly keep: number,
    private readonly archive: ExecutionArchive | undefined,
  ) {
    if (!Number.isInteger(keep) || keep < 1) throw new Error(`keepEndedExecutions must be a whole number of at least 1, not ${keep}.`);
  }

  /** How many ended executions left memory so far (this process, or the archive's on disk). */
  get evicted(): number {
    return this.archive?.count ?? this.dropped.size;
  }

  /** `executionArn` ended (or was read back ended); answers the ended records that must now leave memory, oldest first. */
  endedNow(executionArn: string): string[] {
    this.ended.delete(executionArn);
    this.ended.add(executionArn);
    const leaving: string[] = [];
    for (const arn of this.ended) {
      if (this.ended.size - leaving.length <= this.keep) break;
      leaving.push(arn);
    }
    for (const arn of leaving) this.ended.delete(arn);
    return leaving;
  }

  /** It runs again (a redrive): not ended any more. */
  running(executionArn: string): void {
    this.ended.delete(executionArn);
  }

  /** Puts a record that leaves memory on disk (with an archive) or keeps its ARN's digest. */
  leave(record: ExecutionRecord): void {
    if (this.archive) this.archive.append(record);
    else this.dropped.add(arnDigest(record.executionArn));
  }

  /** Whether an execution with this ARN ran and left memory (its name is taken). */
  left(executionArn: string): boolean {
    return this.archive ? this.archive.has(executionArn) : this.dropped.has(arnDigest(executionArn));
  }

  /** The record of an execution that left memory, read back from the archive; ExecutionDoesNotExist says why without one. */
  readBack(executionArn: string): ExecutionRecord | undefined {
    if (this.archive) return this.archive.read(executionArn);
    if (!this.dropped.has(arnDigest(executionArn))) return undefined;
    throw new SfnApiError(
      'ExecutionDoesNotExist',
      `Execution Does Not Exist: '${executionArn}': it ended, and without --data-dir the local runner keeps only the last ${this.keep.toLocaleString('en-US')} ended ` +
        'executions in memory; this one was dropped (its name stays taken). Serve with --data-dir DIR to keep every execution, with its history, on disk.',
    );
  }
}
