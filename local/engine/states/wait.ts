/**
 * Wait (ASL specification, "Wait State"; Developer Guide, "Wait workflow state"): Seconds, Timestamp, SecondsPath or
 * TimestampPath (JSONPath, read from the input after InputPath), or Seconds/Timestamp as JSONata expressions. The
 * values are checked when the state runs, also on the virtual clock: seconds a non-negative integer, a timestamp an
 * RFC 3339 string. A timestamp in the past does not wait. The wait runs on the execution's clock.
 */
import { applyInputPath, applyOutputPath, evaluateAssign, jsonataOutput } from '../io';
import type { StateContext } from '../state-context';
import { transition, type StateOutcome } from '../state-kind';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds to wait for a seconds value, or a States.Runtime error naming the field. */
function secondsToMs(ctx: StateContext, value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 99999999) {
    throw ctx.runtimeError(
      `The ${field} value ${JSON.stringify(value ?? null)} is not valid: the number of seconds to wait must be an integer from 0 to 99999999.`,
    );
  }
  return value * 1000;
}

function timestampToMs(ctx: StateContext, value: unknown, field: string): number {
  const parsed = typeof value === 'string' && RFC3339.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(parsed)) {
    throw ctx.runtimeError(
      `The ${field} value ${JSON.stringify(value ?? null)} is not valid: a timestamp must be an ISO 8601 string such as 2016-03-14T01:59:00Z.`,
    );
  }
  return Math.max(0, parsed - ctx.runtime.clock.now());
}

async function waitMs(ctx: StateContext, input: unknown): Promise<number> {
  const state = ctx.state;
  if (ctx.isJsonata) {
    if (state.Seconds !== undefined) return secondsToMs(ctx, await ctx.jsonata(state.Seconds, ctx.states()), 'Seconds');
    return timestampToMs(ctx, await ctx.jsonata(state.Timestamp, ctx.states()), 'Timestamp');
  }
  if (state.Seconds !== undefined) return secondsToMs(ctx, state.Seconds, 'Seconds');
  if (state.Timestamp !== undefined) return timestampToMs(ctx, state.Timestamp, 'Timestamp');
  const path = (state.SecondsPath ?? state.TimestampPath) as string;
  const value = await ctx.evaluate(() => ctx.runtime.languages.jsonPath.evaluatePath(path, ctx.pathScope(input)));
  return state.SecondsPath !== undefined ? secondsToMs(ctx, value, 'SecondsPath') : timestampToMs(ctx, value, 'TimestampPath');
}

export async function runWait(ctx: StateContext): Promise<StateOutcome> {
  const input = ctx.isJsonata ? ctx.rawInput : await applyInputPath(ctx);
  const ms = await waitMs(ctx, input);
  await ctx.runtime.clock.sleep(ms, ctx.frame.signal);
  const assigned = await evaluateAssign(ctx, ctx.state.Assign, { input });
  const output = ctx.isJsonata ? await jsonataOutput(ctx, ctx.states(), input) : await applyOutputPath(ctx, input);
  return { output, next: transition(ctx), assigned };
}
