/**
 * Parallel (ASL specification, "Parallel State"; Developer Guide, "Parallel workflow state"). The branches run at
 * once on the same input (JSONPath: after InputPath and Parameters; JSONata: Arguments), each in a variable scope of
 * its own that reads the outer variables. The result is the array of the branches' outputs in branch order. The
 * first branch to fail fails the state with that branch's error (the others are stopped); Retry and Catch then apply.
 * History: ParallelStateStarted, the branches' events, ParallelStateSucceeded or ParallelStateFailed.
 */
import { effectiveInput, jsonataArguments } from '../io';
import { checkPayload } from '../limits';
import { runAllOrFail } from './concurrent';
import type { StateContext } from '../state-context';
import { withRetryAndCatch } from '../error-handling';
import { outcomeOfResult } from './result-outcome';
import { takeNestedResults } from '../redrive-nested';
import type { RunStates, StateOutcome, StatesMachine } from '../state-kind';

async function attempt(ctx: StateContext, runStates: RunStates): Promise<StateOutcome> {
  const input = ctx.isJsonata ? await jsonataArguments(ctx) : await effectiveInput(ctx);
  const frame = ctx.frame;
  const startedId = frame.emit('ParallelStateStarted');
  const branches = ctx.state.Branches as readonly StatesMachine[];
  // A redrive runs only the branches that did not succeed (./redrive-nested.ts).
  const done = takeNestedResults(ctx)?.outputs;
  let result: unknown[];
  try {
    result = await runAllOrFail(frame.signal, branches.length, branches.length, (i, signal) => {
      if (done?.has(i)) return Promise.resolve(done.get(i));
      const branch = branches[i];
      return runStates(branch, input, frame.child(signal, branch.QueryLanguage ?? ctx.language, startedId));
    });
  } catch (error) {
    if (!frame.signal.aborted) {
      frame.lastEventId = frame.runtime.history.lastId;
      frame.emit('ParallelStateFailed');
    }
    throw error;
  }
  checkPayload(result, ctx.name, 'result');
  frame.lastEventId = frame.runtime.history.lastId;
  frame.emit('ParallelStateSucceeded');
  return outcomeOfResult(ctx, result);
}

export function runParallel(ctx: StateContext, runStates: RunStates): Promise<StateOutcome> {
  return withRetryAndCatch(ctx, () => attempt(ctx, runStates));
}
