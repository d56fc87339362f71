/**
 * The other intrinsics (Developer Guide, "Intrinsic functions"): States.Format, StringToJson, JsonToString,
 * Base64Encode/Base64Decode (input up to 10,000 characters), Hash (MD5, SHA-1, SHA-256, SHA-384, SHA-512; data up
 * to 10,000 characters), JsonMerge (shallow only), MathRandom, MathAdd, StringSplit, UUID (version 4).
 *
 * Behaviours taken from recorded AWS executions (LocalStack's AWS-validated snapshots, tests/aws/services/
 * stepfunctions/v2/intrinsic_functions) where the guide is silent:
 * - MathAdd rounds each argument half up (Java Math.round: 1.5 → 2, -1.5 → -1, 2.5 → 3) before adding;
 * - MathRandom accepts non-integer bounds (12.5, 44.51): we round them the same way (assumed);
 * - StringToJson of "" or whitespace is null; "-0" is 0;
 * - StringSplit splits on every character of the delimiter string and drops empty pieces;
 * - Format renders non-string arguments with Java's toString (./java-text).
 * MathRandom with a seed follows java.util.Random (`start + nextInt(end - start)`), our assumption of how the Java
 * service draws it: the same seed always gives the same number.
 */
import { createHash, randomUUID } from 'node:crypto';
import { intrinsicFailure } from './errors';
import { describe, type Fn } from './intrinsics-array';
import { javaToString } from './java-text';

export const MAX_ENCODE_CHARS = 10000;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function needString(name: string, value: unknown, what = 'The first argument'): string {
  if (typeof value !== 'string') throw intrinsicFailure(`${what} of ${name} must be a string, but was ${describe(value)}.`);
  return value;
}

function needNumber(name: string, value: unknown, what: string): number {
  if (typeof value !== 'number') throw intrinsicFailure(`${what} of ${name} must be a number, but was ${describe(value)}.`);
  return value;
}

function needLimit(name: string, text: string): string {
  if ([...text].length > MAX_ENCODE_CHARS) {
    throw intrinsicFailure(`The input of ${name} has ${[...text].length} characters; it can have at most ${MAX_ENCODE_CHARS}.`);
  }
  return text;
}

/** A 32-bit integer argument, non-integers rounded half up as Java's Math.round does. */
function roundedInt(name: string, value: unknown, what: string): number {
  const n = Math.round(needNumber(name, value, what));
  if (n < INT_MIN || n > INT_MAX) {
    throw intrinsicFailure(`${what} of ${name} must be between ${INT_MIN} and ${INT_MAX}, but was ${describe(value)}.`);
  }
  return n;
}

/** `template` with each `{}` replaced; in a literal template `\{`, `\}`, `\'` and `\\` are plain characters. */
export function format(name: string, template: string, literal: boolean, args: unknown[]): string {
  let out = '';
  let used = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (literal && c === '\\' && i + 1 < template.length) {
      out += template[++i];
    } else if (c === '{' && template[i + 1] === '}') {
      if (used >= args.length) {
        throw intrinsicFailure(`The template of ${name} has more {} placeholders than the ${args.length} arguments given.`);
      }
      out += javaToString(args[used++]);
      i += 1;
    } else {
      out += c;
    }
  }
  if (used !== args.length) {
    throw intrinsicFailure(`${name} was given ${args.length} arguments after its template, but the template has ${used} {} placeholders.`);
  }
  return out;
}

/** java.util.Random, so that a seed gives the same sequence a Java service would. */
class JavaRandom {
  private static readonly MULT = 0x5deece66dn;
  private static readonly MASK = (1n << 48n) - 1n;
  private seed: bigint;
  constructor(seed: number) {
    this.seed = (BigInt(seed) ^ JavaRandom.MULT) & JavaRandom.MASK;
  }
  private next(bits: number): number {
    this.seed = (this.seed * JavaRandom.MULT + 0xbn) & JavaRandom.MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }
  nextInt(bound: number): number {
    let r = this.next(31);
    const m = bound - 1;
    if ((bound & m) === 0) return Number((BigInt(bound) * BigInt(r)) >> 31n);
    for (let u = r; ((u - (r = u % bound) + m) | 0) < 0; u = this.next(31));
    return r;
  }
}

