/**
 * Retry and Catch around a state's attempt (Task, Parallel, Map): an error goes to the first matching retrier, which
 * waits its interval on the execution's clock and runs the attempt again; when no retry is left, to the first
 * matching catcher; otherwise it fails the state (ASL specification, "Errors"; Developer Guide, "Error handling").
 */
import { applyCatch } from './catch';
import { StatesError } from './errors';
import { RetryCounter, type Retrier } from './retry';
import { throwIfAborted } from './runtime';
import type { StateContext } from './state-context';
import type { StateOutcome } from './state-kind';

/** Runs `attempt` under the state's Retry and Catch (Task, Parallel, Map). */
export async function withRetryAndCatch(ctx: StateContext, attempt: () => Promise<StateOutcome>): Promise<StateOutcome> {
  const retries = new RetryCounter((ctx.state.Retry ?? []) as readonly Retrier[]);
  for (;;) {
    try {
      return await attempt();
    } catch (thrown) {
      if (!(thrown instanceof StatesError)) throw thrown;
      throwIfAborted(ctx.frame.signal);
      const retry = retries.next(thrown);
      if (retry) {
        await ctx.runtime.clock.sleep(retry.delayMs, ctx.frame.signal);
        ctx.retryCount += 1;
        continue;
      }
      const caught = await applyCatch(ctx, thrown);
      if (caught) return caught;
      throw thrown;
    }
  }
}
