/**
 * Fail (ASL specification, "Fail State"; Developer Guide, "Fail workflow state"): stops the execution (or its branch)
 * with Error and Cause, given as text, as ErrorPath/CausePath (a reference path or an intrinsic function, JSONPath),
 * or as JSONata expressions. A Fail without Error or Cause reports none. Its history has FailStateEntered and no
 * FailStateExited.
 */
import { StatesError } from '../errors';
import { looksLikeIntrinsic } from '../jsonpath';
import type { StateContext } from '../state-context';
import type { StateOutcome } from '../state-kind';

async function text(ctx: StateContext, field: 'Error' | 'Cause'): Promise<string> {
  const state = ctx.state;
  let value: unknown;
  if (ctx.isJsonata) {
    value = state[field] === undefined ? undefined : await ctx.jsonata(state[field], ctx.states(), field);
  } else if (state[`${field}Path`] !== undefined) {
    const path = state[`${field}Path`] as string;
    const jsonPath = ctx.runtime.languages.jsonPath;
    const scope = ctx.pathScope(ctx.rawInput);
    value = looksLikeIntrinsic(path)
      ? ((await ctx.evaluate(() => jsonPath.renderTemplate({ 'value.$': path }, scope))) as { value?: unknown }).value
      : await ctx.evaluate(() => jsonPath.evaluatePath(path, scope, `${field}Path`));
    if (typeof value !== 'string') {
      throw ctx.runtimeError(`The ${field}Path '${path}' must select a string, but it selected ${JSON.stringify(value ?? null)}.`);
    }
  } else {
    value = state[field];
  }
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    throw ctx.runtimeError(`The field '${field}' must be a string, but its value is ${JSON.stringify(value)}.`);
  }
  return value;
}

export async function runFail(ctx: StateContext): Promise<StateOutcome> {
  const error = await text(ctx, 'Error');
  const cause = await text(ctx, 'Cause');
  throw new StatesError(error, cause);
}
