/**
 * One run of a Map state in DISTRIBUTED mode (Developer Guide, "Using Map state in Distributed mode"), without the
 * state loop: the core evaluates the Map's fields (Parameters/Arguments of ItemReader and ResultWriter, the `…Path`
 * fields, ItemsPath/Items, ItemSelector) and runs each child workflow through `runChild`; this ties the Map Run
 * together — reader → ItemSelector → batcher → children (at most MaxConcurrency at once) → tolerated failures →
 * result writer — and returns the Map state's result or throws a StatesError.
 *
 * Events, in the order AWS records them after MapStateStarted: MapRunStarted, then MapRunSucceeded or MapRunFailed
 * (an ItemReader failure comes after MapRunStarted, as recorded AWS runs show).
 */
import { StatesError, STATES_ERRORS } from '../errors';
import { batchItems, type ItemBatcherConfig } from './item-batcher';
import { type ItemReaderSpec, readItems } from './item-reader';
import {
  checkToleratedFailureCount,
  checkToleratedFailurePercentage,
  type ChildExecutionType,
  type ChildStatus,
  copyDescription,
  countEnded,
  emptyCounts,
  exceedsTolerance,
  type MapRunDescription,
  MapRunIdentity,
  type MapRunView,
  type RunningChild,
  TOLERANCE_EXCEEDED_CAUSE,
} from './map-run';
import type { ObjectStore } from './object-store';
import { type ChildRecord, exportsToS3, resultWithoutExport, type ResultWriterSpec, writeResults } from './result-writer';

/** A Distributed Map's concurrency when MaxConcurrency is 0 or absent ("Step Functions runs 10,000 parallel child workflow executions"). */
export const DEFAULT_DISTRIBUTED_CONCURRENCY = 10_000;

/** How one child workflow execution ended. */
export interface ChildOutcome {
  readonly status: ChildStatus;
  /** SUCCEEDED: the child's output. */
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
}

/** Who a child execution is, for the core to start it under (its `$$.Execution` and history). */
export interface ChildContext {
  readonly index: number;
  /** The items it processes: 1, or its batch's size with ItemBatcher. */
  readonly itemCount: number;
  readonly name: string;
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly mapRunArn: string;
  readonly executionType: ChildExecutionType;
  /** Aborted when the Map Run fails (tolerated failures exceeded) or the parent stops: end the child ABORTED. */
  readonly signal: AbortSignal;
}

/**
 * Runs one child workflow on `input` (an item after ItemSelector, or a batch `{BatchInput?, Items}`). Resolve with
 * its outcome; a rejection with a StatesError counts as a FAILED child with that error and cause.
 */
export type ChildRunner = (input: unknown, index: number, child: ChildContext) => Promise<ChildOutcome>;

/** The Map state's distributed fields, evaluated by the core. */
export interface DistributedMapSpec {
  readonly stateName: string;
  readonly label?: string;
  /** `ItemProcessor.ProcessorConfig.ExecutionType`. @default 'STANDARD' */
  readonly executionType?: ChildExecutionType;
  /** ItemReader with Parameters/Arguments rendered and ReaderConfig.MaxItems resolved. */
  readonly itemReader?: ItemReaderSpec;
  /** ItemBatcher with its limits resolved and BatchInput rendered. */
  readonly itemBatcher?: ItemBatcherConfig;
  /** ResultWriter with Parameters/Arguments rendered. */
  readonly resultWriter?: ResultWriterSpec;
  /** MaxConcurrency (or its Path's value); 0 or absent: 10,000. */
  readonly maxConcurrency?: number;
  readonly toleratedFailureCount?: number;
  readonly toleratedFailurePercentage?: number;
}

export type MapRunEvent =
  | { type: 'MapRunStarted'; mapRunStartedEventDetails: { mapRunArn: string } }
  | { type: 'MapRunSucceeded' }
  | { type: 'MapRunFailed'; mapRunFailedEventDetails: { error: string; cause: string } };

