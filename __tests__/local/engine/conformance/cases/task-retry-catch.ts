import type { ConformanceCase, TaskStep } from '../case';
import { match } from '../match';
import { chain, echo, fails, one, returns, task } from './build';

const RETRY = 'DG "Handling errors in Step Functions workflows", "Retrying after an error"';
const CATCH = 'DG "Handling errors in Step Functions workflows", "Fallback states"';
const NAMES = 'DG "Handling errors in Step Functions workflows", "Error names"';
const ASL_SPEC = 'ASL spec "Retrying after error" / "Fallback states"';

/** A Task T with these Retry/Catch fields, Catch going to Caught (a Pass), success to Done (a Pass). */
function guarded(fields: Record<string, unknown>, steps: readonly TaskStep[], input: unknown = {}) {
  return {
    definition: chain({ T: task({ ...fields, Next: 'Done' }), Done: { Type: 'Pass', End: true }, Caught: { Type: 'Pass', End: true }, Other: { Type: 'Pass', Result: 'other', End: true } }),
    taskResults: { T: steps },
    input,
  };
}

/** A Task T retried as given, then a Pass reporting when it was entered (the retries' wait shows on the clock). */
function retriedClock(retrier: Record<string, unknown>, failures: number) {
  return {
    definition: chain({ T: task({ Retry: [{ ErrorEquals: ['Boom'], ...retrier }] }), After: { Type: 'Pass', Parameters: { 'entered.$': '$$.State.EnteredTime' } } }),
    taskResults: { T: [...Array.from({ length: failures }, () => fails('Boom')), returns('ok')] },
    input: {},
    maxWallMs: 3000,
  };
}

const at = (hhmmss: string) => ({ status: 'SUCCEEDED' as const, output: { entered: match(`^2024-01-01T${hhmmss}(\\.\\d+)?Z$`) } });

