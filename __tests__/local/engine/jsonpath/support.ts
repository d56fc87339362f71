import { StatesError } from '../../../../local/engine/errors';
import type { PathScope, StatesBinding } from '../../../../local/engine/query-languages';

/** A state's scope: `$` the input, `$$` a context object like AWS's, `$name` variables. */
export function scope(input: unknown, variables: Record<string, unknown> = {}, states?: StatesBinding): PathScope {
  return {
    input,
    context: {
      Execution: { Id: 'arn:aws:states:us-east-1:123456789012:execution:sm:run-1', Name: 'run-1', Input: { from: 'execution' } },
      StateMachine: { Id: 'arn:aws:states:us-east-1:123456789012:stateMachine:sm', Name: 'sm' },
      State: { Name: 'S', EnteredTime: '2024-01-01T00:00:00.000Z', RetryCount: 0 },
    },
    variables,
    states,
  };
}

/** The StatesError `fn` throws (fails the test when it throws nothing or something else). */
export function statesErrorOf(fn: () => unknown): StatesError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StatesError) return e;
    throw new Error(`expected a StatesError, got ${String(e)}`);
  }
  throw new Error('expected a StatesError, nothing was thrown');
}
