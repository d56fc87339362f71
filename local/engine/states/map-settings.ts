/**
 * What a Map state reads before it runs its iterations (ASL specification, "Map State"; Developer Guide, "Map state",
 * "Map state in Inline mode", "Map state in Distributed mode"): the items (ItemsPath, default `$`, over the input
 * after InputPath; JSONata Items, default the input), MaxConcurrency(Path), ToleratedFailureCount/Percentage(Path).
 * The values the Path forms select are checked when the state runs.
 */
import { applyInputPath } from '../io';
import { INLINE_MAP_MAX_CONCURRENCY } from '../limits';
import type { StateContext } from '../state-context';

/** INLINE or DISTRIBUTED: ItemProcessor.ProcessorConfig.Mode (the deprecated Iterator is always INLINE). */
export function mapMode(state: Readonly<Record<string, unknown>>): 'INLINE' | 'DISTRIBUTED' {
  const processor = state.ItemProcessor as { ProcessorConfig?: { Mode?: string } } | undefined;
  return processor?.ProcessorConfig?.Mode === 'DISTRIBUTED' ? 'DISTRIBUTED' : 'INLINE';
}

export interface MapSettings {
  /** The input ItemSelector reads (JSONPath: after InputPath; JSONata: the raw input). */
  readonly input: unknown;
  readonly items: unknown[];
  readonly concurrency: number;
  /** Undefined: no tolerance set (the first failed iteration fails the Map with its own error). */
  readonly toleratedCount?: number;
  readonly toleratedPercentage?: number;
}

/** A value as AWS quotes it in these causes: `"NoNumber"`, `"{}"` (its text, in double quotes). */
function quoted(value: unknown): string {
  return `"${typeof value === 'string' ? value : JSON.stringify(value ?? null)}"`;
}

async function field(ctx: StateContext, name: string, input: unknown): Promise<{ value: unknown; from: string; path?: string } | undefined> {
  const state = ctx.state;
  if (ctx.isJsonata) {
    if (state[name] === undefined) return undefined;
    return { value: await ctx.jsonata(state[name], ctx.states(), name), from: name };
  }
  if (state[name] !== undefined) return { value: state[name], from: name };
  const path = state[`${name}Path`];
  if (path === undefined) return undefined;
  const value = await ctx.evaluate(() => ctx.runtime.languages.jsonPath.evaluatePath(path as string, ctx.pathScope(input), `${name}Path`));
  return { value, from: `${name}Path`, path: path as string };
}

/**
 * A count read from MaxConcurrency(Path) or ToleratedFailureCount(Path), with the causes AWS writes (recorded: "The
 * MaxConcurrencyPath field refers to value \"NoNumber\" which is not a valid integer: $.x", "ToleratedFailureCount
 * cannot be negative.").
 */
function nonNegativeInteger(ctx: StateContext, found: { value: unknown; from: string; path?: string }, name: string): number {
  const { value, from, path } = found;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    if (path !== undefined) throw ctx.runtimeError(`The ${from} field refers to value ${quoted(value)} which is not a valid integer: ${path}`);
    throw ctx.runtimeError(`The ${from} field must be an integer, but its value is ${JSON.stringify(value ?? null)}.`);
  }
  if (value < 0) throw ctx.runtimeError(`${name} cannot be negative.`);
  return value;
}

/** A percentage read from ToleratedFailurePercentage(Path) (recorded: "… which is not a valid float: $.x",
 * "ToleratedFailurePercentage must be between 0 and 100."). */
function percentageOf(ctx: StateContext, found: { value: unknown; from: string; path?: string }): number {
  const { value, from, path } = found;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    if (path !== undefined) throw ctx.runtimeError(`The ${from} field refers to value ${quoted(value)} which is not a valid float: ${path}`);
    throw ctx.runtimeError(`The ${from} field must be a number, but its value is ${JSON.stringify(value ?? null)}.`);
  }
  if (value < 0 || value > 100) throw ctx.runtimeError('ToleratedFailurePercentage must be between 0 and 100.');
  return value;
}

export async function readMapSettings(ctx: StateContext, readerItems?: unknown[]): Promise<MapSettings> {
  const input = ctx.isJsonata ? ctx.rawInput : await applyInputPath(ctx);
  let items: unknown;
  if (readerItems) {
    items = readerItems;
  } else if (ctx.isJsonata) {
    items = ctx.state.Items === undefined ? input : await ctx.jsonata(ctx.state.Items, ctx.states(), 'Items');
    if (!Array.isArray(items)) throw ctx.jsonataTypeError(ctx.state.Items ?? '{% $states.input %}', 'Items', 'array', items);
  } else {
    const itemsPath = (ctx.state.ItemsPath as string | undefined) ?? '$';
    items = await ctx.evaluate(() => ctx.runtime.languages.jsonPath.evaluatePath(itemsPath, ctx.pathScope(input)));
    // AWS's text (quoted by the JSONata module's notes): "Map state input must be an array but was: 1".
    if (!Array.isArray(items)) throw ctx.runtimeError(`Map state input must be an array but was: ${JSON.stringify(items ?? null)}`);
  }
  const maxConcurrency = await field(ctx, 'MaxConcurrency', input);
  const limit = maxConcurrency ? nonNegativeInteger(ctx, maxConcurrency, 'MaxConcurrency') : 0;
  const inline = mapMode(ctx.state) !== 'DISTRIBUTED';
  const ceiling = inline ? INLINE_MAP_MAX_CONCURRENCY : 10_000;
  const count = await field(ctx, 'ToleratedFailureCount', input);
  const percentage = await field(ctx, 'ToleratedFailurePercentage', input);
  return {
    input,
    items: items as unknown[],
    concurrency: limit === 0 ? ceiling : Math.min(limit, ceiling),
    toleratedCount: count ? nonNegativeInteger(ctx, count, 'ToleratedFailureCount') : undefined,
    toleratedPercentage: percentage ? percentageOf(ctx, percentage) : undefined,
  };
}
