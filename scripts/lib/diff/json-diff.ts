import { canonical, isObject, parseEmbeddedJson, type Json } from '../asl/json';

/** One leaf-level difference between two JSON values. */
export interface ValueChange {
  /** Where, e.g. `policy.Statement[0].Action[1]` or `Parameters.Item.description["S.$"]`. */
  readonly path: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: Json;
  readonly after?: Json;
}

/**
 * The differences between two JSON values, attribute by attribute. Strings that hold JSON (IAM policies, say)
 * are compared as parsed JSON, so a reordered key is no change and an added action is one line. Arrays are
 * aligned (longest common subsequence) so that one inserted element is one change, not a shifted tail.
 */
export function diffJson(before: Json | undefined, after: Json | undefined, path = ''): ValueChange[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ path, kind: 'added', after }];
  if (after === undefined) return [{ path, kind: 'removed', before }];
  if (canonical(before) === canonical(after)) return [];

  const parsedBefore = parseEmbeddedJson(before);
  const parsedAfter = parseEmbeddedJson(after);
  if (parsedBefore !== undefined && parsedAfter !== undefined) return diffJson(parsedBefore, parsedAfter, path);

  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffJson(before[key], after[key], keyPath(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after)) return diffArrays(before, after, path);
  return [{ path, kind: 'changed', before, after }];
}

/** Appends an object key to a path: `a.b`, or `a["S.$"]` for a key that is not a plain name. */
export function keyPath(path: string, key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return path === '' ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

function diffArrays(before: Json[], after: Json[], path: string): ValueChange[] {
  const a = before.map(canonical);
  const b = after.map(canonical);
  const pairs = commonSubsequence(a, b);
  const changes: ValueChange[] = [];
  let i = 0;
  let j = 0;
  for (const [matchI, matchJ] of [...pairs, [before.length, after.length] as const]) {
    changes.push(...diffGap(before.slice(i, matchI), after.slice(j, matchJ), i, j, path));
    i = matchI + 1;
    j = matchJ + 1;
  }
  return changes;
}

/** The unmatched elements between two matches: structured ones pair up and are compared inside. */
function diffGap(removed: Json[], added: Json[], fromI: number, fromJ: number, path: string): ValueChange[] {
  const changes: ValueChange[] = [];
  const structured = (v: Json) => typeof v === 'object' && v !== null;
  const paired = Math.min(removed.length, added.length);
  for (let k = 0; k < Math.max(removed.length, added.length); k++) {
    const r = removed[k];
    const a = added[k];
    if (k < paired && structured(r) && structured(a) && Array.isArray(r) === Array.isArray(a)) {
      changes.push(...diffJson(r, a, `${path}[${fromJ + k}]`));
      continue;
    }
    if (k < removed.length) changes.push({ path: `${path}[${fromI + k}]`, kind: 'removed', before: r });
    if (k < added.length) changes.push({ path: `${path}[${fromJ + k}]`, kind: 'added', after: a });
  }
  return changes;
}

/** Index pairs of a longest common subsequence of two string lists. */
function commonSubsequence(a: string[], b: string[]): [number, number][] {
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i++, j++]);
    } else if (lengths[i + 1][j] >= lengths[i][j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}
