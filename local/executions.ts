import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import {
  SfnApiError,
  type DescribedExecution,
  type DescribedMapRun,
  type DescribedStateMachine,
  type ExecutionService,
  type MapRunListItem,
  type StartExecutionRequest,
  type SyncExecution,
} from './emulators/sfn-api';
import type { ExecutionRecord } from './execution-store';
import { DurableExecutions, fingerprintOf, type Tracked } from './execution-durability';
import { ExecutionArchive } from './execution-archive';
import type { JournaledExecution } from './execution-journal';
import { ExecutionRetention, KEPT_ENDED_EXECUTIONS } from './execution-retention';
import { historyLengthOf, keptBytes, keptRecord } from './kept-result';
import { recoverExecutions } from './execution-recovery';
import { ExecutionNotContinuable, TaskDoesNotExist, type Execution, type HistoryEvent, type TaskHandler } from './engine';
import { FaultInjector, type Fault } from './faults';
import { MapRunBook } from './map-runs';
import { assertRedrivable, checkClientToken, redriveStatusOf, RedriveTokens } from './redrive-rules';
import { assertExecutionArn } from './sfn-arns';
import { checkConstraints, checkName, mockedHandlers, parseInput, testCaseOf, type MockSettings } from './start-request';
import { StateMachineCatalog } from './state-machines';
import type { ExecutionWaiter } from './tasks/services';
import type { ExecutionResult, LocalWorkflow, RunOptions } from './workflow-engine';

export type { ExecutionRecord } from './execution-store';
export type { MockSettings } from './start-request';

export interface ExecutionSettings {
  readonly realWaits: boolean;
  readonly faults: readonly Fault[];
  readonly onEvent?: (event: HistoryEvent, executionName: string) => void;
  readonly mocks?: MockSettings;
  /** Where finished executions are kept between runs (so names stay taken, as on AWS). @default memory only */
  readonly file?: string;
  /** Told when `file` could not be written (it then keeps what it held before). @default console.warn */
  readonly onWarning?: (message: string) => void;
  /** Ended executions kept in memory; older ones go to disk with `file`, else are dropped (see ExecutionRetention). @default KEPT_ENDED_EXECUTIONS */
  readonly keepEnded?: number;
  /** What the ended executions in memory may hold at most (see ExecutionRetention). @default KEPT_ENDED_BYTES */
  readonly keepEndedBytes?: number;
}

/** Options of one start beyond StartExecution's request. */
export interface StartOptions {
  readonly faults?: readonly Fault[];
  /** The mock configuration's test case for this execution (as `#<TestCase>` on the ARN would). */
  readonly testCase?: string;
}

/**
 * Starts and tracks executions with the rules of StartExecution: names unique per state machine (the same name
 * and input while running returns the running execution, anything else is ExecutionAlreadyExists), names
 * validated, input must be JSON.
 */
export class ExecutionRegistry implements ExecutionService, ExecutionWaiter {
  private readonly records = new Map<string, ExecutionRecord>();
  private readonly machines: StateMachineCatalog;
  /** What an execution's redrives run with (this process's executions only): its fault counts and mocked handlers. */
  private readonly reruns = new Map<string, { injector: FaultInjector; taskHandlers?: Readonly<Record<string, TaskHandler>> }>();
  private readonly redriveTokens = new RedriveTokens();
  /** With a data folder: the journal, and what each running execution tells it. */
  private readonly durable?: DurableExecutions;
  private readonly tracked = new Map<string, Tracked>();
  private readonly fingerprints = new Map<LocalWorkflow, string>();
  private unended: JournaledExecution[] = [];
  private readonly truncatedTail: boolean = false;
  /** Distributed Map runs and their child executions (memory only). */
  private readonly mapRuns = new MapRunBook();
  /** Which ended executions stay in memory, and where the others went. */
  private readonly retention: ExecutionRetention;
  private readonly archive?: ExecutionArchive;

