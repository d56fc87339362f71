/** How the core's tests run the engine (with its own query languages, local/engine/languages.ts). */
import {
  StateMachine,
  runExecution,
  type ExecutionOutcome,
  type HistoryEvent,
  type MachineOptions,
  type RunExecutionOptions,
} from '../../../../local/engine';
export function machine(definition: unknown, options: MachineOptions = {}): StateMachine {
  return new StateMachine(definition, options);
}

export function run(definition: unknown, options: RunExecutionOptions = {}): Promise<ExecutionOutcome> {
  return runExecution(definition, options);
}

/** The event types of a history, in order. */
export function types(history: readonly HistoryEvent[]): string[] {
  return history.map((e) => e.type);
}

/** A one-state machine around `state` (named `S`). */
export function single(state: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { StartAt: 'S', States: { S: { End: true, ...state } }, ...extra };
}

/** The details member of an event, whatever its name. */
export function details(event: HistoryEvent): Record<string, unknown> {
  const key = Object.keys(event).find((k) => k.endsWith('EventDetails'));
  return (key ? (event as unknown as Record<string, Record<string, unknown>>)[key] : {}) ?? {};
}
