/**
 * The array intrinsics (Developer Guide, "Intrinsic functions", "Intrinsics for arrays"): States.Array,
 * ArrayPartition, ArrayContains, ArrayRange (at most 1000 items), ArrayGetItem, ArrayLength, ArrayUnique.
 * Equality in ArrayContains/ArrayUnique is JSON equality (deep, key order ignored). Argument errors fail with
 * States.Runtime; the wording is ours (AWS's cause texts for these are not published).
 */
import { intrinsicFailure } from './errors';
import { deepEqual } from './filter';

export type Fn = (name: string, args: unknown[]) => unknown;

export function describe(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

export function needArray(name: string, value: unknown, what = 'The first argument'): unknown[] {
  if (!Array.isArray(value)) throw intrinsicFailure(`${what} of ${name} must be an array, but was ${describe(value)}.`);
  return value;
}

export function needInteger(name: string, value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw intrinsicFailure(`${what} of ${name} must be an integer, but was ${describe(value)}.`);
  }
  return value;
}

export const MAX_RANGE_ITEMS = 1000;

export const arrayFunctions: Record<string, { arity: [number, number]; fn: Fn }> = {
  'States.Array': { arity: [0, Infinity], fn: (_n, args) => args },
  'States.ArrayPartition': {
    arity: [2, 2],
    fn: (name, [array, size]) => {
      const items = needArray(name, array);
      const chunk = needInteger(name, size, 'The chunk size (second argument)');
      if (chunk <= 0) throw intrinsicFailure(`The chunk size (second argument) of ${name} must be a positive integer, but was ${chunk}.`);
      const out: unknown[][] = [];
      for (let i = 0; i < items.length; i += chunk) out.push(items.slice(i, i + chunk));
      return out;
    },
  },
  'States.ArrayContains': {
    arity: [2, 2],
    fn: (name, [array, value]) => needArray(name, array).some((item) => deepEqual(item, value)),
  },
  'States.ArrayRange': {
    arity: [3, 3],
    fn: (name, [first, last, step]) => {
      const start = needInteger(name, first, 'The first argument');
      const end = needInteger(name, last, 'The second argument');
      const by = needInteger(name, step, 'The step (third argument)');
      if (by === 0) throw intrinsicFailure(`The step (third argument) of ${name} must not be 0.`);
      const count = Math.floor((end - start) / by) + 1;
      if (count > MAX_RANGE_ITEMS) {
        throw intrinsicFailure(`${name} would create ${count} items; an array it creates can't contain more than ${MAX_RANGE_ITEMS} items.`);
      }
      return Array.from({ length: Math.max(0, count) }, (_, i) => start + i * by);
    },
  },
  'States.ArrayGetItem': {
    arity: [2, 2],
    fn: (name, [array, index]) => {
      const items = needArray(name, array);
      const i = needInteger(name, index, 'The index (second argument)');
      if (i < 0 || i >= items.length) {
        throw intrinsicFailure(`The index ${i} given to ${name} is out of bounds for an array of ${items.length} items.`);
      }
      return items[i];
    },
  },
  'States.ArrayLength': { arity: [1, 1], fn: (name, [array]) => needArray(name, array).length },
  'States.ArrayUnique': {
    arity: [1, 1],
    fn: (name, [array]) => {
      const out: unknown[] = [];
      for (const item of needArray(name, array)) if (!out.some((seen) => deepEqual(seen, item))) out.push(item);
      return out;
    },
  },
};