export const taskRetryCatch: readonly ConformanceCase[] = [
  { id: 'task-result-is-output', source: 'DG "Task workflow state": the result replaces the input (ResultPath $)', definition: one(task(), 'T'), input: { a: 1 }, taskResults: { T: [returns({ r: 1 })] }, expect: { status: 'SUCCEEDED', output: { r: 1 } } },
  { id: 'task-failure-fails-execution', source: `${NAMES}: an unhandled task error fails the execution with its name and cause`, definition: one(task(), 'T'), input: {}, taskResults: { T: [fails('CustomError', 'it broke')] }, expect: { status: 'FAILED', error: 'CustomError', cause: 'it broke' } },
  { id: 'retry-then-succeed', source: RETRY, ...guarded({ Retry: [{ ErrorEquals: ['Boom'] }] }, [fails('Boom'), returns('ok')]), expect: { status: 'SUCCEEDED', output: 'ok' } },
  { id: 'default-max-attempts-3-succeeds', source: `${RETRY}: MaxAttempts defaults to 3`, ...guarded({ Retry: [{ ErrorEquals: ['Boom'] }] }, [fails('Boom'), fails('Boom'), fails('Boom'), returns('ok')]), expect: { status: 'SUCCEEDED', output: 'ok' } },
  { id: 'default-max-attempts-3-exhausted', source: `${RETRY}: MaxAttempts defaults to 3 (a fourth failure is final)`, ...guarded({ Retry: [{ ErrorEquals: ['Boom'] }] }, [fails('Boom', 'c1'), fails('Boom', 'c2'), fails('Boom', 'c3'), fails('Boom', 'c4'), returns('ok')]), expect: { status: 'FAILED', error: 'Boom', cause: 'c4' } },
  { id: 'max-attempts-0-never-retries', source: `${RETRY}: MaxAttempts 0 means the error is never retried`, ...guarded({ Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 0 }] }, [fails('Boom'), returns('ok')]), expect: { status: 'FAILED', error: 'Boom' } },
  { id: 'max-attempts-1', source: `${RETRY}: MaxAttempts 1: one retry`, ...guarded({ Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 1 }] }, [fails('Boom'), fails('Boom'), returns('ok')]), expect: { status: 'FAILED', error: 'Boom' } },
  { id: 'retry-name-mismatch', source: `${RETRY}: only errors named in ErrorEquals are retried`, ...guarded({ Retry: [{ ErrorEquals: ['Other'] }] }, [fails('Boom'), returns('ok')]), expect: { status: 'FAILED', error: 'Boom' } },
  { id: 'retry-names-case-sensitive', source: `${NAMES}: error names are case-sensitive`, ...guarded({ Retry: [{ ErrorEquals: ['boom'] }] }, [fails('Boom'), returns('ok')]), expect: { status: 'FAILED', error: 'Boom' } },
  { id: 'retry-states-all', source: `${NAMES}: States.ALL matches any error name`, ...guarded({ Retry: [{ ErrorEquals: ['States.ALL'] }] }, [fails('Anything'), returns('ok')]), expect: { status: 'SUCCEEDED', output: 'ok' } },
  { id: 'retry-task-failed-wildcard', source: `${NAMES}: States.TaskFailed matches any task error except States.Timeout`, ...guarded({ Retry: [{ ErrorEquals: ['States.TaskFailed'] }] }, [fails('Custom.Error'), returns('ok')]), expect: { status: 'SUCCEEDED', output: 'ok' } },
  { id: 'retry-first-matching-retrier-decides', source: `${ASL_SPEC}: the first Retrier whose ErrorEquals matches applies; when its attempts are spent the state fails`, ...guarded({ Retry: [{ ErrorEquals: ['A'], MaxAttempts: 1 }, { ErrorEquals: ['States.ALL'], MaxAttempts: 5 }] }, [fails('A'), fails('A'), returns('ok')]), expect: { status: 'FAILED', error: 'A' } },
  { id: 'retry-counters-per-retrier', source: `${ASL_SPEC}: each Retrier counts its own attempts`, ...guarded({ Retry: [{ ErrorEquals: ['A'], MaxAttempts: 1 }, { ErrorEquals: ['B'], MaxAttempts: 1 }] }, [fails('A'), fails('B'), returns('ok')]), expect: { status: 'SUCCEEDED', output: 'ok' } },
  { id: 'retry-count-in-context', source: 'DG "Accessing execution data from the Context object": $$.State.RetryCount', ...guarded({ Retry: [{ ErrorEquals: ['Boom'] }], Parameters: { 'retry.$': '$$.State.RetryCount' } }, [fails('Boom'), fails('Boom'), echo]), expect: { status: 'SUCCEEDED', output: { retry: 2 } } },
  { id: 'retry-count-zero-first-attempt', source: 'DG "Accessing execution data from the Context object": $$.State.RetryCount is 0 on the first attempt', ...guarded({ Parameters: { 'retry.$': '$$.State.RetryCount' } }, [echo]), expect: { status: 'SUCCEEDED', output: { retry: 0 } } },
  { id: 'backoff-default-interval', source: `${RETRY}: IntervalSeconds defaults to 1 and BackoffRate to 2.0 (1 + 2 + 4 s on the execution's clock)`, ...retriedClock({}, 3), expect: at('00:00:07') },
  { id: 'backoff-rate', source: `${RETRY}: BackoffRate multiplies the interval (100 + 200 + 400 s)`, ...retriedClock({ IntervalSeconds: 100, BackoffRate: 2, MaxAttempts: 3 }, 3), expect: at('00:11:40') },
  { id: 'backoff-rate-1', source: `${RETRY}: BackoffRate 1 keeps the interval (3 × 10 s)`, ...retriedClock({ IntervalSeconds: 10, BackoffRate: 1, MaxAttempts: 3 }, 3), expect: at('00:00:30') },
  { id: 'max-delay-seconds', source: `${RETRY}: MaxDelaySeconds caps the interval (100 + 150 + 150 s)`, ...retriedClock({ IntervalSeconds: 100, BackoffRate: 3, MaxDelaySeconds: 150, MaxAttempts: 3 }, 3), expect: at('00:06:40') },
  { id: 'long-retry-instant', source: `${RETRY}; virtual clock (issue 14): a one-hour retry interval costs no wall time`, ...retriedClock({ IntervalSeconds: 3600, MaxAttempts: 1 }, 1), expect: at('01:00:00') },
  { id: 'catch-default-resultpath', source: `${CATCH}: without ResultPath the error output {Error, Cause} replaces the input`, definition: chain({ T: task({ Catch: [{ ErrorEquals: ['Boom'], Next: 'Caught' }], End: true }), Caught: { Type: 'Pass', End: true } }), input: { a: 1 }, taskResults: { T: [fails('Boom', 'why')] }, expect: { status: 'SUCCEEDED', output: { Error: 'Boom', Cause: 'why' }, keyOrder: true } },
  { id: 'catch-resultpath', source: `${CATCH}: Catch ResultPath places the error output into the input (example "$.error-info")`, definition: chain({ T: task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught', ResultPath: '$.error-info' }], End: true }), Caught: { Type: 'Pass', End: true } }), input: { foo: 'bar' }, taskResults: { T: [fails('Boom', 'why')] }, expect: { status: 'SUCCEEDED', output: { foo: 'bar', 'error-info': { Error: 'Boom', Cause: 'why' } }, keyOrder: true } },
  { id: 'catch-resultpath-null', source: `${CATCH}: Catch ResultPath null keeps the input`, definition: chain({ T: task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught', ResultPath: null }], End: true }), Caught: { Type: 'Pass', End: true } }), input: { foo: 'bar' }, taskResults: { T: [fails('Boom')] }, expect: { status: 'SUCCEEDED', output: { foo: 'bar' } } },
  { id: 'catch-after-retries', source: `${CATCH}: catchers apply once the retries are spent`, ...guarded({ Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 2 }], Catch: [{ ErrorEquals: ['Boom'], Next: 'Caught' }] }, [fails('Boom', '1'), fails('Boom', '2'), fails('Boom', '3'), returns('ok')]), expect: { status: 'SUCCEEDED', output: { Error: 'Boom', Cause: '3' } } },
  { id: 'catch-no-retry-match', source: `${CATCH}: an error no retrier matches goes straight to the catchers`, ...guarded({ Retry: [{ ErrorEquals: ['A'] }], Catch: [{ ErrorEquals: ['B'], Next: 'Caught' }] }, [fails('B', 'b'), returns('ok')]), expect: { status: 'SUCCEEDED', output: { Error: 'B', Cause: 'b' } } },
  { id: 'catch-order-first-match', source: `${ASL_SPEC}: catchers are tried in order; the first match wins`, ...guarded({ Catch: [{ ErrorEquals: ['X'], Next: 'Other' }, { ErrorEquals: ['Boom'], Next: 'Caught' }, { ErrorEquals: ['States.ALL'], Next: 'Other' }] }, [fails('Boom', 'c')]), expect: { status: 'SUCCEEDED', output: { Error: 'Boom', Cause: 'c' } } },
  { id: 'catch-states-all-last', source: `${CATCH}: States.ALL catches what the named catchers do not`, ...guarded({ Catch: [{ ErrorEquals: ['X'], Next: 'Caught' }, { ErrorEquals: ['States.ALL'], Next: 'Other' }] }, [fails('Boom')]), expect: { status: 'SUCCEEDED', output: 'other' } },
  { id: 'catch-task-failed', source: `${NAMES}: States.TaskFailed catches a custom task error`, ...guarded({ Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Caught' }] }, [fails('My.Error', 'm')]), expect: { status: 'SUCCEEDED', output: { Error: 'My.Error', Cause: 'm' } } },
  { id: 'catch-several-names', source: `${CATCH}: ErrorEquals may list several names`, ...guarded({ Catch: [{ ErrorEquals: ['A', 'Boom', 'C'], Next: 'Caught' }] }, [fails('Boom', 'c')]), expect: { status: 'SUCCEEDED', output: { Error: 'Boom', Cause: 'c' } } },
  { id: 'catch-no-match-fails', source: `${CATCH}: an error no catcher matches fails the execution`, ...guarded({ Catch: [{ ErrorEquals: ['X'], Next: 'Caught' }] }, [fails('Boom', 'unhandled')]), expect: { status: 'FAILED', error: 'Boom', cause: 'unhandled' } },
  { id: 'retry-interval-then-success-output', source: `${RETRY}: a retried state's output is its successful attempt's result`, ...guarded({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 5 }], ResultPath: '$.r' }, [fails('Boom'), returns(2)], { a: 1 }), expect: { status: 'SUCCEEDED', output: { a: 1, r: 2 } } },
  { id: 'jitter-full-still-retries', source: `${RETRY}: JitterStrategy FULL randomizes the interval, the retries still happen`, ...guarded({ Retry: [{ ErrorEquals: ['Boom'], JitterStrategy: 'FULL', IntervalSeconds: 60 }] }, [fails('Boom'), fails('Boom'), returns('ok')]), expect: { status: 'SUCCEEDED', output: 'ok' }, maxWallMs: 3000 },
];
