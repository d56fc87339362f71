/**
 * The Map Run of a Distributed Map (Developer Guide, "Examining Map Runs"; API: DescribeMapRun): its identity (the
 * Map Run ARN, the child executions' ARNs and names), the tolerated-failure arithmetic, the counters DescribeMapRun
 * reports, and the run-time checks of the Map's numeric fields as recorded AWS executions word them.
 */
import { createHash } from 'node:crypto';
import { StatesError, STATES_ERRORS } from '../errors';

export type ChildExecutionType = 'STANDARD' | 'EXPRESS';
export type ChildStatus = 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** A UUID of version 3 (name-based, MD5), the kind AWS's Map Run ids are (e.g. `…-090b-3ac6-…` in the docs). */
export function uuidV3(name: string): string {
  const bytes = createHash('md5').update(name).digest();
  bytes[6] = (bytes[6] & 0x0f) | 0x30;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface MapRunIdentityOptions {
  /** The parent's state machine ARN (`arn:aws:states:<region>:<account>:stateMachine:<name>`). */
  readonly stateMachineArn: string;
  /** The parent execution's ARN. */
  readonly executionArn: string;
  readonly stateName: string;
  /** The Map state's `Label`. */
  readonly label?: string;
  /** `ItemProcessor.ProcessorConfig.ExecutionType`. @default 'STANDARD' */
  readonly executionType?: ChildExecutionType;
  /** Tells apart two runs of the same Map state in one execution (e.g. the id of its MapStateEntered event). */
  readonly seed?: string | number;
}

/**
 * The names a Map Run and its children carry:
 * - Map Run ARN `arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<map run id>` (ResultWriter example in
 *   the Developer Guide; recorded AWS runs give `…:mapRun:<machine>/TestMap:<uuid>` for `"Label": "TestMap"`);
 * - the children's state machine ARN `…:stateMachine:<machine>/<label>` (ListMapRuns, recorded);
 * - a STANDARD child `…:execution:<machine>/<label>:<name>`, an EXPRESS child `…:express:<machine>/<label>:<name>:<id>`
 *   (the form of an EXPRESS execution ARN); the name is a UUID.
 * Without a Label AWS "automatically generates a unique label" (Distributed Map state fields); its form is not
 * documented: we use a UUID. Ids are name-based UUIDs derived from the parent execution, the state and the seed, so a
 * run is reproducible.
 */
export class MapRunIdentity {
  readonly mapRunId: string;
  readonly label: string;
  readonly mapRunArn: string;
  readonly childStateMachineArn: string;
  readonly executionType: ChildExecutionType;
  private readonly arnHead: string;
  private readonly machineName: string;

  constructor(options: MapRunIdentityOptions) {
    const match = /^(arn:[^:]+:states:[^:]*:[^:]*):stateMachine:([^:]+)/.exec(options.stateMachineArn);
    if (!match) throw new Error(`Not a state machine ARN: '${options.stateMachineArn}'.`);
    [, this.arnHead, this.machineName] = match;
    const seed = `${options.executionArn}|${options.stateName}|${options.seed ?? ''}`;
    this.mapRunId = uuidV3(`mapRun|${seed}`);
    this.label = options.label ?? uuidV3(`label|${seed}`);
    this.executionType = options.executionType ?? 'STANDARD';
    this.mapRunArn = `${this.arnHead}:mapRun:${this.machineName}/${this.label}:${this.mapRunId}`;
    this.childStateMachineArn = `${this.arnHead}:stateMachine:${this.machineName}/${this.label}`;
  }

  /** The name of the child execution that processes item (or batch) `index`. */
  childName(index: number): string {
    return uuidV3(`child|${this.mapRunId}|${index}`);
  }

  childExecutionArn(name: string): string {
    return this.executionType === 'EXPRESS'
      ? `${this.arnHead}:express:${this.machineName}/${this.label}:${name}:${uuidV3(`express|${name}`)}`
      : `${this.arnHead}:execution:${this.machineName}/${this.label}:${name}`;
  }
}

/** Characters a Label may not hold: those AWS refuses in names (whitespace, brackets, wildcards, specials, controls). */
const LABEL_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/** A problem with a Label (for definition checks), or undefined. AWS: at most 40 characters, not empty. */
export function labelProblem(label: string): string | undefined {
  if (label.length === 0) return 'Label must not be empty.';
  if (label.length > 40) return `Label is ${label.length} characters long; the limit is 40.`;
  const bad = LABEL_FORBIDDEN.exec(label);
  return bad ? `Label contains invalid character: '${bad[0]}'.` : undefined;
}

/** A value as AWS quotes it in "refers to value …": a string as it is, anything else as JSON. */
const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/**
 * The value a `…Path` field selected, as an integer: `MaxItemsPath`, `MaxConcurrencyPath`,
 * `ToleratedFailureCountPath`, `MaxItemsPerBatchPath`, `MaxInputBytesPerBatchPath`. Recorded AWS:
 * `The MaxItemsPath field refers to value "1.5" which is not a valid integer: $.MaxItems` (States.Runtime). The core
 * prefixes "An error occurred while executing the state '…' (entered at the event id #…). ".
 */
export function integerFromPath(field: string, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new StatesError(STATES_ERRORS.Runtime, `The ${field} field refers to value "${shown(value)}" which is not a valid integer: ${path}`);
  }
  return value;
}

