import type { ConformanceCase } from '../case';
import { match } from '../match';
import { chain, lit, one, runtimePrefix } from './build';

const W = 'DG "Wait workflow state"';
const REC = 'recorded AWS execution';

/** A Wait, then a Pass that reports when it was entered on the execution's clock. */
function waitThenClock(wait: Record<string, unknown>, input: unknown = {}) {
  return { definition: chain({ W: { Type: 'Wait', ...wait }, After: { Type: 'Pass', Parameters: { 'entered.$': '$$.State.EnteredTime' } } }), input };
}

export const wait: readonly ConformanceCase[] = [
  { id: 'seconds-passes-input', source: `${W}: Wait passes its input through`, definition: one({ Type: 'Wait', Seconds: 10 }), input: { a: 1 }, expect: { status: 'SUCCEEDED', output: { a: 1 } } },
  { id: 'one-hour-instant', source: `${W}: Seconds; virtual clock (issue 14): a 1-hour wait costs no wall time`, definition: one({ Type: 'Wait', Seconds: 3600 }), input: { a: 1 }, expect: { status: 'SUCCEEDED', output: { a: 1 } }, maxWallMs: 3000 },
  { id: 'one-hour-advances-clock', source: `${W}: Seconds; the next state is entered 3600 s later on the execution's clock`, ...waitThenClock({ Seconds: 3600 }), expect: { status: 'SUCCEEDED', output: { entered: match('^2024-01-01T01:00:00(\\.\\d+)?Z$') } }, maxWallMs: 3000 },
  { id: 'seconds-zero', source: `${W}: Seconds 0 (${REC}: SecondsPath 0 succeeds)`, definition: one({ Type: 'Wait', Seconds: 0 }), input: { a: 1 }, expect: { status: 'SUCCEEDED', output: { a: 1 } } },
  { id: 'timestamp-future-advances-clock', source: `${W}: Timestamp waits until that time`, ...waitThenClock({ Timestamp: '2024-01-01T02:30:00Z' }), expect: { status: 'SUCCEEDED', output: { entered: match('^2024-01-01T02:30:00(\\.\\d+)?Z$') } }, maxWallMs: 3000 },
  { id: 'timestamp-past-no-wait', source: `${W}: a Timestamp in the past does not wait`, ...waitThenClock({ Timestamp: '2016-03-14T01:59:00Z' }), expect: { status: 'SUCCEEDED', output: { entered: match('^2024-01-01T00:00:0\\d(\\.\\d+)?Z$') } } },
  { id: 'seconds-path', source: `${W}: SecondsPath reads the seconds from the input`, ...waitThenClock({ SecondsPath: '$.s' }, { s: 90 }), expect: { status: 'SUCCEEDED', output: { entered: match('^2024-01-01T00:01:30(\\.\\d+)?Z$') } }, maxWallMs: 3000 },
  { id: 'timestamp-path', source: `${W}: TimestampPath reads the time from the input`, ...waitThenClock({ TimestampPath: '$.t' }, { t: '2024-01-01T00:10:00Z' }), expect: { status: 'SUCCEEDED', output: { entered: match('^2024-01-01T00:10:00(\\.\\d+)?Z$') } }, maxWallMs: 3000 },
  { id: 'timestamp-path-fraction', source: `${W}: TimestampPath with fractional seconds (${REC}: ".000000Z" accepted)`, definition: one({ Type: 'Wait', TimestampPath: '$.t' }), input: { t: '2016-03-14T01:59:00.000000Z' }, expect: { status: 'SUCCEEDED', output: { t: '2016-03-14T01:59:00.000000Z' } } },
  {
    id: 'seconds-path-negative', source: `${W}: SecondsPath must be a non-negative integer (${REC} cause)`, definition: one({ Type: 'Wait', SecondsPath: '$.input.waitSeconds' }, 'WaitState'), input: { input: { waitSeconds: -1 } },
    expect: { status: 'FAILED', error: 'States.Runtime', cause: `${runtimePrefix('WaitState')}The SecondsPath parameter references a negative value: $.input.waitSeconds == -1` },
  },
  {
    id: 'seconds-path-fraction', source: `${W}: SecondsPath must be an integer (${REC} cause)`, definition: one({ Type: 'Wait', SecondsPath: '$.input.waitSeconds' }, 'WaitState'), input: { input: { waitSeconds: 1.5 } },
    expect: { status: 'FAILED', error: 'States.Runtime', cause: `${runtimePrefix('WaitState')}The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == 1.5` },
  },
  {
    id: 'seconds-path-missing', source: `${W}: SecondsPath must reference a value (${REC} cause)`, definition: one({ Type: 'Wait', SecondsPath: '$.input.waitSeconds' }, 'WaitState'), input: { input: {} },
    expect: { status: 'FAILED', error: 'States.Runtime', cause: `${runtimePrefix('WaitState')}The SecondsPath parameter does not reference an input value: $.input.waitSeconds` },
  },
  {
    id: 'seconds-path-string', source: `${W}: SecondsPath must be a number (assumed: same cause as for 1.5)`, definition: one({ Type: 'Wait', SecondsPath: '$.s' }, 'WaitState'), input: { s: 'ten' },
    expect: { status: 'FAILED', error: 'States.Runtime', causeMatches: `^${lit(runtimePrefix('WaitState'))}The SecondsPath parameter` },
  },
  {
    id: 'timestamp-path-no-zone', source: `${W}: TimestampPath needs an ISO-8601 offset date-time (${REC} cause)`, definition: one({ Type: 'Wait', TimestampPath: '$.TimestampValue' }, 'WaitUntil'), input: { TimestampValue: '2016-12-05T21:29:29' },
    expect: { status: 'FAILED', error: 'States.Runtime', cause: `${runtimePrefix('WaitUntil')}The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.TimestampValue == 2016-12-05T21:29:29` },
  },
  {
    id: 'timestamp-path-space', source: `${W}: TimestampPath with a space instead of T (${REC} cause)`, definition: one({ Type: 'Wait', TimestampPath: '$.TimestampValue' }, 'WaitUntil'), input: { TimestampValue: '2016-12-05 21:29:29Z' },
    expect: { status: 'FAILED', error: 'States.Runtime', cause: `${runtimePrefix('WaitUntil')}The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.TimestampValue == 2016-12-05 21:29:29Z` },
  },
  {
    id: 'timestamp-path-bad-hour', source: `${W}: TimestampPath with hour 25 (${REC} cause)`, definition: one({ Type: 'Wait', TimestampPath: '$.TimestampValue' }, 'WaitUntil'), input: { TimestampValue: '2016-12-05T25:29:29Z' },
    expect: { status: 'FAILED', error: 'States.Runtime', cause: `${runtimePrefix('WaitUntil')}The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.TimestampValue == 2016-12-05T25:29:29Z` },
  },
  {
    id: 'timestamp-path-bad-month', source: `${W}: TimestampPath with month 13 (${REC} cause)`, definition: one({ Type: 'Wait', TimestampPath: '$.TimestampValue' }, 'WaitUntil'), input: { TimestampValue: '2016-13-05T21:29:29Z' },
    expect: { status: 'FAILED', error: 'States.Runtime', cause: `${runtimePrefix('WaitUntil')}The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.TimestampValue == 2016-13-05T21:29:29Z` },
  },
  {
    id: 'runtime-not-caught', source: 'DG "Handling errors": States.Runtime cannot be caught; a Wait has no Catch anyway, the execution fails', definition: chain({ P: { Type: 'Parallel', Branches: [{ StartAt: 'W', States: { W: { Type: 'Wait', SecondsPath: '$.s', End: true } } }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }], End: true }, Caught: { Type: 'Pass', End: true } }), input: { s: -5 },
    expect: { status: 'FAILED', error: 'States.Runtime' },
  },
  { id: 'wait-inputpath-outputpath', source: `${W}: Wait supports InputPath and OutputPath`, definition: one({ Type: 'Wait', Seconds: 5, InputPath: '$.a', OutputPath: '$.b' }), input: { a: { b: 2 } }, expect: { status: 'SUCCEEDED', output: 2 } },
  { id: 'two-waits-add-up', source: `${W}: consecutive waits add up on the execution's clock`, definition: chain({ W1: { Type: 'Wait', Seconds: 1800 }, W2: { Type: 'Wait', Seconds: 1800 }, After: { Type: 'Pass', Parameters: { 'entered.$': '$$.State.EnteredTime' } } }), input: {}, expect: { status: 'SUCCEEDED', output: { entered: match('^2024-01-01T01:00:00(\\.\\d+)?Z$') } }, maxWallMs: 3000 },
  { id: 'wait-then-execution-timeout', source: 'DG "Amazon States Language state machine structure": TimeoutSeconds; a Wait 25 s in a 20 s execution times out (issue 14 README experiment)', definition: one({ Type: 'Wait', Seconds: 25 }, 'W', { TimeoutSeconds: 20 }), input: {}, expect: { status: 'TIMED_OUT' }, maxWallMs: 3000 },
  { id: 'wait-within-execution-timeout', source: 'DG "Amazon States Language state machine structure": TimeoutSeconds is not reached', definition: one({ Type: 'Wait', Seconds: 15 }, 'W', { TimeoutSeconds: 20 }), input: { ok: true }, expect: { status: 'SUCCEEDED', output: { ok: true } }, maxWallMs: 3000 },
  { id: 'history-wait', source: 'DG "Viewing execution history": WaitStateEntered/Exited', definition: one({ Type: 'Wait', Seconds: 1 }), input: {}, expect: { status: 'SUCCEEDED' }, history: { types: ['ExecutionStarted', 'WaitStateEntered', 'WaitStateExited', 'ExecutionSucceeded'] } },
];
