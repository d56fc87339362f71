/**
 * The fields of a Map state in DISTRIBUTED mode, evaluated when the state runs (Developer Guide, "Map state in
 * Distributed mode", "ItemReader (Map)", "ItemBatcher (Map)", "ResultWriter (Map)"): ItemReader's Parameters
 * (JSONPath payload template) or Arguments (JSONata), ReaderConfig with MaxItemsPath resolved, ItemBatcher with its
 * `…Path` fields resolved and BatchInput rendered, ResultWriter's Parameters or Arguments. In JSONata every one of
 * these objects may hold `{% %}` expressions anywhere. The run itself is ../distributed-map/run-distributed-map.ts.
 */
import type { ItemBatcherConfig } from '../distributed-map/item-batcher';
import type { ItemReaderSpec, ReaderConfig } from '../distributed-map/item-reader';
import { integerFromPath } from '../distributed-map/map-run';
import type { ResultWriterSpec } from '../distributed-map/result-writer';
import { renderTemplate } from '../io';
import type { StateContext } from '../state-context';

type Fields = Readonly<Record<string, unknown>>;

/** A `…Path` field's value, as an integer (recorded AWS cause: `The MaxItemsPath field refers to value "1.5" which is not a valid integer: $.MaxItems`). */
async function integerAt(ctx: StateContext, field: string, path: string, input: unknown): Promise<number> {
  const value = await ctx.evaluate(() => ctx.runtime.languages.jsonPath.evaluatePath(path, ctx.pathScope(input), field));
  return ctx.evaluate(() => integerFromPath(field, value, path));
}

/** A JSONata-rendered count: an integer, or a States.Runtime error naming the field. */
function integerOf(ctx: StateContext, field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw ctx.runtimeError(`The ${field} field must be an integer, but its value is ${JSON.stringify(value)}.`);
  }
  return value;
}

/** Renders one field object: JSONata expressions anywhere (JSONata), or left as written (JSONPath). */
async function rendered(ctx: StateContext, value: unknown, location: string): Promise<Fields | undefined> {
  if (value === undefined) return undefined;
  if (!ctx.isJsonata) return value as Fields;
  return (await ctx.jsonata(value, ctx.states(), location)) as Fields;
}

export async function itemReaderSpec(ctx: StateContext, input: unknown): Promise<ItemReaderSpec | undefined> {
  const reader = await rendered(ctx, ctx.state.ItemReader, 'ItemReader');
  if (!reader) return undefined;
  let config = (reader.ReaderConfig ?? {}) as ReaderConfig & { MaxItemsPath?: string };
  if (ctx.isJsonata) {
    config = { ...config, MaxItems: integerOf(ctx, 'MaxItems', config.MaxItems) };
  } else if (config.MaxItemsPath !== undefined) {
    const { MaxItemsPath, ...rest } = config;
    config = { ...rest, MaxItems: await integerAt(ctx, 'MaxItemsPath', MaxItemsPath, input) };
  }
  const spec: { Resource: string; ReaderConfig: ReaderConfig; Parameters?: Fields; Arguments?: Fields } = { Resource: String(reader.Resource), ReaderConfig: config };
  if (ctx.isJsonata) spec.Arguments = reader.Arguments as Fields | undefined;
  else if (reader.Parameters !== undefined) spec.Parameters = (await renderTemplate(ctx, reader.Parameters, input)) as Fields;
  return spec;
}

export async function itemBatcherSpec(ctx: StateContext, input: unknown): Promise<ItemBatcherConfig | undefined> {
  const batcher = await rendered(ctx, ctx.state.ItemBatcher, 'ItemBatcher');
  if (!batcher) return undefined;
  if (ctx.isJsonata) {
    return {
      MaxItemsPerBatch: integerOf(ctx, 'MaxItemsPerBatch', batcher.MaxItemsPerBatch),
      MaxInputBytesPerBatch: integerOf(ctx, 'MaxInputBytesPerBatch', batcher.MaxInputBytesPerBatch),
      BatchInput: batcher.BatchInput,
    };
  }
  const limit = async (name: string): Promise<number | undefined> => {
    const path = batcher[`${name}Path`];
    if (typeof path === 'string') return integerAt(ctx, `${name}Path`, path, input);
    return batcher[name] as number | undefined;
  };
  return {
    MaxItemsPerBatch: await limit('MaxItemsPerBatch'),
    MaxInputBytesPerBatch: await limit('MaxInputBytesPerBatch'),
    BatchInput: batcher.BatchInput === undefined ? undefined : await renderTemplate(ctx, batcher.BatchInput, input),
  };
}

export async function resultWriterSpec(ctx: StateContext, input: unknown): Promise<ResultWriterSpec | undefined> {
  const writer = await rendered(ctx, ctx.state.ResultWriter, 'ResultWriter');
  if (!writer) return undefined;
  const spec: { Resource?: string; WriterConfig?: Fields; Parameters?: Fields; Arguments?: Fields } = {};
  if (writer.Resource !== undefined) spec.Resource = String(writer.Resource);
  if (writer.WriterConfig !== undefined) spec.WriterConfig = writer.WriterConfig as Fields;
  if (ctx.isJsonata) spec.Arguments = writer.Arguments as Fields | undefined;
  else if (writer.Parameters !== undefined) spec.Parameters = (await renderTemplate(ctx, writer.Parameters, input)) as Fields;
  return spec;
}

/**
 * `$$.Map.Item.Source` (Developer Guide, "Accessing execution data from the Context object", Map state): `STATE_DATA`
 * for items from the state input, the bucket's S3 URI for a listObjectsV2 listing, the object's S3 URI otherwise. The
 * guide writes the scheme `S3://`; we assume the usual lowercase `s3://` of an S3 URI.
 */
export function itemSource(reader: ItemReaderSpec | undefined): string {
  if (!reader) return 'STATE_DATA';
  const params = reader.Arguments ?? reader.Parameters ?? {};
  const bucket = String(params.Bucket ?? '');
  if (/:s3:listObjectsV2$/.test(reader.Resource)) return `s3://${bucket}`;
  return `s3://${bucket}/${String(params.Key ?? '')}`;
}
