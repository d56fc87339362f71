import type { ChildExecutionOutcome, HistoryEvent, MapRunDescription, MapRunView, RunningChild } from './engine';
import { SfnApiError, type DescribedExecution, type MapRunListItem } from './emulators/sfn-api';
import { assertMapRunArn } from './sfn-arns';

/**
 * The Map Runs of the executions a stack ran (DescribeMapRun, ListMapRuns) and their child workflow executions
 * (ListExecutions with `mapRunArn`, DescribeExecution and GetExecutionHistory of a child), as the engine tells them
 * (ExecutionOptions.onMapRun, onChildExecution). Kept in memory for the life of the process. A running child is
 * described RUNNING, without history (its events are told when it ends).
 */
export class MapRunBook {
  private readonly runs = new Map<string, MapRunView>();
  /** Runs started and not ended: where a running child is looked for. */
  private readonly active = new Set<MapRunView>();
  /** Parent execution ARN → its Map Runs, in the order they started. */
  private readonly runsOf = new Map<string, MapRunView[]>();
  private readonly children = new Map<string, ChildExecutionOutcome>();
  /** Map Run ARN → its ended children, in the order they ended. */
  private readonly childrenOf = new Map<string, ChildExecutionOutcome[]>();

  /** For ExecutionOptions.onMapRun. */
  readonly observeRun = (view: MapRunView, phase: 'started' | 'ended'): void => {
    if (phase === 'ended') {
      this.active.delete(view);
      return;
    }
    if (this.runs.has(view.mapRunArn)) return;
    this.active.add(view);
    this.runs.set(view.mapRunArn, view);
    const list = this.runsOf.get(view.executionArn) ?? [];
    list.push(view);
    this.runsOf.set(view.executionArn, list);
  };

  /** For ExecutionOptions.onChildExecution. */
  readonly observeChild = (child: ChildExecutionOutcome): void => {
    this.children.set(child.executionArn, child);
    const list = this.childrenOf.get(child.mapRunArn) ?? [];
    list.push(child);
    this.childrenOf.set(child.mapRunArn, list);
  };

  /** The execution left memory (see ExecutionRetention): its ended Map Runs and their children go with it. */
  forget(executionArn: string): void {
    const runs = this.runsOf.get(executionArn) ?? [];
    if (runs.some((view) => this.active.has(view))) return;
    this.runsOf.delete(executionArn);
    for (const view of runs) {
      this.runs.delete(view.mapRunArn);
      for (const child of this.childrenOf.get(view.mapRunArn) ?? []) {
        this.children.delete(child.executionArn);
        this.forget(child.executionArn);
      }
      this.childrenOf.delete(view.mapRunArn);
    }
  }

  /** DescribeMapRun: InvalidArn for what is no Map Run ARN, ResourceNotFound for one this process never ran. */
  describe(mapRunArn: string): MapRunDescription {
    return this.run(mapRunArn).describe();
  }

  /** ListMapRuns' items for an execution (the caller checks that the execution exists), newest first. */
  list(executionArn: string): MapRunListItem[] {
    return [...(this.runsOf.get(executionArn) ?? [])].reverse().map((view) => {
      const { startDate, stopDate } = view.describe();
      return { executionArn, mapRunArn: view.mapRunArn, stateMachineArn: view.stateMachineArn, startDate, ...(stopDate && { stopDate }) };
    });
  }

  /** ListExecutions with `mapRunArn`: the run's children, running and ended, newest first. */
  childExecutions(mapRunArn: string): DescribedExecution[] {
    const run = this.run(mapRunArn);
    const ended = this.childrenOf.get(mapRunArn) ?? [];
    const endedArns = new Set(ended.map((c) => c.executionArn));
    const running = run.runningChildren().filter((c) => !endedArns.has(c.executionArn));
    return [...ended, ...running].sort((a, b) => b.startDate.getTime() - a.startDate.getTime() || b.index - a.index).map(describeChild);
  }

  /** DescribeExecution of a child, or undefined for an execution that is none of the children this book knows. */
  child(executionArn: string): DescribedExecution | undefined {
    const child = this.children.get(executionArn) ?? this.runningChild(executionArn);
    return child && describeChild(child);
  }

  /** GetExecutionHistory of a child: its events once it has ended, none while it runs. */
  childHistory(executionArn: string): readonly HistoryEvent[] | undefined {
    return this.children.get(executionArn)?.history ?? (this.runningChild(executionArn) ? [] : undefined);
  }

  private runningChild(executionArn: string): RunningChild | undefined {
    for (const view of this.active) {
      const found = view.runningChildren().find((c) => c.executionArn === executionArn);
      if (found) return found;
    }
    return undefined;
  }

  private run(mapRunArn: string): MapRunView {
    assertMapRunArn(mapRunArn);
    const view = this.runs.get(mapRunArn);
    if (!view) {
      throw new SfnApiError(
        'ResourceNotFound',
        `Resource not found: '${mapRunArn}'. ListMapRuns with the parent execution's ARN lists its Map Runs (the local runner knows those started since it was started).`,
      );
    }
    return view;
  }
}

function describeChild(child: ChildExecutionOutcome | RunningChild): DescribedExecution {
  if (!('status' in child)) {
    const { executionArn, stateMachineArn, name, startDate, mapRunArn, itemCount } = child;
    return { executionArn, stateMachineArn, name, status: 'RUNNING', startDate, input: JSON.stringify(child.input), mapRunArn, itemCount };
  }
  return {
    executionArn: child.executionArn,
    stateMachineArn: child.stateMachineArn,
    name: child.name,
    status: child.status,
    startDate: child.startDate,
    stopDate: child.stopDate,
    input: JSON.stringify(child.input),
    ...(child.output !== undefined && { output: JSON.stringify(child.output) }),
    ...(child.error !== undefined && { error: child.error }),
    ...(child.cause !== undefined && { cause: child.cause }),
    mapRunArn: child.mapRunArn,
    itemCount: child.itemCount,
  };
}
