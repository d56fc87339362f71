import type { HistoryEvent } from './engine';

/**
 * Reading GetExecutionHistory's events (Step Functions API Reference, "HistoryEvent"): a state entered is
 * `<Kind>StateEntered` (TaskStateEntered, MapStateEntered, …) with `stateEnteredEventDetails.name`; Map iterations
 * are MapIterationStarted/Succeeded/Failed/Aborted with `<type>EventDetails.{name, index}`.
 */

export interface StateEnteredDetails {
  readonly name: string;
  readonly input?: string;
}

/** `TaskStateEntered` → `Task`; undefined for other events. */
export function enteredStateType(event: HistoryEvent): string | undefined {
  return /^(\w+)StateEntered$/.exec(event.type)?.[1];
}

export function isStateEntered(event: HistoryEvent): boolean {
  return enteredStateType(event) !== undefined;
}

/**
 * The details member of an event (`{}` when it has none): `stateEnteredEventDetails` / `stateExitedEventDetails` for
 * every `…StateEntered` / `…StateExited`, else `<type>EventDetails` (`taskFailedEventDetails`, …).
 */
export function detailsOf(event: HistoryEvent): Record<string, unknown> {
  const shared = /State(Entered|Exited)$/.exec(event.type)?.[0];
  const type = shared ?? event.type;
  const key = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails` as const;
  return (event[key] as Record<string, unknown> | undefined) ?? {};
}

/** The names of the states entered, in order (nested ones included). */
export function enteredStates(history: readonly HistoryEvent[]): string[] {
  return history.flatMap((e) => (isStateEntered(e) ? [String((e.stateEnteredEventDetails as unknown as StateEnteredDetails).name)] : []));
}
