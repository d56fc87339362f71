import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { readDataFile } from './data-files';
import type { Execution, HistoryEvent } from './engine';
import type { ExecutionResult, ExecutionStatus } from './workflow-engine';

/**
 * executions.json in a `--data-dir`: the executions a stack ran, so that their names stay taken between runs (as on
 * AWS) and DescribeExecution still answers for them. Written whole or not at all; read back with every field
 * checked. Histories are not kept.
 */

/** One execution, running or finished, as the local Step Functions API knows it. */
export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
  status: ExecutionStatus;
  /** RedriveExecution: how many times it was redriven, and when last (absent: never). */
  readonly redriveCount?: number;
  readonly redriveDate?: Date;
  result?: ExecutionResult;
  /** Settles when the execution ends; never rejects. */
  readonly done: Promise<ExecutionResult>;
  /** The engine's handle while it runs in this process (not for executions read back from `file`); dropped when it ends. */
  handle?: Execution;
  /** Its history so far (GetExecutionHistory while it runs); empty for executions read back from `file`; dropped when it ends (the result has it). */
  events?: readonly HistoryEvent[];
}

/** The executions kept in `file` (none when it does not exist); one still RUNNING when its process stopped is ABORTED. */
export function readExecutionRecords(file: string): ExecutionRecord[] {
  const stored = readDataFile(file, STORED_EXECUTIONS, 'the execution names used before can be used again') ?? [];
  return stored.map(({ result: storedResult, redriveDate, ...record }) => {
    const result: ExecutionResult | undefined = storedResult && {
      ...storedResult,
      input: storedResult.input,
      history: [],
      startDate: new Date(storedResult.startDate),
      stopDate: new Date(storedResult.stopDate),
    };
    return {
      ...record,
      // An execution still running when an earlier process stopped never finished.
      status: record.status === 'RUNNING' ? 'ABORTED' : record.status,
      startDate: new Date(record.startDate),
      ...(redriveDate !== undefined && { redriveDate: new Date(redriveDate) }),
      ...(result && { result }),
      done: result ? Promise.resolve(result) : new Promise<ExecutionResult>(() => undefined),
    };
  });
}

/** Writes every execution to `file`, whole or not at all; a failed write is told to `warn` (false), and the file keeps its earlier content. */
export function writeExecutionRecords(file: string, records: readonly ExecutionRecord[], warn: (message: string) => void): boolean {
  const stored = records.map(({ done: _done, handle: _handle, events: _events, result, ...rest }) => ({ ...rest, ...(result && { result: { ...result, history: undefined } }) }));
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify(stored, null, 2));
    return true;
  } catch (err) {
    warn(`Could not save the executions to ${file} (${(err as Error).message}); it keeps what it held before.`);
    return false;
  }
}

const DATE = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not a date');
const STATUS = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/** executions.json, as writeExecutionRecords writes it. */
const STORED_EXECUTIONS = z.array(
  z.object({
    executionArn: z.string().min(1),
    stateMachineArn: z.string().min(1),
    name: z.string().min(1),
    input: z.string(),
    startDate: DATE,
    status: STATUS,
    redriveCount: z.number().int().nonnegative().optional(),
    redriveDate: DATE.optional(),
    result: z
      .object({
        executionArn: z.string(),
        stateMachineArn: z.string(),
        name: z.string(),
        status: STATUS.exclude(['RUNNING']),
        input: z.unknown(),
        output: z.unknown().optional(),
        error: z.string().optional(),
        cause: z.string().optional(),
        transitions: z.number(),
        startDate: DATE,
        stopDate: DATE,
      })
      .optional(),
  }),
);

