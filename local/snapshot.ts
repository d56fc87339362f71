import type { PlainItem, PublishedMessage } from './emulators';
import type { TableModel } from './stack-model';

/** Everything the stack holds: table items as plain JSON, bucket objects as text, published messages. */
export interface Snapshot {
  readonly tables: Record<string, PlainItem[]>;
  readonly buckets: Record<string, Record<string, string>>;
  readonly messages: PublishedMessage[];
}

export interface Change<T> {
  readonly kind: 'added' | 'changed' | 'removed';
  readonly key: string;
  readonly before?: T;
  readonly after?: T;
}

/** What an execution changed: per table and bucket (only those with changes), and the new messages. */
export interface SnapshotDiff {
  readonly tables: Record<string, Change<PlainItem>[]>;
  readonly buckets: Record<string, Change<string>[]>;
  readonly messages: PublishedMessage[];
}

export function diffSnapshots(before: Snapshot, after: Snapshot, tables: readonly TableModel[]): SnapshotDiff {
  const tableChanges: Record<string, Change<PlainItem>[]> = {};
  for (const table of tables) {
    const keyOf = (item: PlainItem) =>
      JSON.stringify(table.rangeKey ? [item[table.hashKey.name], item[table.rangeKey.name]] : item[table.hashKey.name]);
    const changes = diffMaps(indexBy(before.tables[table.name] ?? [], keyOf), indexBy(after.tables[table.name] ?? [], keyOf));
    if (changes.length > 0) tableChanges[table.name] = changes;
  }
  const bucketChanges: Record<string, Change<string>[]> = {};
  for (const bucket of Object.keys(after.buckets)) {
    const changes = diffMaps(new Map(Object.entries(before.buckets[bucket] ?? {})), new Map(Object.entries(after.buckets[bucket])));
    if (changes.length > 0) bucketChanges[bucket] = changes;
  }
  const seen = new Set(before.messages.map((m) => m.messageId));
  return { tables: tableChanges, buckets: bucketChanges, messages: after.messages.filter((m) => !seen.has(m.messageId)) };
}

export function isEmptyDiff(diff: SnapshotDiff): boolean {
  return Object.keys(diff.tables).length === 0 && Object.keys(diff.buckets).length === 0 && diff.messages.length === 0;
}

function indexBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [keyOf(item), item]));
}

function diffMaps<T>(before: Map<string, T>, after: Map<string, T>): Change<T>[] {
  const changes: Change<T>[] = [];
  for (const [key, value] of after) {
    const old = before.get(key);
    if (old === undefined) changes.push({ kind: 'added', key, after: value });
    else if (JSON.stringify(old) !== JSON.stringify(value)) changes.push({ kind: 'changed', key, before: old, after: value });
  }
  for (const [key, value] of before) if (!after.has(key)) changes.push({ kind: 'removed', key, before: value });
  return changes;
}
