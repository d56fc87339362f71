import type { HistoryEvent, MapRunDescription } from '../engine';

/** The shapes the local Step Functions API answers with, and what it needs from whoever runs the executions. */

export interface StartExecutionRequest {
  readonly stateMachineArn: string;
  readonly name?: string;
  readonly input?: string;
}

export interface DescribedExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: string;
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
  /** Standard executions: times redriven (0: never), when last, and whether RedriveExecution would take it now. */
  readonly redriveCount?: number;
  readonly redriveDate?: Date;
  readonly redriveStatus?: 'REDRIVABLE' | 'NOT_REDRIVABLE' | 'REDRIVABLE_BY_MAP_RUN';
  readonly redriveStatusReason?: string;
  /** A Distributed Map's child execution: the Map Run that started it. */
  readonly mapRunArn?: string;
  /** A child execution's item count (ListExecutions with `mapRunArn` only; DescribeExecution has none). */
  readonly itemCount?: number;
}

/** DescribeMapRun's answer (API Reference, DescribeMapRun). */
export type DescribedMapRun = MapRunDescription;

/** One Map Run of ListMapRuns (API Reference, MapRunListItem); `stateMachineArn` is the children's state machine. */
export interface MapRunListItem {
  readonly executionArn: string;
  readonly mapRunArn: string;
  readonly stateMachineArn: string;
  readonly startDate: Date;
  readonly stopDate?: Date;
}

export interface DescribedStateMachine {
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: 'ACTIVE';
  /** The Amazon States Language definition, as JSON text. */
  readonly definition: string;
  readonly roleArn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly creationDate: Date;
  readonly loggingConfiguration: {
    readonly level: 'ALL' | 'ERROR' | 'FATAL' | 'OFF';
    readonly includeExecutionData: boolean;
    readonly destinations?: readonly { cloudWatchLogsLogGroup: { logGroupArn: string } }[];
  };
  readonly tracingConfiguration: { readonly enabled: boolean };
}

/** StartSyncExecution's answer: the ended execution and what AWS bills for it. */
export interface SyncExecution extends DescribedExecution {
  readonly stopDate: Date;
  readonly billingDetails: { readonly billedDurationInMilliseconds: number; readonly billedMemoryUsedInMB: number };
}

/** What the API needs from whoever runs the executions. Each method throws SfnApiError for the API's errors. */
export interface ExecutionService {
  /** `stateMachineArn` may end in `#<TestCase>` (mocked responses, as Step Functions Local takes it). */
  start(request: StartExecutionRequest): { executionArn: string; startDate: Date };
  /** Runs an Express execution to its end (StateMachineTypeNotSupported for a Standard state machine). */
  startSync(request: StartExecutionRequest): Promise<SyncExecution>;
  describe(executionArn: string): DescribedExecution;
  /** A Standard state machine's executions, newest first (StateMachineTypeNotSupported for an Express one). */
  listExecutions(stateMachineArn: string): readonly DescribedExecution[];
  /** A Map Run's child executions, newest first (InvalidArn, ResourceNotFound). */
  listMapRunExecutions(mapRunArn: string): readonly DescribedExecution[];
  /** DescribeMapRun (InvalidArn, ResourceNotFound). */
  describeMapRun(mapRunArn: string): DescribedMapRun;
  /** ListMapRuns: an execution's Map Runs, newest first (InvalidArn, ExecutionDoesNotExist). */
  listMapRuns(executionArn: string): readonly MapRunListItem[];
  describeStateMachine(stateMachineArn: string): DescribedStateMachine;
  /** The state machine an execution ran on (ExecutionDoesNotExist for an unknown execution). */
  describeStateMachineForExecution(executionArn: string): DescribedStateMachine;
  listStateMachines(): readonly DescribedStateMachine[];
  history(executionArn: string): readonly HistoryEvent[];
  stop(executionArn: string, error?: string, cause?: string): Date;
  /** RedriveExecution: the execution runs again from its unsuccessful state; answers the redrive date. */
  redrive(executionArn: string, clientToken?: string): Date;
  sendTaskSuccess(taskToken: string, output: string): void;
  sendTaskFailure(taskToken: string, error?: string, cause?: string): void;
  sendTaskHeartbeat(taskToken: string): void;
}
