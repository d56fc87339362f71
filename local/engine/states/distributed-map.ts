/**
 * A Map state in DISTRIBUTED mode (Developer Guide, "Map state in Distributed mode", "Examining Map Runs"): a Map Run
 * whose items (from the ItemReader, or from the input through ItemsPath/Items) each go, through ItemSelector and
 * ItemBatcher, to a CHILD WORKFLOW EXECUTION of the ItemProcessor — its own `$$.Execution` (name and ARN from the Map
 * Run), its own history and history quota, no variables of the parent — at most MaxConcurrency at once (default
 * 10,000). The parent's history holds MapStateStarted, MapRunStarted, then MapRunSucceeded or MapRunFailed, then
 * MapStateSucceeded or MapStateFailed; no per-item events (recorded AWS executions).
 *
 * Recorded AWS executions also show: MapStateStarted's `length` is 0 with an ItemReader (the items are read later);
 * with an ItemReader, ItemsPath is not applied; a run-time error of the Map's own fields (MaxItemsPath not an
 * integer) comes after MapStateStarted and before MapRunStarted, with no MapStateFailed; MapStateExited follows
 * MapRunSucceeded (its previousEventId), as MapStateSucceeded does.
 */
import { StatesError, STATES_ERRORS } from '../errors';
import type { MachineDefinition } from '../definition';
import { type ChildContext, type ChildOutcome, type DistributedMapSpec, runDistributedMap } from '../distributed-map/run-distributed-map';
import type { ChildExecutionType } from '../distributed-map/map-run';
import { renderTemplate } from '../io';
import type { StateContext } from '../state-context';
import type { StatesMachine } from '../state-kind';
import { itemBatcherSpec, itemReaderSpec, itemSource, resultWriterSpec } from './distributed-fields';
import { readMapSettings } from './map-settings';

interface Processor extends StatesMachine {
  readonly ProcessorConfig?: { readonly ExecutionType?: string };
}

/** The child's state machine: the ItemProcessor, in the Map state's query language unless it names its own. */
function childDefinition(ctx: StateContext, processor: Processor): MachineDefinition {
  return { StartAt: processor.StartAt, States: processor.States, QueryLanguage: processor.QueryLanguage ?? ctx.language };
}

/** `…:stateMachine:<machine>/<label>` → `<machine>/<label>`. */
const machineNameOf = (arn: string): string => arn.slice(arn.indexOf(':stateMachine:') + ':stateMachine:'.length);

/** Runs the Map Run and returns the Map state's result (before ResultSelector/ResultPath/Output). */
export async function runDistributed(ctx: StateContext): Promise<unknown> {
  const frame = ctx.frame;
  const hasReader = ctx.state.ItemReader !== undefined;
  const settings = await readMapSettings(ctx, hasReader ? [] : undefined);
  const startedId = frame.emit('MapStateStarted', 'mapStateStartedEventDetails', { length: hasReader ? 0 : settings.items.length });
  const processor = ctx.state.ItemProcessor as Processor;
  const reader = await itemReaderSpec(ctx, settings.input);
  const spec: DistributedMapSpec = {
    stateName: ctx.name,
    label: ctx.state.Label as string | undefined,
    executionType: (processor.ProcessorConfig?.ExecutionType ?? 'STANDARD') as ChildExecutionType,
    itemReader: reader,
    itemBatcher: await itemBatcherSpec(ctx, settings.input),
    resultWriter: await resultWriterSpec(ctx, settings.input),
    maxConcurrency: settings.concurrency,
    toleratedFailureCount: settings.toleratedCount,
    toleratedFailurePercentage: settings.toleratedPercentage,
  };
  const selector = ctx.state.ItemSelector ?? (ctx.isJsonata ? undefined : ctx.state.Parameters);
  const source = itemSource(reader);
  const definition = childDefinition(ctx, processor);
  const runtime = ctx.runtime;
  let mapRunEnded = 0;
  let mapRunStarted = false;
  let historyError: unknown;
  const runChild = async (input: unknown, index: number, child: ChildContext): Promise<ChildOutcome> => {
    const outcome = await runtime.runChildExecution({
      definition,
      input,
      name: child.name,
      executionArn: child.executionArn,
      stateMachineArn: child.stateMachineArn,
      stateMachineName: machineNameOf(child.stateMachineArn),
      type: child.executionType,
      mapRunArn: child.mapRunArn,
      index,
      itemCount: child.itemCount,
      signal: child.signal,
    });
    return { status: outcome.status, output: outcome.output, error: outcome.error, cause: outcome.cause };
  };
  const record = (emit: () => number): void => {
    try {
      mapRunEnded = emit();
    } catch (error) {
      historyError ??= error;
    }
  };
  let result: unknown;
  try {
    result = await runDistributedMap(spec, settings.items, {
      runChild: (input, index, child) => runChild(input, index, child).catch((error: unknown) => childFailure(error)),
      store: runtime.objectStore,
      beforeChildren: runtime.authorizeChildExecutions,
      stateMachineArn: runtime.facts.stateMachineId,
      executionArn: runtime.facts.id,
      // Each attempt (a Retry, a loop back to this state) is a Map Run of its own.
      seed: startedId,
      clock: () => new Date(runtime.clock.now()),
      signal: frame.signal,
      onRun: runtime.onMapRun,
      selectItem:
        selector === undefined
          ? undefined
          : (value, index) => {
              const mapItem = { index, value, source };
              if (ctx.isJsonata) return ctx.jsonata(selector, ctx.states({ mapItem }), 'ItemSelector');
              return renderTemplate(ctx, selector, settings.input, mapItem);
            },
      onEvent: (event) => {
        if (frame.signal.aborted) return;
        if (event.type === 'MapRunStarted') {
          mapRunStarted = true;
          record(() => frame.emit('MapRunStarted', 'mapRunStartedEventDetails', event.mapRunStartedEventDetails));
        } else if (event.type === 'MapRunSucceeded') record(() => frame.emit('MapRunSucceeded'));
        else record(() => frame.emit('MapRunFailed', 'mapRunFailedEventDetails', event.mapRunFailedEventDetails));
      },
    });
  } catch (error) {
    if (frame.signal.aborted) throw frame.signal.reason;
    if (historyError) throw historyError;
    if (mapRunStarted) frame.emit('MapStateFailed');
    throw error;
  }
  if (historyError) throw historyError;
  frame.emit('MapStateSucceeded');
  frame.lastEventId = mapRunEnded;
  return result;
}

/** A child that could not start (its input over the payload quota): FAILED, never a JavaScript error name. */
function childFailure(error: unknown): ChildOutcome {
  if (error instanceof StatesError) return { status: 'FAILED', error: error.error, cause: error.cause };
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error && error.name === 'InvalidExecutionInput' ? STATES_ERRORS.DataLimitExceeded : STATES_ERRORS.Runtime;
  return { status: 'FAILED', error: name, cause: message };
}
