/**
 * What a Map or Parallel state does with its result, in each query language (Developer Guide, "Processing input
 * and output in Step Functions"; "Passing data between states with variables"). JSONata: Assign with
 * `$states.result`, then Output. JSONPath: ResultSelector, Assign (its `$` is the selected result), then ResultPath
 * and OutputPath.
 */
import { evaluateAssign, jsonataOutput, placeResult, selectResult } from '../io';
import type { StateContext } from '../state-context';
import { transition, type StateOutcome } from '../state-kind';

export async function outcomeOfResult(ctx: StateContext, result: unknown): Promise<StateOutcome> {
  if (ctx.isJsonata) {
    const assigned = await evaluateAssign(ctx, ctx.state.Assign, { input: ctx.rawInput, result });
    return { output: await jsonataOutput(ctx, ctx.states({ result }), result), next: transition(ctx), assigned };
  }
  const selected = await selectResult(ctx, result);
  const assigned = await evaluateAssign(ctx, ctx.state.Assign, { input: selected, result: selected });
  return { output: await placeResult(ctx, selected), next: transition(ctx), assigned };
}
