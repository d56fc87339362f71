/**
 * ItemBatcher (Developer Guide, "ItemBatcher (Map)"): groups items so that one child execution processes several.
 * Each child's input is `{"BatchInput": <BatchInput>, "Items": [...]}` (`BatchInput` only when set), items in
 * reading order, after ItemSelector. A batch closes when it holds MaxItemsPerBatch items or when one more item would
 * make the child's input larger than MaxInputBytesPerBatch (at most 256 KiB, also the limit when neither is set).
 */
import { StatesError, STATES_ERRORS } from '../errors';

/** "MaxInputBytesPerBatch … up to 256 KiB" (ItemBatcher); also the payload limit of a child's input. */
export const MAX_BATCH_BYTES = 256 * 1024;

export interface ItemBatcherConfig {
  /** MaxItemsPerBatch, or the value MaxItemsPerBatchPath selected (resolved by the core, see map-run.ts). */
  readonly MaxItemsPerBatch?: number;
  /** MaxInputBytesPerBatch, or the value MaxInputBytesPerBatchPath selected. */
  readonly MaxInputBytesPerBatch?: number;
  /** BatchInput, rendered (JSONPath payload template or JSONata). */
  readonly BatchInput?: unknown;
}

export interface Batch {
  readonly BatchInput?: unknown;
  readonly Items: unknown[];
}

/** A batch and the indexes (in reading order) of the items it holds. */
export interface IndexedBatch {
  readonly input: Batch;
  readonly first: number;
  readonly count: number;
}

const utf8Bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');

/**
 * Splits items into batches. An item that alone makes a child's input exceed the byte limit fails the Map Run
 * (`States.ItemReaderFailed`; AWS documents no cause text for it, ours names the sizes).
 */
export function batchItems(items: readonly unknown[], config: ItemBatcherConfig): IndexedBatch[] {
  const maxItems = config.MaxItemsPerBatch && config.MaxItemsPerBatch > 0 ? config.MaxItemsPerBatch : Number.MAX_SAFE_INTEGER;
  // Assumed: a value over 256 KiB (possible only through the Path field) is held to 256 KiB.
  const maxBytes = Math.min(config.MaxInputBytesPerBatch && config.MaxInputBytesPerBatch > 0 ? config.MaxInputBytesPerBatch : MAX_BATCH_BYTES, MAX_BATCH_BYTES);
  const hasBatchInput = config.BatchInput !== undefined;
  // The bytes of `{"BatchInput":…,"Items":[]}` or `{"Items":[]}`: what every child's input starts with.
  const baseBytes = utf8Bytes(hasBatchInput ? { BatchInput: config.BatchInput, Items: [] } : { Items: [] });
  const batches: IndexedBatch[] = [];
  let current: unknown[] = [];
  let first = 0;
  let bytes = baseBytes;
  const close = () => {
    if (current.length === 0) return;
    batches.push({ input: hasBatchInput ? { BatchInput: config.BatchInput, Items: current } : { Items: current }, first, count: current.length });
    first += current.length;
    current = [];
    bytes = baseBytes;
  };
  for (const item of items) {
    const itemBytes = utf8Bytes(item);
    if (baseBytes + itemBytes > maxBytes) {
      throw new StatesError(
        STATES_ERRORS.ItemReaderFailed,
        `Item ${first + current.length} makes a batch of ${baseBytes + itemBytes} bytes, over MaxInputBytesPerBatch (${maxBytes} bytes): raise MaxInputBytesPerBatch or make the item smaller.`,
      );
    }
    const added = itemBytes + (current.length > 0 ? 1 : 0); // the comma between items
    if (current.length >= maxItems || bytes + added > maxBytes) close();
    bytes += itemBytes + (current.length > 0 ? 1 : 0);
    current.push(item);
  }
  close();
  return batches;
}
