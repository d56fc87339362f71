import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file';
import { arns } from './aws-names';
import { readDataFile } from './data-files';
import { SfnApiError, type DescribedExecution, type ExecutionService, type StartExecutionRequest } from './emulators/sfn-api';
import type { Fault } from './faults';
import type { ExecutionEvent, ExecutionResult, ExecutionStatus, LocalWorkflow } from './workflow-engine';

/** One execution, running or finished, as the local Step Functions API knows it. */
export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly input: string;
  readonly startDate: Date;
  status: ExecutionStatus;
  result?: ExecutionResult;
  /** Settles when the execution ends; never rejects. */
  readonly done: Promise<ExecutionResult>;
}

export interface ExecutionSettings {
  readonly realWaits: boolean;
  readonly faults: readonly Fault[];
  readonly onEvent?: (event: ExecutionEvent, executionName: string) => void;
  /** Where finished executions are kept between runs (so names stay taken, as on AWS). @default memory only */
  readonly file?: string;
  /** Told when `file` could not be written (it then keeps what it held before). @default console.warn */
  readonly onWarning?: (message: string) => void;
}

const STATE_MACHINE_ARN = /^arn:aws:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/;
/** Characters an execution name may not contain (AWS: whitespace, brackets, wildcards, specials, controls). */
const FORBIDDEN_IN_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;
const MAX_INPUT_BYTES = 256 * 1024;

/**
 * Starts and tracks executions with the rules of StartExecution: names unique per state machine (the same name
 * and input while running returns the running execution, anything else is ExecutionAlreadyExists), names
 * validated, input must be JSON.
 */
export class ExecutionRegistry implements ExecutionService {
  private readonly records = new Map<string, ExecutionRecord>();
  private readonly aborts = new Map<string, () => void>();

  constructor(
    private readonly workflows: ReadonlyMap<string, LocalWorkflow>,
    private readonly settings: ExecutionSettings,
  ) {
    if (settings.file) this.load(settings.file);
  }

  start(request: StartExecutionRequest, faults?: readonly Fault[]): { executionArn: string; startDate: Date } {
    const record = this.begin(request, faults);
    return { executionArn: record.executionArn, startDate: record.startDate };
  }

  /** Starts an execution and waits for its end. */
  async run(request: StartExecutionRequest, faults?: readonly Fault[]): Promise<ExecutionResult> {
    return this.begin(request, faults).done;
  }

  describe(executionArn: string): DescribedExecution {
    const record = this.records.get(executionArn);
    if (!record) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    const r = record.result;
    return {
      executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: record.startDate,
      input: record.input,
      ...(r && { stopDate: r.stopDate }),
      ...(r?.output !== undefined && { output: JSON.stringify(r.output) }),
      ...(r?.error !== undefined && { error: r.error }),
      ...(r?.cause !== undefined && { cause: r.cause }),
    };
  }

  list(): ExecutionRecord[] {
    return [...this.records.values()];
  }

  /** Waits until no execution is running, or `timeoutMs` passes; answers whether all ended. */
  async settle(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const running = this.list().filter((r) => r.status === 'RUNNING');
      if (running.length === 0) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(running.map((r) => r.done)), new Promise((resolve) => (timer = setTimeout(resolve, left)))]);
      clearTimeout(timer);
    }
  }

  abortAll(): void {
    for (const abort of this.aborts.values()) abort();
  }

  private begin(request: StartExecutionRequest, faults?: readonly Fault[]): ExecutionRecord {
    const workflow = this.workflowFor(request.stateMachineArn);
    const name = request.name ?? randomUUID();
    validateName(name);
    const inputText = request.input ?? '{}';
    const input = parseInput(inputText);
    const executionArn = arns.execution(workflow.model.arn, name);
    const existing = this.records.get(executionArn);
    if (existing && workflow.model.type === 'STANDARD') {
      if (existing.status === 'RUNNING' && existing.input === inputText) return existing;
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const running = workflow.run({ executionArn, name, input, faults: faults ?? this.settings.faults, realWaits: this.settings.realWaits, onEvent: this.settings.onEvent });
    const done = running.result.then((result) => {
      record.status = result.status;
      record.result = result;
      this.aborts.delete(executionArn);
      this.save();
      return result;
    });
    const record: ExecutionRecord = { executionArn, stateMachineArn: workflow.model.arn, name, input: inputText, startDate: new Date(), status: 'RUNNING', done };
    this.records.set(executionArn, record);
    this.aborts.set(executionArn, running.abort);
    return record;
  }

  private workflowFor(stateMachineArn: string): LocalWorkflow {
    if (!STATE_MACHINE_ARN.test(stateMachineArn)) {
      throw new SfnApiError('InvalidArn', `Invalid Arn: 'Resource type not valid in this context: ${stateMachineArn}'`);
    }
    const workflow = this.workflows.get(stateMachineArn);
    if (!workflow) throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    return workflow;
  }

  private load(file: string): void {
    const stored = readDataFile(file, STORED_EXECUTIONS, 'the execution names used before can be used again') ?? [];
    for (const { result: storedResult, ...record } of stored) {
      const result: ExecutionResult | undefined = storedResult && {
        ...storedResult,
        input: storedResult.input,
        events: [],
        startDate: new Date(storedResult.startDate),
        stopDate: new Date(storedResult.stopDate),
      };
      this.records.set(record.executionArn, {
        ...record,
        // An execution still running when an earlier process stopped never finished.
        status: record.status === 'RUNNING' ? 'ABORTED' : record.status,
        startDate: new Date(record.startDate),
        ...(result && { result }),
        done: result ? Promise.resolve(result) : new Promise(() => undefined),
      });
    }
  }

  /** Writes every execution to the file, whole or not at all; a failed write is reported, and the file keeps its earlier content. */
  private save(): void {
    const file = this.settings.file;
    if (!file) return;
    const stored = this.list().map(({ done: _done, result, ...rest }) => ({ ...rest, ...(result && { result: { ...result, events: undefined } }) }));
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeFileAtomic(file, JSON.stringify(stored, null, 2));
    } catch (err) {
      (this.settings.onWarning ?? console.warn)(`Could not save the executions to ${file} (${(err as Error).message}); it keeps what it held before.`);
    }
  }
}

const DATE = z.string().refine((text) => !Number.isNaN(Date.parse(text)), 'not a date');
const STATUS = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/** executions.json, as save() writes it. */
const STORED_EXECUTIONS = z.array(
  z.object({
    executionArn: z.string().min(1),
    stateMachineArn: z.string().min(1),
    name: z.string().min(1),
    input: z.string(),
    startDate: DATE,
    status: STATUS,
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

function validateName(name: string): void {
  if (name.length < 1 || name.length > 80) {
    throw new SfnApiError(
      'ValidationException',
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80`,
    );
  }
  if (FORBIDDEN_IN_NAME.test(name)) throw new SfnApiError('InvalidName', `Invalid Name: '${name}'`);
}

function parseInput(text: string): unknown {
  if (Buffer.byteLength(text) > MAX_INPUT_BYTES) throw new SfnApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: 'over ${MAX_INPUT_BYTES} bytes'`);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new SfnApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(err as Error).message}'`);
  }
}
