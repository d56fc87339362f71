/**
 * One execution (Developer Guide, "Starting state machine executions"; API Reference, "DescribeExecution",
 * "StopExecution", "GetExecutionHistory"): ExecutionStarted, the states, then ExecutionSucceeded, ExecutionFailed,
 * ExecutionTimedOut (the machine's TimeoutSeconds passed: States.Timeout) or ExecutionAborted (StopExecution).
 */
import { randomUUID } from 'node:crypto';
import { createClock, type Clock } from './clock';
import type { MachineDefinition } from './definition';
import { StatesError, STATES_ERRORS } from './errors';
import { History, MAX_HISTORY_EVENTS, json, NOT_TRUNCATED } from './history';
import { MAX_PAYLOAD_BYTES } from './limits';
import type { QueryLanguages } from './languages';
import { trackedStore, type ObjectStore } from './distributed-map/object-store';
import type { ChildrenStart } from './distributed-map/run-distributed-map';
import { Frame, Interrupted, type ChildExecutionRequest, type Runtime } from './runtime';
import { runStates } from './state-runner';
import { ExecutionNotContinuable, resumePoint, type ResumePoint } from './continuation';
import { TaskTokens } from './task-tokens';
import type { ChildExecutionOutcome, Execution, ExecutionOptions, RedriveFrom, ExecutionOutcome, ExecutionStatus, ExecutionType } from './types';
import { VariableScope } from './variables';

/** What the state machine fixes for each of its executions. */
export interface MachineFacts {
  readonly definition: MachineDefinition;
  readonly name: string;
  readonly arn: string;
  readonly roleArn: string;
  readonly type: ExecutionType;
  readonly region: string;
  readonly languages: QueryLanguages;
  readonly objectStore?: ObjectStore;
  readonly authorizeChildExecutions?: (start: ChildrenStart) => Promise<void>;
  readonly virtualClockHoldMs?: number;
  readonly virtualClockWorkHoldMs?: number;
  readonly maxHistoryEvents?: number;
}

/**
 * What ties a Distributed Map's child execution to its parent: the parent's clock and task tokens (SendTask* on the
 * parent reach a child's Task), the ARN the Map Run gave it, and the signal that aborts it.
 */
export interface ChildLink {
  readonly clock: Clock;
  readonly tokens: TaskTokens;
  readonly executionArn: string;
  readonly signal: AbortSignal;
  /** An Express child runs at most 5 minutes (Developer Guide, "Choosing workflow type"): past it, TIMED_OUT. */
  readonly maxDurationMs?: number;
}

/** Why an ended execution's leftover work stops (one shared reason: making an Error per execution costs its stack). */
const ENDED = new Interrupted('the execution ended');

/** "Express Workflows … can run for up to five minutes" (Developer Guide, "Choosing workflow type"). */
export const EXPRESS_MAX_DURATION_MS = 5 * 60 * 1000;

/** StartExecution refused the execution's name (the API's InvalidName). */
export class InvalidName extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidName';
  }
}

/** StartExecution refused the execution's input (the API's InvalidExecutionInput). */
export class InvalidExecutionInput extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidExecutionInput';
  }
}

const NAME_PATTERN = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/u;

export function executionArnOf(machine: MachineFacts, name: string): string {
  const kind = machine.type === 'EXPRESS' ? 'express' : 'execution';
  return machine.arn.replace(/:stateMachine:/, `:${kind}:`) + `:${name}`;
}

/** Reads where `from` continues, and refuses what cannot be continued as asked. */
function continuation(machine: MachineFacts, from: RedriveFrom): ResumePoint {
  const { redriveCount } = from;
  if (redriveCount !== undefined && !(Number.isInteger(redriveCount) && redriveCount >= 1)) {
    throw new ExecutionNotContinuable(`redriveCount must be a whole number from 1 (the count after this redrive), not ${redriveCount}.`);
  }
  const point = resumePoint(machine.definition, from.history);
  if (point.closedBy && redriveCount === undefined) {
    throw new ExecutionNotContinuable(`The execution has ended (${point.closedBy}): give redriveFrom.redriveCount to redrive it.`);
  }
  return point;
}

export class RunningExecution implements Execution {
  readonly executionArn: string;
  readonly name: string;
  readonly done: Promise<ExecutionOutcome>;
  private readonly clock: Clock;
  private readonly history: History;
  private readonly tokens: TaskTokens;
  private readonly control = new AbortController();
  private stopRequest: { error?: string; cause?: string } | undefined;
  private ended = false;
  /** Where a continued execution (ExecutionOptions.redriveFrom) picks up. */
  private readonly resume: ResumePoint | undefined;

