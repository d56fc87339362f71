/**
 * A closed-loop load: `clients` callers, each sending its next request as soon as its last one was answered, until
 * `count` requests were sent. Answers the wall time from the first send to the last answer and each request's
 * latency. A request that throws stops the run: a figure for a run with failed requests would mislead.
 */

export interface LoadRun<T> {
  readonly wallMs: number;
  /** Per request, in the order of `send`'s index. */
  readonly latencyMs: readonly number[];
  readonly answers: readonly T[];
}

export async function closedLoop<T>(count: number, clients: number, send: (index: number) => Promise<T>): Promise<LoadRun<T>> {
  if (!Number.isInteger(count) || count < 1) throw new Error(`closedLoop: count ${count} is not a positive integer`);
  if (!Number.isInteger(clients) || clients < 1) throw new Error(`closedLoop: clients ${clients} is not a positive integer`);
  const latencyMs: number[] = new Array(count);
  const answers: T[] = new Array(count);
  let next = 0;
  let failed = false;
  const client = async () => {
    while (next < count && !failed) {
      const index = next++;
      const sent = performance.now();
      try {
        answers[index] = await send(index);
      } catch (err) {
        failed = true;
        throw err;
      }
      latencyMs[index] = performance.now() - sent;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(clients, count) }, client));
  return { wallMs: performance.now() - started, latencyMs, answers };
}

/** The nearest-rank percentile (`p` in 0–100) of a sample: the smallest value with at least p % of the sample at or below it. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile ${p} is not between 0 and 100`);
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}
