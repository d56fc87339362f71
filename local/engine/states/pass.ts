/**
 * Pass (ASL specification, "Pass State"; Developer Guide, "Pass workflow state"). JSONPath: InputPath → Parameters →
 * the result is Result when given, else the effective input → ResultPath → OutputPath; Assign's `$` is that result.
 * JSONata: Output (default: the input), Assign with `$states.input`.
 */
import { effectiveInput, evaluateAssign, jsonataOutput, placeResult } from '../io';
import type { StateContext } from '../state-context';
import { transition, type StateOutcome } from '../state-kind';

export async function runPass(ctx: StateContext): Promise<StateOutcome> {
  if (ctx.isJsonata) {
    const binding = ctx.states();
    const assigned = await evaluateAssign(ctx, ctx.state.Assign, { input: ctx.rawInput });
    const output = await jsonataOutput(ctx, binding, ctx.rawInput);
    return { output, next: transition(ctx), assigned };
  }
  const result = ctx.state.Result !== undefined ? ctx.state.Result : await effectiveInput(ctx);
  const assigned = await evaluateAssign(ctx, ctx.state.Assign, { input: result });
  const output = await placeResult(ctx, result);
  return { output, next: transition(ctx), assigned };
}