  constructor(
    workflows: ReadonlyMap<string, LocalWorkflow>,
    private readonly settings: ExecutionSettings,
  ) {
    this.machines = new StateMachineCatalog(workflows);
    if (settings.file) {
      const opened = DurableExecutions.open(settings.file, settings.onWarning ?? console.warn);
      this.durable = opened.durable;
      this.unended = opened.unended;
      this.truncatedTail = opened.truncatedTail;
      this.archive = ExecutionArchive.open(path.join(path.dirname(settings.file), 'executions', 'ended.jsonl'));
      this.retention = new ExecutionRetention(settings.keepEnded ?? KEPT_ENDED_EXECUTIONS, this.archive, settings.keepEndedBytes);
      for (const record of opened.records) this.keepEnded(record);
    } else {
      this.retention = new ExecutionRetention(settings.keepEnded ?? KEPT_ENDED_EXECUTIONS, undefined, settings.keepEndedBytes);
    }
  }

  /** How many ended executions are in memory at most, and how many left it so far (see ExecutionRetention). */
  get retained(): { readonly keep: number; readonly evicted: number } {
    return { keep: this.retention.keep, evicted: this.retention.evicted };
  }

  /** StartExecution: answered once the start is journaled on disk (with a data folder). */
  async start(request: StartExecutionRequest, options: StartOptions = {}): Promise<{ executionArn: string; startDate: Date }> {
    const record = this.begin(request, options);
    try {
      await this.tracked.get(record.executionArn)?.durable;
    } catch (err) {
      // Not acknowledged, so not started: it stops, and its name is free again (the client sees InternalFailure, 500).
      record.handle?.stop('Local.JournalNotWritten', (err as Error).message);
      this.records.delete(record.executionArn);
      throw err;
    }
    return { executionArn: record.executionArn, startDate: record.startDate };
  }

  /**
   * Continues the executions an earlier process left running (journaled as started, never ended); answers one line
   * per execution and a summary (none when there were none). Call once the services Tasks call are up.
   */
  recover(): string[] {
    // Before a compaction drops the journal's facts, what left memory for the archive is on disk too.
    this.durable?.begin(() => {
      this.archive?.sync();
      return this.list().filter((r) => r.status !== 'RUNNING');
    });
    const unended = this.unended;
    this.unended = [];
    return recoverExecutions(unended, this.truncatedTail, {
      workflow: (arn) => this.findWorkflow(arn),
      fingerprint: (workflow) => this.fingerprint(workflow),
      launch: (workflow, execution) => {
        const { executionArn, stateMachineArn, name, input, startDate, history } = execution;
        const base = { executionArn, stateMachineArn, name, input, startDate };
        const injector = new FaultInjector(this.settings.faults);
        this.reruns.set(executionArn, { injector });
        // No history yet (killed before its first event was written): it starts again from the beginning.
        const from = history.length > 0 ? { redriveFrom: { history } } : {};
        return this.launch(workflow, base, { name, input: JSON.parse(input) as unknown, faultInjector: injector, ...from });
      },
      keep: (record) => {
        if (this.durable) {
          const tracked = this.durable.track(record, '', []);
          for (const event of record.events ?? []) tracked.event(event);
          tracked.ended(record.result!);
        }
        this.keepEnded(record);
      },
    });
  }

  /** Writes what the journal has pending and the ended executions to executions.json (with a data folder). */
  async closeStore(): Promise<void> {
    await this.durable?.close(this.list());
    if (this.archive) {
      this.archive.sync();
      this.archive.close();
    }
  }

  /** StartSyncExecution: an Express execution, run to its end, with what AWS bills for it. */
  async startSync(request: StartExecutionRequest): Promise<SyncExecution> {
    const machine = this.machines.workflow(request.stateMachineArn.split('#')[0]!).model;
    if (machine.type !== 'EXPRESS') {
      throw new SfnApiError('StateMachineTypeNotSupported', `This operation is not supported by this type of state machine: '${machine.arn}' is ${machine.type}; StartSyncExecution runs EXPRESS state machines only.`);
    }
    const record = this.begin(request, {});
    const result = await record.done;
    // Express executions are billed in 100 ms steps of duration and 64 MB steps of memory (the smallest is billed here).
    const durationMs = result.stopDate.getTime() - result.startDate.getTime();
    return {
      ...this.describe(record.executionArn),
      stopDate: result.stopDate,
      billingDetails: { billedDurationInMilliseconds: Math.max(100, Math.ceil(durationMs / 100) * 100), billedMemoryUsedInMB: 64 },
    };
  }

