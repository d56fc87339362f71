/**
 * The engine's public types: what a caller (the local runner, or a user's own test) gives an execution and what it
 * gets back. The shapes follow the Step Functions API where it has one (DescribeExecution's status, error and cause;
 * GetExecutionHistory's events), so that what a local run answers reads like what AWS answers.
 */

import type { MapRunView } from './distributed-map/map-run';

export type QueryLanguageName = 'JSONPath' | 'JSONata';

export type ExecutionType = 'STANDARD' | 'EXPRESS';

/** DescribeExecution's `status`, once the execution has ended. */
export type ExecutionStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** How a Task's Resource asks to be run (Developer Guide, "Discover service integration patterns"). */
export type IntegrationPattern = 'request-response' | 'sync' | 'sync:2' | 'waitForTaskToken';

/**
 * One event of GetExecutionHistory: `id`, `previousEventId`, `timestamp`, `type` (`ExecutionStarted`,
 * `TaskStateEntered`, `TaskScheduled`, `MapIterationStarted`, …) and the one `<type>EventDetails` member that type
 * carries (`executionStartedEventDetails`, `stateEnteredEventDetails`, `taskFailedEventDetails`, …).
 */
export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: Date;
  readonly type: string;
  readonly [details: `${string}EventDetails`]: Record<string, unknown> | undefined;
}

/** What a Task handler is asked to do: one attempt of one Task state. */
export interface TaskRequest {
  readonly stateName: string;
  /** The Resource, as written or (JSONata) as evaluated, without the integration-pattern suffix removed. */
  readonly resource: string;
  readonly pattern: IntegrationPattern;
  /** The effective parameters: `Parameters` (JSONPath) or `Arguments` (JSONata) rendered, or the effective input. */
  readonly input: unknown;
  /** The context object (`$$` / `$states.context`) as the state sees it, `Task.Token` included when there is one. */
  readonly context: Readonly<Record<string, unknown>>;
  /** 0 on the first attempt, then 1, 2, … (`$$.State.RetryCount`). */
  readonly retryCount: number;
  /** Aborted when the attempt no longer matters: its timeout, the execution stopped, a sibling branch failed. */
  readonly signal: AbortSignal;
}

/**
 * Runs one attempt of a Task. Resolve with the service's answer (the state's result); reject with a StatesError
 * (`./errors`) to fail the attempt with that error name and cause. Any other Error fails it with the Error's `name`
 * and `message`, as a Lambda function's error would.
 */
export type TaskHandler = (request: TaskRequest) => Promise<unknown>;

/** The options of one execution. */
export interface ExecutionOptions {
  /** The execution's input. @default {} */
  readonly input?: unknown;
  /** The execution name (`$$.Execution.Name`). @default a UUID */
  readonly name?: string;
  /** Task handlers by state name, or by Resource (a state name wins). A Task with none fails before it runs. */
  readonly taskHandlers?: Readonly<Record<string, TaskHandler>>;
  /** `virtual`: waits, retry intervals and backoff cost no wall time but count on the execution's clock. @default 'virtual' */
  readonly clock?: 'virtual' | 'real';
  /** When the execution starts on its clock. @default now */
  readonly startTime?: Date;
  /** Told every history event as it is recorded. An observer's exception does not change the execution. */
  readonly onEvent?: (event: HistoryEvent) => void;
  /** `$$.Execution.RedriveCount`. @default 0 (with `redriveFrom`: see there) */
  readonly redriveCount?: number;
  /**
   * Continue an earlier execution of this state machine from its history instead of starting anew (RedriveExecution,
   * or a restart after the process running it ended). `name` must be the earlier execution's; its input and start
   * time come from the history (`input` and `startTime` are not used). See RedriveFrom.
   */
  readonly redriveFrom?: RedriveFrom;
  /**
   * Told when a Distributed Map's child workflow execution ends, with its own outcome and history (children of
   * children too). An observer's exception does not change the execution.
   */
  readonly onChildExecution?: (child: ChildExecutionOutcome) => void;
  /**
   * Told when a Distributed Map's Map Run starts and when it ends (Map Runs of child executions too), with a view
   * whose `describe()` answers DescribeMapRun as of that moment. An observer's exception does not change the execution.
   */
  readonly onMapRun?: (run: MapRunView, phase: 'started' | 'ended') => void;
}

/**
 * What an execution continues from (Developer Guide, "Redriving executions"). It runs again from the unsuccessful
 * top-level state (entered, never exited) with that state's recorded input and the variables the top-level states
 * before it assigned; the states that exited are not run again; an inline Map or a Parallel runs only its iterations
 * or branches that did not succeed, a Distributed Map runs again as a whole; Retry counters start again. The execution keeps its ARN, name, input and `$$.Execution.StartTime`;
 * its history goes on with the next event ids, and `done`'s outcome holds the whole history.
 */
export interface RedriveFrom {
  /** The earlier execution's history, all of it, as the engine recorded it (GetExecutionHistory's events, in order). */
  readonly history: readonly HistoryEvent[];
  /**
   * A redrive: the `redriveCount` of the ExecutionRedriven event recorded first, and `$$.Execution.RedriveCount`
   * (1 for the first redrive). Absent: the execution resumes with no ExecutionRedriven event (a restart after a
   * crash), `$$.Execution.RedriveCount` being the number of ExecutionRedriven events already in the history.
   */
  readonly redriveCount?: number;
}

/** A Distributed Map's child workflow execution, ended (DescribeExecution of the child, and its history). */
export interface ChildExecutionOutcome extends ExecutionOutcome {
  /** The Map Run that started it (DescribeExecution's `mapRunArn`). */
  readonly mapRunArn: string;
  /** Which item (or batch) it processed, from 0 in reading order. */
  readonly index: number;
  /** The items it processed: 1, or its batch's size with ItemBatcher (ListExecutions' `itemCount`). */
  readonly itemCount: number;
  readonly type: ExecutionType;
}

/** The options of a state machine (what CreateStateMachine fixes). */
export interface StateMachineOptions {
  /** @default 'StateMachine' */
  readonly name?: string;
  /** @default arn:aws:states:us-east-1:123456789012:stateMachine:<name> */
  readonly arn?: string;
  /** `$$.Execution.RoleArn`. @default arn:aws:iam::<account of arn>:role/<name>-role */
  readonly roleArn?: string;
  /** @default 'STANDARD' */
  readonly type?: ExecutionType;
}

/** An ended execution, as DescribeExecution and GetExecutionHistory tell it. */
export interface ExecutionOutcome {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly input: unknown;
  /** The output (SUCCEEDED only), as a JSON value. */
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly startDate: Date;
  readonly stopDate: Date;
  readonly history: readonly HistoryEvent[];
}

/** A running execution. */
export interface Execution {
  readonly executionArn: string;
  readonly name: string;
  /** Settles when the execution ends; never rejects (a failure is an outcome). */
  readonly done: Promise<ExecutionOutcome>;
  /** StopExecution: ends the execution ABORTED with this error and cause. */
  stop(error?: string, cause?: string): void;
  /** SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat for a `.waitForTaskToken` Task. */
  sendTaskSuccess(taskToken: string, output: unknown): void;
  sendTaskFailure(taskToken: string, error?: string, cause?: string): void;
  sendTaskHeartbeat(taskToken: string): void;
}
