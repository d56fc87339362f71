import { createHash } from 'node:crypto';
import { DigestTable } from '../../local/digest-table';

// The compact table of 48-bit ARN digests (local/digest-table.ts) behind the names of executions that left memory and
// the archive's index: every digest set is found with its value, none other is, across growth.

const digest = (text: string) => createHash('sha1').update(text).digest().readUIntBE(0, 6);

test('every digest set is found with its newest value across growth; others are not; the size counts distinct digests', () => {
  const table = new DigestTable();
  for (let i = 0; i < 50_000; i++) table.set(digest(`set-${i}`), i);
  table.set(digest('set-7'), 700);
  expect(table.size).toBe(50_000);
  expect([table.get(digest('set-0')), table.get(digest('set-7')), table.get(digest('set-49999'))]).toStrictEqual([0, 700, 49_999]);
  let found = 0;
  for (let i = 0; i < 50_000; i++) if (table.has(digest(`set-${i}`))) found++;
  expect(found).toBe(50_000);
  let strays = 0;
  for (let i = 0; i < 50_000; i++) if (table.has(digest(`other-${i}`))) strays++;
  expect(strays).toBe(0);
  expect(table.get(digest('other-1'))).toBeUndefined();
});

test('the digests at the ends of the range are kept (0 too: slots store digest + 1); one outside it is refused', () => {
  const table = new DigestTable();
  table.set(0, 5);
  table.set(2 ** 48 - 1, 6);
  expect([table.get(0), table.get(2 ** 48 - 1), table.has(1)]).toStrictEqual([5, 6, false]);
  expect(() => table.set(2 ** 48, 1)).toThrow('DigestTable: 281474976710656 is not a 48-bit digest.');
  expect(() => table.set(1.5, 1)).toThrow('is not a 48-bit digest');
});