/** The Map Run about to start its first child execution (what the parent's role must be allowed to do). */
export interface ChildrenStart {
  readonly stateName: string;
  /** The parent's state machine and execution ARNs. */
  readonly stateMachineArn: string;
  readonly executionArn: string;
  readonly mapRunArn: string;
}

export interface DistributedMapDeps {
  readonly runChild: ChildRunner;
  /**
   * Called once, before the first child execution starts (not for a run with no items); a rejection with a
   * StatesError fails the Map Run with it. Where the parent's role is authorized to start its own executions.
   */
  readonly beforeChildren?: (start: ChildrenStart) => Promise<void>;
  /** S3, needed by an ItemReader or an exporting ResultWriter. */
  readonly store?: ObjectStore;
  /** The parent's state machine and execution ARNs (they name the Map Run and the children). */
  readonly stateMachineArn: string;
  readonly executionArn: string;
  /** Tells apart two runs of this state in one execution (e.g. the MapStateEntered event id). */
  readonly seed?: string | number;
  /** The execution's clock (virtual time). @default () => new Date() */
  readonly clock?: () => Date;
  /** Without ItemReader: nothing (the effective input is the items). With one: ItemsPath applied to what it read. */
  readonly afterRead?: (items: unknown[]) => unknown | Promise<unknown>;
  /** ItemSelector for the item at `index` (`$$.Map.Item`), before batching. @default the item */
  readonly selectItem?: (item: unknown, index: number) => unknown | Promise<unknown>;
  /** Told MapRunStarted / MapRunSucceeded / MapRunFailed, with DescribeMapRun's view of the run. */
  readonly onEvent?: (event: MapRunEvent, run: MapRunDescription) => void;
  /** Told when the run starts and when it ends, with a view that describes it as of when it is asked. */
  readonly onRun?: (view: MapRunView, phase: 'started' | 'ended') => void;
  /** The parent stopped: no new children; running ones are told through their signal. */
  readonly signal?: AbortSignal;
}

