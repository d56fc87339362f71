import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_ENVIRONMENTS, type InvokeResult } from '../../local/lambda-host';
import { useLambdaHosts } from '../support/lambda-hosts';

// How many execution environments (worker threads) a function gets: one invocation at a time each, at most
// maxEnvironments at once (further invocations wait), idle ones beyond the first stopped after spareIdleMs, the last
// after lastIdleMs; reserved concurrency throttles what is in flight over it, whatever the environments.

const SPAN = 'exports.handler = async (event) => { const start = Date.now(); await new Promise((r) => setTimeout(r, event.ms)); return { start, end: Date.now() }; };';

const { fn, host } = useLambdaHosts(SPAN);

/** The most invocations that ran at the same moment. */
function peak(results: readonly InvokeResult[]): number {
  const spans = results.map((r) => r.payload as { start: number; end: number });
  // At each start, the spans running then (started by it, not yet ended).
  return Math.max(...spans.map((s) => spans.filter((o) => o.start <= s.start && s.start < o.end).length));
}

/** Polls until `done` holds (bounded: 5 s); answers whether it did. */
async function eventually(done: () => boolean): Promise<boolean> {
  for (let i = 0; i < 100 && !done(); i++) await sleep(50);
  return done();
}

test(`by default a function runs ${DEFAULT_ENVIRONMENTS} invocations at once; the others wait for a free environment, none is refused`, async () => {
  // GIVEN
  const h = host([fn('span')], { spareIdleMs: 60_000 });
  // WHEN
  // Spans of 1 s: longer than the spread of cold starts on a loaded machine, so the ones running together overlap.
  const results = await Promise.all(Array.from({ length: DEFAULT_ENVIRONMENTS + 2 }, () => h.invoke('span', { ms: 1000 })));
  // THEN
  expect(results.every((r) => r.functionError === undefined)).toBe(true);
  expect(peak(results)).toBe(DEFAULT_ENVIRONMENTS);
  expect(results.filter((r) => r.coldStart)).toHaveLength(DEFAULT_ENVIRONMENTS);
  expect(h.environments()).toStrictEqual({ span: DEFAULT_ENVIRONMENTS });
});

test('maxEnvironments sets the limit; one invocation after another keeps reusing one warm environment', async () => {
  // GIVEN
  const h = host([fn('span')], { maxEnvironments: 5, spareIdleMs: 60_000 });
  // WHEN
  const together = await Promise.all(Array.from({ length: 5 }, () => h.invoke('span', { ms: 1000 })));
  const first = await h.invoke('span', { ms: 1 });
  const second = await h.invoke('span', { ms: 1 });
  // THEN
  expect(peak(together)).toBe(5);
  expect([first.coldStart, second.coldStart]).toStrictEqual([false, false]);
});

test("idle environments beyond a function's first stop after spareIdleMs, its last after lastIdleMs; the next invocation is a cold start", async () => {
  // GIVEN
  // A spare's idle time longer than the spread of the three cold starts: none stops before the last one ends.
  const h = host([fn('span')], { spareIdleMs: 1000, lastIdleMs: 1500 });
  await Promise.all([0, 1, 2].map(() => h.invoke('span', { ms: 50 })));
  expect(h.environments()).toStrictEqual({ span: 3 });
  // WHEN / THEN
  expect(await eventually(() => h.environments().span === 1)).toBe(true);
  expect(await eventually(() => h.environments().span === 0)).toBe(true);
  const again = await h.invoke('span', { ms: 1 });
  expect(again.coldStart).toBe(true);
  expect(again.functionError).toBeUndefined();
});

test('reserved concurrency over the environments queues up to it and throttles past it (TooManyRequestsException)', async () => {
  // GIVEN
  const h = host([fn('reserved', { reservedConcurrency: 3 })], { maxEnvironments: 2, spareIdleMs: 60_000 });
  // WHEN
  const outcomes = await Promise.allSettled([0, 1, 2, 3].map(() => h.invoke('reserved', { ms: 300 })));
  // THEN
  const answered = outcomes.filter((o): o is PromiseFulfilledResult<InvokeResult> => o.status === 'fulfilled').map((o) => o.value);
  const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  expect(answered).toHaveLength(3);
  expect(peak(answered)).toBe(2);
  expect(refused.map((r) => (r.reason as Error).name)).toStrictEqual(['TooManyRequestsException']);
});
