import { detailsOf, enteredStateType, type HistoryEvent } from '../../local';

/**
 * Reading an execution's history (GetExecutionHistory's events, Step Functions API Reference "HistoryEvent") the way
 * the tests ask about it. There is no "retried" or "caught" event on AWS: a retry is the failed attempt's failure
 * event followed by the state's next attempt (TaskScheduled, LambdaFunctionScheduled, MapStateStarted,
 * ParallelStateStarted); a catch is the state left (`…StateExited`) right after a failure, then the catcher's Next
 * entered. Each event follows its own line of work through `previousEventId`.
 */

const FAILURES = new Set(['TaskFailed', 'TaskTimedOut', 'LambdaFunctionFailed', 'LambdaFunctionTimedOut', 'MapStateFailed', 'ParallelStateFailed']);
const ATTEMPTS = new Set(['TaskScheduled', 'LambdaFunctionScheduled', 'MapStateStarted', 'ParallelStateStarted']);

export interface StateStep {
  /** `entered`, `retried` (a further attempt) or `caught` (left after a failure, going to `next`). */
  readonly kind: 'entered' | 'retried' | 'caught';
  readonly state: string;
  /** The state's type, for `entered`. */
  readonly type?: string;
  /** The Map iteration the event belongs to (innermost), if any. */
  readonly item?: number;
  /** For `caught`: the state the catcher goes to. */
  readonly next?: string;
}

export function stateSteps(history: readonly HistoryEvent[]): StateStep[] {
  const line = new Map<number, { state?: string; item?: number; failed?: boolean; caught?: boolean }>();
  const steps: StateStep[] = [];
  for (const event of history) {
    const before = line.get(event.previousEventId) ?? {};
    const details = detailsOf(event);
    const type = enteredStateType(event);
    if (type !== undefined) {
      const state = String(details.name);
      if (before.caught) steps.push({ kind: 'caught', state: before.state!, next: state, ...(before.item !== undefined && { item: before.item }) });
      steps.push({ kind: 'entered', state, type, ...(before.item !== undefined && { item: before.item }) });
      line.set(event.id, { state, item: before.item });
    } else if (event.type === 'MapIterationStarted') {
      line.set(event.id, { item: details.index as number });
    } else if (FAILURES.has(event.type)) {
      line.set(event.id, { ...before, failed: true });
    } else if (ATTEMPTS.has(event.type) && before.failed) {
      steps.push({ kind: 'retried', state: before.state!, ...(before.item !== undefined && { item: before.item }) });
      line.set(event.id, { ...before, failed: false });
    } else if (event.type.endsWith('StateExited')) {
      line.set(event.id, { ...before, caught: before.failed === true, failed: false });
    } else {
      line.set(event.id, before);
    }
  }
  return steps;
}

/** The states entered, in order; `topLevel` leaves out those inside Map iterations. */
export function statesEntered(history: readonly HistoryEvent[], options: { topLevel?: boolean } = {}): string[] {
  return stateSteps(history).flatMap((s) => (s.kind === 'entered' && (!options.topLevel || s.item === undefined) ? [s.state] : []));
}

/** The state of each retry (one entry per further attempt), in order. */
export function statesRetried(history: readonly HistoryEvent[]): string[] {
  return stateSteps(history).flatMap((s) => (s.kind === 'retried' ? [s.state] : []));
}

/** Each catch as `<state> → <Next>`. */
export function catches(history: readonly HistoryEvent[]): string[] {
  return stateSteps(history).flatMap((s) => (s.kind === 'caught' ? [`${s.state} → ${s.next}`] : []));
}

/** The Map iteration events (started / succeeded) as `started 0`, `succeeded 0`, … in the order they happened. */
export function iterationOrder(history: readonly HistoryEvent[]): string[] {
  return history.flatMap((e) => {
    if (e.type !== 'MapIterationStarted' && e.type !== 'MapIterationSucceeded') return [];
    return [`${e.type === 'MapIterationStarted' ? 'started' : 'succeeded'} ${String(detailsOf(e).index)}`];
  });
}
