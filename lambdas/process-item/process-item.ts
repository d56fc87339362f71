import { z } from 'zod';
import { parseEvent, ValidationError } from '../shared/errors';
import { fromDynamoDbJson, type PlainValue } from './dynamodb-json';

/**
 * What the parallel-map workflow sends for each item (its Map ItemSelector): the item, its position in the
 * list, and how the item is encoded — `dynamodb` when the list came from a DynamoDB item (inline mode),
 * `plain` when it came from an S3 JSON or CSV object (distributed mode).
 */
export const processItemEventSchema = z
  .object({
    item: z.unknown().refine((v) => v !== undefined, { message: 'is missing; the workflow sends {"item": …, "index": n, "encoding": …}' }),
    index: z.number().int().min(0),
    encoding: z.enum(['dynamodb', 'plain']),
  })
  .strict();

export type ProcessItemEvent = z.infer<typeof processItemEventSchema>;

export interface ProcessedItem {
  readonly index: number;
  readonly encoding: ProcessItemEvent['encoding'];
  /** The item as received. */
  readonly received: unknown;
  /** The item as plain JSON: what the function returns. */
  readonly value: PlainValue;
}

/** Validates the event and converts its item to plain JSON. */
export function processItem(event: unknown): ProcessedItem {
  const parsed = parseEvent(processItemEventSchema, event, 'process-item event');
  const value = parsed.encoding === 'dynamodb' ? fromDynamoDbJson(parsed.item) : asPlain(parsed.item);
  return { index: parsed.index, encoding: parsed.encoding, received: parsed.item, value };
}

function asPlain(item: unknown): PlainValue {
  // The event arrived as JSON, so anything but undefined is JSON already; this only narrows the type.
  if (item === undefined) throw new ValidationError('Invalid process-item event: item is missing.');
  return item as PlainValue;
}
