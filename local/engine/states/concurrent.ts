/**
 * Lines of work run at once (Parallel branches, Map iterations), at most `concurrency` at a time. The first failure
 * that is not tolerated stops the others (their signal aborts) and is rethrown; results keep their index order.
 */
import { Interrupted } from '../runtime';

/** Runs `count` lines of work at once; the first failure aborts the others and is rethrown. */
export async function runAllOrFail<T>(
  parent: AbortSignal,
  count: number,
  concurrency: number,
  work: (index: number, signal: AbortSignal) => Promise<T>,
  onFailure?: (index: number, error: unknown) => boolean,
): Promise<T[]> {
  const control = new AbortController();
  const relay = (): void => control.abort(parent.reason);
  parent.addEventListener('abort', relay, { once: true });
  const results: T[] = new Array(count);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && !control.signal.aborted && next < count) {
      const index = next++;
      try {
        results[index] = await work(index, control.signal);
      } catch (error) {
        if (control.signal.aborted && !failure) return;
        let reported = error;
        try {
          if (onFailure?.(index, error)) continue;
        } catch (replaced) {
          reported = replaced;
        }
        if (!failure) {
          failure = { error: reported };
          control.abort(new Interrupted('a sibling branch or iteration failed'));
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  } finally {
    parent.removeEventListener('abort', relay);
  }
  if (parent.aborted) throw parent.reason;
  if (failure) throw failure.error;
  return results;
}