  /** ListExecutions: a Standard state machine's executions, newest first. */
  listExecutions(stateMachineArn: string): DescribedExecution[] {
    const machine = this.machines.workflow(stateMachineArn).model;
    if (machine.type !== 'STANDARD') {
      throw new SfnApiError('StateMachineTypeNotSupported', `This operation is not supported by this type of state machine: '${stateMachineArn}' is EXPRESS; ListExecutions lists STANDARD executions only.`);
    }
    const own = this.list().filter((r) => r.stateMachineArn === stateMachineArn);
    // Newest first; executions started in the same millisecond, the later-started first.
    return own
      .map((r, order) => ({ r, order }))
      .sort((a, b) => b.r.startDate.getTime() - a.r.startDate.getTime() || b.order - a.order)
      .map(({ r }) => this.describe(r.executionArn));
  }

  /** ListExecutions with `mapRunArn`: the Map Run's child executions, running and ended, newest first. */
  listMapRunExecutions(mapRunArn: string): DescribedExecution[] {
    return this.mapRuns.childExecutions(mapRunArn);
  }

  describeMapRun(mapRunArn: string): DescribedMapRun {
    return this.mapRuns.describe(mapRunArn);
  }

  /** ListMapRuns: the Map Runs of an execution (or of a child execution: nested Distributed Maps). */
  listMapRuns(executionArn: string): MapRunListItem[] {
    if (this.records.has(executionArn) || !this.mapRuns.child(executionArn)) this.record(executionArn);
    return this.mapRuns.list(executionArn);
  }

  describeStateMachine(stateMachineArn: string): DescribedStateMachine {
    return this.machines.describe(stateMachineArn);
  }

  describeStateMachineForExecution(executionArn: string): DescribedStateMachine {
    return this.machines.describe(this.record(executionArn).stateMachineArn);
  }

  listStateMachines(): DescribedStateMachine[] {
    return this.machines.list();
  }

  /** Starts an execution and waits for its end. */
  async run(request: StartExecutionRequest, options: StartOptions = {}): Promise<ExecutionResult> {
    return this.begin(request, options).done;
  }

