import type { ConformanceCase } from '../case';
import { match } from '../match';
import { chain, hang, one, returns, runtimePrefix, task } from './build';

const TASK = 'DG "Task workflow state", "Task state fields"';
const REC = 'recorded AWS execution';
const TOP = 'DG "Amazon States Language state machine structure": TimeoutSeconds';
const CALLBACK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';

export const timeouts: readonly ConformanceCase[] = [
  { id: 'task-timeout-fails', source: `${TASK}: TimeoutSeconds → States.Timeout; the execution fails with no cause (${REC})`, definition: one(task({ TimeoutSeconds: 5 }), 'T'), input: {}, taskResults: { T: [hang] }, expect: { status: 'FAILED', error: 'States.Timeout', cause: null }, maxWallMs: 3000 },
  { id: 'task-timeout-long-is-instant', source: `${TASK}: TimeoutSeconds; virtual clock (issue 14): a one-hour timeout costs no wall time`, definition: one(task({ TimeoutSeconds: 3600 }), 'T'), input: {}, taskResults: { T: [hang] }, expect: { status: 'FAILED', error: 'States.Timeout' }, maxWallMs: 3000 },
  { id: 'task-within-timeout', source: `${TASK}: a task that answers in time is not timed out`, definition: one(task({ TimeoutSeconds: 5 }), 'T'), input: {}, taskResults: { T: [returns('fast')] }, expect: { status: 'SUCCEEDED', output: 'fast' } },
  {
    id: 'task-timeout-caught', source: `${TASK}; DG "Handling errors": a caught States.Timeout's error output has an empty Cause (${REC})`,
    definition: chain({ T: task({ TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Handler' }] }), Final: { Type: 'Pass', End: true }, Handler: { Type: 'Pass', ResultPath: '$.error', End: true } }),
    input: { in: 1 }, taskResults: { T: [hang] }, expect: { status: 'SUCCEEDED', output: { Error: 'States.Timeout', Cause: '', error: { Error: 'States.Timeout', Cause: '' } } }, maxWallMs: 3000,
  },
  {
    id: 'task-timeout-not-task-failed', source: 'DG "Handling errors", "Error names": States.TaskFailed matches any error except States.Timeout',
    definition: chain({ T: task({ TimeoutSeconds: 5, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Wrong' }, { ErrorEquals: ['States.ALL'], Next: 'Right' }] }), Done: { Type: 'Pass', End: true }, Wrong: { Type: 'Pass', Result: 'task-failed', End: true }, Right: { Type: 'Pass', Result: 'all', End: true } }),
    input: {}, taskResults: { T: [hang] }, expect: { status: 'SUCCEEDED', output: 'all' }, maxWallMs: 3000,
  },
  {
    id: 'task-timeout-retried', source: 'DG "Handling errors", "Retrying after an error": States.Timeout can be retried',
    definition: one(task({ TimeoutSeconds: 5, Retry: [{ ErrorEquals: ['States.Timeout'], MaxAttempts: 1 }] }), 'T'), input: {}, taskResults: { T: [hang, returns('second')] }, expect: { status: 'SUCCEEDED', output: 'second' }, maxWallMs: 3000,
  },
  {
    id: 'task-timeout-retry-task-failed-does-not-apply', source: 'DG "Handling errors": a States.TaskFailed retrier does not retry States.Timeout',
    definition: one(task({ TimeoutSeconds: 5, Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 3 }] }), 'T'), input: {}, taskResults: { T: [hang, returns('second')] }, expect: { status: 'FAILED', error: 'States.Timeout' }, maxWallMs: 3000,
  },
  {
    id: 'timeout-advances-clock', source: `${TASK}: the timed-out task took TimeoutSeconds on the execution's clock`,
    definition: chain({ T: task({ TimeoutSeconds: 100, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'After' }], Next: 'After' }), After: { Type: 'Pass', Parameters: { 'entered.$': '$$.State.EnteredTime' }, End: true } }),
    input: {}, taskResults: { T: [hang] }, expect: { status: 'SUCCEEDED', output: { entered: match('^2024-01-01T00:01:40(\\.\\d+)?Z$') } }, maxWallMs: 3000,
  },
  { id: 'timeout-seconds-path', source: `${TASK}: TimeoutSecondsPath reads the timeout from the input`, definition: one(task({ TimeoutSecondsPath: '$.timeout' }), 'T'), input: { timeout: 5 }, taskResults: { T: [hang] }, expect: { status: 'FAILED', error: 'States.Timeout' }, maxWallMs: 3000 },
  {
    id: 'timeout-seconds-path-clock', source: `${TASK}: TimeoutSecondsPath; the timeout counts on the execution's clock`,
    definition: chain({ T: task({ TimeoutSecondsPath: '$.timeout', Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'After', ResultPath: null }], Next: 'After' }), After: { Type: 'Pass', Parameters: { 'entered.$': '$$.State.EnteredTime' }, End: true } }),
    input: { timeout: 30 }, taskResults: { T: [hang] }, expect: { status: 'SUCCEEDED', output: { entered: match('^2024-01-01T00:00:30(\\.\\d+)?Z$') } }, maxWallMs: 3000,
  },
  {
    id: 'timeout-seconds-path-missing', source: `${TASK}: TimeoutSecondsPath must select a value (${REC} cause)`, definition: one(task({ TimeoutSecondsPath: '$.NoSuchTimeoutSecondsPath' }), 'task'), input: {}, taskResults: { task: [returns(1)] },
    expect: { status: 'FAILED', error: 'States.Runtime', cause: `${runtimePrefix('task')}Invalid path '$.NoSuchTimeoutSecondsPath' : No results for path: $['NoSuchTimeoutSecondsPath']` },
  },
  {
    id: 'timeout-seconds-path-effective-input', source: 'assumed (issue 14): TimeoutSecondsPath is resolved against the effective input (after InputPath)',
    definition: one(task({ InputPath: '$.cfg', TimeoutSecondsPath: '$.timeout' }), 'T'), input: { cfg: { timeout: 5 } }, taskResults: { T: [hang] }, expect: { status: 'FAILED', error: 'States.Timeout' }, maxWallMs: 3000,
  },
  { id: 'heartbeat-timeout', source: `${TASK}: HeartbeatSeconds elapsed without a heartbeat → States.Timeout (${REC})`, definition: one({ Type: 'Task', Resource: CALLBACK, Parameters: { QueueUrl: 'q', MessageBody: { 'TaskToken.$': '$$.Task.Token' } }, TimeoutSeconds: 600, HeartbeatSeconds: 5 }, 'T'), input: {}, taskResults: { T: [hang] }, expect: { status: 'FAILED', error: 'States.Timeout' }, maxWallMs: 3000 },
  {
    id: 'heartbeat-timeout-clock', source: `${TASK}: HeartbeatSeconds fires before TimeoutSeconds (on the execution's clock)`,
    definition: chain({ T: { Type: 'Task', Resource: CALLBACK, Parameters: { QueueUrl: 'q', MessageBody: { 'TaskToken.$': '$$.Task.Token' } }, TimeoutSeconds: 600, HeartbeatSeconds: 45, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'After' }], Next: 'After' }, After: { Type: 'Pass', Parameters: { 'entered.$': '$$.State.EnteredTime' }, End: true } }),
    input: {}, taskResults: { T: [hang] }, expect: { status: 'SUCCEEDED', output: { entered: match('^2024-01-01T00:00:45(\\.\\d+)?Z$') } }, maxWallMs: 3000,
  },
  { id: 'heartbeat-seconds-path', source: `${TASK}: HeartbeatSecondsPath (${REC})`, definition: one({ Type: 'Task', Resource: CALLBACK, Parameters: { QueueUrl: 'q', MessageBody: { 'TaskToken.$': '$$.Task.Token' } }, TimeoutSeconds: 600, HeartbeatSecondsPath: '$.hb' }, 'T'), input: { hb: 5 }, taskResults: { T: [hang] }, expect: { status: 'FAILED', error: 'States.Timeout' }, maxWallMs: 3000 },
  { id: 'execution-timeout', source: `${TOP}: an execution running past TimeoutSeconds ends TIMED_OUT`, definition: one(task(), 'T', { TimeoutSeconds: 10 }), input: {}, taskResults: { T: [hang] }, expect: { status: 'TIMED_OUT' }, maxWallMs: 3000 },
  { id: 'execution-timeout-not-caught', source: `${TOP}: the execution's timeout is not a state error, no Catch applies`, definition: chain({ T: task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }] }), Done: { Type: 'Pass', End: true }, Caught: { Type: 'Pass', End: true } }, { TimeoutSeconds: 10 }), input: {}, taskResults: { T: [hang] }, expect: { status: 'TIMED_OUT' }, maxWallMs: 3000 },
  { id: 'execution-timeout-wait', source: `${TOP}: a Wait longer than the execution's TimeoutSeconds → TIMED_OUT`, definition: chain({ W: { Type: 'Wait', Seconds: 7200 }, P: { Type: 'Pass' } }, { TimeoutSeconds: 3600 }), input: {}, expect: { status: 'TIMED_OUT' }, maxWallMs: 3000 },
  { id: 'execution-timeout-retries', source: `${TOP}: retry intervals count toward the execution's TimeoutSeconds`, definition: one(task({ Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 60, MaxAttempts: 5, BackoffRate: 1 }] }), 'T', { TimeoutSeconds: 100 }), input: {}, taskResults: { T: [{ throw: { error: 'Boom', cause: 'again' } }] }, expect: { status: 'TIMED_OUT' }, maxWallMs: 3000 },
  { id: 'task-timeout-before-execution-timeout', source: `${TASK}; ${TOP}: the shorter timeout wins`, definition: one(task({ TimeoutSeconds: 5 }), 'T', { TimeoutSeconds: 60 }), input: {}, taskResults: { T: [hang] }, expect: { status: 'FAILED', error: 'States.Timeout' }, maxWallMs: 3000 },
  { id: 'history-task-timeout', source: `DG "Viewing execution history": a service task's timeout records TaskTimedOut (${REC})`, definition: one({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'fn', Payload: {} }, TimeoutSeconds: 5 }, 'T'), input: {}, taskResults: { T: [hang] }, expect: { status: 'FAILED', error: 'States.Timeout' }, history: { types: ['ExecutionStarted', 'TaskStateEntered', 'TaskScheduled', 'TaskStarted', 'TaskTimedOut', 'ExecutionFailed'] }, maxWallMs: 3000 },
];
