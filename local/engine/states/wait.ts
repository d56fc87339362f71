/**
 * Wait (ASL specification, "Wait State"; Developer Guide, "Wait workflow state"): Seconds, Timestamp, SecondsPath or
 * TimestampPath (JSONPath, read from the input after InputPath), or Seconds/Timestamp as JSONata expressions. The
 * values are checked when the state runs, also on the virtual clock, with the causes AWS writes: seconds a
 * non-negative integer, a timestamp an ISO-8601 extended offset date-time. A timestamp in the past does not wait.
 * The wait runs on the execution's clock.
 */
import { applyInputPath, applyOutputPath, evaluateAssign, jsonataOutput } from '../io';
import { STATES_ERRORS } from '../errors';
import { parseTimestamp } from '../jsonpath/timestamp';
import type { StateContext } from '../state-context';
import { transition, type StateOutcome } from '../state-kind';

/** A value as AWS prints it in a Wait error: strings bare, everything else as JSON. */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value ?? null);
}

/**
 * Milliseconds to wait for a seconds value. The Path forms fail as AWS words it (recorded causes: "The SecondsPath
 * parameter references a negative value: $.x == -1", "… cannot be parsed as a long value: $.x == 1.5", "… does not
 * reference an input value: $.x").
 */
function secondsToMs(ctx: StateContext, value: unknown, path?: string): number {
  if (path !== undefined) {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw ctx.runtimeError(`The SecondsPath parameter cannot be parsed as a long value: ${path} == ${shown(value)}`);
    }
    if (value < 0) throw ctx.runtimeError(`The SecondsPath parameter references a negative value: ${path} == ${value}`);
    return value * 1000;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 99999999) {
    throw ctx.runtimeError(`The Seconds value ${shown(value)} is not valid: the number of seconds to wait must be an integer from 0 to 99999999.`);
  }
  return value * 1000;
}

/** Milliseconds until a timestamp (RFC 3339 with an offset, as Java's ISO_OFFSET_DATE_TIME reads it). */
function timestampToMs(ctx: StateContext, value: unknown, path?: string): number {
  const instant = parseTimestamp(value);
  if (!instant) {
    if (path !== undefined) {
      throw ctx.runtimeError(
        `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${shown(value)}`,
      );
    }
    throw ctx.runtimeError(`The Timestamp value ${shown(value)} is not valid: use an ISO-8601 extended offset date-time such as 2016-03-14T01:59:00Z.`);
  }
  const at = instant.seconds * 1000 + Math.floor(instant.nanos / 1e6);
  return Math.max(0, at - ctx.runtime.clock.now());
}

async function waitMs(ctx: StateContext, input: unknown): Promise<number> {
  const state = ctx.state;
  if (ctx.isJsonata) {
    if (state.Seconds !== undefined) {
      const seconds = await ctx.jsonata(state.Seconds, ctx.states(), 'Seconds');
      if (typeof seconds !== 'number') throw ctx.jsonataTypeError(state.Seconds, 'Seconds', 'number', seconds);
      return secondsToMs(ctx, seconds);
    }
    const timestamp = await ctx.jsonata(state.Timestamp, ctx.states(), 'Timestamp');
    if (typeof timestamp !== 'string') throw ctx.jsonataTypeError(state.Timestamp, 'Timestamp', 'string', timestamp);
    if (!parseTimestamp(timestamp)) {
      // Recorded: "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: …".
      throw ctx.prefixedError(STATES_ERRORS.QueryEvaluationError, `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${timestamp}`);
    }
    return timestampToMs(ctx, timestamp);
  }
  if (state.Seconds !== undefined) return secondsToMs(ctx, state.Seconds);
  if (state.Timestamp !== undefined) return timestampToMs(ctx, state.Timestamp);
  const field = state.SecondsPath !== undefined ? 'SecondsPath' : 'TimestampPath';
  const path = state[field] as string;
  const jsonPath = ctx.runtime.languages.jsonPath;
  const scope = ctx.pathScope(input);
  if (!(await ctx.evaluate(() => jsonPath.pathExists(path, scope)))) {
    throw ctx.runtimeError(`The ${field} parameter does not reference an input value: ${path}`);
  }
  const value = await ctx.evaluate(() => jsonPath.evaluatePath(path, scope, field));
  return field === 'SecondsPath' ? secondsToMs(ctx, value, path) : timestampToMs(ctx, value, path);
}

export async function runWait(ctx: StateContext): Promise<StateOutcome> {
  const input = ctx.isJsonata ? ctx.rawInput : await applyInputPath(ctx);
  const ms = await waitMs(ctx, input);
  await ctx.runtime.clock.sleep(ms, ctx.frame.signal);
  const assigned = await evaluateAssign(ctx, ctx.state.Assign, { input });
  const output = ctx.isJsonata ? await jsonataOutput(ctx, ctx.states(), input) : await applyOutputPath(ctx, input);
  return { output, next: transition(ctx), assigned };
}
