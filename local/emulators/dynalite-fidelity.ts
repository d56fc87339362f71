/**
 * What dynalite leaves out of DynamoDB's answers and the stacks' functions rely on, added where dynalite decides.
 *
 * `ReturnValuesOnConditionCheckFailure: ALL_OLD` (PutItem, UpdateItem, DeleteItem): when a condition fails,
 * DynamoDB returns the item that is there in the ConditionalCheckFailedException's `Item`
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html#DDB-DeleteItem-request-ReturnValuesOnConditionCheckFailure).
 * dynalite drops the parameter as unknown when it validates the request; it is declared on the three write actions'
 * request types (with DynamoDB's allowed values), and every write action asks `db.checkConditional`, so the item is
 * added to the error there.
 *
 * The order of an item's attributes in DynamoDB's answers (GetItem, Query, Scan, BatchGetItem, ReturnValues): AWS
 * documents none, and a client must not rely on one. dynalite answers them in the order they were written; the
 * seed of sfn-dynamodb shows DynamoDB answering `{"description":…,"id":…}` for an item put as `{id, description}`
 * (its DescribeExecution output is the GetItem answer, pasted from a run of id 123456; the same seed's get-item
 * printout shows `id` first, but looks written by hand: its description lacks the period the workflow writes).
 * Ours: an item's attribute names in UTF-8 byte order, the order DynamoDB gives string keys; the members of a Map
 * attribute stay as written. (Names that are array indices,
 * "0", "17", come first in ascending number order: a JavaScript object keeps them so.) Items are ordered as they
 * are stored, so every answer agrees; items stored by an earlier version keep their order until written again.
 */

interface DynaliteValidation {
  types: Record<string, { type: string; enum?: string[] }>;
}

interface ItemStore {
  put(key: string, item: Record<string, unknown>, callback: (err?: Error) => void): void;
}

interface DynaliteStore {
  getItemDb(table: string): ItemStore;
  getIndexDb(indexType: string, table: string, index: string): ItemStore;
}

interface DynaliteDb {
  create(options: unknown): DynaliteStore;
  __ordersItemAttributes?: true;
  checkConditional(data: Record<string, unknown>, existingItem: unknown): (Error & { body?: Record<string, unknown> }) | undefined;
  __returnsItemOnConditionFailure?: true;
}

export function addConditionFailureItems(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const db = require('dynalite/db') as DynaliteDb;
  if (db.__returnsItemOnConditionFailure) return;
  const checkConditional = db.checkConditional.bind(db);
  for (const action of ['putItem', 'updateItem', 'deleteItem']) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const validation = require(`dynalite/validations/${action}`) as DynaliteValidation;
    validation.types.ReturnValuesOnConditionCheckFailure = { type: 'String', enum: ['ALL_OLD', 'NONE'] };
  }
  db.checkConditional = (data, existingItem) => {
    const failure = checkConditional(data, existingItem);
    if (failure?.body && existingItem && data.ReturnValuesOnConditionCheckFailure === 'ALL_OLD') failure.body.Item = existingItem;
    return failure;
  };
  db.__returnsItemOnConditionFailure = true;
}

/** Has every store dynalite creates from now on keep an item's attribute names in UTF-8 byte order (above). */
export function orderItemAttributes(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const db = require('dynalite/db') as DynaliteDb;
  if (db.__ordersItemAttributes) return;
  const create = db.create.bind(db);
  db.create = (options) => {
    const store = create(options);
    const ordered = new WeakMap<ItemStore, ItemStore>();
    const ordering = (sub: ItemStore): ItemStore => {
      let wrapper = ordered.get(sub);
      if (!wrapper) {
        // The sub-store's other members (its lock) are read through the prototype.
        wrapper = Object.create(sub, {
          put: { value: (key: string, item: Record<string, unknown>, callback: (err?: Error) => void) => sub.put(key, sortAttributes(item), callback) },
        }) as ItemStore;
        ordered.set(sub, wrapper);
      }
      return wrapper;
    };
    const getItemDb = store.getItemDb.bind(store);
    const getIndexDb = store.getIndexDb.bind(store);
    store.getItemDb = (table) => ordering(getItemDb(table));
    store.getIndexDb = (indexType, table, index) => ordering(getIndexDb(indexType, table, index));
    return store;
  };
  db.__ordersItemAttributes = true;
}

/**
 * Reorders the item's own attributes in place (UpdateItem answers ALL_NEW with the very object it stores, so the
 * answer and the stored item agree) and answers it.
 */
export function sortAttributes<T extends Record<string, unknown>>(item: T): T {
  const names = Object.keys(item);
  const sorted = [...names].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
  if (sorted.every((name, i) => name === names[i])) return item;
  const values = sorted.map((name) => item[name]);
  for (const name of names) delete item[name];
  sorted.forEach((name, i) => ((item as Record<string, unknown>)[name] = values[i]));
  return item;
}
