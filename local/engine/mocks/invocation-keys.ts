/**
 * The keys of a mocked response: which invocations of a mocked Task each entry answers. Developer Guide,
 * "Configuration file for mocked service integrations", MockedResponses: an invocation number is an integer string
 * (`"0"`, `"1"`) or an inclusive range (`"0-1"`, `"2-3"`), invocations count from 0, and "you must specify a mocked
 * response for every invocation" — so the entries of one mocked response, in order, cover 0, 1, 2, … without a gap
 * or an overlap.
 */

/** The invocations one key covers: `first` to `last`, both included. */
export interface InvocationRange {
  readonly first: number;
  readonly last: number;
}

/**
 * `"3"` → 3..3, `"1-2"` → 1..2; anything else (`"-1"`, `"1-x"`, `" 1"`, `"3-1"`, `"1.5"`) is a string saying why not.
 * Leading zeros are read as decimal (`"01"` is 1), as an integer parser reads them.
 */
export function parseInvocationKey(key: string): InvocationRange | string {
  const single = /^(\d+)$/.exec(key);
  const range = /^(\d+)-(\d+)$/.exec(key);
  if (!single && !range) {
    return (
      `"${key}" is not an invocation number. Use a non-negative integer such as "0" or "3", or an inclusive range ` +
      `such as "1-2" (invocations count from 0).`
    );
  }
  const first = Number((single ?? range)![1]);
  const last = range ? Number(range[2]) : first;
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last)) {
    return `"${key}" is too large an invocation number; use integers up to ${Number.MAX_SAFE_INTEGER}.`;
  }
  if (last < first) {
    return `"${key}" is a range that ends before it starts; write the smaller number first ("${last}-${first}").`;
  }
  return { first, last };
}

/** A key that parsed, with where it was. */
export interface KeyedRange extends InvocationRange {
  readonly key: string;
}

/** A gap or an overlap between the keys of one mocked response, as a message, with the key it is about. */
export interface CoverageProblem {
  readonly kind: 'InvocationGap' | 'InvocationOverlap';
  readonly key: string;
  readonly message: string;
}

const describe = (r: InvocationRange) => (r.first === r.last ? `invocation ${r.first}` : `invocations ${r.first}-${r.last}`);

/**
 * Checks that the ranges cover 0, 1, 2, … in order, each invocation once. No ranges at all is fine here (an empty
 * mocked response loads; the first invocation that asks it fails the execution, as running out does).
 */
export function coverageProblems(ranges: readonly KeyedRange[]): CoverageProblem[] {
  const sorted = [...ranges].sort((a, b) => a.first - b.first || a.last - b.last);
  const problems: CoverageProblem[] = [];
  let next = 0;
  let previous: KeyedRange | undefined;
  for (const r of sorted) {
    if (previous && r.first <= previous.last) {
      problems.push({
        kind: 'InvocationOverlap',
        key: r.key,
        message:
          `"${r.key}" covers ${describe({ first: r.first, last: Math.min(r.last, previous.last) })}, which "${previous.key}" ` +
          `already answers. Give each invocation one response: change one of the two keys.`,
      });
    } else if (r.first > next) {
      const missing = { first: next, last: r.first - 1 };
      problems.push({
        kind: 'InvocationGap',
        key: r.key,
        message:
          `no response for ${describe(missing)} before "${r.key}". Invocations are numbered from 0 and every one ` +
          `needs a response: add a "${missing.first === missing.last ? missing.first : `${missing.first}-${missing.last}`}" ` +
          `entry or renumber the keys.`,
      });
    }
    if (!previous || r.last > previous.last) previous = r;
    next = Math.max(next, r.last + 1);
  }
  return problems;
}
