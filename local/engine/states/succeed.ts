/**
 * Succeed (ASL specification, "Succeed State"): ends its line of states successfully. JSONPath: InputPath →
 * OutputPath. JSONata: Output (default: the input).
 */
import { applyInputPath, applyOutputPath, jsonataOutput } from '../io';
import type { StateContext } from '../state-context';
import type { StateOutcome } from '../state-kind';

export async function runSucceed(ctx: StateContext): Promise<StateOutcome> {
  if (ctx.isJsonata) return { output: await jsonataOutput(ctx, ctx.states(), ctx.rawInput) };
  return { output: await applyOutputPath(ctx, await applyInputPath(ctx)) };
}
