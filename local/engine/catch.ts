/**
 * Catch (ASL specification, "Fallback states"; Developer Guide, "Error handling in Step Functions", "Fallback
 * states"): the first catcher whose ErrorEquals matches wins. The error output is `{"Error", "Cause"}`. JSONPath: the
 * catcher's ResultPath (default `$`) places it into the state's raw input, and no OutputPath applies. JSONata: the
 * catcher's Output (default: the error output) with `$states.errorOutput`; its Assign likewise.
 */
import type { StatesError } from './errors';
import { evaluateAssign, placeResult } from './io';
import { errorMatches } from './retry';
import type { StateContext } from './state-context';

export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  readonly ResultPath?: string | null;
  readonly Output?: unknown;
  readonly Assign?: unknown;
}

export interface CaughtOutcome {
  readonly output: unknown;
  readonly next: string;
  readonly assigned?: Record<string, unknown>;
}

/**
 * The error output of an error: `{"Error": …, "Cause": …}`; an error without a cause (a Task timeout) has an empty
 * Cause (recorded AWS executions: a caught States.Timeout gives `{"Error":"States.Timeout","Cause":""}`), while the
 * execution's own failure then reports no cause.
 */
export function errorOutput(error: StatesError): Record<string, unknown> {
  return { Error: error.error, Cause: error.cause };
}

export async function applyCatch(ctx: StateContext, error: StatesError): Promise<CaughtOutcome | undefined> {
  const catchers = (ctx.state.Catch ?? []) as readonly Catcher[];
  const catcher = catchers.find((c) => errorMatches(c.ErrorEquals, error.error));
  if (!catcher) return undefined;
  const errorValue = errorOutput(error);
  const assigned = await evaluateAssign(ctx, catcher.Assign, { input: errorValue, errorOutput: errorValue });
  const output = ctx.isJsonata
    ? catcher.Output === undefined
      ? errorValue
      : await ctx.jsonata(catcher.Output, ctx.states({ errorOutput: errorValue }), 'Output')
    : await placeResult(ctx, errorValue, catcher.ResultPath === undefined ? '$' : catcher.ResultPath, '$');
  return { output, next: catcher.Next, assigned };
}
