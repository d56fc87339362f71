/**
 * The execution history, in the shape of GetExecutionHistory (Step Functions API Reference, "GetExecutionHistory",
 * "HistoryEvent"): ids from 1, each event's `previousEventId` the event it follows in its own line of work (0 for the
 * first state of the execution, as the API reference's example shows), input and output as JSON text.
 *
 * An execution has at most 25,000 events (Developer Guide, "Step Functions service quotas"; "Avoid reaching the
 * history quota": when an execution has 24,999 events, event 25,000 is ExecutionSucceeded if that is what comes next,
 * otherwise ExecutionFailed).
 */
import type { Clock } from './clock';
import { StatesError, STATES_ERRORS } from './errors';
import type { HistoryEvent } from './types';

export const MAX_HISTORY_EVENTS = 25_000;

/** What the execution fails with when its history reaches the quota (the text AWS reports for it). */
export const HISTORY_LIMIT_CAUSE = `The execution reached the maximum number of history events (${MAX_HISTORY_EVENTS}).`;

const CLOSING_TYPES = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted']);

/** Thrown when one more event would pass the quota; no Retry or Catch sees it (a States.Runtime error). */
export class HistoryLimitExceeded extends StatesError {
  constructor() {
    super(STATES_ERRORS.Runtime, HISTORY_LIMIT_CAUSE);
  }
}

export class History {
  readonly events: HistoryEvent[] = [];
  private limitReached = false;

  constructor(
    private readonly clock: Clock,
    private readonly onEvent?: (event: HistoryEvent) => void,
    private readonly limit = MAX_HISTORY_EVENTS,
    /** An earlier history this one goes on from (a continued execution): its events, ids from 1, in order. */
    earlier: readonly HistoryEvent[] = [],
  ) {
    this.events.push(...earlier);
  }

  /**
   * Records one event and returns its id. `detailsKey` names its details member (`stateEnteredEventDetails`, …);
   * `at` its timestamp (epoch ms) when not now on the execution's clock.
   */
  add(type: string, previousEventId: number, detailsKey?: string, details?: Record<string, unknown>, at?: number): number {
    const closing = CLOSING_TYPES.has(type);
    if (!closing && (this.limitReached || this.events.length >= this.limit - 1)) {
      this.limitReached = true;
      throw new HistoryLimitExceeded();
    }
    const id = this.events.length + 1;
    const event: Record<string, unknown> = { timestamp: new Date(at ?? this.clock.now()), type, id, previousEventId };
    if (detailsKey) event[detailsKey] = details ?? {};
    this.events.push(event as unknown as HistoryEvent);
    try {
      this.onEvent?.(event as unknown as HistoryEvent);
    } catch {
      // An observer's exception does not change the execution (types.ts, ExecutionOptions.onEvent).
    }
    return id;
  }

  get lastId(): number {
    return this.events.length;
  }
}

/** A value as history holds it: JSON text. */
export function json(value: unknown): string {
  return JSON.stringify(value === undefined ? null : value);
}

/** `inputDetails` / `outputDetails`: the engine never truncates. */
export const NOT_TRUNCATED = Object.freeze({ truncated: false });
