import { nestedScopes } from '../../definitions/asl-walk';
import type { AslGraph, AslState } from '../../definitions/states/state';

/**
 * Events a state adds to an execution's history when it succeeds at the first attempt (the history event types
 * of https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html):
 * a request-response Task is TaskStateEntered, TaskScheduled, TaskStarted, TaskSucceeded, TaskStateExited;
 * Wait, Pass, Choice and Succeed are their …StateEntered and …StateExited.
 */
const EVENTS_PER_STATE: Readonly<Record<string, number>> = { Task: 5, Wait: 2, Pass: 2, Choice: 2, Succeed: 2 };
/** MapStateEntered, MapStateStarted, MapStateSucceeded, MapStateExited (inline); MapStateEntered, MapRunStarted, MapRunSucceeded, MapStateExited (distributed). */
const MAP_STATE_EVENTS = 4;
/** MapIterationStarted and MapIterationSucceeded around each inline iteration. */
const ITERATION_EVENTS = 2;
/** ExecutionStarted and ExecutionSucceeded. */
const EXECUTION_EVENTS = 2;

/** The history a run of a workflow with one Map adds: events outside the Map's iterations, and per iteration. */
export interface HistoryShape {
  readonly fixed: number;
  /** 0 for a Distributed Map: each item runs as a child execution with a history of its own. */
  readonly perItem: number;
}

/**
 * Counts the events of the path a successful execution takes (first attempts, no retries: those add events,
 * so the real history is at least this long). A Choice is followed to its first target that is not a Fail state.
 */
export function historyShape(graph: AslGraph): HistoryShape {
  const top = walk(graph, 'the top level');
  if (top.perItem === undefined) throw new Error('historyShape: the workflow has no Map state on its success path.');
  return { fixed: EXECUTION_EVENTS + top.fixed, perItem: top.perItem };
}

/** The number of history events of a successful run over `items` items. */
export function historyEvents(shape: HistoryShape, items: number): number {
  return shape.fixed + shape.perItem * items;
}

function walk(graph: AslGraph, scope: string): { fixed: number; perItem?: number } {
  let fixed = 0;
  let perItem: number | undefined;
  let name: string | undefined = graph.StartAt;
  const seen = new Set<string>();
  while (name !== undefined) {
    if (seen.has(name)) throw new Error(`historyShape: ${scope} loops through '${name}'; a loop's length depends on the data.`);
    seen.add(name);
    const state: AslState = graph.States[name];
    const type = String(state.Type);
    if (type === 'Map') {
      if (perItem !== undefined) throw new Error(`historyShape: ${scope} has more than one Map state.`);
      const processor = nestedScopes(state)[0]?.json as AslGraph & { ProcessorConfig?: { Mode?: string } };
      perItem = processor.ProcessorConfig?.Mode === 'DISTRIBUTED' ? 0 : ITERATION_EVENTS + walk(processor, `Map '${name}'`).fixed;
      fixed += MAP_STATE_EVENTS;
    } else if (type === 'Task' && /\.(sync|waitForTaskToken)(:\d+)?$/.test(String(state.Resource))) {
      throw new Error(`historyShape: Task '${name}' waits for a job or a token; its events are not counted here.`);
    } else if (EVENTS_PER_STATE[type] !== undefined) {
      fixed += EVENTS_PER_STATE[type];
    } else {
      throw new Error(`historyShape: a ${type} state ('${name}') is not counted here.`);
    }
    name = next(graph, state);
  }
  return { fixed, perItem };
}

function next(graph: AslGraph, state: AslState): string | undefined {
  if (state.Type === 'Choice') {
    const targets = [...((state.Choices as { Next: string }[]) ?? []).map((c) => c.Next), state.Default as string | undefined];
    return targets.find((t) => t !== undefined && graph.States[t].Type !== 'Fail');
  }
  return state.End === true || state.Type === 'Succeed' ? undefined : (state.Next as string);
}