/** `ToleratedFailurePercentagePath`'s value: `… which is not a valid float: $.x` (recorded AWS). */
export function floatFromPath(field: string, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new StatesError(STATES_ERRORS.Runtime, `The ${field} field refers to value "${shown(value)}" which is not a valid float: ${path}`);
  }
  return value;
}

/** Checks a tolerated failure count (from the field or its Path). Recorded AWS: `ToleratedFailureCount cannot be negative.` */
export function checkToleratedFailureCount(count: number): number {
  if (count < 0) throw new StatesError(STATES_ERRORS.Runtime, 'ToleratedFailureCount cannot be negative.');
  return count;
}

/** Recorded AWS: `ToleratedFailurePercentage must be between 0 and 100.` (for -1, -1.1 and 100.1). */
export function checkToleratedFailurePercentage(percentage: number): number {
  if (percentage < 0 || percentage > 100) throw new StatesError(STATES_ERRORS.Runtime, 'ToleratedFailurePercentage must be between 0 and 100.');
  return percentage;
}

export interface ToleratedFailure {
  readonly count?: number;
  readonly percentage?: number;
}

/**
 * True when the failed items pass the tolerated threshold (Distributed Map state, "Setting failure thresholds"):
 * with neither field no failure is tolerated; with one, that one decides; with both, passing either fails the Map
 * Run. The percentage is of all the Map Run's items. With ItemBatcher every item of a failed batch counts as failed.
 */
export function exceedsTolerance(failedItems: number, totalItems: number, tolerated: ToleratedFailure): boolean {
  if (failedItems === 0) return false;
  const { count, percentage } = tolerated;
  if (count === undefined && percentage === undefined) return true;
  if (count !== undefined && failedItems > count) return true;
  return percentage !== undefined && totalItems > 0 && (failedItems * 100) / totalItems > percentage;
}

/** The cause AWS gives `States.ExceedToleratedFailureThreshold`. */
export const TOLERANCE_EXCEEDED_CAUSE = 'The specified tolerated failure threshold was exceeded';

/** DescribeMapRun's `executionCounts` / `itemCounts`. */
export interface MapRunCounts {
  aborted: number;
  failed: number;
  failuresNotRedrivable: number;
  pending: number;
  pendingRedrive: number;
  resultsWritten: number;
  running: number;
  succeeded: number;
  timedOut: number;
  total: number;
}

export const emptyCounts = (): MapRunCounts => ({
  aborted: 0,
  failed: 0,
  failuresNotRedrivable: 0,
  pending: 0,
  pendingRedrive: 0,
  resultsWritten: 0,
  running: 0,
  succeeded: 0,
  timedOut: 0,
  total: 0,
});

/** Moves `n` from pending/running into the counter of a child's final status. */
export function countEnded(counts: MapRunCounts, status: ChildStatus, n: number): void {
  counts.running -= n;
  if (status === 'SUCCEEDED') counts.succeeded += n;
  else if (status === 'FAILED') counts.failed += n;
  else if (status === 'TIMED_OUT') counts.timedOut += n;
  else counts.aborted += n;
}

export type MapRunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';

/** What DescribeMapRun answers for a Map Run. */
export interface MapRunDescription {
  executionArn: string;
  executionCounts: MapRunCounts;
  itemCounts: MapRunCounts;
  mapRunArn: string;
  maxConcurrency: number;
  redriveCount: number;
  startDate: Date;
  status: MapRunStatus;
  stopDate?: Date;
  toleratedFailureCount: number;
  toleratedFailurePercentage: number;
}

/**
 * A Map Run as an observer sees it (ExecutionOptions.onMapRun): who it is, and DescribeMapRun's answer as of the
 * moment `describe()` is called (a copy; the counters move while the run goes on).
 */
export interface MapRunView {
  readonly mapRunArn: string;
  /** The execution whose Map state started the run. */
  readonly executionArn: string;
  /** The children's state machine, `…:stateMachine:<machine>/<label>` (ListMapRuns' `stateMachineArn`). */
  readonly stateMachineArn: string;
  readonly stateName: string;
  describe(): MapRunDescription;
  /** The child executions started and not yet ended, in the order they started. */
  runningChildren(): RunningChild[];
}

/** A child execution still running (DescribeExecution / ListExecutions of a RUNNING child). */
export interface RunningChild {
  readonly index: number;
  readonly name: string;
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly mapRunArn: string;
  readonly input: unknown;
  readonly itemCount: number;
  readonly startDate: Date;
}

/** A copy of a run's description that later counter changes do not reach. */
export function copyDescription(run: MapRunDescription): MapRunDescription {
  return { ...run, executionCounts: { ...run.executionCounts }, itemCounts: { ...run.itemCounts } };
}
