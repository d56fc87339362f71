/**
 * Continuing an execution from its history (Developer Guide, "Redriving executions"; API Reference,
 * "RedriveExecution"): the execution goes on from its unsuccessful top-level state, the one entered and never exited
 * (it failed, or the process running it ended), with that state's recorded input and the variables the top-level
 * states before it assigned (the `assignedVariables` of their StateExited events). The states that exited are not run
 * again. An inline Map or a Parallel runs only its iterations or branches that did not succeed (./redrive-nested.ts);
 * a Distributed Map runs again as a whole (its Map Run starts again).
 *
 * The history is GetExecutionHistory's shape as this engine records it: ids 1, 2, … in order, ExecutionStarted first.
 * A top-level state's StateExited is told from a nested state's of the same name by the event it follows: a Map or
 * Parallel exits after its own MapState… / ParallelState… event (assumed: no nested Map or Parallel shares the name
 * of the top-level one around it).
 */
import type { MachineDefinition } from './definition';
import { errorMatches } from './retry';
import type { Catcher } from './catch';
import type { HistoryEvent } from './types';
import { nestedResults } from './redrive-nested';
import type { NestedResults } from './runtime';

/** A history the engine cannot continue from (malformed, or nothing left to run); the message says why. */
export class ExecutionNotContinuable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExecutionNotContinuable';
  }
}

export const CLOSING_EVENTS: ReadonlySet<string> = new Set(['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted']);

/** Where a continued execution picks up. */
export interface ResumePoint {
  /** The execution's input (ExecutionStarted), as a value and as its JSON text. */
  readonly input: unknown;
  readonly inputText: string;
  /** When the execution first started (ExecutionStarted's timestamp): `$$.Execution.StartTime`. */
  readonly startTime: number;
  /** The top-level variables as the state to run sees them. */
  readonly variables: Readonly<Record<string, unknown>>;
  /** The state to enter and its input; none when the top-level states had already ended the execution's work. */
  readonly state?: { readonly name: string; readonly input: unknown };
  /** When that state is an inline Map or a Parallel: the iterations or branches whose latest run succeeded. */
  readonly nested?: NestedResults;
  /** When `state` is absent: the output the last top-level state gave. */
  readonly output?: unknown;
  /** The history ended with ExecutionSucceeded/Failed/TimedOut/Aborted (its type), or not at all. */
  readonly closedBy?: string;
  /** ExecutionRedriven events already in the history. */
  readonly redrives: number;
}

interface OpenState {
  readonly name: string;
  readonly type: string;
  readonly input: unknown;
  readonly enteredId: number;
}

interface ExitedState extends OpenState {
  readonly output: unknown;
  /** The top-level variables before its own Assign took effect. */
  readonly variablesBefore: Readonly<Record<string, unknown>>;
  /** The event the StateExited followed (a caught failure ends with the failure event). */
  readonly before: HistoryEvent | undefined;
}

const NESTING = new Set(['Map', 'Parallel']);

function detailsOf(event: HistoryEvent): Record<string, unknown> {
  const key = Object.keys(event).find((k) => k.endsWith('EventDetails'));
  return ((key ? (event as unknown as Record<string, unknown>)[key] : undefined) ?? {}) as Record<string, unknown>;
}

