import { SfnApiError } from './emulators/sfn-errors';
import { DigestTable } from './digest-table';
import { arnDigest, type ExecutionArchive } from './execution-archive';
import type { ExecutionRecord } from './execution-store';

/**
 * How many ended executions a local stack keeps in memory (with their histories, kept as text: kept-result.ts), and
 * how much of it they may hold (KEPT_ENDED_BYTES): past either the oldest leaves memory, so that a long `--serve` stays
 * within a flat amount of memory. With a `--data-dir` it goes to the archive (executions/ended.jsonl) and
 * DescribeExecution, GetExecutionHistory and RedriveExecution still answer for it, read back from disk; without one
 * only a digest of its ARN is kept: its name stays taken (as on AWS, where names are unique for 90 days), and asking
 * for it answers ExecutionDoesNotExist with a sentence saying that it was dropped and why. ListExecutions lists the
 * executions in memory.
 */
export const KEPT_ENDED_EXECUTIONS = 1000;
/**
 * What the ended executions in memory may hold at most (their texts, the histories deflated, as keptBytes counts
 * them): 1,000 skip-the-line executions take ~2.5 MB, while 1,000 executions of a 10,000-item inline Map would take
 * gigabytes. The newest ended execution is kept whatever its size.
 */
export const KEPT_ENDED_BYTES = 8 * 1024 * 1024;

export class ExecutionRetention {
  /** Ended executions in memory by ARN, oldest end first, with what each holds (keptBytes). */
  private readonly ended = new Map<string, number>();
  private endedBytes = 0;
  /** Without an archive: digests of the ARNs of executions dropped from memory. */
  private readonly dropped = new DigestTable();

  constructor(
    readonly keep: number,
    private readonly archive: ExecutionArchive | undefined,
    readonly keepBytes = KEPT_ENDED_BYTES,
  ) {
    if (!Number.isInteger(keep) || keep < 1) throw new Error(`keepEndedExecutions must be a whole number of at least 1, not ${keep}.`);
    if (!(keepBytes >= 1)) throw new Error(`keepEndedBytes must be at least 1, not ${keepBytes}.`);
  }

  /** How many ended executions left memory so far (this process, or the archive's on disk). */
  get evicted(): number {
    return this.archive?.count ?? this.dropped.size;
  }

  /**
   * `executionArn` ended (or was read back ended), holding `bytes` in memory; answers the ended records that must now
   * leave memory, oldest first.
   */
  endedNow(executionArn: string, bytes = 0): string[] {
    this.running(executionArn);
    this.ended.set(executionArn, bytes);
    this.endedBytes += bytes;
    const leaving: string[] = [];
    for (const [arn, size] of this.ended) {
      if (this.ended.size <= 1 || (this.ended.size <= this.keep && this.endedBytes <= this.keepBytes)) break;
      leaving.push(arn);
      this.ended.delete(arn);
      this.endedBytes -= size;
    }
    return leaving;
  }

  /** It runs again (a redrive): not ended any more. */
  running(executionArn: string): void {
    const size = this.ended.get(executionArn);
    if (size === undefined) return;
    this.ended.delete(executionArn);
    this.endedBytes -= size;
  }

  /** Puts a record that leaves memory on disk (with an archive) or keeps its ARN's digest. */
  leave(record: ExecutionRecord): void {
    if (this.archive) this.archive.append(record);
    else this.dropped.set(arnDigest(record.executionArn), 1);
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
        `executions (at most ${sizeText(this.keepBytes)} of them) in memory; this one was dropped (its name stays taken). Serve with --data-dir DIR to keep every execution, with its history, on disk.`,
    );
  }
}

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MiB` : `${bytes.toLocaleString('en-US')} bytes`);
