/**
 * Task (ASL specification, "Task State"; Developer Guide, "Task workflow state"). Each attempt: (a task token for
 * `.waitForTaskToken`, so that `$$.Task.Token` can be read) → JSONPath InputPath → Parameters, or JSONata Arguments →
 * TimeoutSeconds(Path)/HeartbeatSeconds(Path) resolved (the Path forms against the input after InputPath) → the
 * handler → ResultSelector → Assign → ResultPath → OutputPath, or JSONata Output and Assign with `$states.result`.
 * Retry and Catch wrap the attempt. `Credentials` is accepted and not used locally.
 */
import { applyInputPath, effectiveInput, evaluateAssign, jsonataArguments, jsonataOutput, placeResult, selectResult } from '../io';
import { readResource } from '../resource';
import type { StateContext } from '../state-context';
import { invokeTask } from '../task-invoke';
import { withRetryAndCatch } from '../error-handling';
import { transition, type StateOutcome } from '../state-kind';

function positiveInteger(ctx: StateContext, value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0 || value > 99999999) {
    throw ctx.runtimeError(`The ${field} value ${JSON.stringify(value ?? null)} is not valid: it must be a positive integer.`);
  }
  return value;
}

async function seconds(ctx: StateContext, field: 'TimeoutSeconds' | 'HeartbeatSeconds'): Promise<number | undefined> {
  const state = ctx.state;
  if (ctx.isJsonata) {
    if (state[field] === undefined) return undefined;
    return positiveInteger(ctx, await ctx.jsonata(state[field], ctx.states(), field), field);
  }
  if (state[field] !== undefined) return positiveInteger(ctx, state[field], field);
  const path = state[`${field}Path`];
  if (path === undefined) return undefined;
  const afterInputPath = await applyInputPath(ctx);
  const value = await ctx.evaluate(() => ctx.runtime.languages.jsonPath.evaluatePath(path as string, ctx.pathScope(afterInputPath)));
  return positiveInteger(ctx, value, `${field}Path`);
}

async function attempt(ctx: StateContext): Promise<StateOutcome> {
  const info = readResource(ctx.state.Resource as string);
  const callback = info.pattern === 'waitForTaskToken' ? ctx.runtime.tokens.issue() : undefined;
  ctx.taskToken = callback?.token;
  const parameters = ctx.isJsonata ? await jsonataArguments(ctx) : await effectiveInput(ctx);
  const timeoutSeconds = await seconds(ctx, 'TimeoutSeconds');
  const heartbeatSeconds = await seconds(ctx, 'HeartbeatSeconds');
  if (heartbeatSeconds !== undefined && timeoutSeconds !== undefined && heartbeatSeconds >= timeoutSeconds) {
    throw ctx.runtimeError(`HeartbeatSeconds (${heartbeatSeconds}) must be smaller than TimeoutSeconds (${timeoutSeconds}).`);
  }
  const result = await invokeTask(ctx, { info, parameters, timeoutSeconds, heartbeatSeconds, callback });
  if (ctx.isJsonata) {
    const binding = ctx.states({ result });
    const assigned = await evaluateAssign(ctx, ctx.state.Assign, { input: ctx.rawInput, result });
    const output = await jsonataOutput(ctx, binding, result);
    return { output, next: transition(ctx), assigned };
  }
  const selected = await selectResult(ctx, result);
  const assigned = await evaluateAssign(ctx, ctx.state.Assign, { input: selected, result: selected });
  const output = await placeResult(ctx, selected);
  return { output, next: transition(ctx), assigned };
}

export function runTask(ctx: StateContext): Promise<StateOutcome> {
  return withRetryAndCatch(ctx, () => attempt(ctx));
}