  constructor(
    private readonly machine: MachineFacts,
    private readonly options: ExecutionOptions,
    private readonly link?: ChildLink,
  ) {
    this.name = options.name ?? randomUUID();
    if (!NAME_PATTERN.test(this.name)) {
      throw new InvalidName(`The execution name '${this.name}' is not valid: use 1 to 80 characters, no spaces, brackets, wildcards or special characters.`);
    }
    this.resume = options.redriveFrom && continuation(machine, options.redriveFrom);
    const text = this.resume ? this.resume.inputText : JSON.stringify(options.input === undefined ? {} : options.input);
    if (text === undefined) throw new InvalidExecutionInput('The execution input must be a JSON value.');
    if (Buffer.byteLength(text, 'utf8') > MAX_PAYLOAD_BYTES) {
      throw new InvalidExecutionInput(`The execution input is over ${MAX_PAYLOAD_BYTES} bytes of UTF-8 JSON (Step Functions service quotas); pass a reference (an S3 key) instead.`);
    }
    this.executionArn = link?.executionArn ?? executionArnOf(machine, this.name);
    this.clock = link?.clock ?? createClock(options.clock, options.startTime, { callbackMs: machine.virtualClockHoldMs, workMs: machine.virtualClockWorkHoldMs ?? machine.virtualClockHoldMs });
    this.tokens = link?.tokens ?? new TaskTokens();
    if (link) {
      if (link.signal.aborted) this.stop();
      else link.signal.addEventListener('abort', this.stopByParent, { once: true });
    }
    // The 25,000-event quota is a Standard workflow's; an Express workflow keeps no history in Step Functions.
    const limit = machine.maxHistoryEvents ?? (machine.type === 'EXPRESS' ? Infinity : MAX_HISTORY_EVENTS);
    this.history = new History(this.clock, options.onEvent, limit, options.redriveFrom?.history);
    const input = JSON.parse(text);
    this.done = this.run(input, text).catch((error: unknown) => this.engineFailure(input, error));
  }

  private readonly stopByParent = (): void => this.stop();

  stop(error?: string, cause?: string): void {
    if (this.ended || this.stopRequest) return;
    this.stopRequest = { error, cause };
    this.control.abort(new Interrupted('the execution was stopped'));
  }

