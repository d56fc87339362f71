import type { ConformanceCase } from '../case';
import { chain, lit, one, runtimePrefix } from './build';

const FAIL = 'DG "Fail workflow state"';
const SUCC = 'DG "Succeed workflow state"';
const REC = 'recorded AWS execution';

export const failSucceed: readonly ConformanceCase[] = [
  { id: 'fail-error-cause', source: `${FAIL}: Error and Cause`, definition: one({ Type: 'Fail', Error: 'ErrorA', Cause: 'Kaiju attack' }), input: {}, expect: { status: 'FAILED', error: 'ErrorA', cause: 'Kaiju attack' } },
  { id: 'fail-no-error-no-cause', source: `${FAIL}: Error and Cause are optional; the execution has neither`, definition: one({ Type: 'Fail' }), input: {}, expect: { status: 'FAILED', error: null, cause: null } },
  { id: 'fail-error-only', source: `${FAIL}: Error without Cause (${REC})`, definition: one({ Type: 'Fail', Error: 'FailureType' }), input: {}, expect: { status: 'FAILED', error: 'FailureType', cause: null } },
  { id: 'fail-cause-only', source: `${FAIL}: Cause without Error (${REC})`, definition: one({ Type: 'Fail', Cause: 'This failed to due an Exception.' }), input: {}, expect: { status: 'FAILED', error: null, cause: 'This failed to due an Exception.' } },
  { id: 'fail-error-path', source: `${FAIL}: ErrorPath and CausePath read the input`, definition: one({ Type: 'Fail', ErrorPath: '$.e', CausePath: '$.c' }), input: { e: 'Dyn.Error', c: 'dynamic cause' }, expect: { status: 'FAILED', error: 'Dyn.Error', cause: 'dynamic cause' } },
  { id: 'fail-cause-path-intrinsic', source: `${FAIL}: CausePath may be an intrinsic (States.Format) (${REC})`, definition: one({ Type: 'Fail', ErrorPath: '$.Error', CausePath: "States.Format('This is a custom error message for {}, caused by {}.', $.Error, $.Cause)" }), input: { Error: 'error string', Cause: 'cause string' }, expect: { status: 'FAILED', error: 'error string', cause: 'This is a custom error message for error string, caused by cause string.' } },
  {
    id: 'fail-error-path-missing', source: `${FAIL}: ErrorPath that selects nothing → States.Runtime (${REC} cause)`, definition: chain({ pass: { Type: 'Pass' }, fail: { Type: 'Fail', ErrorPath: '$.ErrorX', Cause: 'c' } }), input: { Error: 'E' },
    expect: { status: 'FAILED', error: 'States.Runtime', causeMatches: `^${lit(`${runtimePrefix('fail', 4)}The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '`)}` },
  },
  {
    id: 'fail-cause-path-missing', source: `${FAIL}: CausePath that selects nothing → States.Runtime (${REC} cause)`, definition: chain({ pass: { Type: 'Pass' }, fail: { Type: 'Fail', Error: 'E', CausePath: '$.NoSuchCausePath' } }), input: {},
    expect: { status: 'FAILED', error: 'States.Runtime', causeMatches: `^${lit(`${runtimePrefix('fail', 4)}The JSONPath '$.NoSuchCausePath' specified for the field 'CausePath' could not be found in the input '`)}` },
  },
  { id: 'fail-after-states', source: `${FAIL}: a Fail state ends the execution whatever came before`, definition: chain({ A: { Type: 'Pass', Result: 1 }, F: { Type: 'Fail', Error: 'Late', Cause: 'end' } }), input: {}, expect: { status: 'FAILED', error: 'Late', cause: 'end' } },
  { id: 'fail-in-choice-default', source: `${FAIL}: reached from a Choice Default`, definition: chain({ C: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Good' }], Default: 'Bad' }, Good: { Type: 'Succeed' }, Bad: { Type: 'Fail', Error: 'NotOk', Cause: 'ok was not true' } }), input: { ok: false }, expect: { status: 'FAILED', error: 'NotOk', cause: 'ok was not true' } },
  { id: 'fail-error-states-prefix', source: `${FAIL}: a Fail state may use a States.-prefixed name`, definition: one({ Type: 'Fail', Error: 'States.TaskFailed', Cause: 'custom' }), input: {}, expect: { status: 'FAILED', error: 'States.TaskFailed', cause: 'custom' } },
  { id: 'fail-history', source: `${FAIL}; DG "Viewing execution history": FailStateEntered, then ExecutionFailed (no FailStateExited)`, definition: one({ Type: 'Fail', Error: 'E', Cause: 'C' }), input: {}, expect: { status: 'FAILED' }, history: { types: ['ExecutionStarted', 'FailStateEntered', 'ExecutionFailed'] } },
  { id: 'succeed-passes-input', source: `${SUCC}: the output is the input`, definition: one({ Type: 'Succeed' }), input: { a: 1 }, expect: { status: 'SUCCEEDED', output: { a: 1 } } },
  { id: 'succeed-inputpath', source: `${SUCC}: InputPath`, definition: one({ Type: 'Succeed', InputPath: '$.a' }), input: { a: { b: 1 } }, expect: { status: 'SUCCEEDED', output: { b: 1 } } },
  { id: 'succeed-outputpath', source: `${SUCC}: OutputPath`, definition: one({ Type: 'Succeed', OutputPath: '$.b' }), input: { a: 1, b: 2 }, expect: { status: 'SUCCEEDED', output: 2 } },
  { id: 'succeed-after-pass', source: `${SUCC}: ends the execution successfully`, definition: chain({ A: { Type: 'Pass', Result: { done: true } }, S: { Type: 'Succeed' } }), input: {}, expect: { status: 'SUCCEEDED', output: { done: true } } },
  { id: 'succeed-in-choice', source: `${SUCC}: a Choice branch target`, definition: chain({ C: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Good' }], Default: 'Bad' }, Good: { Type: 'Succeed' }, Bad: { Type: 'Fail' } }), input: { ok: true }, expect: { status: 'SUCCEEDED', output: { ok: true } } },
  { id: 'succeed-in-map-iteration-ends-iteration', source: `${SUCC}: in an iteration it ends only the iteration`, definition: chain({ M: { Type: 'Map', ItemsPath: '$.l', ItemProcessor: { StartAt: 'S', States: { S: { Type: 'Succeed' } } } }, After: { Type: 'Pass', Result: 'after map' } }), input: { l: [1, 2] }, expect: { status: 'SUCCEEDED', output: 'after map' } },
  { id: 'fail-in-map-iteration-fails-execution', source: `${FAIL}: a Fail in an iteration fails the Map state and the execution`, definition: one({ Type: 'Map', ItemsPath: '$.l', ItemProcessor: { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'InMap', Cause: 'iteration failed' } } } }), input: { l: [1] }, expect: { status: 'FAILED', error: 'InMap', cause: 'iteration failed' } },
  { id: 'succeed-history', source: `${SUCC}; DG "Viewing execution history": SucceedStateEntered/Exited`, definition: one({ Type: 'Succeed' }), input: {}, expect: { status: 'SUCCEEDED' }, history: { types: ['ExecutionStarted', 'SucceedStateEntered', 'SucceedStateExited', 'ExecutionSucceeded'] } },
];
