/**
 * Input and output processing, in the order AWS documents it (Developer Guide, "Processing input and output in Step
 * Functions"; ASL specification, "Input and Output Processing"):
 *
 * - JSONPath: InputPath → Parameters → (the work) → ResultSelector → ResultPath → OutputPath. `InputPath: null` and
 *   `OutputPath: null` give `{}`; `ResultPath: null` keeps the raw input; ResultPath applies to the raw input.
 * - JSONata: Arguments → (the work) → Output; Output and Assign both see `$states.result`; no Output means the result
 *   (or, for states without a result, the input).
 * - Assign (both languages) is evaluated against the values the state entered with, and applied when it leaves.
 */
import { json } from './history';
import { checkPayload } from './limits';
import type { MapItemFacts } from './context-object';
import type { StatesBinding } from './query-languages';
import type { StateContext } from './state-context';

/** JSONPath: the raw input through InputPath. */
export async function applyInputPath(ctx: StateContext): Promise<unknown> {
  const path = ctx.state.InputPath;
  if (path === null) return {};
  if (path === undefined || path === '$') return ctx.rawInput;
  return ctx.evaluate(() => ctx.runtime.languages.jsonPath.evaluatePath(path as string, ctx.pathScope(ctx.rawInput)));
}

/** JSONPath: a payload template (Parameters, ResultSelector, ItemSelector) rendered against `input`. */
export function renderTemplate(ctx: StateContext, template: unknown, input: unknown, mapItem?: MapItemFacts): Promise<unknown> {
  return ctx.evaluate(() => ctx.runtime.languages.jsonPath.renderTemplate(template, ctx.pathScope(input, { mapItem })));
}

/** JSONPath: the effective input (InputPath, then Parameters), checked against the payload quota. */
export async function effectiveInput(ctx: StateContext): Promise<unknown> {
  const afterInputPath = await applyInputPath(ctx);
  if (ctx.state.Parameters === undefined) return afterInputPath;
  const parameters = await renderTemplate(ctx, ctx.state.Parameters, afterInputPath);
  checkPayload(parameters, ctx.name, 'input');
  return parameters;
}

/** JSONPath: ResultSelector over a Task, Map or Parallel result. */
export async function selectResult(ctx: StateContext, result: unknown): Promise<unknown> {
  if (ctx.state.ResultSelector === undefined) return result;
  return renderTemplate(ctx, ctx.state.ResultSelector, result);
}

/** JSONPath: ResultPath (onto the raw input) then OutputPath. */
export async function placeResult(ctx: StateContext, result: unknown, resultPath: unknown = ctx.state.ResultPath, outputPath: unknown = ctx.state.OutputPath): Promise<unknown> {
  const combined = await ctx.evaluate(() =>
    ctx.runtime.languages.jsonPath.applyResultPath(ctx.rawInput, resultPath as string | null | undefined, result),
  );
  return applyOutputPath(ctx, combined, outputPath);
}

export async function applyOutputPath(ctx: StateContext, value: unknown, outputPath: unknown = ctx.state.OutputPath): Promise<unknown> {
  if (outputPath === null) return {};
  if (outputPath === undefined || outputPath === '$') return value;
  return ctx.evaluate(() => ctx.runtime.languages.jsonPath.evaluatePath(outputPath as string, ctx.pathScope(value)));
}

/** JSONata: Arguments (or the raw input when there are none). */
export async function jsonataArguments(ctx: StateContext): Promise<unknown> {
  if (ctx.state.Arguments === undefined) return ctx.rawInput;
  const args = await ctx.jsonata(ctx.state.Arguments, ctx.states(), 'Arguments');
  checkPayload(args, ctx.name, 'input');
  return args;
}

/** JSONata: Output (or `fallback` when the state has none). */
export async function jsonataOutput(ctx: StateContext, binding: StatesBinding, fallback: unknown, output: unknown = ctx.state.Output): Promise<unknown> {
  if (output === undefined) return fallback;
  return ctx.jsonata(output, binding, 'Output');
}

/** What an Assign evaluates against: `$` (JSONPath) and `$states`. */
export interface AssignSource {
  /** JSONPath's `$` in Assign: the result (after ResultSelector), the error output, or the effective input. */
  readonly input: unknown;
  readonly result?: unknown;
  readonly errorOutput?: unknown;
}

/** Evaluates an Assign block; undefined when there is none. */
export async function evaluateAssign(ctx: StateContext, assign: unknown, source: AssignSource): Promise<Record<string, unknown> | undefined> {
  if (assign === undefined) return undefined;
  const extra: { result?: unknown; errorOutput?: unknown } = {};
  if ('result' in source) extra.result = source.result;
  if ('errorOutput' in source) extra.errorOutput = source.errorOutput;
  const binding = ctx.states(extra);
  const values = ctx.isJsonata
    ? await ctx.jsonata(assign, binding, 'Assign')
    : await ctx.evaluate(() => ctx.runtime.languages.jsonPath.renderTemplate(assign, ctx.pathScope(source.input, { states: binding })));
  const assigned = (values ?? {}) as Record<string, unknown>;
  checkPayload(assigned, ctx.name, 'output');
  return assigned;
}

/** `assignedVariables` of a StateExited event: each value as JSON text. */
export function assignedVariablesDetails(assigned: Record<string, unknown>): Record<string, unknown> {
  const texts: Record<string, string> = {};
  for (const [name, value] of Object.entries(assigned)) texts[name] = json(value);
  return { assignedVariables: texts, assignedVariablesDetails: { truncated: false } };
}