  sendTaskSuccess(taskToken: string, output: unknown): void {
    this.tokens.succeed(taskToken, output);
  }

  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.tokens.fail(taskToken, error, cause);
  }

  sendTaskHeartbeat(taskToken: string): void {
    this.tokens.heartbeat(taskToken);
  }

  private async run(input: unknown, inputText: string): Promise<ExecutionOutcome> {
    const machine = this.machine;
    const resume = this.resume;
    const redriveCount = this.options.redriveFrom?.redriveCount;
    const startTime = resume?.startTime ?? this.options.startTime?.getTime() ?? this.clock.now();
    if (!resume) {
      this.history.add('ExecutionStarted', 0, 'executionStartedEventDetails', {
        input: inputText,
        inputDetails: NOT_TRUNCATED,
        roleArn: machine.roleArn,
      }, startTime); // the same instant as DescribeExecution's startDate, which a redrive keeps
    } else if (redriveCount !== undefined) {
      this.history.add('ExecutionRedriven', this.history.lastId, 'executionRedrivenEventDetails', { redriveCount });
    }
    const runtime: Runtime = {
      clock: this.clock,
      history: this.history,
      languages: machine.languages,
      facts: {
        id: this.executionArn,
        input,
        name: this.name,
        roleArn: machine.roleArn,
        startTime,
        redriveCount: resume ? (redriveCount ?? resume.redrives) : (this.options.redriveCount ?? 0),
        stateMachineId: machine.arn,
        stateMachineName: machine.name,
      },
      taskHandlers: this.options.taskHandlers ?? {},
      type: machine.type,
      region: machine.region,
      tokens: this.tokens,
      objectStore: machine.objectStore && trackedStore(machine.objectStore, this.clock),
      authorizeChildExecutions: machine.authorizeChildExecutions && ((start) => this.clock.track(machine.authorizeChildExecutions!(start))),
      onMapRun: this.options.onMapRun,
      runChildExecution: (request) => this.runChild(request),
    };
    const variables = new VariableScope();
    if (resume) variables.assign(resume.variables);
    const frame = new Frame(runtime, variables, this.control.signal, machine.definition.QueryLanguage, resume ? this.history.lastId : 0);
    frame.nested = resume?.nested;
    const work = !resume
      ? runStates(machine.definition, input, frame)
      : resume.state
        ? runStates(machine.definition, resume.state.input, frame, resume.state.name)
        : Promise.resolve(resume.output);
    let ending = await this.settle(work);
    if (this.link?.maxDurationMs !== undefined && ending.status !== 'ABORTED' && this.clock.now() - startTime > this.link.maxDurationMs) {
      // Assumed: an Express child that ran past its 5 minutes ends as a machine timeout does (States.Timeout).
      ending = { status: 'TIMED_OUT', error: STATES_ERRORS.Timeout };
    }
    this.ended = true;
    this.link?.signal.removeEventListener('abort', this.stopByParent);
    this.control.abort(ENDED);
    const last = this.history.lastId;
    const outcome: { status: ExecutionStatus; output?: unknown; error?: string; cause?: string } = { status: ending.status };
    const details = (error?: string, cause?: string): Record<string, unknown> => ({
      ...(error ? { error } : {}),
      ...(cause ? { cause } : {}),
    });
    if (ending.status === 'SUCCEEDED') {
      outcome.output = ending.output;
      this.history.add('ExecutionSucceeded', last, 'executionSucceededEventDetails', { output: json(ending.output), outputDetails: NOT_TRUNCATED });
    } else {
      if (ending.error) outcome.error = ending.error;
      if (ending.cause) outcome.cause = ending.cause;
      const type = { FAILED: 'ExecutionFailed', TIMED_OUT: 'ExecutionTimedOut', ABORTED: 'ExecutionAborted' }[ending.status];
      const key = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
      this.history.add(type, last, key, details(ending.error, ending.cause));
    }
    return {
      executionArn: this.executionArn,
      stateMachineArn: machine.arn,
      name: this.name,
      input,
      ...outcome,
      startDate: new Date(startTime),
      stopDate: new Date(this.clock.now()),
      history: this.history.events,
    };
  }

  /** Runs a Distributed Map's child workflow execution (same clock, languages, handlers and store; its own history). */
  private async runChild(request: ChildExecutionRequest): Promise<ExecutionOutcome> {
    const machine: MachineFacts = {
      ...this.machine,
      definition: request.definition,
      name: request.stateMachineName,
      arn: request.stateMachineArn,
      type: request.type,
      // The child keeps AWS's quota for its type; maxHistoryEvents is the parent's.
      maxHistoryEvents: undefined,
    };
    const options: ExecutionOptions = {
      input: request.input,
      name: request.name,
      taskHandlers: this.options.taskHandlers,
      startTime: new Date(this.clock.now()),
      onChildExecution: this.options.onChildExecution,
      onMapRun: this.options.onMapRun,
    };
    const link: ChildLink = {
      clock: this.clock,
      tokens: this.tokens,
      executionArn: request.executionArn,
      signal: request.signal,
      maxDurationMs: request.type === 'EXPRESS' ? EXPRESS_MAX_DURATION_MS : undefined,
    };
    const outcome = await new RunningExecution(machine, options, link).done;
    const observer = this.options.onChildExecution;
    if (observer) {
      try {
        observer({ ...outcome, mapRunArn: request.mapRunArn, index: request.index, itemCount: request.itemCount, type: request.type } satisfies ChildExecutionOutcome);
      } catch {
        // An observer's exception does not change the execution.
      }
    }
    return outcome;
  }

  /** The outcome when the engine itself broke (so that `done` never rejects). */
  private engineFailure(input: unknown, error: unknown): ExecutionOutcome {
    this.ended = true;
    this.link?.signal.removeEventListener('abort', this.stopByParent);
    this.control.abort(ENDED);
    const cause = `The engine failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`;
    const now = new Date(this.clock.now());
    return {
      executionArn: this.executionArn,
      stateMachineArn: this.machine.arn,
      name: this.name,
      status: 'FAILED',
      input,
      error: STATES_ERRORS.Runtime,
      cause,
      startDate: now,
      stopDate: now,
      history: this.history.events,
    };
  }

  /** Waits for the states to end, the machine's TimeoutSeconds to pass, or a stop. */
  private async settle(work: Promise<unknown>): Promise<{ status: ExecutionStatus; output?: unknown; error?: string; cause?: string }> {
    const seconds = this.machine.definition.TimeoutSeconds;
    // Assumed: a redrive gets the whole TimeoutSeconds again; a resumed execution only what its first start left.
    const resumed = this.resume && this.options.redriveFrom?.redriveCount === undefined;
    const spentMs = resumed ? Math.max(0, this.clock.now() - this.resume!.startTime) : 0;
    const timer = seconds === undefined ? undefined : new AbortController();
    const timedOut = Symbol('timed out');
    const guards: Promise<unknown>[] = [work];
    if (timer) {
      guards.push(this.clock.sleep(Math.max(0, seconds! * 1000 - spentMs), AbortSignal.any([timer.signal, this.control.signal])).then(() => timedOut, () => new Promise<never>(() => undefined)));
    }
    try {
      const first = await Promise.race(guards);
      if (first === timedOut) {
        this.control.abort(new Interrupted('the execution timed out'));
        await work.catch(() => undefined);
        return { status: 'TIMED_OUT', error: STATES_ERRORS.Timeout };
      }
      return { status: 'SUCCEEDED', output: first };
    } catch (error) {
      if (this.stopRequest) return { status: 'ABORTED', ...this.stopRequest };
      if (error instanceof StatesError) return { status: 'FAILED', error: error.error, cause: error.cause };
      const message = error instanceof Error ? error.message : String(error);
      return { status: 'FAILED', error: STATES_ERRORS.Runtime, cause: `The engine failed unexpectedly: ${message}` };
    } finally {
      timer?.abort();
    }
  }
}
