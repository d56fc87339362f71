/**
 * Map (ASL specification, "Map State"; Developer Guide, "Map workflow state", "Map state in Inline mode"). Each item
 * (through ItemSelector, or the deprecated Parameters, with `$$.Map.Item.Index` / `$$.Map.Item.Value`) runs the
 * ItemProcessor (or the deprecated Iterator) in a variable scope of its own; at most MaxConcurrency at once. The
 * result is the array of the iterations' outputs in item order. Without a tolerated-failure setting the first failed
 * iteration fails the state with its own error; with one, going past it fails the state with
 * States.ExceedToleratedFailureThreshold. History: MapStateStarted {length}, MapIterationStarted/Succeeded/Failed
 * {name, index} (MapIterationAborted for iterations stopped by another's failure), MapStateSucceeded or MapStateFailed.
 *
 * DISTRIBUTED mode (./distributed-map.ts): a Map Run of child workflow executions, with or without an ItemReader.
 */
import { StatesError, STATES_ERRORS } from '../errors';
import { errorOutput } from '../catch';
import { renderTemplate } from '../io';
import { checkPayload } from '../limits';
import type { StateContext } from '../state-context';
import { withRetryAndCatch } from '../error-handling';
import { outcomeOfResult } from './result-outcome';
import { takeNestedResults } from '../redrive-nested';
import type { RunStates, StateOutcome, StatesMachine } from '../state-kind';
import { runDistributed } from './distributed-map';
import { mapMode, readMapSettings, type MapSettings } from './map-settings';
import { runAllOrFail } from './concurrent';

/** The cause of States.ExceedToleratedFailureThreshold (assumed wording; the guide names the error only). */
export const TOLERATED_FAILURE_CAUSE = 'The specified tolerated failure threshold was exceeded';

async function itemInput(ctx: StateContext, settings: MapSettings, index: number): Promise<unknown> {
  const value = settings.items[index];
  const selector = ctx.state.ItemSelector ?? (ctx.isJsonata ? undefined : ctx.state.Parameters);
  if (selector === undefined) return value;
  const mapItem = { index, value };
  if (ctx.isJsonata) return ctx.jsonata(selector, ctx.states({ mapItem }), 'ItemSelector');
  return renderTemplate(ctx, selector, settings.input, mapItem);
}

function tolerance(settings: MapSettings, failed: number): boolean {
  const total = settings.items.length;
  if (settings.toleratedCount === undefined && settings.toleratedPercentage === undefined) return false;
  const overCount = settings.toleratedCount !== undefined && failed > settings.toleratedCount;
  const overPercentage = settings.toleratedPercentage !== undefined && total > 0 && (failed / total) * 100 > settings.toleratedPercentage;
  if (settings.toleratedCount !== undefined && settings.toleratedPercentage !== undefined) return !(overCount || overPercentage);
  return settings.toleratedCount !== undefined ? !overCount : !overPercentage;
}

/** INLINE: the iterations run in this execution, each in a child variable scope; returns the results. */
async function runInline(ctx: StateContext, runStates: RunStates): Promise<unknown[]> {
  const settings = await readMapSettings(ctx);
  const frame = ctx.frame;
  const processor = (ctx.state.ItemProcessor ?? ctx.state.Iterator) as StatesMachine;
  const startedId = frame.emit('MapStateStarted', 'mapStateStartedEventDetails', { length: settings.items.length });
  // A redrive runs only the iterations that did not succeed (./redrive-nested.ts), when the items are as many as then.
  const earlier = takeNestedResults(ctx);
  const done = earlier?.itemCount === settings.items.length ? earlier.outputs : undefined;
  let failed = 0;
  const failures = new Map<number, StatesError>();
  let result: unknown[];
  try {
    result = await runAllOrFail(
      frame.signal,
      settings.items.length,
      settings.concurrency,
      async (index, signal) => {
        if (done?.has(index)) return done.get(index);
        const input = await itemInput(ctx, settings, index);
        const child = frame.child(signal, processor.QueryLanguage ?? ctx.language, startedId, frame.variables.child());
        const details = { name: ctx.name, index };
        child.emit('MapIterationStarted', 'mapIterationStartedEventDetails', details);
        try {
          const output = await runStates(processor, input, child);
          child.emit('MapIterationSucceeded', 'mapIterationSucceededEventDetails', details);
          return output;
        } catch (error) {
          if (!signal.aborted) child.emit('MapIterationFailed', 'mapIterationFailedEventDetails', details);
          else if (!frame.signal.aborted) child.emit('MapIterationAborted', 'mapIterationAbortedEventDetails', details);
          throw error;
        }
      },
      (index, error) => {
        if (!(error instanceof StatesError) || error.error === STATES_ERRORS.Runtime) return false;
        failed += 1;
        if (!tolerance(settings, failed)) {
          if (settings.toleratedCount !== undefined || settings.toleratedPercentage !== undefined) {
            throw new StatesError(STATES_ERRORS.ExceedToleratedFailureThreshold, TOLERATED_FAILURE_CAUSE);
          }
          return false;
        }
        failures.set(index, error);
        return true;
      },
    );
  } catch (error) {
    if (!frame.signal.aborted) {
      frame.lastEventId = frame.runtime.history.lastId;
      frame.emit('MapStateFailed');
    }
    throw error;
  }
  for (const [index, error] of failures) result[index] = errorOutput(error);
  frame.lastEventId = frame.runtime.history.lastId;
  frame.emit('MapStateSucceeded');
  return result;
}

async function attempt(ctx: StateContext, runStates: RunStates): Promise<StateOutcome> {
  const result = mapMode(ctx.state) === 'DISTRIBUTED' ? await runDistributed(ctx) : await runInline(ctx, runStates);
  checkPayload(result, ctx.name, 'result');
  return outcomeOfResult(ctx, result);
}

export function runMap(ctx: StateContext, runStates: RunStates): Promise<StateOutcome> {
  return withRetryAndCatch(ctx, () => attempt(ctx, runStates));
}
