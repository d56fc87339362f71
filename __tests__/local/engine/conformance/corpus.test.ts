/**
 * Checks the conformance corpus itself (not an engine): every category has its cases, every case an id, a source, a
 * complete definition and an expectation that can fail; JSONata cases say so. Runs without the engine.
 */
import { CATEGORIES } from './cases';
import { compareJson } from './match';

const usesJsonata = (value: unknown): boolean => JSON.stringify(value).includes('"QueryLanguage":"JSONata"');

describe('the conformance corpus', () => {
  test('has at least 20 cases in every category and 300 in all', () => {
    for (const { name, cases } of CATEGORIES) expect({ name, count: cases.length >= 20 }).toStrictEqual({ name, count: true });
    expect(CATEGORIES.reduce((n, c) => n + c.cases.length, 0)).toBeGreaterThanOrEqual(300);
  });

  test.each(CATEGORIES.map((c) => [c.name, c] as const))('%s: ids are unique and every case cites a source and has a complete definition', (_name, category) => {
    const ids = category.cases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of category.cases) {
      expect(c.id).toMatch(/^[a-z0-9-]+$/);
      expect(c.source.length).toBeGreaterThan(5);
      expect(typeof c.definition.StartAt).toBe('string');
      expect(Object.keys(c.definition.States as object)).toContain(c.definition.StartAt);
      expect(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']).toContain(c.expect.status);
      // An expectation that checks more than the status, or a history, so that it can fail in more than one way.
      const checks = [c.expect.output, c.expect.error, c.expect.cause, c.expect.causeMatches, c.history].filter((x) => x !== undefined);
      if (c.expect.status !== 'TIMED_OUT') expect({ id: c.id, checks: checks.length > 0 }).toStrictEqual({ id: c.id, checks: true });
      expect({ id: c.id, needs: c.needs === 'JSONata' }).toStrictEqual({ id: c.id, needs: usesJsonata(c.definition) });
      // Every case is plain JSON (the corpus can be exported as data).
      expect(JSON.parse(JSON.stringify(c))).toStrictEqual(c);
    }
  });
});

describe('compareJson (the harness comparator)', () => {
  test('finds differences in values, types, lengths, keys and (when asked) key order', () => {
    expect(compareJson({ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] })).toStrictEqual([]);
    expect(compareJson({ a: 1 }, { a: 2 })).toHaveLength(1);
    expect(compareJson([1], [1, 2])).toHaveLength(1);
    expect(compareJson({ a: 1 }, { a: 1, b: 2 })).toHaveLength(1);
    expect(compareJson(1, '1')).toHaveLength(1);
    expect(compareJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toStrictEqual([]);
    expect(compareJson({ a: 1, b: 2 }, { b: 2, a: 1 }, true)).toHaveLength(1);
  });

  test('honours $match and $type matchers', () => {
    expect(compareJson({ $match: '^a+$' }, 'aaa')).toStrictEqual([]);
    expect(compareJson({ $match: '^a+$' }, 'ab')).toHaveLength(1);
    expect(compareJson({ $type: 'number' }, 3)).toStrictEqual([]);
    expect(compareJson({ $type: 'number' }, '3')).toHaveLength(1);
  });
});
