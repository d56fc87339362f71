import { StatesError } from '../../../../local/engine/errors';
import { InMemoryObjectStore } from '../../../../local/engine/distributed-map/object-store';

export const GET = 'arn:aws:states:::s3:getObject';
export const LIST = 'arn:aws:states:::s3:listObjectsV2';

/** A store with bucket `b` holding `objects` (key → body). */
export function storeWith(objects: Record<string, string | Buffer> = {}, buckets = ['b']): InMemoryObjectStore {
  const store = new InMemoryObjectStore(buckets, { now: () => new Date('2024-05-01T10:00:00.000Z') });
  for (const [key, body] of Object.entries(objects)) store.put('b', key, body);
  return store;
}

/** The StatesError a promise rejects with (fails the test when it resolves or rejects otherwise). */
export async function statesError(promise: Promise<unknown> | (() => unknown)): Promise<StatesError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    if (err instanceof StatesError) return err;
    throw err;
  }
  throw new Error('expected a StatesError, but it succeeded');
}