  describe(executionArn: string): DescribedExecution {
    const child = this.records.has(executionArn) ? undefined : this.mapRuns.child(executionArn);
    if (child) return child;
    const record = this.record(executionArn);
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
      ...this.redriveFields(record),
    };
  }

  /**
   * RedriveExecution (API Reference): a FAILED, TIMED_OUT or ABORTED Standard execution runs again from its
   * unsuccessful state, with its ARN, name and input; ExecutionNotRedrivable says why another cannot. A client token
   * used for a successful redrive of this execution in the last 15 minutes answers that redrive's date again.
   */
  redrive(executionArn: string, clientToken?: string): Date {
    if (clientToken !== undefined) checkClientToken(clientToken);
    const record = this.record(executionArn);
    const earlier = clientToken === undefined ? undefined : this.redriveTokens.earlier(executionArn, clientToken);
    if (earlier) return earlier;
    const workflow = this.machines.workflow(record.stateMachineArn);
    const history = historyOf(record);
    assertRedrivable({ type: workflow.model.type, status: record.status, startDate: record.startDate, stopDate: record.result?.stopDate, historyLength: history?.length });
    const redriveCount = (record.redriveCount ?? 0) + 1;
    const rerun = this.reruns.get(executionArn) ?? { injector: new FaultInjector(this.settings.faults) };
    let redriven: ExecutionRecord;
    try {
      const { stateMachineArn, name, input, startDate } = record;
      const base = { executionArn, stateMachineArn, name, input, startDate, redriveCount, redriveDate: new Date() };
      redriven = this.launch(workflow, base, {
        name: record.name,
        // The engine takes the input from the history (ExecutionStarted); this is the same.
        input: JSON.parse(record.input),
        faultInjector: rerun.injector,
        ...(rerun.taskHandlers && { taskHandlers: rerun.taskHandlers }),
        redriveFrom: { history: history!, redriveCount },
      });
    } catch (err) {
      throw err instanceof ExecutionNotContinuable ? new SfnApiError('ExecutionNotRedrivable', err.message) : err;
    }
    this.reruns.set(executionArn, rerun);
    if (clientToken !== undefined) this.redriveTokens.remember(executionArn, clientToken, redriven.redriveDate!);
    return redriven.redriveDate!;
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

  /** GetExecutionHistory's events (none for an execution read back from an earlier run's file). */
  history(executionArn: string): readonly HistoryEvent[] {
    const child = this.records.has(executionArn) ? undefined : this.mapRuns.childHistory(executionArn);
    if (child) return child;
    const record = this.record(executionArn);
    return record.result?.history ?? record.events ?? [];
  }

  /** StopExecution: a running execution ends ABORTED; an ended one is left as it is. */
  stop(executionArn: string, error?: string, cause?: string): Date {
    const record = this.record(executionArn);
    if (record.status === 'RUNNING') record.handle?.stop(error, cause);
    return new Date();
  }

  /** Resolves once the execution has ended, with DescribeExecution's answer. */
  async waitForEnd(executionArn: string): Promise<DescribedExecution> {
    await this.record(executionArn).done;
    return this.describe(executionArn);
  }

  sendTaskSuccess(taskToken: string, output: string): void {
    let value: unknown;
    try {
      value = JSON.parse(output);
    } catch (err) {
      throw new SfnApiError('InvalidOutput', `Invalid Output: '${(err as Error).message}'`);
    }
    this.withToken(taskToken, (handle) => handle.sendTaskSuccess(taskToken, value));
  }

  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.withToken(taskToken, (handle) => handle.sendTaskFailure(taskToken, error, cause));
  }

  sendTaskHeartbeat(taskToken: string): void {
    this.withToken(taskToken, (handle) => handle.sendTaskHeartbeat(taskToken));
  }

  abortAll(): void {
    for (const record of this.records.values()) if (record.status === 'RUNNING') record.handle?.stop();
  }

  /** The running execution whose Task waits for `taskToken` gets the call (tokens are unique to one execution). */
  private withToken(taskToken: string, call: (handle: Execution) => void): void {
    for (const record of this.records.values()) {
      if (record.status !== 'RUNNING' || !record.handle) continue;
      try {
        call(record.handle);
        return;
      } catch (err) {
        if (!(err instanceof TaskDoesNotExist)) throw err;
      }
    }
    throw new SfnApiError('TaskDoesNotExist', `Task Does Not Exist: no running Task waits for the task token '${taskToken}' (never issued, already answered, or its Task ended).`);
  }

  private record(executionArn: string): ExecutionRecord {
    assertExecutionArn(executionArn);
    const record = this.records.get(executionArn) ?? this.retention.readBack(executionArn);
    if (!record) throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  private begin(request: StartExecutionRequest, options: StartOptions): ExecutionRecord {
    // In AWS's order: the model's constraints (name length, input size), the ARN, the state machine, the name's
    // characters, the input's JSON.
    const name = request.name ?? randomUUID();
    const inputText = request.input ?? '{}';
    checkConstraints(name, inputText);
    const selection = testCaseOf(request.stateMachineArn, options.testCase, this.settings.mocks);
    const workflow = this.machines.workflow(selection.stateMachineArn);
    checkName(name);
    const input = parseInput(inputText);
    const executionArn = `${workflow.executionArnPrefix}:${name}`;
    const existing = this.records.get(executionArn);
    if ((existing || this.retention.left(executionArn)) && workflow.model.type === 'STANDARD') {
      if (existing?.status === 'RUNNING' && existing.input === inputText) return existing;
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const injector = new FaultInjector(options.faults ?? this.settings.faults);
    const taskHandlers = selection.testCase !== undefined ? mockedHandlers(this.settings.mocks!, workflow.model.name, selection.testCase) : undefined;
    this.reruns.set(executionArn, { injector, ...(taskHandlers && { taskHandlers }) });
    const base = { executionArn, stateMachineArn: workflow.model.arn, name, input: inputText, startDate: new Date() };
    return this.launch(workflow, base, { name, input, faultInjector: injector, ...(taskHandlers && { taskHandlers }) });
  }

  /** Runs an execution (a new one, or a redrive of `base`) and keeps its record, RUNNING until it ends. */
  private launch(
    workflow: LocalWorkflow,
    base: Pick<ExecutionRecord, 'executionArn' | 'stateMachineArn' | 'name' | 'input' | 'startDate' | 'redriveCount' | 'redriveDate'>,
    options: Omit<RunOptions, 'realWaits' | 'onEvent'>,
  ): ExecutionRecord {
    const events: HistoryEvent[] = [...(options.redriveFrom?.history ?? [])];
    const onEvent = this.settings.onEvent;
    // Journaled before it runs, so that its first events follow its start in the journal.
    const tracked = this.durable?.track(base, this.fingerprint(workflow), events);
    if (tracked) this.tracked.set(base.executionArn, tracked);
    const running = workflow.run({
      ...options,
      realWaits: this.settings.realWaits,
      onEvent: (event, executionName) => {
        events.push(event);
        tracked?.event(event);
        onEvent?.(event, executionName);
      },
      onMapRun: this.mapRuns.observeRun,
      onChildExecution: this.mapRuns.observeChild,
    });
    const done = running.result.then((result) => {
      record.status = result.status;
      record.result = result;
      // The engine's handle and the copy of the history are not needed once it ended (the result has the history).
      record.handle = undefined;
      record.events = undefined;
      tracked?.ended(result);
      this.tracked.delete(base.executionArn);
      this.keepEnded(record);
      return result;
    });
    const record: ExecutionRecord = { ...base, status: 'RUNNING', done, handle: running.execution, events };
    this.retention.running(base.executionArn);
    this.records.set(base.executionArn, record);
    return record;
  }

  /** Keeps an ended record in memory; the oldest ended ones beyond the retention leave it (see ExecutionRetention). */
  private keepEnded(ended: ExecutionRecord): void {
    // Kept as text (kept-result.ts): the history's objects are not held by an ended execution.
    const record = keptRecord(ended);
    this.records.set(record.executionArn, record);
    for (const arn of this.retention.endedNow(record.executionArn, keptBytes(record))) {
      const leaving = this.records.get(arn);
      if (!leaving) continue;
      this.records.delete(arn);
      this.reruns.delete(arn);
      this.redriveTokens.forget(arn);
      this.mapRuns.forget(arn);
      this.retention.leave(leaving);
    }
  }

  /** DescribeExecution's redrive members, for a Standard execution. */
  private redriveFields(record: ExecutionRecord): Partial<DescribedExecution> {
    const type = this.machines.workflow(record.stateMachineArn).model.type;
    if (type !== 'STANDARD') return {};
    const facts = { type, status: record.status, startDate: record.startDate, stopDate: record.result?.stopDate, historyLength: historyLengthIn(record) };
    return {
      redriveCount: record.redriveCount ?? 0,
      ...(record.redriveDate && { redriveDate: record.redriveDate }),
      ...redriveStatusOf(facts),
    };
  }

  private findWorkflow(stateMachineArn: string): LocalWorkflow | undefined {
    try {
      return this.machines.workflow(stateMachineArn);
    } catch {
      return undefined;
    }
  }

  private fingerprint(workflow: LocalWorkflow): string {
    let fingerprint = this.fingerprints.get(workflow);
    if (fingerprint === undefined) this.fingerprints.set(workflow, (fingerprint = fingerprintOf(workflow.model.definition)));
    return fingerprint;
  }
}

/** How many events historyOf answers, without parsing a history kept as text. */
function historyLengthIn(record: ExecutionRecord): number | undefined {
  const length = record.result && historyLengthOf(record.result) > 0 ? historyLengthOf(record.result) : (record.events?.length ?? 0);
  return length > 0 ? length : undefined;
}

/** The whole history of an execution, when this process has it (none for one read back from executions.json). */
function historyOf(record: ExecutionRecord): readonly HistoryEvent[] | undefined {
  const history = record.result?.history.length ? record.result.history : record.events;
  return history?.length ? history : undefined;
}