const HASHES: Record<string, string> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

export const otherFunctions: Record<string, { arity: [number, number]; fn: Fn }> = {
  'States.StringToJson': {
    arity: [1, 1],
    fn: (name, [text]) => {
      const s = needString(name, text);
      if (s.trim() === '') return null;
      try {
        const parsed = JSON.parse(s);
        return Object.is(parsed, -0) ? 0 : parsed;
      } catch {
        throw intrinsicFailure(`The argument of ${name} must be a string holding JSON text, but was ${describe(s)}.`);
      }
    },
  },
  'States.JsonToString': { arity: [1, 1], fn: (_name, [value]) => JSON.stringify(value ?? null) },
  'States.Base64Encode': {
    arity: [1, 1],
    fn: (name, [text]) => Buffer.from(needLimit(name, needString(name, text)), 'utf8').toString('base64'),
  },
  'States.Base64Decode': {
    arity: [1, 1],
    fn: (name, [text]) => {
      const s = needLimit(name, needString(name, text));
      if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) {
        throw intrinsicFailure(`The argument of ${name} must be Base64-encoded data, but was ${describe(s)}.`);
      }
      return Buffer.from(s, 'base64').toString('utf8');
    },
  },
  'States.Hash': {
    arity: [2, 2],
    fn: (name, [data, algorithm]) => {
      const algo = HASHES[algorithm as string];
      if (typeof algorithm !== 'string' || !algo) {
        throw intrinsicFailure(`The algorithm (second argument) of ${name} must be one of ${Object.keys(HASHES).join(', ')}, but was ${describe(algorithm)}.`);
      }
      if (data === null || data === undefined) throw intrinsicFailure(`The data (first argument) of ${name} must not be null.`);
      const text = typeof data === 'string' ? data : JSON.stringify(data);
      return createHash(algo).update(needLimit(name, text), 'utf8').digest('hex');
    },
  },
  'States.JsonMerge': {
    arity: [3, 3],
    fn: (name, [left, right, deep]) => {
      const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
      if (!isObject(left)) throw intrinsicFailure(`The first argument of ${name} must be a JSON object, but was ${describe(left)}.`);
      if (!isObject(right)) throw intrinsicFailure(`The second argument of ${name} must be a JSON object, but was ${describe(right)}.`);
      if (deep !== false) throw intrinsicFailure(`The third argument of ${name} must be false (only a shallow merge is supported), but was ${describe(deep)}.`);
      return { ...(left as object), ...(right as object) };
    },
  },
  'States.MathRandom': {
    arity: [2, 3],
    fn: (name, [first, last, seed]) => {
      const start = roundedInt(name, first, 'The start (first argument)');
      const end = roundedInt(name, last, 'The end (second argument)');
      if (end <= start) throw intrinsicFailure(`The end (second argument) of ${name} must be greater than its start, but was ${end} (start ${start}).`);
      if (seed === undefined) return start + Math.floor(Math.random() * (end - start));
      return start + new JavaRandom(roundedInt(name, seed, 'The seed (third argument)')).nextInt(end - start);
    },
  },
  'States.MathAdd': {
    arity: [2, 2],
    fn: (name, [a, b]) => roundedInt(name, a, 'The first argument') + roundedInt(name, b, 'The second argument'),
  },
  'States.StringSplit': {
    arity: [2, 2],
    fn: (name, [text, delimiters]) => {
      const s = needString(name, text);
      const d = new Set(needString(name, delimiters, 'The delimiter (second argument)'));
      const out: string[] = [];
      let piece = '';
      for (const c of s) {
        if (d.has(c)) {
          if (piece !== '') out.push(piece);
          piece = '';
        } else piece += c;
      }
      if (piece !== '') out.push(piece);
      return out;
    },
  },
  'States.UUID': { arity: [0, 0], fn: () => randomUUID() },
};
