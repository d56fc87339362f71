import { NewestKept, stringCost } from '../../local/newest-kept';

// The bounded store behind the function log lines and the SNS sink's messages (local/newest-kept.ts): the newest
// entries, bounded by count and by size; past either the oldest leave.

test('past its count the oldest entries leave, and are counted as dropped', () => {
  // GIVEN room for 3 entries and plenty of bytes
  const kept = new NewestKept<number>(3, 1_000_000, () => 1);
  // WHEN five arrive
  for (const n of [1, 2, 3, 4, 5]) kept.push(n);
  // THEN the newest three are kept, oldest first
  expect(kept.toArray()).toStrictEqual([3, 4, 5]);
  expect({ length: kept.length, dropped: kept.dropped, size: kept.size }).toStrictEqual({ length: 3, dropped: 2, size: 3 });
});

test('past its size the oldest leave however few entries there are; the newest is kept even when it alone is larger', () => {
  // GIVEN room for 10 bytes, a text counting as its length
  const kept = new NewestKept<string>(100, 10, (s) => s.length);
  // WHEN texts of 4, 4 and 4 bytes arrive
  for (const s of ['aaaa', 'bbbb', 'cccc']) kept.push(s);
  // THEN the first left (12 > 10)
  expect(kept.toArray()).toStrictEqual(['bbbb', 'cccc']);
  expect(kept.size).toBe(8);
  // WHEN one larger than the whole room arrives, it alone is kept
  kept.push('x'.repeat(50));
  expect(kept.toArray()).toStrictEqual(['x'.repeat(50)]);
  expect(kept.dropped).toBe(3);
});

test('a long stream keeps its bound and its order (the list is compacted as entries leave)', () => {
  const kept = new NewestKept<number>(1000, 1_000_000, () => 1);
  for (let n = 0; n < 100_000; n++) kept.push(n);
  const all = kept.toArray();
  expect(all).toHaveLength(1000);
  expect([all[0], all[999]]).toStrictEqual([99_000, 99_999]);
  expect(kept.dropped).toBe(99_000);
});

test('bounds that keep nothing are refused with what is wrong', () => {
  expect(() => new NewestKept<number>(0, 10, () => 1)).toThrow('NewestKept: maxEntries must be a whole number of at least 1, not 0.');
  expect(() => new NewestKept<number>(1, 0, () => 1)).toThrow('NewestKept: maxBytes must be at least 1, not 0.');
  expect(stringCost('abc')).toBe(19);
  expect(stringCost(undefined)).toBe(0);
});
