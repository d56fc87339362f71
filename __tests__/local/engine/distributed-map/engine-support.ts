/** How the engine-level Distributed Map tests run a definition: an in-memory S3, children observed. */
import { runExecution, type ChildExecutionOutcome, type ExecutionOutcome, type HistoryEvent, type RunExecutionOptions, type TaskHandler } from '../../../../local/engine';
import { storeWith } from './support';

export { GET, LIST, storeWith } from './support';
export const PUT = 'arn:aws:states:::s3:putObject';

/** An ItemProcessor in DISTRIBUTED mode around `states` (first state starts). */
export function distributed(states: Record<string, Record<string, unknown>>, executionType: 'STANDARD' | 'EXPRESS' = 'STANDARD'): Record<string, unknown> {
  return { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: executionType }, StartAt: Object.keys(states)[0], States: states };
}

export const passProcessor = (fields: Record<string, unknown> = {}) => distributed({ P: { Type: 'Pass', End: true, ...fields } });

/** A machine whose only state is the Map `M` (or `states`, starting at the first). */
export function mapMachine(map: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { StartAt: 'M', States: { M: { Type: 'Map', End: true, ...map } }, ...extra };
}

export interface Run extends ExecutionOutcome {
  readonly children: ChildExecutionOutcome[];
}

/** Runs `definition` with `store` (default: bucket `b`, empty) and collects the child executions in item order. */
export async function run(
  definition: unknown,
  options: RunExecutionOptions & { objects?: Record<string, string>; handlers?: Record<string, TaskHandler> } = {},
): Promise<Run> {
  const children: ChildExecutionOutcome[] = [];
  const { objects, handlers, ...rest } = options;
  const outcome = await runExecution(definition, {
    objectStore: rest.objectStore ?? storeWith(objects ?? {}),
    taskHandlers: handlers,
    onChildExecution: (child) => children.push(child),
    ...rest,
  });
  children.sort((a, b) => a.index - b.index);
  return { ...outcome, children };
}

export const types = (history: readonly HistoryEvent[]) => history.map((e) => e.type);

/** The details member of an event, whatever its name. */
export function details(event: HistoryEvent): Record<string, unknown> {
  const key = Object.keys(event).find((k) => k.endsWith('EventDetails'));
  return (key ? (event as unknown as Record<string, Record<string, unknown>>)[key] : {}) ?? {};
}

/** A JSON items object in bucket `b`. */
export const itemsJson = (items: unknown[], key = 'items.json') => ({ [key]: JSON.stringify(items) });

export const jsonReader = (key = 'items.json', config: Record<string, unknown> = {}) => ({
  Resource: 'arn:aws:states:::s3:getObject',
  ReaderConfig: { InputType: 'JSON', ...config },
  Parameters: { Bucket: 'b', Key: key },
});