export async function runDistributedMap(spec: DistributedMapSpec, effectiveInput: unknown, deps: DistributedMapDeps): Promise<unknown> {
  const clock = deps.clock ?? (() => new Date());
  const tolerated = {
    count: spec.toleratedFailureCount === undefined ? undefined : checkToleratedFailureCount(spec.toleratedFailureCount),
    percentage: spec.toleratedFailurePercentage === undefined ? undefined : checkToleratedFailurePercentage(spec.toleratedFailurePercentage),
  };
  const identity = new MapRunIdentity({ ...spec, stateMachineArn: deps.stateMachineArn, executionArn: deps.executionArn, seed: deps.seed });
  const run: MapRunDescription = {
    executionArn: deps.executionArn,
    executionCounts: emptyCounts(),
    itemCounts: emptyCounts(),
    mapRunArn: identity.mapRunArn,
    maxConcurrency: spec.maxConcurrency ?? 0,
    redriveCount: 0,
    startDate: clock(),
    status: 'RUNNING',
    toleratedFailureCount: tolerated.count ?? 0,
    toleratedFailurePercentage: tolerated.percentage ?? 0,
  };
  const tell = (event: MapRunEvent) => {
    try {
      deps.onEvent?.(event, run);
    } catch {
      // An observer's exception does not change the run.
    }
  };
  const active = new Map<number, RunningChild>();
  const view: MapRunView = {
    mapRunArn: identity.mapRunArn,
    executionArn: deps.executionArn,
    stateMachineArn: identity.childStateMachineArn,
    stateName: spec.stateName,
    describe: () => copyDescription(run),
    runningChildren: () => [...active.values()],
  };
  const observe = (phase: 'started' | 'ended') => {
    try {
      deps.onRun?.(view, phase);
    } catch {
      // An observer's exception does not change the run.
    }
  };
  const failRun = (err: StatesError): never => {
    // A run the parent's stop ended is ABORTED (DescribeMapRun's MapRunStatus), one that failed by itself FAILED.
    run.status = deps.signal?.aborted ? 'ABORTED' : 'FAILED';
    run.stopDate = clock();
    tell({ type: 'MapRunFailed', mapRunFailedEventDetails: { error: err.error, cause: err.cause } });
    observe('ended');
    throw err;
  };
  tell({ type: 'MapRunStarted', mapRunStartedEventDetails: { mapRunArn: identity.mapRunArn } });
  observe('started');

  let children: ChildRecord[];
  let exceeded = false;
  try {
    const items = await itemsOf(spec, effectiveInput, deps);
    const selected: unknown[] = [];
    for (let i = 0; i < items.length; i++) selected.push(deps.selectItem ? await deps.selectItem(items[i], i) : items[i]);
    const units = spec.itemBatcher ? batchItems(selected, spec.itemBatcher) : selected.map((input, i) => ({ input, first: i, count: 1 }));
    run.itemCounts.total = run.itemCounts.pending = selected.length;
    run.executionCounts.total = run.executionCounts.pending = units.length;
    ({ children, exceeded } = await runChildren(units, selected.length, spec, deps, identity, run, tolerated, clock, active));
  } catch (err) {
    return failRun(asStatesError(err));
  }

  let result: unknown;
  try {
    if (exportsToS3(spec.resultWriter)) {
      if (!deps.store) throw new StatesError(STATES_ERRORS.ResultWriterFailed, 'This Map state writes its results to S3, but the engine was given no object store.');
      result = await writeResults(deps.store, spec.resultWriter!, identity, children);
      const written = children.filter((c) => c.status !== 'PENDING');
      run.executionCounts.resultsWritten = written.length;
      run.itemCounts.resultsWritten = spec.itemBatcher ? written.reduce((n, c) => n + ((c.input as { Items: unknown[] }).Items?.length ?? 1), 0) : written.length;
    } else if (!exceeded) {
      result = resultWithoutExport(children, spec.resultWriter, identity);
    }
  } catch (err) {
    return failRun(asStatesError(err));
  }
  if (exceeded) return failRun(new StatesError(STATES_ERRORS.ExceedToleratedFailureThreshold, TOLERANCE_EXCEEDED_CAUSE));
  run.status = 'SUCCEEDED';
  run.stopDate = clock();
  tell({ type: 'MapRunSucceeded' });
  observe('ended');
  return result;
}

async function itemsOf(spec: DistributedMapSpec, effectiveInput: unknown, deps: DistributedMapDeps): Promise<unknown[]> {
  let items: unknown = effectiveInput;
  if (spec.itemReader) {
    if (!deps.store) throw new StatesError(STATES_ERRORS.ItemReaderFailed, 'This Map state reads its items from S3, but the engine was given no object store.');
    const read = await readItems(spec.itemReader, deps.store);
    items = deps.afterRead ? await deps.afterRead(read) : read;
  }
  if (!Array.isArray(items)) {
    throw new StatesError(STATES_ERRORS.Runtime, `Map state input must be an array but was: ${JSON.stringify(items) ?? 'null'}`);
  }
  return items;
}

interface Unit {
  readonly input: unknown;
  readonly first: number;
  readonly count: number;
}

