/**
 * Redriving an inline Map or a Parallel (API Reference, "RedriveExecution": "For workflows that include an Inline Map
 * or Parallel state, RedriveExecution API action reschedules and redrives only the iterations and branches that
 * failed or aborted"): the outputs of the iterations and branches whose latest run succeeded, read from the history,
 * so that the redriven state runs only the others.
 *
 * - An inline Map iteration's latest run is its last MapIterationStarted/MapIterationSucceeded {name, index}; when it
 *   succeeded, its output is that of the StateExited event MapIterationSucceeded follows (the iteration's last state).
 * - A Parallel branch's run begins with its StartAt state entered right after a ParallelStateStarted; it succeeded
 *   when a state of the branch that ends it (End, or Succeed) exited afterwards, with that event's output.
 *
 * As in ./continuation.ts, state names are assumed not to repeat between the Map or Parallel and the states inside.
 */
import type { MachineDefinition, StateDefinition } from './definition';
import type { Frame, NestedResults } from './runtime';
import type { StateContext } from './state-context';
import type { HistoryEvent } from './types';

function detailsOf(event: HistoryEvent | undefined): Record<string, unknown> {
  if (!event) return {};
  const key = Object.keys(event).find((k) => k.endsWith('EventDetails'));
  return ((key ? (event as unknown as Record<string, unknown>)[key] : undefined) ?? {}) as Record<string, unknown>;
}

function outputOf(event: HistoryEvent | undefined): { ok: true; output: unknown } | undefined {
  const text = detailsOf(event).output;
  if (!event?.type.endsWith('StateExited') || typeof text !== 'string') return undefined;
  try {
    return { ok: true, output: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

type Latest = Map<number, { ok: true; output: unknown } | { ok: false }>;

function succeeded(stateName: string, latest: Latest, itemCount?: number): NestedResults {
  const outputs = new Map<number, unknown>();
  for (const [index, run] of latest) if (run.ok) outputs.set(index, run.output);
  return { stateName, outputs, ...(itemCount !== undefined && { itemCount }) };
}

function mapResults(name: string, events: readonly HistoryEvent[], history: readonly HistoryEvent[]): NestedResults {
  const latest: Latest = new Map();
  let itemCount: number | undefined;
  for (const event of events) {
    const details = detailsOf(event);
    if (details.name !== name) continue;
    if (event.type === 'MapIterationStarted') {
      latest.set(details.index as number, { ok: false });
      itemCount = detailsOf(history[event.previousEventId - 1]).length as number;
    }
    if (event.type === 'MapIterationSucceeded') latest.set(details.index as number, outputOf(history[event.previousEventId - 1]) ?? { ok: false });
  }
  return succeeded(name, latest, itemCount);
}

function branchEnds(branch: MachineDefinition): Set<string> {
  return new Set(Object.entries(branch.States).filter(([, s]) => s.End === true || s.Type === 'Succeed').map(([n]) => n));
}

function parallelResults(name: string, state: StateDefinition, events: readonly HistoryEvent[], history: readonly HistoryEvent[]): NestedResults {
  const branches = state.Branches as readonly MachineDefinition[];
  const ends = branches.map(branchEnds);
  const latest: Latest = new Map();
  for (const event of events) {
    const stateName = detailsOf(event).name as string | undefined;
    if (stateName === undefined) continue;
    branches.forEach((branch, index) => {
      if (event.type.endsWith('StateEntered') && stateName === branch.StartAt && history[event.previousEventId - 1]?.type === 'ParallelStateStarted') {
        latest.set(index, { ok: false });
      } else if (event.type.endsWith('StateExited') && ends[index].has(stateName) && latest.has(index)) {
        latest.set(index, outputOf(event) ?? { ok: false });
      }
    });
  }
  return succeeded(name, latest);
}

/**
 * The nested results of the top-level state `name` (an inline Map or a Parallel) from its events since it was first
 * entered (event `enteredId`); undefined for any other state.
 */
export function nestedResults(name: string, state: StateDefinition, history: readonly HistoryEvent[], enteredId: number): NestedResults | undefined {
  const events = history.slice(enteredId);
  if (state.Type === 'Parallel') return parallelResults(name, state, events, history);
  const distributed = (state.ItemProcessor as { ProcessorConfig?: { Mode?: string } } | undefined)?.ProcessorConfig?.Mode === 'DISTRIBUTED';
  if (state.Type === 'Map' && !distributed) return mapResults(name, events, history);
  return undefined;
}

/** The results the top-level state being run may reuse, once (a Retry of it runs everything again). */
export function takeNestedResults(ctx: StateContext): NestedResults | undefined {
  const frame: Frame = ctx.frame;
  const results = frame.nested;
  if (!results || results.stateName !== ctx.name) return undefined;
  frame.nested = undefined;
  return results;
}