function parseText(text: unknown, what: string): unknown {
  if (typeof text !== 'string') throw new ExecutionNotContinuable(`The history is malformed: ${what} has no JSON text.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ExecutionNotContinuable(`The history is malformed: ${what} is not valid JSON.`);
  }
}

function checkIds(history: readonly HistoryEvent[]): void {
  if (history.length === 0 || history[0].type !== 'ExecutionStarted') {
    throw new ExecutionNotContinuable('The history is malformed: it must begin with ExecutionStarted (GetExecutionHistory in order, from event 1).');
  }
  history.forEach((event, index) => {
    if (event.id !== index + 1) {
      throw new ExecutionNotContinuable(`The history is malformed: event ${index + 1} has id ${event.id}; give every event from id 1, in order, with none missing.`);
    }
    if (CLOSING_EVENTS.has(event.type) && index !== history.length - 1 && history[index + 1].type !== 'ExecutionRedriven') {
      throw new ExecutionNotContinuable(`The history is malformed: ${event.type} (event ${event.id}) is followed by ${history[index + 1].type}, not ExecutionRedriven.`);
    }
  });
}

/** Whether `event` is the StateExited of the open top-level state (not of a nested state of the same name). */
function exitsOpen(event: HistoryEvent, open: OpenState, byId: readonly HistoryEvent[]): boolean {
  if (event.type !== `${open.type}StateExited` || detailsOf(event).name !== open.name) return false;
  if (!NESTING.has(open.type)) return true;
  const before = byId[event.previousEventId - 1];
  return before !== undefined && before.id > open.enteredId && before.type.startsWith(`${open.type}State`);
}

/** Where the execution goes after `exited`, as its definition and (for a caught failure) its Catch say. */
function nextAfter(exited: ExitedState, definition: MachineDefinition): string | undefined {
  const state = definition.States[exited.name];
  const before = exited.before?.type ?? '';
  const caught = /(Failed|TimedOut)$/.test(before) && !before.startsWith('Execution');
  if (caught) {
    const catchers = (state.Catch ?? []) as readonly Catcher[];
    const error = detailsOf(exited.before!).error;
    const matching = typeof error === 'string' ? catchers.filter((c) => errorMatches(c.ErrorEquals, error)) : catchers;
    const targets = new Set(matching.map((c) => c.Next));
    if (targets.size !== 1) {
      throw new ExecutionNotContinuable(
        `State '${exited.name}': its failure was caught, but the history does not say which Catch took it (the failure event records no error name); redrive is not possible from this history.`,
      );
    }
    return matching[0].Next;
  }
  return state.End === true || state.Type === 'Succeed' ? undefined : (state.Next as string);
}

/**
 * Reads where `history` (of an execution of `definition`) continues.
 * @throws ExecutionNotContinuable when the history is malformed, belongs to another definition, or the execution
 *   succeeded.
 */
export function resumePoint(definition: MachineDefinition, history: readonly HistoryEvent[]): ResumePoint {
  checkIds(history);
  const started = history[0];
  const inputText = detailsOf(started).input;
  const input = parseText(inputText, 'ExecutionStarted (event 1) input');
  const last = history[history.length - 1];
  const closedBy = CLOSING_EVENTS.has(last.type) ? last.type : undefined;
  if (closedBy === 'ExecutionSucceeded') {
    throw new ExecutionNotContinuable('The execution SUCCEEDED (its last event is ExecutionSucceeded): there is no unsuccessful state to continue from.');
  }
  const variables: Record<string, unknown> = {};
  let open: OpenState | undefined;
  let exited: ExitedState | undefined;
  let redrives = 0;
  for (const event of history) {
    if (event.type === 'ExecutionRedriven') redrives += 1;
    if (!open) {
      if (!event.type.endsWith('StateEntered')) continue;
      const details = detailsOf(event);
      const name = details.name as string;
      const type = event.type.slice(0, -'StateEntered'.length);
      const state = definition.States[name];
      if (!state || state.Type !== type) {
        throw new ExecutionNotContinuable(
          `The history does not belong to this definition: event ${event.id} enters the ${type} state '${name}', which its top-level States do not hold.`,
        );
      }
      open = { name, type, input: parseText(details.input, `event ${event.id} (${event.type}) input`), enteredId: event.id };
      continue;
    }
    if (!exitsOpen(event, open, history)) continue;
    const details = detailsOf(event);
    const variablesBefore = { ...variables };
    const assigned = details.assignedVariables as Record<string, string> | undefined;
    for (const [name, text] of Object.entries(assigned ?? {})) variables[name] = parseText(text, `event ${event.id} variable '${name}'`);
    exited = { ...open, variablesBefore, output: parseText(details.output, `event ${event.id} (${event.type}) output`), before: history[event.previousEventId - 1] };
    open = undefined;
  }
  const base = { input, inputText: inputText as string, startTime: started.timestamp.getTime(), variables, closedBy, redrives };
  if (open) {
    const nested = nestedResults(open.name, definition.States[open.name], history, open.enteredId);
    return { ...base, state: { name: open.name, input: open.input }, ...(nested && { nested }) };
  }
  if (!exited) {
    const name = definition.StartAt;
    return { ...base, state: { name, input } };
  }
  if (definition.States[exited.name].Type === 'Choice') {
    // Its Next is not recorded: the Choice runs again (its rules read what they read the first time).
    return { ...base, variables: exited.variablesBefore, state: { name: exited.name, input: exited.input } };
  }
  const next = nextAfter(exited, definition);
  if (next === undefined) return { ...base, output: exited.output };
  return { ...base, state: { name: next, input: exited.output } };
}