async function runChildren(
  units: readonly Unit[],
  totalItems: number,
  spec: DistributedMapSpec,
  deps: DistributedMapDeps,
  identity: MapRunIdentity,
  run: MapRunDescription,
  tolerated: { count?: number; percentage?: number },
  clock: () => Date,
  active: Map<number, RunningChild>,
): Promise<{ children: ChildRecord[]; exceeded: boolean }> {
  if (units.length > 0 && deps.beforeChildren) {
    await deps.beforeChildren({ stateName: spec.stateName, stateMachineArn: deps.stateMachineArn, executionArn: deps.executionArn, mapRunArn: identity.mapRunArn });
  }
  const records: ChildRecord[] = new Array(units.length);
  // Each running child has a signal of its own (one listener each): thousands of listeners on one shared signal
  // make every addEventListener slower (Node walks them), so the run aborts its running children one by one.
  const abort = new AbortController();
  const running = new Set<AbortController>();
  abort.signal.addEventListener('abort', () => {
    for (const child of running) child.abort(abort.signal.reason);
  }, { once: true });
  const parentAbort = () => abort.abort(deps.signal?.reason);
  deps.signal?.addEventListener('abort', parentAbort, { once: true });
  let failedItems = 0;
  let exceeded = false;
  let next = 0;
  const runOne = async (index: number) => {
    const unit = units[index];
    const name = identity.childName(index);
    const executionArn = identity.childExecutionArn(name);
    run.executionCounts.pending--;
    run.executionCounts.running++;
    run.itemCounts.pending -= unit.count;
    run.itemCounts.running += unit.count;
    const startDate = clock();
    const own = new AbortController();
    running.add(own);
    const context: ChildContext = { index, itemCount: unit.count, name, executionArn, stateMachineArn: identity.childStateMachineArn, mapRunArn: identity.mapRunArn, executionType: identity.executionType, signal: own.signal };
    active.set(index, { index, name, executionArn, stateMachineArn: identity.childStateMachineArn, mapRunArn: identity.mapRunArn, input: unit.input, itemCount: unit.count, startDate });
    let outcome: ChildOutcome;
    try {
      outcome = await deps.runChild(unit.input, index, context);
    } catch (err) {
      const e = childError(err);
      outcome = { status: 'FAILED', error: e.error, cause: e.cause };
    } finally {
      running.delete(own);
      active.delete(index);
    }
    records[index] = { index, input: unit.input, status: outcome.status, name, executionArn, output: outcome.output ?? null, error: outcome.error, cause: outcome.cause, startDate, stopDate: clock() };
    countEnded(run.executionCounts, outcome.status, 1);
    countEnded(run.itemCounts, outcome.status, unit.count);
    // Children the parent's stop aborted are not the Map Run's failures.
    if (outcome.status !== 'SUCCEEDED' && !deps.signal?.aborted) {
      failedItems += unit.count;
      if (!exceeded && exceedsTolerance(failedItems, totalItems, tolerated)) {
        exceeded = true;
        abort.abort(new StatesError(STATES_ERRORS.ExceedToleratedFailureThreshold, TOLERANCE_EXCEEDED_CAUSE));
      }
    }
  };
  const limit = spec.maxConcurrency && spec.maxConcurrency > 0 ? spec.maxConcurrency : DEFAULT_DISTRIBUTED_CONCURRENCY;
  const worker = async () => {
    while (next < units.length && !abort.signal.aborted) await runOne(next++);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(limit, units.length) }, worker));
  } finally {
    deps.signal?.removeEventListener('abort', parentAbort);
  }
  // Items never started stay PENDING (they appear in PENDING_<n>.json).
  for (let i = 0; i < units.length; i++) {
    if (!records[i]) records[i] = { index: i, input: units[i].input, status: 'PENDING' };
  }
  if (deps.signal?.aborted) throw asStatesError(deps.signal.reason);
  return { children: records, exceeded };
}

/** A failure of the run itself: a StatesError as it is, anything else `States.Runtime` (never a JavaScript name). */
function asStatesError(err: unknown): StatesError {
  if (err instanceof StatesError) return err;
  return new StatesError(STATES_ERRORS.Runtime, err instanceof Error ? err.message : String(err));
}

/** A child's rejection: a StatesError as it is, another Error by its name and message (as a Task handler's, types.ts). */
function childError(err: unknown): StatesError {
  if (err instanceof StatesError) return err;
  if (err instanceof Error) return new StatesError(err.name, err.message);
  return new StatesError(STATES_ERRORS.Runtime, String(err));
}
