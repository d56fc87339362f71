/**
 * The functions Step Functions adds to JSONata (Developer Guide, "Transforming data with JSONata in Step Functions",
 * section "JSONata functions provided by Step Functions"): $partition, $range, $hash, $random (with a seed), $uuid,
 * $parse. Each is registered on a compiled expression with a JSONata signature, so a wrong argument type fails the
 * way JSONata's own functions fail (T0410 "Argument 2 of function "partition" does not match function signature").
 *
 * Facts beyond the page, from recorded AWS executions:
 *   - integer parameters are truncated towards zero ("round down" in the docs; $range(-1.7, 2, 1) is [-1,0,1,2] on
 *     AWS, floci-io/floci#2676);
 *   - $range includes the end when a step lands on it, and its result is a JSONata sequence: one element comes out
 *     as the element itself ($range(1, 9, 9) is 1, LocalStack's AWS snapshot test_array_range), none as nothing;
 *   - $partition([0], 1) is [[0]] (a plain array, never collapsed);
 *   - $random(seed) is java.util.Random's nextDouble: $random(42) is 0.7275636800328681 (floci-io/floci#2662);
 *   - $hash writes lower-case hex ($hash("input", "SHA-1") is "140f86aa…c1a1", floci-io/floci#2662).
 * Where AWS's wording of an error is not published (a bad chunk size, a zero step, an unknown algorithm, a string
 * that is not JSON), the message is ours and says what is wrong; it reaches the cause as
 * "threw an error during evaluation: <message>" (AWS's form for an error without a JSONata code).
 */
import { createHash, randomUUID } from 'node:crypto';

/** An error raised by one of these functions (no JSONata code). */
export class FunctionError extends Error {}

export interface FunctionSources {
  /** A number in [0, 1) for an unseeded $random(). */
  readonly random: () => number;
  /** A v4 UUID for $uuid(). */
  readonly uuid: () => string;
}

export const defaultSources: FunctionSources = { random: Math.random, uuid: randomUUID };

function integer(value: number): number {
  return Math.trunc(value);
}

function partition(array: unknown[] | undefined, size: number | undefined): unknown[][] | undefined {
  if (array === undefined || size === undefined) return undefined;
  const chunk = integer(size);
  if (chunk <= 0) throw new FunctionError(`The chunk size must be a positive integer, but was ${JSON.stringify(size)}`);
  const chunks: unknown[][] = [];
  for (let i = 0; i < array.length; i += chunk) chunks.push(array.slice(i, i + chunk));
  return chunks;
}

/** The most elements one $range may make (JSONata's own cap for the `..` range operator). */
const RANGE_LIMIT = 1e7;

function range(start: number | undefined, end: number | undefined, step: number | undefined): unknown {
  if (start === undefined || end === undefined || step === undefined) return undefined;
  const [first, last, delta] = [integer(start), integer(end), integer(step)];
  if (delta === 0) throw new FunctionError('The step of $range must not be 0');
  const count = Math.floor((last - first) / delta) + 1;
  if (count > RANGE_LIMIT) {
    throw new FunctionError(`The range would have ${count} elements, more than ${RANGE_LIMIT}`);
  }
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(first + i * delta);
  return sequence(values);
}

/** A JSONata sequence: collapsed to its one element, or to nothing, where JSONata collapses sequences. */
function sequence(values: unknown[]): unknown[] {
  Object.defineProperty(values, 'sequence', { value: true });
  return values;
}

const HASH_ALGORITHMS: Readonly<Record<string, string>> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

function hash(value: string | undefined, algorithm: string | undefined): string | undefined {
  if (value === undefined || algorithm === undefined) return undefined;
  const nodeName = HASH_ALGORITHMS[algorithm];
  if (!nodeName) {
    throw new FunctionError(
      `The hash algorithm '${algorithm}' is not supported; use one of ${Object.keys(HASH_ALGORITHMS).join(', ')}`,
    );
  }
  return createHash(nodeName).update(value, 'utf8').digest('hex');
}

const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

/** The first nextDouble() of a java.util.Random seeded with `seed`. */
export function javaRandomDouble(seed: number): number {
  let state = (BigInt.asIntN(64, BigInt(integer(seed))) ^ MULTIPLIER) & MASK;
  const next = (bits: number): number => {
    state = (state * MULTIPLIER + ADDEND) & MASK;
    return Number(state >> BigInt(48 - bits));
  };
  const high = next(26);
  const low = next(27);
  return (high * 2 ** 27 + low) / 2 ** 53;
}

function parse(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new FunctionError(`The argument of $parse is not a valid JSON string: ${JSON.stringify(text)}`);
  }
}

/** One added function: its name (without `$`), implementation and JSONata signature. */
export interface AddedFunction {
  readonly name: string;
  readonly implementation: (...args: never[]) => unknown;
  readonly signature: string;
}

export function addedFunctions(sources: FunctionSources): readonly AddedFunction[] {
  return [
    { name: 'partition', implementation: partition, signature: '<an:a>' },
    { name: 'range', implementation: range, signature: '<nnn:a>' },
    { name: 'hash', implementation: hash, signature: '<ss:s>' },
    {
      name: 'random',
      implementation: (seed?: number) => (seed === undefined ? sources.random() : javaRandomDouble(seed)),
      signature: '<n?:n>',
    },
    { name: 'uuid', implementation: () => sources.uuid(), signature: '<:s>' },
    { name: 'parse', implementation: parse, signature: '<s:j>' },
  ];
}
